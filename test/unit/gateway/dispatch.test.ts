import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/models/index.js';
import { createHarness } from './harness.js';
import { messageData, messageFrame } from './fixtures.js';

describe('dispatch (behaviour 10)', () => {
  it('emits the parsed model under the wire name and raw for every dispatch, handled or not', async () => {
    const { gw, recorded, connectReady } = createHarness();
    const messages: Message[] = [];
    gw.on('message.create', (message) => messages.push(message));
    const socket = await connectReady();
    socket.receive(messageFrame(2, 'm-a'));
    socket.receive({ op: 0, type: 'brand.new_event', seq: 3, data: { x: 1 } });
    expect(messages.map((message) => message.id)).toEqual(['m-a']);
    expect(recorded.raw.map(([type]) => type)).toEqual(['ready', 'message.create', 'brand.new_event']);
    expect(recorded.raw[2]).toEqual(['brand.new_event', { x: 1 }]);
    expect(recorded.errors).toEqual([]);
  });

  it('listeners added or removed after a type was first dispatched are honoured (off, removeAllListeners, raw)', async () => {
    const { gw, connectReady } = createHarness();
    const first: string[] = [];
    const second: string[] = [];
    const raw: string[] = [];
    const onFirst = (message: Message): void => {
      first.push(message.id);
    };
    gw.on('message.create', onFirst);
    const socket = await connectReady();
    socket.receive(messageFrame(2, 'm-1'));
    gw.off('message.create', onFirst);
    socket.receive(messageFrame(3, 'm-2'));
    gw.on('message.create', (message) => second.push(message.id));
    gw.on('raw', (type) => raw.push(type));
    socket.receive(messageFrame(4, 'm-3'));
    gw.removeAllListeners('message.create');
    socket.receive(messageFrame(5, 'm-4'));
    gw.on('message.create', (message) => second.push(`again ${message.id}`));
    gw.removeAllListeners();
    socket.receive(messageFrame(6, 'm-5'));
    gw.on('message.create', (message) => second.push(`after all ${message.id}`));
    socket.receive(messageFrame(7, 'm-6'));
    expect(first).toEqual(['m-1']);
    expect(second).toEqual(['m-3', 'after all m-6']);
    expect(raw).toEqual(['message.create', 'message.create']);
  });

  it('reports malformed frames (not JSON, not an object, no type) and keeps processing the next frame', async () => {
    const { gw, recorded, connectReady } = createHarness();
    const ids: string[] = [];
    gw.on('message.create', (message) => ids.push(message.id));
    const socket = await connectReady();
    socket.receive('{"op":0,"type":"message.create",');
    socket.receive('[1,2,3]');
    socket.receive('42');
    socket.receive({ op: 0, seq: 2, data: {} });
    socket.receive(messageFrame(3, 'after'));
    expect(recorded.errors.map((error) => error.kind)).toEqual([
      'malformed_frame',
      'malformed_frame',
      'malformed_frame',
      'malformed_frame',
    ]);
    expect(recorded.errors[0]?.reason).toMatch(/JSON/);
    expect(ids).toEqual(['after']);
    expect(gw.state).toBe('connected');
  });

  it('data that fails its parser fatally is reported with the event type and skipped', async () => {
    const { gw, recorded, connectReady } = createHarness();
    const ids: string[] = [];
    gw.on('message.create', (message) => ids.push(message.id));
    const socket = await connectReady();
    socket.receive({ op: 0, type: 'message.create', seq: 2, data: 'not a message' });
    socket.receive(messageFrame(3, 'next'));
    expect(recorded.errors).toHaveLength(1);
    expect(recorded.errors[0]).toMatchObject({ kind: 'invalid_data', eventType: 'message.create' });
    expect(ids).toEqual(['next']);
  });

  it('defaulted (non-fatal) data is reported as invalid_data and still dispatched', async () => {
    const { gw, recorded, connectReady } = createHarness();
    const messages: Message[] = [];
    gw.on('message.create', (message) => messages.push(message));
    const socket = await connectReady();
    socket.receive({ op: 0, type: 'message.create', seq: 2, data: { ...messageData('m-x'), pinned: 'yes' } });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.id).toBe('m-x');
    expect(typeof messages[0]?.pinned).toBe('boolean');
    expect(recorded.errors).toHaveLength(1);
    expect(recorded.errors[0]).toMatchObject({ kind: 'invalid_data', eventType: 'message.create' });
    expect(recorded.errors[0]?.issues.length).toBeGreaterThan(0);
  });

  it('a throwing listener does not stop the next frame', async () => {
    const { gw, connectReady } = createHarness();
    gw.onListenerError = () => {};
    const ids: string[] = [];
    gw.on('message.create', (message) => {
      ids.push(message.id);
      throw new Error('listener bug');
    });
    const socket = await connectReady();
    socket.receive(messageFrame(2));
    socket.receive(messageFrame(3));
    expect(ids).toEqual(['m-2', 'm-3']);
  });
});
