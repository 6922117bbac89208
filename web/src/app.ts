import { isDmChannelType, type Message } from '../../src/models/index.js';
import { AccordRest } from '../../src/rest/index.js';
import { AccordStore, type ServerConnection } from '../../src/state/index.js';
import type { AppContext } from './context.js';
import { h, replaceChildren } from './dom.js';
import { fetchDemoLogins } from './demo-logins.js';
import { displayName, labelFor } from './format.js';
import { OwnPresence } from './own-presence.js';
import { dmName, spaceIdsOf } from './reads.js';
import { ChannelList, groupChannels, isTextLike } from './views/channel-list.js';
import { ChatHeader } from './views/chat-header.js';
import { Composer } from './views/composer.js';
import { ConnectionBanner } from './views/connection-banner.js';
import { LoginDialog, type LoginRequest } from './views/login-dialog.js';
import { MemberList } from './views/member-list.js';
import { MessageList } from './views/message-list.js';
import { ServerRail } from './views/server-rail.js';
import { TypingIndicator } from './views/typing-indicator.js';
import { UserPanel } from './views/user-panel.js';

/** The sidebar lists the direct messages (then no space is selected). */
const DMS = Symbol('direct messages');

/** What the sidebar lists: a space's channels (its id), the direct messages, or nothing yet. */
type SidebarView = string | typeof DMS | null;

export interface AppOptions {
  /** The page's own server (where demo logins come from). */
  baseUrl: string;
  typingTimeoutMs?: number;
  messageCap?: number;
}

/**
 * The browser client: owns the store and the UI state (which space is selected), and turns each
 * store signal into the smallest re-render that names it.
 */
export class App implements AppContext {
  readonly store: AccordStore;
  private sidebar: SidebarView = null;
  private lastDm: string | null = null;
  private readonly lastChannelBySpace = new Map<string, string>();
  private readonly labels = new Map<ServerConnection, { full: string; short: string }>();
  private readonly loadedHistory = new Set<string>();
  /** REST for my own actions (send, edit, react…), one per connection, with that connection's token. */
  private readonly rests = new Map<ServerConnection, AccordRest>();
  private readonly ownPresence = new OwnPresence();

  private readonly rail = new ServerRail(this);
  private readonly spaceName = h('h2', { className: 'space-name', testId: 'space-name' });
  private readonly channelList = new ChannelList(this);
  private readonly userPanel = new UserPanel(this);
  private readonly banner = new ConnectionBanner();
  private readonly header = new ChatHeader(this);
  private readonly messageList: MessageList;
  private readonly typing = new TypingIndicator();
  private readonly composer: Composer;
  private readonly members = new MemberList(this);
  private readonly login: LoginDialog;

  constructor(
    private readonly root: HTMLElement,
    private readonly options: AppOptions,
  ) {
    this.store = new AccordStore({
      WebSocket: globalThis.WebSocket,
      ...(options.typingTimeoutMs !== undefined ? { typingTimeoutMs: options.typingTimeoutMs } : {}),
      ...(options.messageCap !== undefined ? { messageCap: options.messageCap } : {}),
    });
    this.messageList = new MessageList(this, {
      toggleReaction: (message, emoji, mine) => void this.toggleReaction(message, emoji, mine),
      edit: () => undefined,
      remove: (message) => void this.withRest(message.channel_id, (rest) => rest.deleteMessage(message.channel_id, message.id)),
      saveEdit: (message, content) => this.withRest(message.channel_id, (rest) => rest.editMessage(message.channel_id, message.id, { content })),
    });
    this.composer = new Composer(this, {
      send: (channelId, content) => this.withRest(channelId, (rest) => rest.createMessage(channelId, { content })),
      typing: (channelId) => this.withRest(channelId, (rest) => rest.triggerTyping(channelId)),
    });
    this.login = new LoginDialog(options.baseUrl, (request) => this.connect(request));
    this.mount();
    this.wireSignals();
    addEventListener('pagehide', (event) => {
      if (!event.persisted) this.ownPresence.releaseAll();
    });
  }

  // ---- AppContext -------------------------------------------------------------------------

  selectedSpaceId(): string | null {
    return typeof this.sidebar === 'string' ? this.sidebar : null;
  }

