import { CloseCodes } from '../../protocol/close-codes.js';
import { GatewayOpcodes } from '../../protocol/opcodes.js';
import type { TimerHandle } from '../../util/clock.js';
import type { IdentifyRequest, InboundEnvelope, ResumeRequest } from './inbound.js';
import { parseEnvelope, parseIdentify, parseResume } from './inbound.js';
import type { GatewayRuntime } from './options.js';
import type { SharedDispatch } from './outbound.js';
import { HEARTBEAT_ACK_FRAME, INVALID_SESSION_FRAME, helloFrame, seqTail } from './outbound.js';
import type { ReplayEntry } from './replay-buffer.js';
import type { Session, SessionSink } from './session.js';

/** The socket under a connection: `ws` in the server, a fake in unit tests. */
export interface GatewayTransport {
  send(text: string): void;
  /** Sends a Close frame with `code`. */
  close(code: number, reason: string): void;
  /** Drops the connection without a Close frame. */
  terminate(): void;
  /** Sends `text`, then drops without a Close frame once it is written out (op 7). */
  sendThenTerminate(text: string): void;
  /**
   * Sends one dispatch: `shared` (the same bytes for every session, which the transport must not
   * copy per socket when it is large) followed by this session's `tail`, as one text message.
   */
  sendDispatch(shared: Buffer, tail: string): void;
  /**
   * What the socket has accepted but not yet handed to the OS: dispatches not yet fully written,
   * and bytes. Read after every dispatch, so plain numbers rather than an object per read.
   */
  readonly backlogEvents: number;
  readonly backlogBytes: number;
}

/**
 * What a connection needs from the gateway that owns it (the Gateway class implements it). An
 * interface, like GatewayTransport below the connection, so that connection.ts does not import
 * gateway.ts, which imports it.
 */
export interface ConnectionHost {
  readonly runtime: GatewayRuntime;
  /** The new session, or null when the IDENTIFY is rejected. */
  identify(connection: Connection, request: IdentifyRequest): Session | null;
  /** The parked session taken over, or null when the RESUME is rejected. */
  resume(connection: Connection, request: ResumeRequest): Session | null;
  /** Ops after the handshake; false when the frame was ignored. */
  handleOp(session: Session, op: number, data: unknown): boolean;
  connectionFinished(connection: Connection): void;
  /** End-of-session effects; parks the session when `resumable`. */
  endSession(session: Session, resumable: boolean, reason: string): void;
}

export type ConnectionPhase = 'handshake' | 'open' | 'closed';

/**
 * One WebSocket: HELLO, the handshake loop, then the main loop (heartbeats, rate limit, ops) of
 * docs/protocol.md §1.4. Every way it ends goes through `finish`, exactly once.
 */
export class Connection implements SessionSink {
  phase: ConnectionPhase = 'handshake';
  session: Session | null = null;
  /** Non-heartbeat frames ignored after the handshake (bad JSON, unknown ops, malformed data). */
  ignoredFrames = 0;
  /** Heartbeats are not acked before this time (fault injection: a zombie connection). */
  acksSuppressedUntil = 0;
  private lastHeartbeatAt = 0;
  private windowStart = 0;
  private windowCount = 0;
  private heartbeatTimer: TimerHandle | undefined;
  private handshakeTimer: TimerHandle | undefined;
  /** Over its send budget: the socket is gone and nothing more is written to it. */
  private lagging = false;

  constructor(
    readonly id: number,
    private readonly gateway: ConnectionHost,
    private readonly transport: GatewayTransport,
  ) {}

  /** Sends HELLO and starts the handshake budget. */
  open(): void {
    const { limits, clock } = this.gateway.runtime;
    this.transport.send(helloFrame(limits.heartbeatIntervalMs));
    this.handshakeTimer = clock.setTimeout(() => this.invalidate('handshake timeout'), limits.handshakeTimeoutMs);
  }

  sendText(text: string): void {
    if (this.phase !== 'closed' && !this.lagging) this.transport.send(text);
  }

  /**
   * One seq-stamped dispatch. A reader that lets more than the send budget pile up unsent is
   * dropped without a Close frame, like a broken socket, so its session is parked and it can
   * RESUME (or IDENTIFY again when the replay buffer no longer covers the gap).
   */
  sendDispatch(frame: SharedDispatch, seq: number): void {
    if (this.phase === 'closed' || this.lagging) return;
    this.transport.sendDispatch(frame.body, seqTail(seq));
    const budget = this.gateway.runtime.limits.sendBudget;
    if (this.transport.backlogEvents > budget.events || this.transport.backlogBytes > budget.bytes) this.dropLagging();
  }

  /** The frames a RESUME replays: bounded by the replay buffer, so exempt from the send budget. */
  replay(entries: readonly ReplayEntry[]): void {
    if (this.phase === 'closed' || this.lagging) return;
    for (const { frame, seq } of entries) this.transport.sendDispatch(frame.body, seqTail(seq));
  }

  /** One inbound text frame. Never throws: a failure is logged and the connection carries on. */
  receiveText(text: string): void {
    if (this.phase === 'closed') return;
    try {
      const envelope = parseEnvelope(text);
      if (this.phase === 'handshake') this.handshakeFrame(envelope);
      else this.sessionFrame(envelope);
    } catch (error) {
      this.gateway.runtime.logger.error('gateway: handling a frame failed', { connection: this.id, error: String(error) });
    }
  }

