import { describe, expect, it } from 'vitest';
import { parseMember, parseMessage, parseUser } from '../../../src/models/index.js';
import { INVENTED_FIELDS, inventedFields } from '../../../src/models/invented-fields.js';
import { member, message, user } from './fixtures.js';
import { setup } from './harness.js';

/**
 * Issue 13, "Partial payloads never wipe known data": the tolerant parser fills what a payload
 * lacks with defaults; a merge applies what the wire carried and nothing the parser invented.
 */
describe('partial payloads', () => {
  it('the parser marks the fields it invented, and nothing on valid data', () => {
    const valid = parseMessage({ ...message('c1', 'u2') }).value;
    expect(inventedFields(valid)).toBeUndefined();
    const partial = parseMessage({ id: '5', channel_id: 'c1', content: 'edited', pinned: 'yes' }).value;
    expect(partial.author_id).toBe('');
    expect(inventedFields(partial)).toEqual(expect.arrayContaining(['author_id', 'timestamp', 'pinned', 'space_id']));
    expect(inventedFields(partial)).not.toContain('content');
    // The marker is no data: not enumerable, not serialized.
    expect(Object.prototype.propertyIsEnumerable.call(partial, INVENTED_FIELDS)).toBe(false);
    expect(JSON.parse(JSON.stringify(partial))).toEqual({ ...partial });
  });

  it('message.update without author_id, timestamp or mentions keeps the cached ones', async () => {
    const h = await setup();
    const original = message('c1', 'u2', { content: 'first', mentions: ['u1'], pinned: true });
    h.client.emit('message.create', original);
    const cached = h.store.message(original.id);
    h.client.emit('message.update', parseMessage({ id: original.id, channel_id: 'c1', content: 'second', edited_at: '2024-02-02 00:00:00' }).value);
    const after = h.store.message(original.id);
    expect(after).toBe(cached);
    expect(after).toMatchObject({
      content: 'second',
      edited_at: '2024-02-02 00:00:00',
      author_id: 'u2',
      space_id: 's1',
      timestamp: '2024-01-01 00:00:00',
      mentions: ['u1'],
      pinned: true,
    });
  });

  it('message.update with a garbled field keeps the cached value of that field only', async () => {
    const h = await setup();
    const original = message('c1', 'u2', { content: 'first' });
    h.client.emit('message.create', original);
    h.client.emit('message.update', parseMessage({ ...original, author_id: 42, content: 'second' }).value);
    expect(h.store.message(original.id)).toMatchObject({ author_id: 'u2', content: 'second' });
  });

  it('member.update without roles or joined_at keeps them; its partial user keeps the cached username', async () => {
    const h = await setup();
    h.client.emit('member.update', member('s1', 'u2', { roles: ['r1'], nickname: 'Bee' }));
    const partial = parseMember({ user_id: 'u2', space_id: 's1', nickname: 'Bobby', user: { id: 'u2', display_name: 'Bob B' } }).value;
    h.client.emit('member.update', partial);
    const cached = h.store.member('s1', 'u2');
    expect(cached).toMatchObject({ nickname: 'Bobby', roles: ['r1'], joined_at: '2024-01-01 00:00:00', deaf: false });
    expect(h.store.user('u2')).toMatchObject({ username: 'user_u2', display_name: 'Bob B' });
  });

  it('user.update without username keeps it', async () => {
    const h = await setup();
    h.client.emit('user.update', parseUser({ id: 'u3', display_name: 'Cee', bot: 'no' }).value);
    expect(h.store.user('u3')).toMatchObject({ username: 'user_u3', display_name: 'Cee', bot: false });
    expect(h.store.user('u3')?.username).toBe(user('u3').username);
  });
});
