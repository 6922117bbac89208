import { describe, expect, it } from 'vitest';
import { parseReadyData, parseChannel } from '../../../src/models/index.js';
import { dmChannel } from './wire-fixtures.js';

describe('lists of entities on the repair path', () => {
  it('drops list elements that are not objects or carry no id, instead of inventing id ""', () => {
    const result = parseReadyData({
      session_id: 's',
      user_id: 'u',
      channels: [1, null, { id: '' }, { id: 'c1', name: 5 }],
      members: [{ user_id: 'a', space_id: 's1' }, 'x', { space_id: 's1' }],
    });
    expect(result.fatal).toBeUndefined();
    expect(result.value.channels.map((c) => c.id)).toEqual(['c1']);
    expect(result.value.channels[0]?.name).toBeNull();
    expect(result.value.members.map((m) => m.user_id)).toEqual(['a']);
    expect(result.issues.length).toBeGreaterThan(0);
  });

  it('keeps a valid list untouched (same array instance on the fast path)', () => {
    const channel = { ...dmChannel, recipients: [...dmChannel.recipients] };
    const parsed = parseChannel(channel);
    expect(parsed.issues).toEqual([]);
    expect(parsed.value).toBe(channel);
    expect(parsed.value.recipients).toBe(channel.recipients);
  });
});