  /** The socket went away: `closeFrameReceived` tells a client sign-off from a network drop. */
  transportClosed(closeFrameReceived: boolean): void {
    if (this.phase === 'closed') return;
    try {
      this.finish(closeFrameReceived ? 'client close frame' : 'connection lost', !closeFrameReceived);
    } catch (error) {
      this.gateway.runtime.logger.error('gateway: ending a connection failed', { connection: this.id, error: String(error) });
    }
  }

  /** Drop without a Close frame; the session is parked when `resumable`. */
  drop(reason: string, resumable = true): void {
    if (this.phase === 'closed') return;
    this.transport.terminate();
    this.finish(reason, resumable);
  }

  /** Close with a code; a server-chosen close code never leaves a resumable session. */
  closeWith(code: number, reason: string): void {
    if (this.phase === 'closed') return;
    this.transport.close(code, reason);
    this.finish(`closed with ${code}`, false);
  }

  /** op 7 `{"resumable":false}` then drop without a Close frame; the session (if any) ends for good. */
  invalidate(reason: string): void {
    if (this.phase === 'closed') return;
    this.gateway.runtime.logger.debug('gateway: invalid session', { connection: this.id, reason });
    this.transport.sendThenTerminate(INVALID_SESSION_FRAME);
    this.finish(reason, false);
  }

  /** Drops the socket and forgets the session without any end-of-session effects (restart, shutdown). */
  abandon(): void {
    if (this.phase === 'closed') return;
    this.transport.terminate();
    this.finish('abandoned', false, false);
  }

  /**
   * The socket goes at once (freeing what it held); the session is parked on the next microtask,
   * so the event being routed right now finishes reaching every other session first.
   */
  private dropLagging(): void {
    this.lagging = true;
    const backlog = { events: this.transport.backlogEvents, bytes: this.transport.backlogBytes };
    this.transport.terminate();
    this.gateway.runtime.logger.debug('gateway: send backlog over budget', { connection: this.id, ...backlog });
    queueMicrotask(() => this.drop('send backlog over budget'));
  }

  private handshakeFrame(envelope: InboundEnvelope | null): void {
    if (envelope === null) return this.invalidate('bad json during handshake');
    switch (envelope.op) {
      case GatewayOpcodes.HEARTBEAT:
        this.ack();
        return;
      case GatewayOpcodes.IDENTIFY: {
        const request = parseIdentify(envelope.data);
        const session = request ? this.gateway.identify(this, request) : null;
        if (session === null) return this.invalidate(request ? 'identify rejected' : 'identify schema');
        return this.beginSession(session);
      }
      case GatewayOpcodes.RESUME: {
        const request = parseResume(envelope.data);
        const session = request ? this.gateway.resume(this, request) : null;
        if (session === null) return this.invalidate(request ? 'resume rejected' : 'resume schema');
        return this.beginSession(session);
      }
      default:
        return this.invalidate(`op ${envelope.op} during handshake`);
    }
  }

  private beginSession(session: Session): void {
    const { clock } = this.gateway.runtime;
    clock.clearTimeout(this.handshakeTimer);
    this.handshakeTimer = undefined;
    this.session = session;
    this.phase = 'open';
    const now = clock.now();
    this.lastHeartbeatAt = now;
    this.windowStart = now;
    this.windowCount = 0;
    this.scheduleHeartbeatCheck();
  }

  private sessionFrame(envelope: InboundEnvelope | null): void {
    if (envelope !== null && envelope.op === GatewayOpcodes.HEARTBEAT) {
      this.lastHeartbeatAt = this.gateway.runtime.clock.now();
      this.ack();
      return;
    }
    if (!this.countFrame()) return;
    const session = this.session;
    if (envelope === null || session === null) {
      this.ignoredFrames += 1;
      return;
    }
    if (envelope.op === GatewayOpcodes.IDENTIFY || envelope.op === GatewayOpcodes.RESUME) {
      this.closeWith(CloseCodes.ALREADY_AUTHENTICATED, 'already authenticated');
      return;
    }
    if (!this.gateway.handleOp(session, envelope.op, envelope.data)) this.ignoredFrames += 1;
  }

  /** Fixed-window rate limit (docs/protocol.md §1.13); false when this frame closed the connection. */
  private countFrame(): boolean {
    const { limits, clock } = this.gateway.runtime;
    const now = clock.now();
    if (now - this.windowStart >= limits.rateLimit.windowMs) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount += 1;
    if (this.windowCount <= limits.rateLimit.frames) return true;
    this.closeWith(CloseCodes.RATE_LIMITED, 'rate limit exceeded');
    return false;
  }

  private ack(): void {
    if (this.gateway.runtime.clock.now() < this.acksSuppressedUntil) return;
    this.transport.send(HEARTBEAT_ACK_FRAME);
  }

  private scheduleHeartbeatCheck(): void {
    const { limits, clock } = this.gateway.runtime;
    this.heartbeatTimer = clock.setTimeout(() => {
      this.heartbeatTimer = undefined;
      if (this.phase !== 'open') return;
      if (clock.now() - this.lastHeartbeatAt > limits.heartbeatTimeoutMs) this.drop('heartbeat timeout');
      else this.scheduleHeartbeatCheck();
    }, limits.heartbeatIntervalMs);
  }

  private finish(reason: string, resumable: boolean, endSession = true): void {
    const { clock } = this.gateway.runtime;
    this.phase = 'closed';
    clock.clearTimeout(this.handshakeTimer);
    clock.clearTimeout(this.heartbeatTimer);
    this.handshakeTimer = undefined;
    this.heartbeatTimer = undefined;
    this.gateway.connectionFinished(this);
    const session = this.session;
    if (session === null) return;
    if (session.sink === this) session.sink = null;
    if (endSession) this.gateway.endSession(session, resumable, reason);
  }
}
