import { afterEach, describe, expect, it } from 'vitest';
import { api, connect, createWorld, ok, postMessage, register } from './fixture.js';
import type { World } from './fixture.js';

let world: World | undefined;
afterEach(async () => {
  await world?.server.close();
  world = undefined;
});

const contents = (frames: { data?: unknown }[]) => frames.map((f) => (f.data as { content: string }).content);

describe('presence over the wire', () => {
  it('honours the IDENTIFY presence, preserves it on a second IDENTIFY, goes offline after the last session', async () => {
    const w = (world = await createWorld());
    const watcher = await connect(w.server, w.owner, ['presences']);
    const honoured = watcher.peer.nextDispatch('presence.update');
    const first = await connect(w.server, w.member, [], { status: 'dnd' });
    expect((await honoured).data).toEqual({ user_id: w.member.id, status: 'dnd', client_status: { desktop: 'dnd' }, activities: [] });

    const preserved = watcher.peer.nextDispatch('presence.update');
    const second = await connect(w.server, w.member, []);
    expect((await preserved).data).toMatchObject({ user_id: w.member.id, status: 'dnd' });
    expect(second.ready.presences).toContainEqual(expect.objectContaining({ user_id: w.member.id, status: 'dnd' }));

    await first.peer.close();
    const offline = watcher.peer.nextDispatch('presence.update');
    await second.peer.close();
    expect((await offline).data).toEqual({ user_id: w.member.id, status: 'offline', client_status: {}, activities: [] });
    await watcher.peer.close();
  });
});