  selectSpace(spaceId: string): void {
    this.showSidebar(spaceId);
    const remembered = this.lastChannelBySpace.get(spaceId);
    const first = groupChannels(this.store.channels(spaceId))
      .flatMap((group) => group.channels)
      .find((channel) => isTextLike(channel));
    const target = remembered ?? first?.id;
    if (target) this.openChannel(target);
    else this.closeChannel();
  }

  showingDms(): boolean {
    return this.sidebar === DMS;
  }

  /** Shows the direct messages and opens the last one read (else the most recent). */
  selectDms(): void {
    this.showSidebar(DMS);
    const dms = this.store.dmChannels();
    const target = dms.find((dm) => dm.id === this.lastDm) ?? dms[0];
    if (target) this.openChannel(target.id);
    else this.closeChannel();
  }

  openChannel(channelId: string): void {
    const channel = this.store.channel(channelId);
    if (channel?.type === 'voice') {
      this.toggleVoice(channelId);
      return;
    }
    if (!channel) return;
    const dm = isDmChannelType(channel.type);
    if (!dm && !isTextLike(channel)) return;
    const previous = this.store.currentChannelId;
    const view: SidebarView = dm ? DMS : channel.space_id;
    if (view !== null && view !== this.sidebar) this.showSidebar(view);
    this.store.currentChannelId = channelId;
    if (dm) this.lastDm = channelId;
    else if (channel.space_id) this.lastChannelBySpace.set(channel.space_id, channelId);
    if (previous && previous !== channelId) this.channelList.updateChannel(previous);
    this.channelList.updateChannel(channelId);
    this.updateRailButton(view);
    this.showChannel(channelId);
    void this.loadHistory(channelId);
  }

  connectionForSpace(spaceId: string): ServerConnection | undefined {
    return this.store.connections.find((conn) => spaceIdsOf(conn).includes(spaceId));
  }

  connectionForChannel(channelId: string): ServerConnection | undefined {
    return this.store.connectionOf(channelId);
  }

  connectionLabel(conn: ServerConnection, short = false): string {
    const label = this.labels.get(conn);
    if (!label) return `server ${conn.index + 1}`;
    return short ? label.short : label.full;
  }

  openLogin(): void {
    this.login.open({ dismissible: this.store.connections.length > 0 });
  }

  // ---- start-up ------------------------------------------------------------------------------

  async start(autoLogin: string | null): Promise<void> {
    const logins = await fetchDemoLogins(this.options.baseUrl);
    this.login.setDemoLogins(logins);
    const chosen = autoLogin ? logins.find((login) => login.username === autoLogin) : undefined;
    if (chosen) {
      await this.connect({ baseUrl: this.options.baseUrl, kind: 'token', token: chosen.token, tokenType: 'Bearer' });
      return;
    }
    this.openLogin();
  }

  /** Signs in (if asked by password), adds the server to the store and shows its first space. */
  async connect(request: LoginRequest): Promise<void> {
    let token: string;
    let tokenType: 'Bearer' | 'Bot';
    if (request.kind === 'password') {
      const session = await AccordRest.login(request.baseUrl, { username: request.username, password: request.password });
      token = session.token;
      tokenType = 'Bearer';
    } else {
      token = request.token;
      tokenType = request.tokenType;
    }
    const conn = this.store.addServer({ baseUrl: request.baseUrl, token, tokenType, WebSocket: globalThis.WebSocket });
    this.ownPresence.track(conn);
    this.labels.set(conn, labelFor(request.baseUrl, this.options.baseUrl));
    this.rests.set(conn, new AccordRest({ baseUrl: request.baseUrl, token, tokenType }));
    this.rail.render();
    try {
      await conn.ready;
    } catch (error) {
      await this.forget(conn);
      throw error instanceof Error ? error : new Error(String(error));
    }
    this.root.dataset['connected'] = 'true';
    this.rail.render();
    const firstSpace = spaceIdsOf(conn)[0];
    if (!this.selectedSpaceId() && firstSpace) this.selectSpace(firstSpace);
    else this.userPanel.render();
  }

  /** Gives my presence back (see OwnPresence), then ends the session with a Close frame. */
  async signOut(conn: ServerConnection): Promise<void> {
    await this.forget(conn);
    this.userPanel.render();
    if (this.store.connections.length > 0) return;
    this.root.dataset['connected'] = 'false';
    this.openLogin();
  }

