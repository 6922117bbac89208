import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccordApiError, AccordRest } from '../../../src/index.js';
import type { Logger } from '../../../src/index.js';
import { AccordServer } from '../../../src/server/index.js';
import type { SeededDemo } from '../../../src/server/index.js';

/**
 * AccordRest against the embedded AccordServer: every endpoint the state engine needs
 * (docs/protocol.md §5.4) round-trips, and the real responses parse with no defaulted field (a
 * defaulted field is logged as a warning, so an empty warning list means models and wire agree).
 */

let server: AccordServer;
let seeded: SeededDemo;
let warnings: string[];
let logger: Logger;

beforeEach(async () => {
  server = await AccordServer.start({ port: 0, seed: 'demo' });
  if (!server.seeded) throw new Error('the demo seed did not run');
  seeded = server.seeded;
  warnings = [];
  logger = {
    debug: () => {},
    warn: (message, details) => warnings.push(`${message} ${JSON.stringify(details ?? {})}`),
    error: (message) => warnings.push(message),
  };
});

afterEach(async () => {
  await server.close();
});

function seededUser(name: string): SeededDemo['users'][number] {
  const found = seeded.users.find((candidate) => candidate.username === name);
  if (!found) throw new Error(`no seeded user ${name}`);
  return found;
}

function restFor(name: string): AccordRest {
  return new AccordRest({ baseUrl: server.url, token: seededUser(name).token, logger });
}

function lounge(): SeededDemo['spaces'][number] {
  const space = seeded.spaces[0];
  if (!space) throw new Error('no seeded space');
  return space;
}

function loungeChannel(name: string): string {
  const channel = lounge().channels.find((candidate) => candidate.name === name);
  if (!channel) throw new Error(`no channel ${name}`);
  return channel.id;
}

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const OGG = 'data:audio/ogg;base64,T2dnUwACAAAAAAAAAAA=';

