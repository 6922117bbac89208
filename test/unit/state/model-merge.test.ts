import { describe, expect, it } from 'vitest';
import { MemberSchema, MessageSchema } from '../../../src/models/index.js';
import { assignOwn, assignOwnCounted } from '../../../src/state/mutations/merge.js';
import { modelMerge, modelMergeCounted } from '../../../src/state/mutations/model-merge.js';
import { message } from './fixtures.js';

type Fields = Record<string, unknown>;

const clone = <T>(value: T): T => structuredClone(value);

/** Runs the model merge and assignOwn on copies of the same inputs; both results must be equal. */
function expectSameAsAssignOwn(merge: (target: Fields, source: Fields) => Fields, target: Fields, source: Fields, skip?: readonly string[]) {
  const viaModel = merge(clone(target), source);
  const viaGeneric = assignOwn(clone(target), source, skip);
  expect(viaModel).toEqual(viaGeneric);
  expect(Object.keys(viaModel)).toEqual(Object.keys(viaGeneric));
  return viaModel;
}

describe('modelMerge', () => {
  const mergeMessage = modelMerge(MessageSchema);

  it('merges a full message like assignOwn, keeping cached arrays whose ids did not change', () => {
    const cached = message('c1', 'u2', { mentions: ['u3'], content: 'old' }) as unknown as Fields;
    const edit = { ...clone(cached), content: 'new', edited_at: '2024-05-01 12:00:00', mentions: ['u3'] };
    const mentions = cached['mentions'];
    const merged = mergeMessage(cached, edit);
    expect(merged).toBe(cached);
    expect(merged['content']).toBe('new');
    expect(merged['edited_at']).toBe('2024-05-01 12:00:00');
    expect(merged['mentions']).toBe(mentions);
    expectSameAsAssignOwn(mergeMessage, message('c1', 'u2') as unknown as Fields, edit);
  });

  it('falls back to assignOwn for fields the schema does not know, a missing required one, and an optional one', () => {
    const cached = message('c1', 'u2') as unknown as Fields;
    const full = clone(cached);
    expectSameAsAssignOwn(mergeMessage, cached, { ...full, content: 'x', brand_new_field: { a: 1 } });
    const { content: _dropped, ...withoutContent } = full;
    expectSameAsAssignOwn(mergeMessage, cached, { ...withoutContent, brand_new_field: 1 });
    expectSameAsAssignOwn(mergeMessage, cached, { ...withoutContent });
    expectSameAsAssignOwn(mergeMessage, cached, { ...full, last_reply_at: '2024-05-01 12:00:00' });
    expectSameAsAssignOwn(mergeMessage, cached, { ...full, content: undefined });
    expectSameAsAssignOwn(mergeMessage, cached, { content: 'only this' });
  });

  it('keeps a wire __proto__ key as data, as assignOwn does', () => {
    const cached = message('c1', 'u2') as unknown as Fields;
    const source = JSON.parse(`{"__proto__":{"polluted":"yes"},${JSON.stringify(clone(cached)).slice(1)}`) as Fields;
    const merged = expectSameAsAssignOwn(mergeMessage, cached, source);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Fields)['polluted']).toBeUndefined();
  });

  it('leaves the skipped fields alone (a member keeps its linked user and tracked status)', () => {
    const skip = ['user', 'status'];
    const mergeMember = modelMerge(MemberSchema, skip);
    const user = { id: 'u2' };
    const cached: Fields = {
      user_id: 'u2', space_id: 's1', nickname: null, avatar: null, roles: ['r1'], joined_at: '2024-01-01', premium_since: null,
      deaf: false, mute: false, pending: false, timed_out_until: null, permissions: null, user, status: 'online',
    };
    const update: Fields = { ...clone(cached), nickname: 'nick', roles: ['r1'], status: 'offline', user: { id: 'u2', username: 'other' } };
    const roles = cached['roles'];
    const merged = expectSameAsAssignOwn(mergeMember, cached, update, skip);
    expect(merged['nickname']).toBe('nick');
    expect(merged['status']).toBe('online');
    expect(mergeMember(cached, update)['user']).toBe(user);
    expect(cached['roles']).toBe(roles);
    const { user: _user, status: _status, ...wireOnly } = update;
    expectSameAsAssignOwn(mergeMember, cached, wireOnly, skip);
  });

  it('counted: writes what modelMerge writes and returns how many fields it wrote, as assignOwnCounted does', () => {
    const counted = modelMergeCounted(MessageSchema);
    const cached = message('c1', 'u2', { mentions: ['u3'], content: 'old' }) as unknown as Fields;
    const cases: Fields[] = [
      clone(cached),
      { ...clone(cached), content: 'new', mentions: ['u3'] },
      { ...clone(cached), content: 'new', edited_at: '2024-05-01 12:00:00', mentions: ['u4'] },
      { ...clone(cached), brand_new_field: 1 },
      { content: 'only this' },
    ];
    const expected = [0, 1, 3, 1, 1];
    cases.forEach((source, at) => {
      const viaModel = clone(cached);
      const viaGeneric = clone(cached);
      expect(counted(viaModel, source)).toBe(expected[at]);
      expect(assignOwnCounted(viaGeneric, source)).toBe(expected[at]);
      expect(viaModel).toEqual(assignOwn(clone(cached), source));
      expect(viaModel).toEqual(viaGeneric);
    });
  });
});
