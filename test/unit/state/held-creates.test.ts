import { describe, expect, it } from 'vitest';
import { beginAwaiting, endAwaiting, holdOwnCreate, takeHeld } from '../../../src/state/actions/held-creates.js';
import { MAX_HELD_PER_CHANNEL, Outbox } from '../../../src/state/actions/outbox.js';
import { message as fixture } from './fixtures.js';

const message = (id: string, channelId: string) => fixture(channelId, 'me', { id });

describe('held own creates (no nonce: a create of mine waits for the answer that says whose it is)', () => {
  it('holds only while a send in the channel awaits, releases the rest in id order, and stays bounded', () => {
    const outbox = new Outbox();
    const channel = outbox.channel('c1');
    expect(holdOwnCreate(outbox, message('10', 'c1'))).toEqual([message('10', 'c1')]);

    beginAwaiting(outbox, channel);
    expect(outbox.awaiting).toBe(1);
    expect(holdOwnCreate(outbox, message('12', 'c1'))).toBeNull();
    expect(holdOwnCreate(outbox, message('11', 'c1'))).toBeNull();
    expect(holdOwnCreate(outbox, message('13', 'c2'))?.map((m) => m.id)).toEqual(['13']);
    expect(takeHeld(channel, '12')?.id).toBe('12');
    expect(endAwaiting(outbox, channel).map((m) => m.id)).toEqual(['11']);
    expect(outbox.awaiting).toBe(0);

    beginAwaiting(outbox, channel);
    for (let i = 0; i < MAX_HELD_PER_CHANNEL; i++) expect(holdOwnCreate(outbox, message(String(100 + i), 'c1'))).toBeNull();
    const due = holdOwnCreate(outbox, message('999', 'c1'));
    expect(due).toHaveLength(MAX_HELD_PER_CHANNEL + 1);
    expect(due?.at(-1)?.id).toBe('999');
    expect(channel.held).toBeNull();
  });
});
