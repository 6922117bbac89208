import { describe, expect, it } from 'vitest';
import { AccordResponseError, AccordRest } from '../../../src/rest/index.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import type { Logger } from '../../../src/util/logger.js';
import { FakeFetch, TOKEN, json, text, userJson } from './fake-fetch.js';

function restWith(fake: FakeFetch, extra: { logger?: Logger; tokenType?: 'Bot' | 'Bearer' } = {}): AccordRest {
  return new AccordRest({ baseUrl: 'http://127.0.0.1:3000/', token: TOKEN, fetch: fake.fetch, clock: new FakeClock(), ...extra });
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (message: string, details?: Record<string, unknown>) => {
    lines.push(details ? `${message} ${JSON.stringify(details)}` : message);
  };
  return { lines, debug: log, warn: log, error: log };
}

describe('AccordRest envelope and requests', () => {
  it('unwraps {data} into a parsed model and calls /api/v1 with the Bearer header', async () => {
    const fake = new FakeFetch(json({ data: userJson('42') }));
    const user = await restWith(fake).getCurrentUser();
    expect(user.id).toBe('42');
    expect(user.username).toBe('user42');
    expect(fake.calls[0]?.url.href).toBe('http://127.0.0.1:3000/api/v1/users/@me');
    expect(fake.calls[0]?.method).toBe('GET');
    expect(fake.calls[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('uses the Bot prefix for bot tokens', async () => {
    const fake = new FakeFetch(json({ data: userJson('7', { bot: true }) }));
    await restWith(fake, { tokenType: 'Bot' }).getCurrentUser();
    expect(fake.calls[0]?.headers['authorization']).toBe(`Bot ${TOKEN}`);
  });

  it('sends a token that already carries its scheme as given, as the gateway does (no "Bearer Bot …")', async () => {
    const fake = new FakeFetch(json({ data: userJson('7', { bot: true }) }));
    const rest = new AccordRest({ baseUrl: 'http://127.0.0.1:3000', token: `Bot ${TOKEN}`, fetch: fake.fetch, clock: new FakeClock() });
    await rest.getCurrentUser();
    expect(fake.calls[0]?.headers['authorization']).toBe(`Bot ${TOKEN}`);
  });

  it('accepts a baseUrl that already ends in /api/v1', async () => {
    const fake = new FakeFetch(json({ data: [] }));
    const rest = new AccordRest({ baseUrl: 'https://chat.example/api/v1', token: TOKEN, fetch: fake.fetch });
    await rest.listDmChannels();
    expect(fake.calls[0]?.url.href).toBe('https://chat.example/api/v1/users/@me/channels');
  });

  it('sends JSON bodies with a content type', async () => {
    const message = { id: 'm1', channel_id: 'c1', author_id: '42', content: 'hi', timestamp: '2024-05-01 12:00:00' };
    const fake = new FakeFetch(json({ data: message }));
    const created = await restWith(fake).createMessage('c1', 'hi');
    expect(fake.calls[0]?.method).toBe('POST');
    expect(fake.calls[0]?.url.pathname).toBe('/api/v1/channels/c1/messages');
    expect(fake.calls[0]?.headers['content-type']).toBe('application/json');
    expect(fake.calls[0]?.body).toEqual({ content: 'hi' });
    // absent keys were filled with their documented defaults
    expect(created.reactions).toBeNull();
    expect(created.attachments).toEqual([]);
    expect(created.type).toBe('default');
  });

  it('returns void for {data: null} side-effect endpoints', async () => {
    const fake = new FakeFetch(json({ data: null }));
    await expect(restWith(fake).deleteMessage('c1', 'm1')).resolves.toBeUndefined();
    expect(fake.calls[0]?.method).toBe('DELETE');
    expect(fake.calls[0]?.url.pathname).toBe('/api/v1/channels/c1/messages/m1');
  });

  it('reads the un-enveloped endpoints as they are', async () => {
    const fake = new FakeFetch(
      json({ backend: 'none' }),
      json({ count: 3 }),
      json({}),
      json({ token: 'g'.repeat(64), expires_at: '2024-05-01T13:00:00+00:00', space_id: 's1' }),
    );
    const rest = restWith(fake);
    expect(await rest.getVoiceInfo()).toBe('none');
    expect(await rest.getAnonymousCount('s1')).toBe(3);
    await expect(rest.deleteRelationship('9')).resolves.toBeUndefined();
    const guest = await AccordRest.guest('http://127.0.0.1:3000', { fetch: fake.fetch });
    expect(guest).toEqual({ token: 'g'.repeat(64), expires_at: '2024-05-01T13:00:00+00:00', space_id: 's1' });
    expect(fake.calls[3]?.headers['authorization']).toBeUndefined();
  });

  it('reports defaulted fields through the logger and keeps the valid ones', async () => {
    const logger = recordingLogger();
    const fake = new FakeFetch(json({ data: { ...userJson('5'), bot: 'yes', username: 12 } }));
    const user = await restWith(fake, { logger }).getUser('5');
    expect(user.bot).toBe(false);
    expect(user.username).toBe('');
    expect(user.display_name).toBe('User 5');
    expect(logger.lines.some((line) => line.includes('/bot') && line.includes('/username'))).toBe(true);
  });

  it('skips list elements that cannot be parsed and keeps the rest', async () => {
    const logger = recordingLogger();
    const role = { id: 'r1', name: '@everyone', color: 0, hoist: false, icon: null, position: 0, permissions: [], managed: false, mentionable: false };
    const fake = new FakeFetch(json({ data: [role, 'garbage', { name: 'no id' }] }));
    const roles = await restWith(fake, { logger }).listRoles('s1');
    expect(roles.map((r) => r.id)).toEqual(['r1']);
    expect(logger.lines.filter((line) => line.includes('skipped role'))).toHaveLength(2);
  });

  it('throws AccordResponseError for a single model that is not an object, and for a non-JSON 200', async () => {
    const rest = restWith(new FakeFetch(json({ data: 'nope' }), text('<html>', 200)));
    await expect(rest.getSpace('s1')).rejects.toBeInstanceOf(AccordResponseError);
    await expect(rest.getSpace('s1')).rejects.toThrow(/not JSON/);
  });

  it('throws AccordResponseError when a list endpoint does not return an array', async () => {
    const rest = restWith(new FakeFetch(json({ data: { id: 'x' } })));
    await expect(rest.listBans('s1')).rejects.toBeInstanceOf(AccordResponseError);
  });
});

describe('AccordRest auth helpers', () => {
  it('register and login need no token and return {user, token}', async () => {
    const fake = new FakeFetch(json({ data: { user: userJson('1'), token: TOKEN } }));
    const result = await AccordRest.login('http://127.0.0.1:3000', { username: 'alice', password: 'correct horse' }, { fetch: fake.fetch });
    expect(result.user.id).toBe('1');
    expect(result.token).toBe(TOKEN);
    expect(fake.calls[0]?.url.pathname).toBe('/api/v1/auth/login');
    expect(fake.calls[0]?.headers['authorization']).toBeUndefined();
    expect(fake.calls[0]?.body).toEqual({ username: 'alice', password: 'correct horse' });

    await AccordRest.register('http://127.0.0.1:3000', { username: 'bob', password: 'hunter22', display_name: 'Bob' }, { fetch: fake.fetch });
    expect(fake.calls[1]?.url.pathname).toBe('/api/v1/auth/register');
    expect(fake.calls[1]?.body).toEqual({ username: 'bob', password: 'hunter22', display_name: 'Bob' });
  });

  it('turns an MFA challenge into AccordMfaRequiredError with the ticket', async () => {
    const fake = new FakeFetch(json({ data: { mfa_required: true, ticket: 't-1' } }));
    await expect(AccordRest.login('http://h', { username: 'a', password: 'bbbbbbbb' }, { fetch: fake.fetch })).rejects.toMatchObject({
      name: 'AccordMfaRequiredError',
      ticket: 't-1',
    });
  });

  it('createApplication returns the bot token', async () => {
    const application = { id: 'app1', name: 'Helper', icon: null, description: '', bot_public: false, owner_id: '1', flags: 0 };
    const fake = new FakeFetch(json({ data: { application, token: 'b'.repeat(64) } }));
    const result = await restWith(fake).createApplication({ name: 'Helper' });
    expect(result.token).toBe('b'.repeat(64));
    expect(result.application.id).toBe('app1');
    expect(fake.calls[0]?.url.pathname).toBe('/api/v1/applications');
  });
});