describe('routing over the wire', () => {
  it('a space joined mid-session: own member.join with data.user.id, then that space routes', async () => {
    const w = (world = await createWorld());
    const { peer } = await connect(w.server, w.outsider);
    const joined = peer.nextDispatch('member.join');
    await ok(w.server, 'POST', `/spaces/${w.spaceId}/join`, w.outsider.token);
    expect(((await joined).data as { user: { id: string } }).user.id).toBe(w.outsider.id);
    const message = peer.nextDispatch('message.create');
    await postMessage(w, w.owner, w.textId, 'welcome');
    expect(contents([await message])).toEqual(['welcome']);
    await peer.close();
  });

  it('a mid-session join refreshes routing even without the members intent (member.join not delivered)', async () => {
    const w = (world = await createWorld());
    const { peer } = await connect(w.server, w.outsider, ['messages']);
    await ok(w.server, 'POST', `/spaces/${w.spaceId}/join`, w.outsider.token);
    const message = peer.nextDispatch('message.create');
    await postMessage(w, w.owner, w.textId, 'hi');
    await message;
    expect(peer.dispatches('member.join')).toEqual([]);
    await peer.close();
  });

  it('a space left mid-session: own member.leave, then nothing from that space', async () => {
    const w = (world = await createWorld());
    const { peer } = await connect(w.server, w.member);
    const left = peer.nextDispatch('member.leave');
    await ok(w.server, 'DELETE', `/spaces/${w.spaceId}/members/@me`, w.member.token);
    expect((await left).data).toMatchObject({ space_id: w.spaceId, user_id: w.member.id });
    await postMessage(w, w.owner, w.textId, 'after you left');
    await peer.sync();
    expect(peer.dispatches('message.create')).toEqual([]);
    await peer.close();
  });

  it('a banned user gets its own member.leave and then nothing; moderators get ban.create/ban.delete', async () => {
    const w = (world = await createWorld());
    const banned = await connect(w.server, w.member);
    const moderator = await connect(w.server, w.owner, ['moderation', 'members']);
    const left = banned.peer.nextDispatch('member.leave');
    const created = moderator.peer.nextDispatch('ban.create');
    await ok(w.server, 'PUT', `/spaces/${w.spaceId}/bans/${w.member.id}`, w.owner.token, { reason: 'spam' });
    expect(((await left).data as { user_id: string }).user_id).toBe(w.member.id);
    expect((await created).data).toMatchObject({ user_id: w.member.id, reason: 'spam' });
    await postMessage(w, w.owner, w.textId, 'after the ban');
    await banned.peer.sync();
    expect(banned.peer.dispatches('message.create')).toEqual([]);
    const deleted = moderator.peer.nextDispatch('ban.delete');
    await ok(w.server, 'DELETE', `/spaces/${w.spaceId}/bans/${w.member.id}`, w.owner.token);
    expect(((await deleted).data as { user_id: string }).user_id).toBe(w.member.id);
    await banned.peer.close();
    await moderator.peer.close();
  });

  it('filters by intent: without messages, no message.create', async () => {
    const w = (world = await createWorld());
    const withIntent = await connect(w.server, w.member, ['messages']);
    const without = await connect(w.server, w.member, ['spaces']);
    const arrived = withIntent.peer.nextDispatch('message.create');
    await postMessage(w, w.owner, w.textId, 'filtered');
    await arrived;
    await without.peer.sync();
    expect(without.peer.dispatches('message.create')).toEqual([]);
    await withIntent.peer.close();
    await without.peer.close();
  });

  it('suppresses messages in a channel the user muted; other channels still arrive', async () => {
    const w = (world = await createWorld());
    const second = await ok<{ id: string }>(w.server, 'POST', `/spaces/${w.spaceId}/channels`, w.owner.token, { name: 'other', type: 'text' });
    const { peer } = await connect(w.server, w.member, ['messages', 'message_typing']);
    await ok(w.server, 'PUT', `/channels/${w.textId}/mute`, w.member.token);
    const arrived = peer.nextDispatch('message.create');
    await postMessage(w, w.owner, w.textId, 'muted');
    await postMessage(w, w.owner, second.id, 'audible');
    expect(contents([await arrived])).toEqual(['audible']);
    await peer.sync();
    expect(contents(peer.dispatches('message.create'))).toEqual(['audible']);
    expect(peer.dispatches().some((f) => f.type?.startsWith('channel_mute'))).toBe(false);
    await peer.close();
  });

  it('user.update reaches co-members, own sessions and DM peers without a shared space, without private fields, not strangers', async () => {
    const w = (world = await createWorld());
    const coMember = await connect(w.server, w.owner, []);
    const own = await connect(w.server, w.member, []);
    const stranger = await connect(w.server, w.outsider, []);
    const dmPeerUser = await register(w.server, 'dmpeer');
    await ok(w.server, 'POST', '/users/@me/channels', w.member.token, { recipient_id: dmPeerUser.id });
    for (const joined of await ok<{ id: string }[]>(w.server, 'GET', '/users/@me/spaces', dmPeerUser.token)) {
      await ok(w.server, 'DELETE', `/spaces/${joined.id}/members/@me`, dmPeerUser.token);
    }
    const dmPeer = await connect(w.server, dmPeerUser, []);
    expect(dmPeer.ready.spaces).toEqual([]);
    const dmSeen = dmPeer.peer.nextDispatch('user.update');
    const seen = coMember.peer.nextDispatch('user.update');
    const ownSeen = own.peer.nextDispatch('user.update');
    await ok(w.server, 'PATCH', '/users/@me', w.member.token, { display_name: 'Renamed' });
    const data = (await seen).data as Record<string, unknown>;
    expect(data.display_name).toBe('Renamed');
    for (const key of ['is_admin', 'mfa_enabled', 'disabled', 'flags']) expect(data).not.toHaveProperty(key);
    expect(((await ownSeen).data as { display_name: string }).display_name).toBe('Renamed');
    expect(((await dmSeen).data as { id: string }).id).toBe(w.member.id);
    await stranger.peer.sync();
    expect(stranger.peer.dispatches('user.update')).toEqual([]);
    for (const c of [coMember, own, stranger, dmPeer]) await c.peer.close();
  });

  it('op 10 REQUEST_MEMBERS -> member.chunk with embedded users (superset)', async () => {
    const w = (world = await createWorld());
    const { peer } = await connect(w.server, w.member, ['members']);
    const chunk = peer.nextDispatch('member.chunk');
    peer.send({ op: 10, data: { space_id: w.spaceId } });
    const data = (await chunk).data as { space_id: string; members: { user_id: string; user: { id: string } }[]; chunk_index: number; chunk_count: number };
    expect(data.space_id).toBe(w.spaceId);
    expect(data.members.map((m) => m.user_id).sort()).toEqual([w.owner.id, w.member.id].sort());
    expect(data.members.every((m) => m.user.id === m.user_id)).toBe(true);
    expect([data.chunk_index, data.chunk_count]).toEqual([0, 1]);
    await peer.close();
  });
});