  private async forget(conn: ServerConnection): Promise<void> {
    await this.ownPresence.release(conn);
    await this.store.removeServer(conn);
    this.labels.delete(conn);
    this.rests.delete(conn);
    this.rail.render();
  }

  // ---- rendering -----------------------------------------------------------------------------

  private mount(): void {
    const sidebar = h(
      'aside',
      { className: 'sidebar', attrs: { 'aria-label': 'Space' } },
      h('header', { className: 'sidebar-header' }, this.spaceName),
      this.channelList.el,
      this.userPanel.el,
    );
    const chat = h(
      'main',
      { className: 'chat' },
      this.banner.el,
      this.header.el,
      this.messageList.el,
      h('div', { className: 'chat-footer' }, this.typing.el, this.composer.el),
    );
    replaceChildren(this.root, h('div', { className: 'shell', testId: 'app' }, this.rail.el, sidebar, chat, this.members.el), this.login.el);
    this.rail.render();
    this.renderSpace();
    this.showChannel(null);
    document.addEventListener('keydown', (event) => this.onGlobalKey(event));
  }

  /** Switches what the sidebar lists, refreshing the rail buttons whose selection changed. */
  private showSidebar(view: SidebarView): void {
    const previous = this.sidebar;
    this.sidebar = view;
    if (previous !== view) this.updateRailButton(previous);
    this.updateRailButton(view);
    this.renderSpace();
  }

  private updateRailButton(view: SidebarView): void {
    if (view === DMS) this.rail.updateDms();
    else if (view !== null) this.rail.updateSpace(view);
  }

  private renderSpace(): void {
    const spaceId = this.selectedSpaceId();
    const space = spaceId ? this.store.space(spaceId) : undefined;
    this.spaceName.textContent = this.showingDms() ? 'Direct messages' : (space?.name ?? 'No space');
    this.channelList.render();
    this.members.render();
    this.userPanel.render();
  }

  /** No channel open: nothing is read meanwhile, and the header no longer names the last one. */
  private closeChannel(): void {
    this.store.currentChannelId = null;
    this.showChannel(null);
  }

  private showChannel(channelId: string | null): void {
    this.header.render();
    this.messageList.show(channelId);
    this.typing.show(channelId);
    this.composer.show(channelId);
    this.updateTitle();
  }

  private updateTitle(): void {
    const channelId = this.store.currentChannelId;
    const channel = channelId ? this.store.channel(channelId) : undefined;
    const spaceId = this.selectedSpaceId();
    const space = spaceId ? this.store.space(spaceId) : undefined;
    if (channel && isDmChannelType(channel.type)) document.title = `@${dmName(this.store, channel)} — Accord`;
    else document.title = channel ? `#${channel.name ?? ''} · ${space?.name ?? ''} — Accord` : 'Accord';
  }

