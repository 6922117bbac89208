import { WebSocket } from 'ws';
import type { GatewayTransport } from './gateway/connection.js';

/**
 * Below this a dispatch is copied into one frame per socket (cheap, and byte-identical to one text
 * frame); from here on it goes out as two fragments of one text message, the shared body then the
 * session's `seq}`, so every socket queues the same buffer instead of its own copy.
 */
const SHARE_FROM_BYTES = 8 * 1024;
const TEXT = { binary: false } as const;

/**
 * The gateway's transport over a `ws` server socket, counting the dispatches that pile up unsent.
 *
 * A socket writes in order: once a frame is out, every frame before it is too, and a socket seen
 * empty has written everything. So the frames left unsent when they were sent are numbered within
 * a run that starts whenever the socket is seen empty, and only a frame sent onto a socket that
 * already holds bytes carries a callback (its number, once the OS has it, marks every frame up to
 * it written). The usual send, onto an empty socket that takes the frame at once, then costs no
 * callback, which on a fan-out to a thousand sessions is a closure and a write request each.
 */
export function wsTransport(ws: WebSocket): GatewayTransport {
  let run = 0;
  /** Frames of this run that were left unsent when sent. */
  let unsent = 0;
  /** How many of those are known to be written. */
  let written = 0;
  const newRun = (): void => {
    run += 1;
    unsent = 0;
    written = 0;
  };
  return {
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    // the callback runs once the frame is handed to the OS, so the op 7 is not lost in the drop
    sendThenTerminate: (text) => ws.send(text, () => ws.terminate()),
    sendDispatch(shared, tail) {
      if (ws.readyState !== WebSocket.OPEN) return;
      let onWritten: (() => void) | undefined;
      if (ws.bufferedAmount === 0) newRun();
      else {
        const sentIn = run;
        const number = unsent + 1;
        onWritten = () => {
          if (run === sentIn && number > written) written = number;
        };
      }
      if (shared.length < SHARE_FROM_BYTES) {
        // One buffer (from Node's pool at these sizes), the tail written into it: `seq}` is ASCII.
        const frame = Buffer.allocUnsafe(shared.length + tail.length);
        shared.copy(frame, 0);
        frame.write(tail, shared.length, 'latin1');
        ws.send(frame, TEXT, onWritten);
      } else {
        ws.send(shared, { binary: false, fin: false });
        ws.send(tail, { binary: false, fin: true }, onWritten);
      }
      if (ws.bufferedAmount > 0) unsent += 1;
      else newRun();
    },
    get backlogEvents() {
      return unsent - written;
    },
    get backlogBytes() {
      return ws.bufferedAmount;
    },
  };
}
