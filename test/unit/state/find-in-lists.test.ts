import { describe, expect, it } from 'vitest';
import { ConnectionCache } from '../../../src/state/connection-cache.js';
import { removeMessage } from '../../../src/state/mutations/messages.js';
import { Routing, type RoutingOwner } from '../../../src/state/routing.js';
import { message } from './fixtures.js';

const inChannel = (channelId: string, id: string) => message(channelId, 'u2', { id });

function cacheWith(lists: Record<string, string[]>, cap = 5): ConnectionCache {
  const owner = { index: 0 } as unknown as RoutingOwner;
  const cache = new ConnectionCache(owner, new Routing());
  for (const [channelId, ids] of Object.entries(lists)) for (const id of ids) cache.messageList(channelId).push(inChannel(channelId, id), cap);
  return cache;
}

describe('finding a message in whichever channel list holds it', () => {
  it('finds one held by another list than the named one, and none older than every list holds', () => {
    const cache = cacheWith({ c1: ['105', '106'], c2: ['103', '107'] });
    expect(cache.findMessage('103')?.channel_id).toBe('c2');
    expect(cache.findMessage('103', 'c1')).toBeUndefined();
    expect(cache.findMessage('102')).toBeUndefined();
    expect(removeMessage(cache, 'c1', '103')).toBe('c2');
    expect(cache.findMessage('103')).toBeUndefined();
  });

  it('an older page, a late message or a new list after a lookup is still found (the bound is computed again)', () => {
    const cache = cacheWith({ c1: ['105', '106'] });
    expect(cache.findMessage('90')).toBeUndefined();
    cache.messageList('c1').prepend([inChannel('c1', '90')]);
    expect(cache.findMessage('90')?.id).toBe('90');
    expect(cache.findMessage('80')).toBeUndefined();
    cache.messageList('c2').push(inChannel('c2', '80'), 5);
    expect(cache.findMessage('80')?.channel_id).toBe('c2');
    expect(cache.findMessage('70')).toBeUndefined();
    cache.messageList('c2').push(inChannel('c2', '70'), 5);
    expect(cache.findMessage('70')?.channel_id).toBe('c2');
    expect(cache.findMessage('60')).toBeUndefined();
    cache.messageList('c1').reset([inChannel('c1', '60')], 5);
    expect(removeMessage(cache, 'c2', '60')).toBe('c1');
  });

  it('with nothing cached, nothing is found', () => {
    const cache = cacheWith({});
    expect(cache.findMessage('1')).toBeUndefined();
    expect(removeMessage(cache, 'c1', '1')).toBeNull();
    cache.messageList('c1').push(inChannel('c1', '1'), 5);
    expect(removeMessage(cache, 'c9', '1')).toBe('c1');
  });
});