describe('voice over the wire (no media server)', () => {
  it('op 9 join: voice.server_update (no seq) to the joiner, voice.state_update to the space, cleanup on disconnect', async () => {
    const w = (world = await createWorld());
    const joiner = await connect(w.server, w.member, ['voice_states']);
    const other = await connect(w.server, w.owner, ['voice_states']);
    const outsider = await connect(w.server, w.outsider, ['voice_states']);
    const server = joiner.peer.nextDispatch('voice.server_update');
    const state = other.peer.nextDispatch('voice.state_update');
    joiner.peer.send({ op: 9, data: { space_id: w.spaceId, channel_id: w.voiceId, self_mute: true, self_deaf: true } });
    const serverFrame = await server;
    expect(serverFrame).not.toHaveProperty('seq');
    expect(serverFrame.data).toMatchObject({ space_id: w.spaceId, channel_id: w.voiceId, backend: 'livekit', url: `${w.server.gatewayUrl.replace(/\/ws$/, '')}/voice-stub` });
    expect(typeof (serverFrame.data as { token: unknown }).token).toBe('string');
    expect((await state).data).toMatchObject({ user_id: w.member.id, channel_id: w.voiceId, self_mute: true, self_deaf: true });
    expect(w.server.control.live.voiceStates.get(w.member.id)?.self_mute).toBe(true);

    const left = other.peer.nextDispatch('voice.state_update');
    await joiner.peer.close();
    expect((await left).data).toMatchObject({ user_id: w.member.id, channel_id: null });
    expect(w.server.control.live.voiceStates.has(w.member.id)).toBe(false);
    await outsider.peer.sync();
    expect(outsider.peer.dispatches('voice.state_update')).toEqual([]);
    await other.peer.close();
    await outsider.peer.close();
  });

  it('op 9 is ignored when a member overwrite denies connect', async () => {
    const w = (world = await createWorld());
    await ok(w.server, 'PUT', `/channels/${w.voiceId}/permissions/${w.member.id}`, w.owner.token, { type: 'member', allow: [], deny: ['connect'] });
    const { peer } = await connect(w.server, w.member, ['voice_states']);
    const count = peer.frames.length;
    peer.send({ op: 9, data: { space_id: w.spaceId, channel_id: w.voiceId } });
    await peer.sync();
    expect(peer.frames.slice(count)).toEqual([{ op: 4 }]);
    expect(w.server.control.live.voiceStates.has(w.member.id)).toBe(false);
    await peer.close();
  });

  it('op 9 for a space the user is not in is ignored: no frame, no state', async () => {
    const w = (world = await createWorld());
    const { peer } = await connect(w.server, w.outsider, ['voice_states']);
    const count = peer.frames.length;
    peer.send({ op: 9, data: { space_id: w.spaceId, channel_id: w.voiceId } });
    await peer.sync();
    expect(peer.frames.slice(count)).toEqual([{ op: 4 }]);
    expect(w.server.control.live.voiceStates.has(w.outsider.id)).toBe(false);
    await peer.close();
  });

  it('DM call: peer sees the state (space_id null) and flag updates; leave sends call.end; strangers see nothing', async () => {
    const w = (world = await createWorld());
    const dm = await ok<{ id: string }>(w.server, 'POST', '/users/@me/channels', w.member.token, { recipient_id: w.owner.id });
    const caller = await connect(w.server, w.member, ['voice_states']);
    const peerUser = await connect(w.server, w.owner, ['voice_states']);
    const stranger = await connect(w.server, w.outsider, ['voice_states']);
    const joined = peerUser.peer.nextDispatch('voice.state_update');
    caller.peer.send({ op: 9, data: { channel_id: dm.id } });
    expect((await joined).data).toMatchObject({ user_id: w.member.id, space_id: null, channel_id: dm.id, self_mute: false });
    const flagged = peerUser.peer.nextDispatch('voice.state_update');
    caller.peer.send({ op: 9, data: { channel_id: dm.id, self_mute: true, self_deaf: true } });
    expect((await flagged).data).toMatchObject({ self_mute: true, self_deaf: true });
    expect(w.server.control.live.voiceStates.get(w.member.id)).toMatchObject({ channel_id: dm.id, self_mute: true, self_deaf: true });
    const ended = peerUser.peer.nextDispatch('call.end');
    caller.peer.send({ op: 9, data: { channel_id: null } });
    expect((await ended).data).toEqual({ channel_id: dm.id, user_id: w.member.id });
    expect(w.server.control.live.voiceStates.has(w.member.id)).toBe(false);
    expect(peerUser.peer.dispatches('voice.state_update').at(-1)?.data).toMatchObject({ channel_id: null });
    await stranger.peer.sync();
    expect(stranger.peer.dispatches().filter((f) => f.type !== 'ready')).toEqual([]);
    for (const c of [caller, peerUser, stranger]) await c.peer.close();
  });

  it('a non-participant cannot join a DM call', async () => {
    const w = (world = await createWorld());
    const dm = await ok<{ id: string }>(w.server, 'POST', '/users/@me/channels', w.member.token, { recipient_id: w.owner.id });
    const { peer } = await connect(w.server, w.outsider, ['voice_states']);
    peer.send({ op: 9, data: { channel_id: dm.id } });
    await peer.sync();
    expect(peer.dispatches('voice.server_update')).toEqual([]);
    expect(w.server.control.live.voiceStates.has(w.outsider.id)).toBe(false);
    expect((await api(w.server, 'GET', `/channels/${dm.id}`, w.outsider.token)).status).toBeGreaterThanOrEqual(400);
    await peer.close();
  });
});
