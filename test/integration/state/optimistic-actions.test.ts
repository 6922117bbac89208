import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/models/index.js';
import { AccordRest } from '../../../src/rest/index.js';
import { actionsWorld, useActionsWorlds, type ActionsWorld } from './actions-harness.js';
import { waitFor } from './converge.js';

useActionsWorlds();

const reactionsOf = (m: Message | undefined) => (m?.reactions ?? []).map((r) => [r.emoji.name, r.count, r.me]);

async function mine(w: ActionsWorld, content: string): Promise<Message> {
  const sent = await w.store.sendMessage(w.general, content);
  await w.created(content);
  return sent;
}

describe('optimistic edit, delete and reactions', () => {
  it('an edit shows at once, settles to the server, and rolls back exactly when refused', async () => {
    const w = await actionsWorld();
    const message = await mine(w, 'before edit');
    const editing = w.store.editMessage(message.id, 'after edit');
    expect(w.store.message(message.id)).toMatchObject({ content: 'after edit' });
    expect(w.store.message(message.id)?.edited_at).not.toBeNull();
    const answer = await editing;
    await waitFor(() => w.store.message(message.id)?.edited_at === answer.edited_at, 'the edit settled');
    expect(w.store.message(message.id)?.content).toBe('after edit');

    const before = { ...w.store.message(message.id) };
    w.server.faults.failRest({ action: 'fail', method: 'PATCH', path: `/messages/${message.id}`, status: 403, code: 'missing_permissions' });
    const refused = w.store.editMessage(message.id, 'refused edit');
    expect(w.store.message(message.id)?.content).toBe('refused edit');
    await expect(refused).rejects.toMatchObject({ status: 403 });
    expect(w.store.message(message.id)).toEqual(before);
    expect((await w.onServer(w.general, 'after edit')).map((m) => m.id)).toEqual([message.id]);
  });

  it('a delete shows at once; refused, the message comes back at its place; the echo of a real one changes nothing', async () => {
    const w = await actionsWorld();
    const a = await mine(w, 'del a');
    const b = await mine(w, 'del b');
    const c = await mine(w, 'del c');
    const order = w.store.messages(w.general).map((m) => m.id);

    w.server.faults.failRest({ action: 'fail', method: 'DELETE', path: `/messages/${b.id}`, status: 500 });
    const refused = w.store.deleteMessage(b.id);
    expect(w.store.message(b.id)).toBeUndefined();
    await expect(refused).rejects.toMatchObject({ status: 500 });
    expect(w.store.messages(w.general).map((m) => m.id)).toEqual(order);

    // Someone else's message: the client cannot judge the permission, the server refuses, it comes back.
    const alice = new AccordRest({ baseUrl: w.server.url, token: w.alice.token });
    const hers = await alice.createMessage(w.general, 'alice writes');
    await w.created('alice writes');
    const withHers = w.store.messages(w.general).map((m) => m.id);
    await expect(w.store.deleteMessage(hers.id)).rejects.toMatchObject({ status: 403 });
    expect(w.store.messages(w.general).map((m) => m.id)).toEqual(withHers);

    const deletes: string[] = [];
    w.conn.client.on('message.delete', (data) => deletes.push(data.id));
    await w.store.deleteMessage(b.id);
    expect(w.store.message(b.id)).toBeUndefined();
    await waitFor(() => deletes.includes(b.id), 'the delete echo');
    expect(w.store.messages(w.general).map((m) => m.id)).toEqual(withHers.filter((id) => id !== b.id));
    expect([a.id, c.id].every((id) => w.store.message(id) !== undefined)).toBe(true);
  });

  it('reactions count at once, the echo never counts twice, and a refusal restores count, me and position', async () => {
    const w = await actionsWorld();
    const alice = new AccordRest({ baseUrl: w.server.url, token: w.alice.token });
    const message = await mine(w, 'react to me');
    await alice.addReaction(w.general, message.id, '👍');
    await alice.addReaction(w.general, message.id, '🔥');
    await waitFor(() => reactionsOf(w.store.message(message.id)).length === 2, 'alice reactions');
    const echoes: string[] = [];
    w.conn.client.on('reaction.add', (data) => echoes.push(`${data.user_id}:${String(data.emoji)}`));

    const adding = w.store.addReaction(message.id, '👍');
    expect(reactionsOf(w.store.message(message.id))).toEqual([['👍', 2, true], ['🔥', 1, false]]);
    await adding;
    await waitFor(() => echoes.includes(`${w.me.id}:👍`), 'the echo of my reaction');
    expect(reactionsOf(w.store.message(message.id))).toEqual([['👍', 2, true], ['🔥', 1, false]]);

    const settled = reactionsOf(w.store.message(message.id));
    w.server.faults.failRest({ action: 'fail', method: 'PUT', path: '/reactions/', status: 403 });
    const refusedAdd = w.store.addReaction(message.id, '🎉');
    expect(reactionsOf(w.store.message(message.id))).toEqual([...settled, ['🎉', 1, true]]);
    await expect(refusedAdd).rejects.toMatchObject({ status: 403 });
    expect(reactionsOf(w.store.message(message.id))).toEqual(settled);

    await alice.removeReaction(w.general, message.id, '👍');
    await waitFor(() => reactionsOf(w.store.message(message.id))[0]?.[1] === 1, 'alice takes her 👍 back');
    const alone = reactionsOf(w.store.message(message.id));
    w.server.faults.failRest({ action: 'fail', method: 'DELETE', path: '/reactions/', status: 403 });
    const refusedRemove = w.store.removeReaction(message.id, '👍');
    expect(reactionsOf(w.store.message(message.id))).toEqual([['🔥', 1, false]]);
    await expect(refusedRemove).rejects.toMatchObject({ status: 403 });
    expect(reactionsOf(w.store.message(message.id))).toEqual(alone);

    await w.store.removeReaction(message.id, '👍');
    const truth = await w.rest.getMessage(w.general, message.id);
    await waitFor(() => JSON.stringify(reactionsOf(w.store.message(message.id))) === JSON.stringify(reactionsOf(truth)), 'the store to equal the server');
  });
});
