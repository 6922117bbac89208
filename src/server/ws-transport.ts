import { WebSocket } from 'ws';
import type { GatewayTransport } from './gateway/connection.js';

/**
 * Below this a dispatch is copied into one frame per socket (cheap, and byte-identical to one text
 * frame); from here on it goes out as two fragments of one text message, the shared body then the
 * session's `seq}`, so every socket queues the same buffer instead of its own copy.
 */
const SHARE_FROM_BYTES = 8 * 1024;
const TEXT = { binary: false } as const;

/** The gateway's transport over a `ws` server socket, counting what piles up unsent. */
export function wsTransport(ws: WebSocket): GatewayTransport {
  let backlogEvents = 0;
  return {
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    // the callback runs once the frame is handed to the OS, so the op 7 is not lost in the drop
    sendThenTerminate: (text) => ws.send(text, () => ws.terminate()),
    sendDispatch(shared, tail) {
      if (ws.readyState !== WebSocket.OPEN) return;
      // Counted while the socket holds it unsent; ws calls back (a tick later at the earliest)
      // once the OS has it.
      let counted = false;
      const onWritten = (): void => {
        if (counted) backlogEvents -= 1;
        counted = false;
      };
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
      if (ws.bufferedAmount > 0) {
        counted = true;
        backlogEvents += 1;
      }
    },
    get backlogEvents() {
      return backlogEvents;
    },
    get backlogBytes() {
      return ws.bufferedAmount;
    },
  };
}
