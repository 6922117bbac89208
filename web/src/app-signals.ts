import { isDmChannelType } from '../../src/models/index.js';
import type { App } from './app.js';
import { displayName } from './format.js';
import type { ConnectionBanner } from './views/connection-banner.js';

/** Turns each store signal into the smallest re-render that names it. */
export function wireSignals(app: App): void {
  const store = app.store;
  store.on('spacesUpdated', () => {
    app.rail.render();
    if (app.showingDms()) return;
    const selected = app.selectedSpaceId();
    if (selected && store.space(selected)) {
      app.spaceName.textContent = store.space(selected)?.name ?? '';
      return;
    }
    // The selected space went away (I left, or it was deleted), or one appeared while none was.
    app.clearSelection();
    const next = store.spaces()[0];
    if (next) {
      app.selectSpace(next.id);
      return;
    }
    app.renderSpace();
    app.closeChannel();
  });
  store.on('channelsUpdated', (spaceId) => {
    app.rail.updateSpace(spaceId);
    if (spaceId !== app.selectedSpaceId()) return;
    app.channelList.render();
    const current = store.currentChannelId;
    if (current && !store.channel(current)) app.selectSpace(spaceId);
    else app.header.render();
  });
  store.on('messagesUpdated', (channelId) => {
    if (channelId === store.currentChannelId) {
      endTypingForNewest(app, channelId);
      app.messageList.render();
    }
    app.thread.messagesUpdated(channelId);
    app.channelList.updateChannel(channelId);
    const channel = store.channel(channelId);
    if (channel && isDmChannelType(channel.type)) app.rail.updateDms();
    else if (channel?.space_id) app.rail.updateSpace(channel.space_id);
  });
  store.on('threadUpdated', (parentId) => app.thread.threadUpdated(parentId));
  store.on('threadTypingUpdated', (threadId) => app.thread.threadTypingUpdated(threadId));
  store.on('dmChannelsUpdated', () => {
    app.rail.updateDms();
    if (!app.showingDms()) return;
    app.channelList.render();
    if (store.currentChannelId === null) app.selectDms();
  });
  store.on('typingStarted', (channelId, username) => app.typing.started(channelId, username));
  store.on('typingStopped', (channelId) => app.typing.stopped(channelId));
  store.on('membersUpdated', (spaceId) => {
    if (spaceId === app.selectedSpaceId()) app.members.render();
  });
  store.on('userUpdated', (userId) => {
    const spaceId = app.selectedSpaceId();
    if (spaceId && store.member(spaceId, userId)) app.members.render();
    if (store.connections.some((conn) => conn.user?.id === userId)) app.userPanel.render();
    const current = store.currentChannelId;
    if (current && store.messages(current).some((m) => m.author_id === userId)) app.messageList.render();
  });
  store.on('reauthNeeded', (connIndex) => {
    const conn = store.connections.find((c) => c.index === connIndex);
    if (!conn) return;
    app.banner.set(conn.index, app.connectionLabel(conn), { kind: 'disconnected', code: 401, reason: 'the server refused the credentials; sign in again' });
    app.rail.updateConnection(conn);
  });
  store.on('voiceStateUpdated', (channelId) => app.channelList.updateChannel(channelId));
  store.on('serverDisconnected', (spaceId, code, reason) => {
    onLinkChange(app, spaceId, { kind: 'disconnected', code, reason });
  });
  store.on('serverReconnecting', (spaceId, attempt, max) => {
    onLinkChange(app, spaceId, { kind: 'reconnecting', attempt, max });
  });
  store.on('serverReconnected', (spaceId) => onLinkChange(app, spaceId, { kind: 'reconnected' }));
}

function onLinkChange(app: App, spaceId: string, state: Parameters<ConnectionBanner['set']>[2]): void {
  const conn = app.connectionForSpace(spaceId);
  if (!conn) return;
  app.banner.set(conn.index, app.connectionLabel(conn), state);
  app.rail.updateConnection(conn);
  app.userPanel.render();
}

/** The newest message's author has stopped typing, whatever the timer says. */
function endTypingForNewest(app: App, channelId: string): void {
  const newest = app.store.messages(channelId).at(-1);
  if (newest) app.typing.messageFrom(channelId, displayName(app.store.user(newest.author_id), newest.author_id));
}
