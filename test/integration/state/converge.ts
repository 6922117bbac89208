import type { AccordServer } from '../../../src/server/index.js';
import type { AccordRest } from '../../../src/rest/index.js';
import type { AccordStore } from '../../../src/state/index.js';
import type { Channel, Member, Message, Role } from '../../../src/models/index.js';

/** Polls until `check` returns true; fails with `what` after `timeoutMs` (a bound, not a measurement). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id.length - b.id.length) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function messageView(message: Message) {
  return {
    id: message.id,
    author_id: message.author_id,
    content: message.content,
    edited_at: message.edited_at,
    reactions: (message.reactions ?? []).map((r) => ({ name: r.emoji.name, count: r.count, me: r.me })).sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

const memberView = (m: Member) => ({ user_id: m.user_id, nickname: m.nickname, roles: [...m.roles].sort() });
const channelView = (c: Channel) => ({ id: c.id, name: c.name, type: c.type, position: c.position, parent_id: c.parent_id, topic: c.topic });
const roleView = (r: Role) => ({ id: r.id, name: r.name, position: r.position });

export interface Scope {
  spaceId: string;
  channelIds: string[];
  voiceChannelIds?: string[];
}

/** What the store holds for the scope, in a comparable shape. */
export function storeView(store: AccordStore, scope: Scope) {
  return {
    channels: store.channels(scope.spaceId).map(channelView).sort(byId),
    members: store.members(scope.spaceId).map(memberView).sort((a, b) => (a.user_id < b.user_id ? -1 : 1)),
    roles: store.roles(scope.spaceId).map(roleView),
    messages: Object.fromEntries(scope.channelIds.map((id) => [id, store.messages(id).map(messageView)])),
    voice: Object.fromEntries((scope.voiceChannelIds ?? []).map((id) => [id, store.voiceStates(id).map((s) => s.user_id).sort()])),
  };
}

/** The server's truth for the same scope, over REST (as the store's user) and its live state. */
export async function serverView(server: AccordServer, rest: AccordRest, scope: Scope, messageCap = 50) {
  const [channels, members, roles] = await Promise.all([rest.listSpaceChannels(scope.spaceId), rest.listMembers(scope.spaceId), rest.listRoles(scope.spaceId)]);
  const messages: Record<string, ReturnType<typeof messageView>[]> = {};
  for (const id of scope.channelIds) {
    const page = await rest.listMessages(id, { limit: messageCap });
    messages[id] = page.sort(byId).map(messageView);
  }
  const voice: Record<string, string[]> = {};
  for (const id of scope.voiceChannelIds ?? []) {
    voice[id] = [...server.control.live.voiceStates.values()].filter((s) => s.channel_id === id).map((s) => s.user_id).sort();
  }
  return {
    channels: channels.map(channelView).sort(byId),
    members: members.map(memberView).sort((a, b) => (a.user_id < b.user_id ? -1 : 1)),
    roles: [...roles].sort((a, b) => a.position - b.position).map(roleView),
    messages,
    voice,
  };
}

/** Waits until the store equals the server for the scope; returns the last views of both. */
export async function waitConverged(store: AccordStore, server: AccordServer, rest: AccordRest, scope: Scope) {
  let last: { store: unknown; server: unknown } = { store: null, server: null };
  try {
    await waitFor(async () => {
      const truth = await serverView(server, rest, scope);
      const held = storeView(store, scope);
      last = { store: held, server: truth };
      return JSON.stringify(held) === JSON.stringify(truth);
    }, 'the store to converge with the server');
  } catch {
    // the caller compares the last views, which shows the difference
  }
  return last;
}