describe('AccordRest against the embedded AccordServer', () => {
  it('users, spaces, channels, every member page, roles and DM channels', async () => {
    const alice = restFor('alice');
    const me = await alice.getCurrentUser();
    expect(me).toMatchObject({ id: seededUser('alice').id, username: 'alice', is_admin: true });
    const bob = await alice.getUser(seededUser('bob').id);
    expect(bob.username).toBe('bob');
    expect('is_admin' in bob).toBe(false);

    const space = await alice.getSpace(lounge().id);
    expect(space).toMatchObject({ id: lounge().id, name: lounge().name, owner_id: me.id });
    expect((await alice.listCurrentUserSpaces()).map((s) => s.id).sort()).toEqual(seeded.spaces.map((s) => s.id).sort());
    expect((await alice.listSpaceChannels(lounge().id)).map((c) => c.id)).toEqual(lounge().channels.map((c) => c.id));

    const paged = await alice.listMembers(lounge().id, { pageSize: 2 });
    const whole = await alice.listMembers(lounge().id);
    expect(paged.map((m) => m.user_id)).toEqual(whole.map((m) => m.user_id));
    expect(new Set(paged.map((m) => m.user_id)).size).toBe(seeded.users.length + 1);
    const withUser = await alice.listMembers(lounge().id, { withUser: true, pageSize: 3 });
    expect(withUser.every((m) => m.user?.id === m.user_id)).toBe(true);

    const roles = await alice.listRoles(lounge().id);
    expect(roles[0]).toMatchObject({ name: '@everyone', position: 0 });

    const dms = await alice.listDmChannels();
    expect(dms.map((c) => c.id).sort()).toEqual(seeded.dms.map((dm) => dm.id).sort());
    for (const dm of dms) expect(dm.recipients?.map((u) => u.id)).toContain(me.id);
    expect(warnings).toEqual([]);
  });

  it('messages: list, create, edit, delete, reactions and typing', async () => {
    const alice = restFor('alice');
    const bob = restFor('bob');
    const general = loungeChannel('general');
    const history = await alice.listMessages(general);
    expect(history.some((m) => m.content.startsWith('Welcome to the Accord Lounge'))).toBe(true);

    const sent = await bob.createMessage(general, 'hello @alice');
    expect(sent).toMatchObject({ channel_id: general, author_id: seededUser('bob').id, content: 'hello @alice' });
    expect((await alice.getMessage(general, sent.id)).id).toBe(sent.id);
    const edited = await bob.editMessage(general, sent.id, 'hello again');
    expect(edited.content).toBe('hello again');
    expect(edited.edited_at).not.toBeNull();

    await alice.addReaction(general, sent.id, '👍🏽');
    expect(await alice.listReactionUsers(general, sent.id, '👍🏽')).toEqual([seededUser('alice').id]);
    await alice.removeReaction(general, sent.id, '👍🏽');
    expect(await alice.listReactionUsers(general, sent.id, '👍🏽')).toEqual([]);
    await alice.triggerTyping(general);

    await bob.deleteMessage(general, sent.id);
    await expect(alice.getMessage(general, sent.id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
    expect(warnings).toEqual([]);
  });

  it('bans, invites, emojis and soundboard', async () => {
    const alice = restFor('alice');
    const spaceId = lounge().id;
    const heidi = seededUser('heidi').id;

    const ban = await alice.banMember(spaceId, heidi, { reason: 'spam' });
    expect(ban).toMatchObject({ user_id: heidi, space_id: spaceId, reason: 'spam' });
    expect((await alice.listBans(spaceId)).map((b) => b.user_id)).toContain(heidi);
    await alice.unbanMember(spaceId, heidi);
    expect((await alice.listBans(spaceId)).map((b) => b.user_id)).not.toContain(heidi);

    const invite = await alice.createInvite(spaceId, { max_uses: 3 });
    expect(invite).toMatchObject({ space_id: spaceId, max_uses: 3, uses: 0 });
    expect((await alice.listInvites(spaceId)).map((i) => i.code)).toContain(invite.code);
    expect((await alice.getInvite(invite.code)).code).toBe(invite.code);
    await alice.deleteInvite(invite.code);
    await expect(alice.getInvite(invite.code)).rejects.toBeInstanceOf(AccordApiError);

    const emoji = await alice.createEmoji(spaceId, { name: 'blob', image: PNG });
    expect(emoji.name).toBe('blob');
    expect((await alice.listEmojis(spaceId)).map((e) => e.id)).toContain(emoji.id);
    await alice.deleteEmoji(spaceId, emoji.id);
    expect((await alice.listEmojis(spaceId)).map((e) => e.id)).not.toContain(emoji.id);

    const sound = await alice.createSound(spaceId, { name: 'ding', audio: OGG, volume: 0.5 });
    expect(sound).toMatchObject({ name: 'ding', volume: 0.5 });
    expect((await alice.listSounds(spaceId)).map((s) => s.id)).toContain(sound.id);
    await alice.playSound(spaceId, sound.id);
    await alice.deleteSound(spaceId, sound.id);
    expect((await alice.listSounds(spaceId)).map((s) => s.id)).not.toContain(sound.id);
    expect(warnings).toEqual([]);
  });

  it('register, login, applications and the Bot token', async () => {
    const registered = await AccordRest.register(server.url, { username: 'zed', password: 'correct horse battery' }, { logger });
    expect(registered.user.username).toBe('zed');
    const loggedIn = await AccordRest.login(server.url, { username: 'zed', password: 'correct horse battery' }, { logger });
    expect(loggedIn.user.id).toBe(registered.user.id);
    const zed = new AccordRest({ baseUrl: server.url, token: loggedIn.token, logger });
    expect((await zed.getCurrentUser()).id).toBe(registered.user.id);

    const app = await zed.createApplication({ name: 'Zapp' });
    expect(app.token).toMatch(/^[0-9a-f]{64}$/);
    const bot = new AccordRest({ baseUrl: server.url, token: app.token, tokenType: 'Bot', logger });
    const botUser = await bot.getCurrentUser();
    expect(botUser.bot).toBe(true);
    expect(botUser.username).toBe('Zapp Bot');

    await expect(AccordRest.login(server.url, { username: 'zed', password: 'wrong password!' })).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
    await expect(new AccordRest({ baseUrl: server.url, token: 'f'.repeat(64) }).getCurrentUser()).rejects.toMatchObject({ status: 401 });
    expect(warnings).toEqual([]);
  });
});
