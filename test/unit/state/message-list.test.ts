import { describe, expect, it } from 'vitest';
import { MessageList, OldestBound } from '../../../src/state/message-list.js';
import { message } from './fixtures.js';

const withId = (id: string) => message('c1', 'u2', { id });
const ids = (list: MessageList) => list.toArray().map((m) => m.id);

/** The same operations must give the same answers whether the ids arrive in order or not. */
describe('MessageList', () => {
  it('finds, evicts and removes messages that arrive in id order', () => {
    const list = new MessageList();
    const sent = ['101', '102', '103', '104', '105'].map(withId);
    for (const m of sent) expect(list.push(m, 3)).toBe(true);
    expect(ids(list)).toEqual(['103', '104', '105']);
    expect(list.size).toBe(3);
    expect(list.get('101')).toBeUndefined();
    expect(list.get('103')).toBe(sent[2]);
    expect(list.get('104')).toBe(sent[3]);
    expect(list.get('105')).toBe(sent[4]);
    expect(list.get('100')).toBeUndefined();
    expect(list.get('106')).toBeUndefined();
    expect(list.get('1035')).toBeUndefined();
    expect(list.push(withId('104'), 3)).toBe(false);
    expect(list.push(withId('105'), 3)).toBe(false);
    expect(list.remove('104')).toBe(true);
    expect(list.remove('104')).toBe(false);
    expect(ids(list)).toEqual(['103', '105']);
    expect(list.removeIds(new Set(['103', '999']))).toBe(1);
    expect(ids(list)).toEqual(['105']);
  });

  it('finds every held id and none of the gaps, among the newest and deep in the list', () => {
    for (const size of [1, 2, 3, 5, 6, 7, 12, 50]) {
      const list = new MessageList();
      // Even ids held, odd ids (the gaps between them, and both ends) never sent.
      const sent = Array.from({ length: size }, (_, i) => withId(String(1000 + 2 * i)));
      for (const m of sent) list.push(m, 50);
      sent.forEach((m, i) => {
        expect(list.get(m.id)).toBe(m);
        expect(list.get(String(1001 + 2 * i))).toBeUndefined();
      });
      expect(list.get('999')).toBeUndefined();
      // Removing from the newest end and from the middle keeps every other lookup right.
      if (size > 3) {
        expect(list.remove(sent[size - 2]!.id)).toBe(true);
        expect(list.remove(sent[1]!.id)).toBe(true);
        const kept = sent.filter((_, i) => i !== size - 2 && i !== 1);
        for (const m of kept) expect(list.get(m.id)).toBe(m);
        expect(list.get(sent[size - 2]!.id)).toBeUndefined();
        expect(list.get(sent[1]!.id)).toBeUndefined();
      }
    }
  });

  it('keeps id order when an id arrives late: inserted at its place, or not at all when older than a full window', () => {
    const list = new MessageList();
    for (const id of ['200', '300', '250']) expect(list.push(withId(id), 4)).toBe(true);
    expect(ids(list)).toEqual(['200', '250', '300']);
    expect(list.push(withId('9'), 4)).toBe(true);
    expect(ids(list)).toEqual(['9', '200', '250', '300']);
    // Full: a message older than the window would evict a newer one, so it stays out.
    expect(list.push(withId('5'), 4)).toBe(false);
    expect(ids(list)).toEqual(['9', '200', '250', '300']);
    // A late one inside the window evicts the oldest.
    expect(list.push(withId('220'), 4)).toBe(true);
    expect(ids(list)).toEqual(['200', '220', '250', '300']);
    expect(list.push(withId('1000'), 4)).toBe(true);
    expect(ids(list)).toEqual(['220', '250', '300', '1000']);
    for (const id of ['220', '250', '300', '1000']) expect(list.get(id)?.id).toBe(id);
    expect(list.get('200')).toBeUndefined();
    expect(list.push(withId('250'), 4)).toBe(false);
    expect(list.remove('250')).toBe(true);
    expect(list.get('250')).toBeUndefined();
    expect(ids(list)).toEqual(['220', '300', '1000']);
    expect(list.removeIds(new Set(['300', '1000']))).toBe(2);
    expect(ids(list)).toEqual(['220']);
  });

  it('ignores a duplicate of an older message held in order', () => {
    const list = new MessageList();
    const first = withId('10');
    list.push(first, 5);
    list.push(withId('11'), 5);
    list.push(withId('12'), 5);
    expect(list.push(withId('10'), 5)).toBe(false);
    expect(list.get('10')).toBe(first);
    expect(ids(list)).toEqual(['10', '11', '12']);
  });

  it('orders ids by length first (a longer id is newer)', () => {
    const list = new MessageList();
    for (const id of ['98', '99', '100', '101']) list.push(withId(id), 10);
    for (const id of ['98', '99', '100', '101']) expect(list.get(id)?.id).toBe(id);
    expect(list.get('1000')).toBeUndefined();
    expect(list.get('97')).toBeUndefined();
  });

  it('reset() takes any order, keeps the newest cap in id order, and finds them all', () => {
    const list = new MessageList();
    list.reset(['5', '3', '4', '1', '3'].map(withId), 3);
    expect(ids(list)).toEqual(['3', '4', '5']);
    for (const id of ['3', '4', '5']) expect(list.get(id)?.id).toBe(id);
    list.reset(['1', '2', '3'].map(withId), 2);
    expect(ids(list)).toEqual(['2', '3']);
    expect(list.get('1')).toBeUndefined();
    expect(list.get('2')?.id).toBe('2');
    expect(list.push(withId('4'), 2)).toBe(true);
    expect(ids(list)).toEqual(['3', '4']);
  });

  it('stays right across many evictions (compaction) in both modes', () => {
    for (const shuffle of [false, true]) {
      const list = new MessageList();
      const cap = 7;
      const all: string[] = [];
      for (let i = 0; i < 200; i++) {
        const id = String(shuffle && i % 5 === 0 ? 10_000 - i : 1_000 + i);
        all.push(id);
        list.push(withId(id), cap);
      }
      const held = [...all].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(-cap);
      expect(ids(list)).toEqual(held);
      for (const id of held) expect(list.get(id)?.id).toBe(id);
      for (const id of all.filter((id) => !held.includes(id))) expect(list.get(id)).toBeUndefined();
    }
  });

  it('removes and finds across the ring wrap, and keeps right through a cap change', () => {
    const list = new MessageList();
    for (let i = 0; i < 13; i++) list.push(withId(String(100 + i)), 5);
    // 108..112 held; the oldest sits mid-array after 8 evictions
    expect(ids(list)).toEqual(['108', '109', '110', '111', '112']);
    expect(list.remove('110')).toBe(true);
    expect(list.remove('108')).toBe(true);
    expect(ids(list)).toEqual(['109', '111', '112']);
    for (const id of ['109', '111', '112']) expect(list.get(id)?.id).toBe(id);
    expect(list.get('110')).toBeUndefined();
    for (let i = 13; i < 16; i++) list.push(withId(String(100 + i)), 5);
    expect(ids(list)).toEqual(['111', '112', '113', '114', '115']);
    expect(list.size).toBe(5);
    list.push(withId('116'), 3);
    expect(ids(list)).toEqual(['114', '115', '116']);
    list.push(withId('117'), 6);
    expect(ids(list)).toEqual(['114', '115', '116', '117']);
    expect(list.get('113')).toBeUndefined();
  });

  it('removes near the oldest and near the newest across the ring wrap, then keeps appending in place', () => {
    const list = new MessageList();
    for (let i = 0; i < 13; i++) list.push(withId(String(200 + i)), 8);
    expect(ids(list)).toEqual(['205', '206', '207', '208', '209', '210', '211', '212']);
    expect(list.remove('206')).toBe(true);
    expect(list.remove('211')).toBe(true);
    expect(list.remove('205')).toBe(true);
    expect(ids(list)).toEqual(['207', '208', '209', '210', '212']);
    for (const id of ['207', '208', '209', '210', '212']) expect(list.get(id)?.id).toBe(id);
    for (const id of ['205', '206', '211']) expect(list.get(id)).toBeUndefined();
    for (let i = 13; i < 18; i++) list.push(withId(String(200 + i)), 8);
    expect(ids(list)).toEqual(['209', '210', '212', '213', '214', '215', '216', '217']);
    expect(list.remove('210')).toBe(true);
    expect(list.remove('217')).toBe(true);
    expect(ids(list)).toEqual(['209', '212', '213', '214', '215', '216']);
    expect(list.get('214')?.id).toBe('214');
  });

  it('snapshots do not change when the ring overwrites a slot', () => {
    const list = new MessageList();
    for (let i = 0; i < 3; i++) list.push(withId(String(10 + i)), 3);
    const snapshot = list.toArray();
    list.push(withId('13'), 3);
    expect(snapshot.map((m) => m.id)).toEqual(['10', '11', '12']);
    expect(ids(list)).toEqual(['11', '12', '13']);
  });

  it('its id index follows every change: evicted, removed, reset, prepended and trimmed messages', () => {
    const list = new MessageList('c1');
    const sent = ['100', '101', '102', '103', '104'].map(withId);
    for (const m of sent) list.push(m, 3);
    for (const id of ['100', '101']) expect(list.get(id)).toBeUndefined();
    for (const m of sent.slice(2)) expect(list.get(m.id)).toBe(m);
    expect(list.remove('103')).toBe(true);
    expect(list.get('103')).toBeUndefined();
    list.reset([withId('90'), withId('91')], 3);
    for (const id of ['102', '104']) expect(list.get(id)).toBeUndefined();
    expect(list.get('91')?.id).toBe('91');
    list.prepend([withId('80'), withId('81')]);
    expect(list.get('80')?.id).toBe('80');
    expect(list.trim(2)).toBe(2);
    expect(ids(list)).toEqual(['90', '91']);
    for (const id of ['80', '81']) expect(list.get(id)).toBeUndefined();
    expect(list.removeIds(new Set(['90']))).toBe(1);
    expect(list.get('90')).toBeUndefined();
    expect(list.get('91')?.id).toBe('91');
  });

  it('removeHeld() removes only a message this list holds', () => {
    const a = new MessageList('c1');
    const b = new MessageList('c2');
    const m = withId('7');
    a.push(m, 5);
    b.push(withId('8'), 5);
    expect(b.removeHeld(m)).toBe(false);
    expect(a.removeHeld(m)).toBe(true);
    expect(a.size).toBe(0);
  });

  describe("the connection's oldest-id bound", () => {
    it('a list that may now hold something older than the bound resets it; appends and evictions do not', () => {
      const bound = new OldestBound();
      const list = new MessageList('c1', bound);
      const known = (): boolean => {
        const was = bound.known;
        bound.known = true;
        return was;
      };
      list.push(withId('200'), 3);
      expect(known()).toBe(false); // a first message
      for (const id of ['201', '202', '203', '204']) list.push(withId(id), 3);
      expect(known()).toBe(true); // appends and evictions only raise the oldest
      list.push(withId('199'), 3);
      expect(known()).toBe(true); // older than a full window: not inserted
      list.remove('203');
      list.push(withId('203'), 3);
      expect(known()).toBe(true); // late, but not the oldest
      list.reset([withId('150')], 3);
      expect(known()).toBe(false);
      list.prepend([withId('140')]);
      expect(known()).toBe(false);
      expect(list.oldestId()).toBe('140');
    });
  });
});