  private wireSignals(): void {
    const store = this.store;
    store.on('spacesUpdated', () => {
      this.rail.render();
      if (this.showingDms()) return;
      const selected = this.selectedSpaceId();
      if (selected && store.space(selected)) {
        this.spaceName.textContent = store.space(selected)?.name ?? '';
        return;
      }
      // The selected space went away (I left, or it was deleted), or one appeared while none was.
      this.sidebar = null;
      const next = store.spaces()[0];
      if (next) {
        this.selectSpace(next.id);
        return;
      }
      this.renderSpace();
      this.closeChannel();
    });
    store.on('channelsUpdated', (spaceId) => {
      this.rail.updateSpace(spaceId);
      if (spaceId !== this.selectedSpaceId()) return;
      this.channelList.render();
      const current = store.currentChannelId;
      if (current && !store.channel(current)) this.selectSpace(spaceId);
      else this.header.render();
    });
    store.on('messagesUpdated', (channelId) => {
      if (channelId === store.currentChannelId) {
        this.endTypingForNewest(channelId);
        this.messageList.render();
      }
      this.channelList.updateChannel(channelId);
      const channel = store.channel(channelId);
      if (channel && isDmChannelType(channel.type)) this.rail.updateDms();
      else if (channel?.space_id) this.rail.updateSpace(channel.space_id);
    });
    store.on('dmChannelsUpdated', () => {
      this.rail.updateDms();
      if (!this.showingDms()) return;
      this.channelList.render();
      if (store.currentChannelId === null) this.selectDms();
    });
    store.on('typingStarted', (channelId, username) => this.typing.started(channelId, username));
    store.on('typingStopped', (channelId) => this.typing.stopped(channelId));
    store.on('membersUpdated', (spaceId) => {
      if (spaceId === this.selectedSpaceId()) this.members.render();
    });
    store.on('userUpdated', (userId) => {
      const spaceId = this.selectedSpaceId();
      if (spaceId && store.member(spaceId, userId)) this.members.render();
      if (this.store.connections.some((conn) => conn.user?.id === userId)) this.userPanel.render();
      const current = store.currentChannelId;
      if (current && store.messages(current).some((m) => m.author_id === userId)) this.messageList.render();
    });
    store.on('reauthNeeded', (connIndex) => {
      const conn = store.connections.find((c) => c.index === connIndex);
      if (!conn) return;
      this.banner.set(conn.index, this.connectionLabel(conn), { kind: 'disconnected', code: 401, reason: 'the server refused the credentials; sign in again' });
      this.rail.updateConnection(conn);
    });
    store.on('voiceStateUpdated', (channelId) => this.channelList.updateChannel(channelId));
    store.on('serverDisconnected', (spaceId, code, reason) => {
      this.onLinkChange(spaceId, { kind: 'disconnected', code, reason });
    });
    store.on('serverReconnecting', (spaceId, attempt, max) => {
      this.onLinkChange(spaceId, { kind: 'reconnecting', attempt, max });
    });
    store.on('serverReconnected', (spaceId) => this.onLinkChange(spaceId, { kind: 'reconnected' }));
  }

  private onLinkChange(spaceId: string, state: Parameters<ConnectionBanner['set']>[2]): void {
    const conn = this.connectionForSpace(spaceId);
    if (!conn) return;
    this.banner.set(conn.index, this.connectionLabel(conn), state);
    this.rail.updateConnection(conn);
    this.userPanel.render();
  }

  /** The newest message's author has stopped typing, whatever the timer says. */
  private endTypingForNewest(channelId: string): void {
    const newest = this.store.messages(channelId).at(-1);
    if (newest) this.typing.messageFrom(channelId, displayName(this.store.user(newest.author_id), newest.author_id));
  }

  private onGlobalKey(event: KeyboardEvent): void {
    // Alt+ArrowUp / Alt+ArrowDown switch channels from anywhere, as desktop chat clients do.
    const spaceId = this.selectedSpaceId();
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || !spaceId) return;
    const channels = groupChannels(this.store.channels(spaceId))
      .flatMap((group) => group.channels)
      .filter((channel) => isTextLike(channel));
    const index = channels.findIndex((channel) => channel.id === this.store.currentChannelId);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const next = channels[(index + step + channels.length) % channels.length];
    if (!next) return;
    event.preventDefault();
    this.openChannel(next.id);
    this.channelList.focusCurrent();
  }

  // ---- actions -------------------------------------------------------------------------------

  /** Clicking a voice channel joins it (op 9; no media here), clicking it again leaves. */
  private toggleVoice(channelId: string): void {
    const me = this.connectionForChannel(channelId)?.user?.id;
    const inIt = me !== undefined && this.store.voiceStates(channelId).some((state) => state.user_id === me);
    try {
      if (inIt) this.store.leaveVoice();
      else this.store.joinVoice(channelId);
    } catch {
      // not connected right now: the banner already says so
    }
  }

  private async loadHistory(channelId: string): Promise<void> {
    if (this.loadedHistory.has(channelId)) return;
    this.loadedHistory.add(channelId);
    try {
      await this.store.fetchMessages(channelId);
    } catch {
      this.loadedHistory.delete(channelId);
    }
  }

  private async toggleReaction(message: Message, emoji: string, mine: boolean): Promise<void> {
    await this.withRest(message.channel_id, (rest) =>
      mine ? rest.removeReaction(message.channel_id, message.id, emoji) : rest.addReaction(message.channel_id, message.id, emoji),
    );
  }

  private async withRest(channelId: string, call: (rest: AccordRest) => Promise<unknown>): Promise<void> {
    const conn = this.connectionForChannel(channelId);
    const rest = conn ? this.rests.get(conn) : undefined;
    if (!rest) throw new Error('not connected to the server of this channel');
    await call(rest);
  }
}
