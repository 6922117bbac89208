import { AccordServer } from '../../../src/server/index.js';
import type { AccordServerOptions } from '../../../src/server/index.js';
import { Peer } from './peer.js';

export const ALL_INTENTS = [
  'spaces', 'moderation', 'emojis', 'soundboard', 'voice_states', 'messages', 'message_reactions',
  'message_typing', 'plugins', 'relationships', 'members', 'presences',
];

export interface ApiResult {
  status: number;
  body: { data?: unknown; error?: { code: string; message: string } } & Record<string, unknown>;
}

/** Plain fetch against the server's REST API. */
export async function api(server: AccordServer, method: string, path: string, token?: string, body?: unknown): Promise<ApiResult> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: ApiResult['body'] = {};
  try {
    parsed = text ? (JSON.parse(text) as ApiResult['body']) : {};
  } catch {
    parsed = { raw: text };
  }
  return { status: response.status, body: parsed };
}

/** Like `api` but throws unless 200; returns `data`. */
export async function ok<T = Record<string, unknown>>(server: AccordServer, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const result = await api(server, method, path, token, body);
  if (result.status !== 200) throw new Error(`${method} ${path} -> ${result.status} ${JSON.stringify(result.body)}`);
  return result.body.data as T;
}

export interface TestUser {
  id: string;
  token: string;
  header: string;
}

export async function register(server: AccordServer, username: string): Promise<TestUser> {
  const data = await ok<{ user: { id: string }; token: string }>(server, 'POST', '/auth/register', undefined, {
    username,
    password: 'correct horse battery',
  });
  return { id: data.user.id, token: data.token, header: `Bearer ${data.token}` };
}

export interface World {
  server: AccordServer;
  owner: TestUser;
  member: TestUser;
  outsider: TestUser;
  /** Public space with `owner` and `member`. */
  spaceId: string;
  textId: string;
  voiceId: string;
  /** A second public space nobody but `owner` is in. */
  otherSpaceId: string;
  otherTextId: string;
}

/**
 * An empty server with three users: owner (creates both spaces), member (joined space 1),
 * outsider (in no space unless a test joins it).
 */
export async function createWorld(options: AccordServerOptions = {}): Promise<World> {
  const server = await AccordServer.start({ seed: 'empty', ...options });
  const owner = await register(server, 'owner');
  const member = await register(server, 'member');
  const outsider = await register(server, 'outsider');
  const space = await ok<{ id: string }>(server, 'POST', '/spaces', owner.token, { name: 'One', public: true });
  const other = await ok<{ id: string }>(server, 'POST', '/spaces', owner.token, { name: 'Two', public: true });
  // registration auto-joins the oldest (default) space: start member and outsider from no space
  for (const user of [member, outsider]) {
    for (const joined of await ok<{ id: string }[]>(server, 'GET', '/users/@me/spaces', user.token)) {
      await ok(server, 'DELETE', `/spaces/${joined.id}/members/@me`, user.token);
    }
  }
  await ok(server, 'POST', `/spaces/${space.id}/join`, member.token);
  const text = await ok<{ id: string }>(server, 'POST', `/spaces/${space.id}/channels`, owner.token, { name: 'chat', type: 'text' });
  const voice = await ok<{ id: string }>(server, 'POST', `/spaces/${space.id}/channels`, owner.token, { name: 'talk', type: 'voice' });
  const otherText = await ok<{ id: string }>(server, 'POST', `/spaces/${other.id}/channels`, owner.token, { name: 'chat', type: 'text' });
  return { server, owner, member, outsider, spaceId: space.id, textId: text.id, voiceId: voice.id, otherSpaceId: other.id, otherTextId: otherText.id };
}

/** Opens a peer and IDENTIFYs it. */
export async function connect(
  server: AccordServer,
  user: TestUser,
  intents: string[] = ALL_INTENTS,
  presence?: unknown,
): Promise<{ peer: Peer; ready: Record<string, unknown>; sessionId: string }> {
  const peer = await Peer.open(server.gatewayUrl);
  const ready = await peer.identify(user.header, intents, presence);
  return { peer, ready, sessionId: ready.session_id as string };
}

export async function postMessage(world: World, user: TestUser, channelId: string, content: string): Promise<{ id: string }> {
  return ok<{ id: string }>(world.server, 'POST', `/channels/${channelId}/messages`, user.token, { content });
}
