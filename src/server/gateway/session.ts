import type { TimerHandle } from '../../util/clock.js';
import type { SharedDispatch } from './outbound.js';
import type { ReplayLimits } from './replay-buffer.js';
import { ReplayBuffer } from './replay-buffer.js';

export interface SessionInit {
  id: string;
  userId: string;
  kind: 'bot' | 'user' | 'guest';
  guestSpaceId: string | undefined;
  tokenHash: string;
  intents: ReadonlySet<string>;
  spaceIds: Set<string>;
  mutes: Set<string>;
  friendIds: readonly string[];
  replayLimits: ReplayLimits;
}

/**
 * The socket a live session is attached to: a Connection, seen through what sessions, the gateway
 * and the fault API call on it (an interface, so that session.ts does not import connection.ts,
 * which imports it).
 */
export interface SessionSink {
  sendText(text: string): void;
  /** One dispatch: the frame's shared bytes, then this session's seq. */
  sendDispatch(frame: SharedDispatch, seq: number): void;
  /** Drop without a Close frame; the session is parked when `resumable`. */
  drop(reason: string, resumable?: boolean): void;
  /** op 7 then a drop; the session ends for good. */
  invalidate(reason: string): void;
}

/**
 * One gateway session: survives its socket while parked (docs/protocol.md §1.9.3), keeps filtering,
 * numbering and buffering events until it is resumed, expires or is discarded.
 */
export class Session {
  readonly id: string;
  readonly userId: string;
  readonly kind: 'bot' | 'user' | 'guest';
  readonly guestSpaceId: string | undefined;
  readonly tokenHash: string;
  readonly intents: ReadonlySet<string>;
  spaceIds: Set<string>;
  mutes: Set<string>;
  friendIds: readonly string[];
  /** Last seq delivered; READY is 1. */
  seq = 1;
  readonly replay: ReplayBuffer;
  /** The live socket, or null while parked (or once ended). */
  sink: SessionSink | null = null;
  ended = false;
  expiryTimer: TimerHandle | undefined;

  constructor(init: SessionInit) {
    this.id = init.id;
    this.userId = init.userId;
    this.kind = init.kind;
    this.guestSpaceId = init.guestSpaceId;
    this.tokenHash = init.tokenHash;
    this.intents = init.intents;
    this.spaceIds = init.spaceIds;
    this.mutes = init.mutes;
    this.friendIds = init.friendIds;
    this.replay = new ReplayBuffer(init.replayLimits);
  }

  get isGuest(): boolean {
    return this.kind === 'guest';
  }

  get parked(): boolean {
    return this.sink === null && !this.ended;
  }

  /** Takes the next seq for a shared dispatch, buffers it, and sends it if a socket is attached. */
  deliver(frame: SharedDispatch): void {
    const seq = this.seq + 1;
    this.seq = seq;
    this.replay.push(seq, frame);
    if (this.sink !== null) this.sink.sendDispatch(frame, seq);
  }
}
