import { afterEach, describe, expect, it } from 'vitest';
import type { Frame } from './peer.js';
import { connect, createWorld, ok } from './fixture.js';
import type { World } from './fixture.js';

let world: World | undefined;
afterEach(async () => {
  await world?.server.close();
  world = undefined;
});

/** The frames after `member.join` of `userId`, up to the end of what arrived so far. */
function afterJoinOf(frames: readonly Frame[], userId: string): Frame[] {
  const at = frames.findIndex((f) => f.op === 0 && f.type === 'member.join' && (f.data as { user: { id: string } }).user.id === userId);
  return at === -1 ? [] : frames.slice(at + 1);
}

describe('presence on (re-)join (superset, DEVIATIONS.md)', () => {
  it('a connected user joining a space: the members get their presence right after the member.join', async () => {
    const w = (world = await createWorld());
    const watcher = await connect(w.server, w.owner);
    const joiner = await connect(w.server, w.outsider, [], { status: 'dnd', activities: [{ name: 'Chess' }] });
    await watcher.peer.sync();

    await ok(w.server, 'POST', `/spaces/${w.spaceId}/join`, w.outsider.token);
    await watcher.peer.sync();
    const next = afterJoinOf(watcher.peer.frames, w.outsider.id)[0];
    expect(next).toMatchObject({
      type: 'presence.update',
      data: { user_id: w.outsider.id, status: 'dnd', client_status: { desktop: 'dnd' }, activities: [{ name: 'Chess' }] },
    });
    await joiner.peer.close();
    await watcher.peer.close();
  });

  it('re-joining after leaving (invite accept) republishes the current presence; invisible goes out as offline', async () => {
    const w = (world = await createWorld());
    const watcher = await connect(w.server, w.owner);
    const rejoiner = await connect(w.server, w.member, [], { status: 'idle' });
    await ok(w.server, 'DELETE', `/spaces/${w.spaceId}/members/@me`, w.member.token);
    const invite = await ok<{ code: string }>(w.server, 'POST', `/spaces/${w.spaceId}/invites`, w.owner.token, {});
    await ok(w.server, 'POST', `/invites/${invite.code}/accept`, w.member.token);
    await watcher.peer.sync();
    expect(afterJoinOf(watcher.peer.frames, w.member.id)[0]).toMatchObject({
      type: 'presence.update',
      data: { user_id: w.member.id, status: 'idle', client_status: { desktop: 'idle' } },
    });

    rejoiner.peer.send({ op: 8, data: { status: 'invisible' } });
    await rejoiner.peer.sync();
    await ok(w.server, 'DELETE', `/spaces/${w.spaceId}/members/@me`, w.member.token);
    const from = watcher.peer.frames.length;
    await ok(w.server, 'POST', `/spaces/${w.spaceId}/join`, w.member.token);
    await watcher.peer.sync();
    expect(afterJoinOf(watcher.peer.frames.slice(from), w.member.id)[0]).toMatchObject({
      type: 'presence.update',
      data: { user_id: w.member.id, status: 'offline', client_status: {} },
    });
    await rejoiner.peer.close();
    await watcher.peer.close();
  });

  it('a parked session still counts: its presence is published on join', async () => {
    const w = (world = await createWorld());
    const watcher = await connect(w.server, w.owner);
    const joiner = await connect(w.server, w.outsider, [], { status: 'dnd' });
    joiner.peer.socket.terminate();
    await joiner.peer.closed;
    await ok(w.server, 'POST', `/spaces/${w.spaceId}/join`, w.outsider.token);
    await watcher.peer.sync();
    expect(afterJoinOf(watcher.peer.frames, w.outsider.id)[0]).toMatchObject({ type: 'presence.update', data: { user_id: w.outsider.id, status: 'dnd' } });
    await watcher.peer.close();
  });

  it('a user with no session joins without a presence.update', async () => {
    const w = (world = await createWorld());
    const watcher = await connect(w.server, w.owner);
    await ok(w.server, 'POST', `/spaces/${w.spaceId}/join`, w.outsider.token);
    await watcher.peer.sync();
    const after = afterJoinOf(watcher.peer.frames, w.outsider.id);
    expect(watcher.peer.dispatches('member.join').length).toBeGreaterThan(0);
    expect(after.filter((f) => f.type === 'presence.update')).toEqual([]);
    await watcher.peer.close();
  });

  it('creating a space: the creator presence follows their member.join', async () => {
    const w = (world = await createWorld());
    const creator = await connect(w.server, w.member, undefined, { status: 'idle' });
    const space = await ok<{ id: string }>(w.server, 'POST', '/spaces', w.member.token, { name: 'Three' });
    await creator.peer.sync();
    const joins = creator.peer.dispatches('member.join');
    expect(joins.map((f) => (f.data as { space_id: string }).space_id)).toEqual([space.id]);
    expect(afterJoinOf(creator.peer.frames, w.member.id)[0]).toMatchObject({ type: 'presence.update', data: { user_id: w.member.id, status: 'idle' } });
    await creator.peer.close();
  });
});
