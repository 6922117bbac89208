import { describe, expect, it } from 'vitest';
import { StoreActionError, type StoreMessage } from '../../../src/state/index.js';
import { actionsWorld, entries, useActionsWorlds } from './actions-harness.js';
import { waitFor } from './converge.js';

useActionsWorlds();

const CONTENTS = ['offline one', 'offline two', 'offline three'];

describe('sends while the connection is down', () => {
  it('wait as queued and go out in order once the session is resumed', async () => {
    const w = await actionsWorld();
    const recoveries: string[] = [];
    w.conn.client.on('recovered', (info) => recoveries.push(info.kind));
    w.server.faults.drop(w.me.id);
    await waitFor(() => w.conn.status !== 'connected', 'the store to see the drop');
    const sends = CONTENTS.map((content) => w.store.sendMessage(w.general, content));
    expect(w.store.messages(w.general).slice(-3).map((m) => [m.content, m.pending])).toEqual(CONTENTS.map((c) => [c, 'queued']));

    const sent = await Promise.all(sends);
    expect(recoveries).toEqual(['resumed']);
    const page = (await w.rest.listMessages(w.general, { limit: 10 })).reverse();
    expect(page.slice(-3).map((m) => m.content)).toEqual(CONTENTS);
    for (const content of CONTENTS) expect(await w.onServer(w.general, content)).toHaveLength(1);
    await w.created(CONTENTS[2] as string);
    expect(w.store.messages(w.general).slice(-3).map((m) => [m.id, m.pending])).toEqual(sent.map((m) => [m.id, undefined]));
  });

  it('survive a READY rebuild (session lost) and go out in order, once each', async () => {
    const w = await actionsWorld();
    const atReady: StoreMessage[][] = [];
    w.conn.client.on('ready', () => atReady.push(w.store.messages(w.general).filter((m) => m.pending !== undefined)));
    w.server.faults.drop(w.me.id);
    w.server.faults.invalidate(w.me.id);
    await waitFor(() => w.conn.status !== 'connected', 'the store to see the drop');
    const sends = CONTENTS.map((content) => w.store.sendMessage(w.general, content));

    const sent = await Promise.all(sends);
    // The rebuild kept the pending entries (the READY listener ran after the store's own).
    expect(atReady).toHaveLength(1);
    expect(atReady[0]?.map((m) => m.content)).toEqual(CONTENTS);
    const page = (await w.rest.listMessages(w.general, { limit: 10 })).reverse();
    expect(page.slice(-3).map((m) => m.content)).toEqual(CONTENTS);
    for (const content of CONTENTS) expect(await w.onServer(w.general, content)).toHaveLength(1);
    await waitFor(() => CONTENTS.every((c) => entries(w.store, w.general, c).length === 1 && !entries(w.store, w.general, c)[0]?.pending), 'the sends confirmed');
    expect(w.store.messages(w.general).slice(-3).map((m) => m.id)).toEqual(sent.map((m) => m.id));
  });

  it('a send whose answer was lost in a drop is found after the resume, not posted twice', async () => {
    const w = await actionsWorld();
    w.server.faults.failRest({ action: 'lose', method: 'POST', path: `/channels/${w.general}/messages` });
    w.server.faults.pauseDispatch();
    const promise = w.store.sendMessage(w.general, 'lost in the drop');
    // The server has it (its answer was lost, its event held by the paused dispatch) when the drop comes.
    await waitFor(async () => (await w.onServer(w.general, 'lost in the drop')).length === 1, 'the post to reach the server');
    w.server.faults.drop(w.me.id);
    w.server.faults.resumeDispatch();
    const sent = await promise;
    expect((await w.onServer(w.general, 'lost in the drop')).map((m) => m.id)).toEqual([sent.id]);
    await waitFor(() => w.conn.status === 'connected', 'the resume');
    expect(entries(w.store, w.general, 'lost in the drop').map((m) => [m.id, m.pending])).toEqual([[sent.id, undefined]]);
  });

  it('a removed connection ends its waiting sends with connection_removed', async () => {
    const w = await actionsWorld();
    w.server.faults.drop(w.me.id);
    await waitFor(() => w.conn.status !== 'connected', 'the store to see the drop');
    const waiting = w.store.sendMessage(w.general, 'never sent');
    await w.store.removeServer(w.conn);
    await expect(waiting).rejects.toBeInstanceOf(StoreActionError);
    await expect(waiting).rejects.toMatchObject({ code: 'connection_removed' });
    expect(await w.onServer(w.general, 'never sent')).toEqual([]);
  });
});
