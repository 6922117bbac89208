import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { AccordApiError, AccordClient, AccordRest, GatewayIntents } from '../../../src/index.js';
import type { Message, ReactionEventData } from '../../../src/index.js';
import { PASSWORD, USER_TOKEN, startMiniServer, type MiniServer } from './mini-server.js';

let server: MiniServer;
let client: AccordClient | undefined;

beforeEach(async () => {
  server = await startMiniServer();
});

afterEach(async () => {
  if (client && client.gateway.state !== 'disconnected') await client.logout();
  client = undefined;
  await server.close();
});

function nextEvent<E extends 'message.create' | 'reaction.add'>(target: AccordClient, event: E) {
  return new Promise<E extends 'message.create' ? Message : ReactionEventData>((resolve) => {
    target.once(event, ((data: unknown) => resolve(data as E extends 'message.create' ? Message : ReactionEventData)) as never);
  });
}

describe('AccordClient over real HTTP and WebSocket on 127.0.0.1', () => {
  it('loginWithPassword → login() → READY, identifying with the REST-issued Bearer token', async () => {
    client = await AccordClient.loginWithPassword(server.url, 'alice', PASSWORD, { WebSocket });
    const ready = await client.login();
    expect(ready.session_id).toBe('900');
    expect(ready.spaces.map((space) => space.id)).toEqual(['200']);
    expect(client.user?.username).toBe('alice');
    expect(client.gateway.state).toBe('connected');
    const identify = server.frames.find((frame) => frame.op === 2)?.data as { token: string; intents: string[] };
    expect(identify.token).toBe(`Bearer ${USER_TOKEN}`);
    expect(identify.intents).toEqual(GatewayIntents.all());
  });

  it('makes REST calls: current user, every member page, and a message that comes back as a gateway event', async () => {
    client = new AccordClient({ baseUrl: server.url, token: USER_TOKEN, WebSocket });
    await client.login();
    expect((await client.rest.getCurrentUser()).id).toBe('100');
    expect(client.rest.rateLimit?.remaining).toBe(69);

    const members = await client.rest.listMembers('200');
    expect(members.map((member) => member.user_id)).toEqual(['101', '102', '103', '104', '105']);
    expect(server.requests.filter((line) => line.includes('/members'))).toEqual([
      'GET /api/v1/spaces/200/members?limit=1000',
      'GET /api/v1/spaces/200/members?limit=1000&after=102',
      'GET /api/v1/spaces/200/members?limit=1000&after=104',
    ]);

    const created = nextEvent(client, 'message.create');
    const sent = await client.sendMessage('300', 'hello over the wire');
    const event = await created;
    expect(event.id).toBe(sent.id);
    expect(event.content).toBe('hello over the wire');

    const reacted = nextEvent(client, 'reaction.add');
    await client.addReaction('300', sent.id, '👍🏽');
    expect((await reacted).emoji).toBe('👍🏽');
    expect(server.reactions).toEqual(['👍🏽']);
  });

  it('surfaces envelope and plain-text errors as AccordApiError', async () => {
    await expect(AccordRest.login(server.url, { username: 'alice', password: 'wrong password' })).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
    const rest = new AccordRest({ baseUrl: server.url, token: USER_TOKEN });
    const error = await rest.createMessage('300', {} as { content: string }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccordApiError);
    expect(error).toMatchObject({ status: 422, code: 'http_error' });
    expect((error as Error).message).toContain('missing field `content`');
    expect((error as Error).message).not.toContain(USER_TOKEN);
  });

  it('logout({ revoke: true }) closes with 1000 and revokes the token', async () => {
    client = new AccordClient({ baseUrl: server.url, token: USER_TOKEN, WebSocket });
    await client.login();
    await client.logout({ revoke: true });
    expect(client.gateway.state).toBe('disconnected');
    expect(server.requests).toContain('POST /api/v1/auth/logout');
    await expect(client.rest.getCurrentUser()).rejects.toMatchObject({ status: 401 });
    await expect.poll(() => server.closeCodes).toEqual([1000]);
  });
});
