import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SharedDispatch } from '../../../src/server/gateway/outbound.js';
import { wsTransport } from '../../../src/server/ws-transport.js';

/**
 * The `ws` socket as the transport sees it: `bufferedAmount` is what the test says the socket holds
 * unsent, and each send's callback (if any) is kept for the test to run when the OS "has" it.
 */
class FakeSocket {
  readyState: number = WebSocket.OPEN;
  bufferedAmount = 0;
  /** Set before a send: what the socket holds right after it. */
  heldAfterSend = 0;
  readonly sends: { bytes: string; callback: (() => void) | undefined }[] = [];

  send(data: Buffer | string, _options?: object, callback?: () => void): void {
    this.sends.push({ bytes: data.toString(), callback });
    this.bufferedAmount = this.heldAfterSend;
  }
}

function transportOver(socket: FakeSocket) {
  return wsTransport(socket as unknown as WebSocket);
}

const dispatch = new SharedDispatch('message.create', '{"id":"1"}');

describe('wsTransport: unsent dispatches', () => {
  it('sends the shared body with the seq tail as one text frame', () => {
    const socket = new FakeSocket();
    transportOver(socket).sendDispatch(dispatch.body, '7}');
    expect(socket.sends.map((send) => send.bytes)).toEqual([dispatch.frameText(7)]);
  });

  it('counts nothing, and asks for no callback, while the socket takes each frame at once', () => {
    const socket = new FakeSocket();
    const transport = transportOver(socket);
    for (let seq = 1; seq <= 3; seq++) transport.sendDispatch(dispatch.body, `${seq}}`);
    expect(transport.backlogEvents).toBe(0);
    expect(socket.sends.every((send) => send.callback === undefined)).toBe(true);
  });

  it('counts frames left unsent and forgets each one, and every one before it, once its write is done', () => {
    const socket = new FakeSocket();
    const transport = transportOver(socket);
    socket.heldAfterSend = 100;
    // The first goes onto an empty socket (no callback), the next two onto one that holds bytes.
    for (let seq = 1; seq <= 3; seq++) transport.sendDispatch(dispatch.body, `${seq}}`);
    expect(transport.backlogEvents).toBe(3);
    expect(socket.sends.map((send) => send.callback === undefined)).toEqual([true, false, false]);
    // Writes complete in order: the second one out means the first is out as well.
    socket.sends[1]?.callback?.();
    expect(transport.backlogEvents).toBe(1);
    socket.sends[2]?.callback?.();
    expect(transport.backlogEvents).toBe(0);
  });

  it('starts counting afresh once the socket is seen empty, ignoring callbacks of frames before that', () => {
    const socket = new FakeSocket();
    const transport = transportOver(socket);
    socket.heldAfterSend = 100;
    for (let seq = 1; seq <= 3; seq++) transport.sendDispatch(dispatch.body, `${seq}}`);
    // Everything went out, but the callbacks have not run yet.
    socket.bufferedAmount = 0;
    transport.sendDispatch(dispatch.body, '4}');
    expect(transport.backlogEvents).toBe(1);
    socket.sends[2]?.callback?.();
    expect(transport.backlogEvents).toBe(1);
    socket.heldAfterSend = 0;
    transport.sendDispatch(dispatch.body, '5}');
    expect(transport.backlogEvents).toBe(0);
  });

  it('keeps counting a reader that never catches up, up to the budget the gateway checks', () => {
    const socket = new FakeSocket();
    const transport = transportOver(socket);
    socket.heldAfterSend = 1;
    for (let seq = 1; seq <= 50; seq++) {
      socket.heldAfterSend = seq * 100;
      transport.sendDispatch(dispatch.body, `${seq}}`);
    }
    socket.sends[9]?.callback?.();
    expect(transport.backlogEvents).toBe(40);
    expect(transport.backlogBytes).toBe(5000);
  });

  it('sends nothing on a socket that is no longer open', () => {
    const socket = new FakeSocket();
    socket.readyState = WebSocket.CLOSING;
    transportOver(socket).sendDispatch(dispatch.body, '1}');
    expect(socket.sends).toEqual([]);
  });
});
