import { isDmChannelType } from '../../src/models/index.js';
import type { PresenceStatus } from '../../src/protocol/index.js';
import { AccordStore, type ServerConnection } from '../../src/state/index.js';
import { wireSignals } from './app-signals.js';
import type { AppContext } from './context.js';
import { h, replaceChildren } from './dom.js';
import { fetchDemoLogins } from './demo-logins.js';
import { labelFor } from './format.js';
import { OwnPresence } from './own-presence.js';
import { dmName, spaceIdsOf } from './reads.js';
import { serverOptionsFor } from './sign-in.js';
import { ChannelList, groupChannels, isTextLike } from './views/channel-list.js';
import { ChatHeader } from './views/chat-header.js';
import { Composer } from './views/composer.js';
import { ConnectionBanner } from './views/connection-banner.js';
import { HistoryPager } from './views/history-pager.js';
import { LoginDialog, type LoginRequest } from './views/login-dialog.js';
import { MemberList } from './views/member-list.js';
import { MessageList } from './views/message-list.js';
import { ServerRail } from './views/server-rail.js';
import { ThreadPanel } from './views/thread-panel.js';
import { TypingIndicator } from './views/typing-indicator.js';
import { UserPanel } from './views/user-panel.js';
import { Writes } from './writes.js';

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
 * The browser client: owns the store and the UI state (which space is selected); app-signals.ts
 * turns each store signal into the smallest re-render that names it, and every write goes through
 * a store action (writes.ts).
 */
export class App implements AppContext {
  readonly store: AccordStore;
  private sidebar: SidebarView = null;
  private lastDm: string | null = null;
  private readonly lastChannelBySpace = new Map<string, string>();
  private readonly labels = new Map<ServerConnection, { full: string; short: string }>();
  private readonly loadedHistory = new Set<string>();
  private readonly ownPresence = new OwnPresence();
  private readonly writes: Writes;
  private readonly shell = h('div', { className: 'shell', testId: 'app' });

  // The views, for app-signals.ts.
  readonly rail = new ServerRail(this);
  readonly spaceName = h('h2', { className: 'space-name', testId: 'space-name' });
  readonly channelList = new ChannelList(this);
  readonly userPanel = new UserPanel(this);
  readonly banner = new ConnectionBanner();
  readonly header = new ChatHeader(this);
  readonly messageList: MessageList;
  readonly history = new HistoryPager(this);
  readonly thread: ThreadPanel;
  readonly typing = new TypingIndicator();
  private readonly composer: Composer;
  readonly members = new MemberList(this);
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
    const writes = new Writes(this.store, this.ownPresence);
    this.writes = writes;
    this.thread = new ThreadPanel(this, writes, (open) => this.shell.classList.toggle('thread-open', open));
    this.messageList = new MessageList(
      this,
      {
        toggleReaction: (message, emoji, mine) => writes.toggleReaction(message, emoji, mine),
        remove: (message) => writes.remove(message),
        saveEdit: (message, content) => writes.edit(message, content),
        retry: (message) => writes.retry(message),
        discard: (message) => writes.discard(message),
        openThread: (message) => this.thread.open(message),
      },
      {
        testId: 'message-list',
        label: 'Messages',
        read: (channelId) => this.store.messages(channelId),
        header: (channelId) => this.history.header(channelId),
        emptyText: 'No messages yet. Say hello!',
      },
    );
    this.history.attach(this.messageList);
    this.composer = new Composer(this, {
      send: (channelId, content) => writes.send(channelId, content),
      typing: (channelId) => writes.typing(channelId),
    });
    this.login = new LoginDialog(options.baseUrl, (request) => this.connect(request));
    this.mount();
    wireSignals(this);
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

  setPresence(status: PresenceStatus): void {
    this.writes.setPresence(status);
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
    const conn = this.store.addServer(await serverOptionsFor(request));
    this.ownPresence.track(conn);
    this.labels.set(conn, labelFor(request.baseUrl, this.options.baseUrl));
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
    replaceChildren(this.shell, this.rail.el, sidebar, chat, this.members.el, this.thread.el);
    replaceChildren(this.root, this.shell, this.login.el);
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

  renderSpace(): void {
    const spaceId = this.selectedSpaceId();
    const space = spaceId ? this.store.space(spaceId) : undefined;
    this.spaceName.textContent = this.showingDms() ? 'Direct messages' : (space?.name ?? 'No space');
    this.channelList.render();
    this.members.render();
    this.userPanel.render();
  }

  /** The selected space went away: nothing is selected until the next selectSpace. */
  clearSelection(): void {
    this.sidebar = null;
  }

  /** No channel open: nothing is read meanwhile, and the header no longer names the last one. */
  closeChannel(): void {
    this.store.currentChannelId = null;
    this.showChannel(null);
  }

  private showChannel(channelId: string | null): void {
    this.header.render();
    this.history.show(channelId);
    this.thread.channelShown(channelId);
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
}
