import { GatewayIntents } from '../protocol/index.js';
import type { IdentifyPresence, IdentifyProperties } from '../protocol/index.js';
import type { ReadyData, ResumedData } from '../models/index.js';
import { authorizationFor } from '../util/authorization.js';
import { systemClock } from '../util/clock.js';
import type { Clock, RandomSource } from '../util/clock.js';
import { TypedEmitter } from '../util/emitter.js';
import { safeLogger, scrubSecrets } from '../util/logger.js';
import type { Logger } from '../util/logger.js';
import { RetryTimer, backoffDelayMs, invalidSessionDelayMs } from './backoff.js';
import { IDLE, checkMove, cycleOf, phaseOf, publicState, sessionOf, socketOf } from './connection.js';
import type { ConnectCycle, Connection } from './connection.js';
import { deferred } from './deferred.js';
import { GatewayAuthError, GatewayClosedError, GatewayError } from './errors.js';
import { DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_MAX_RECONNECT_ATTEMPTS, HELLO_TIMEOUT_MS } from './gateway-options.js';
import type { GatewaySocketEvents, GatewaySocketOptions } from './gateway-options.js';
import { gatewayUrlFromBase } from './gateway-url.js';
import { Heartbeat } from './heartbeat.js';
import { defaultIdentifyProperties } from './identify-properties.js';
import { helloIntervalMs } from './inbound-frames.js';
import { DEFAULT_OUTBOUND_RATE_LIMIT, OutboundQueue } from './outbound-queue.js';
import { heartbeatFrame, identifyFrame, resumeFrame } from './outbound-frames.js';
import { describeLoss, planRecovery } from './recovery-plan.js';
import type { LossCause } from './recovery-plan.js';
import { canResume, snapshotSession } from './session.js';
import type { ActiveSession, Session } from './session.js';
import type { GatewayState } from './state.js';
import { documentVisibility } from './visibility.js';
import type { VisibilitySource } from './visibility.js';
import { abandonSocket, closeSocket, detachSocket, loadDefaultWebSocket, socketErrorOf } from './websocket-like.js';
import type { WebSocketConstructor, WebSocketLike } from './websocket-like.js';

/**
 * The transport's lifecycle: one WebSocket at a time, the HELLO/IDENTIFY/RESUME handshake,
 * heartbeat and zombie detection, reconnect with backoff. `GatewaySocket` adds what travels on a
 * live socket (dispatch, control ops, outbound ops).
 *
 * Its whole state is one `Connection` value (see connection.ts), changed only through `move`,
 * which refuses an illegal move. Every unexpected loss (close, zombie, op 6, op 7) goes through
 * `handleLoss`, which detaches the old socket first (so its late close event is never seen) and
 * asks `planRecovery` what to do; every final stop goes through `finish`.
 */
export abstract class GatewayConnection extends TypedEmitter<GatewaySocketEvents> {
  readonly url: string;
  readonly #authorization: string;
  readonly #secrets: readonly string[];
  private readonly intents: readonly string[];
  private readonly properties: IdentifyProperties;
  private readonly presence: IdentifyPresence | undefined;
  private readonly clock: Clock;
  private readonly random: RandomSource;
  private readonly logger: Logger;
  private readonly maxAttempts: number;
  private readonly visibility: VisibilitySource | undefined;
  protected readonly heartbeat: Heartbeat;
  private readonly retryTimer: RetryTimer;
  private readonly helloTimer: RetryTimer;
  protected readonly outbound: OutboundQueue;
  private WebSocketCtor: WebSocketConstructor | undefined;

  protected connection: Connection = IDLE;
  /** The READY of the current session (null before one and after a final stop). */
  private lastReady: ReadyData | null = null;
  private stopVisibility: (() => void) | undefined;

  /** Every text frame of the current socket. */
  protected abstract handleFrame(raw: unknown): void;

  constructor(options: GatewaySocketOptions) {
    super();
    if (options.gatewayUrl) this.url = options.gatewayUrl;
    else if (options.baseUrl) this.url = gatewayUrlFromBase(options.baseUrl);
    else throw new TypeError('GatewaySocket needs baseUrl or gatewayUrl');
    const tokenType = options.tokenType ?? 'Bearer';
    this.#authorization = authorizationFor(options.token, tokenType);
    this.#secrets = [options.token, this.#authorization].filter((secret) => secret.length > 0);
    this.intents = options.intents ? [...options.intents] : GatewayIntents.all();
    this.properties = { ...defaultIdentifyProperties(), ...options.properties };
    this.presence = options.presence;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.logger = safeLogger(options.logger, () => this.#secrets);
    this.maxAttempts = options.maxReconnectAttempts ?? DEFAULT_MAX_RECONNECT_ATTEMPTS;
    this.visibility = options.visibility ?? documentVisibility();
    this.WebSocketCtor = options.WebSocket;
    this.heartbeat = new Heartbeat(this.clock, this.random, {
      beat: () => this.write(heartbeatFrame(sessionOf(this.connection)?.seq ?? 0)),
      missedAck: () => this.handleLoss({ kind: 'zombie' }),
      forgiven: () => this.visibility?.isHidden() ?? false,
    });
    this.retryTimer = new RetryTimer(this.clock);
    this.helloTimer = new RetryTimer(this.clock);
    this.outbound = new OutboundQueue(this.clock, options.outboundRateLimit ?? DEFAULT_OUTBOUND_RATE_LIMIT, (payload) =>
      this.write(payload),
    );
  }

  get state(): GatewayState {
    return publicState(this.connection);
  }

  /** The session a reconnect would RESUME, as a copy (null when the next handshake IDENTIFYs). */
  get session(): Session | null {
    const session = sessionOf(this.connection);
    return session === null ? null : snapshotSession(session);
  }

  get sessionId(): string | null {
    return sessionOf(this.connection)?.sessionId ?? null;
  }

  /** The last dispatch seq seen (0 before READY). */
  get seq(): number {
    return sessionOf(this.connection)?.seq ?? 0;
  }

  /** The connecting user from READY (null for guests and before READY). */
  get user(): ReadyData['user'] {
    return this.lastReady?.user ?? null;
  }

  /** Round trip of the last acknowledged heartbeat in ms (NaN until one is acknowledged). */
  get latencyMs(): number {
    return this.heartbeat.latencyMs;
  }

  /**
   * Opens the gateway; resolves on READY. Rejects with GatewayAuthError when IDENTIFY is refused
   * again on retry, and with GatewayClosedError on a fatal close or when attempts run out.
   */
  connect(): Promise<ReadyData> {
    const connection = this.connection;
    if (connection.kind === 'live') {
      if (this.lastReady) return Promise.resolve(this.lastReady);
      return this.waitForLogin();
    }
    if (connection.kind !== 'idle' && connection.login) return connection.login.promise as Promise<ReadyData>;
    return this.waitForLogin();
  }

  /** Sends Close (ending the session on the server), cancels every timer, ends `disconnected`. */
  disconnect(code = 1000, reason = 'client disconnect'): void {
    if (this.connection.kind === 'idle') return;
    this.releaseSocket('close', code, reason);
    this.finish(code, this.scrub(reason), new GatewayClosedError(code, 'disconnect() called before READY', 'aborted'));
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** A login waiter for the current cycle; an idle transport starts one. */
  private waitForLogin(): Promise<ReadyData> {
    const login = deferred<ReadyData | null>();
    const connection = this.connection;
    if (connection.kind === 'idle') {
      this.stopVisibility = this.visibility?.onChange((hidden) => this.handleVisibility(hidden));
      this.move({ kind: 'opening', attempt: 0, recovering: false, lostWhileHidden: false, login, session: null });
      this.openSocket();
    } else if (connection.kind !== 'live') {
      this.move({ ...connection, login });
    }
    // A live connection with no READY (a resumed stored session) has no waiter to join: it is done.
    else login.resolve(null);
    return login.promise as Promise<ReadyData>;
  }

  /** From `opening` (or a finished wait): open the socket, loading the WebSocket class once if needed. */
  private openSocket(): void {
    const connection = this.connection;
    if (connection.kind === 'waiting') this.move({ kind: 'opening', ...cycleOf(connection) });
    const ctor = this.WebSocketCtor;
    if (ctor) {
      this.attach(ctor);
      return;
    }
    loadDefaultWebSocket().then(
      (loaded) => {
        this.WebSocketCtor = loaded;
        if (this.connection.kind === 'opening') this.attach(loaded);
      },
      (error: unknown) => {
        if (this.connection.kind !== 'opening') return;
        const reason = this.scrub(error instanceof Error ? error.message : String(error));
        this.finish(1006, reason, new GatewayError('socket', reason));
      },
    );
  }

  private attach(ctor: WebSocketConstructor): void {
    const connection = this.connection;
    if (connection.kind !== 'opening') return;
    let ws: WebSocketLike;
    try {
      ws = new ctor(this.url);
    } catch (error) {
      this.reportSocketError(error);
      this.handleLoss({ kind: 'closed', code: 1006, reason: 'could not open the socket' });
      return;
    }
    this.move({ kind: 'handshake', socket: ws, step: 'hello', replayed: 0, ...cycleOf(connection) });
    this.debug(`opening ${this.url}`);
    this.helloTimer.schedule(HELLO_TIMEOUT_MS, () => {
      if (this.isCurrent(ws)) this.handleLoss({ kind: 'hello_timeout' });
    });
    ws.onmessage = (event) => {
      if (this.isCurrent(ws)) this.handleFrame(event.data);
    };
    ws.onclose = (event) => {
      if (this.isCurrent(ws)) this.handleLoss({ kind: 'closed', code: event.code, reason: event.reason });
    };
    ws.onerror = (event) => {
      if (this.isCurrent(ws)) this.reportSocketError(socketErrorOf(event));
    };
  }

  private isCurrent(ws: WebSocketLike): boolean {
    const connection = this.connection;
    return (connection.kind === 'live' || connection.kind === 'handshake') && connection.socket === ws;
  }

  /** Detach the live socket and stop its heartbeat; `how` says what the socket itself gets. */
  private releaseSocket(how: 'gone' | 'abandon' | 'close', code = 1000, reason = ''): void {
    this.heartbeat.stop();
    this.helloTimer.cancel();
    this.outbound.setOpen(false);
    const ws = socketOf(this.connection);
    if (!ws) return;
    detachSocket(ws);
    if (how === 'abandon') abandonSocket(ws);
    else if (how === 'close') closeSocket(ws, code, reason);
  }

  /** The one decision path for every unexpected loss. */
  protected handleLoss(cause: LossCause): void {
    const connection = this.connection;
    if (connection.kind === 'idle') return;
    const phase = phaseOf(connection);
    this.releaseSocket(cause.kind === 'closed' ? 'gone' : 'abandon');
    const plan = planRecovery(cause, phase);
    this.debug(`connection lost (${describeLoss(cause)}) during ${phase}`);

    if (plan.action === 'stop') {
      const reason = this.scrub(plan.reason);
      const error = plan.failure === 'auth' ? new GatewayAuthError(reason) : new GatewayClosedError(plan.code, reason);
      this.finish(plan.code, reason, error);
      return;
    }
    const cycle = cycleOf(connection);
    if (cycle.attempt >= this.maxAttempts) {
      const reason = this.scrub(plan.giveUpReason);
      this.finish(plan.giveUpCode, reason, new GatewayClosedError(plan.giveUpCode, reason));
      return;
    }
    const waiting: ConnectCycle = {
      attempt: cycle.attempt + 1,
      recovering: connection.kind === 'live' || cycle.recovering,
      lostWhileHidden: cycle.lostWhileHidden || (this.visibility?.isHidden() ?? false),
      login: cycle.login,
      session: plan.session === 'identify' ? null : cycle.session,
    };
    const delay =
      plan.wait === 'backoff' ? backoffDelayMs(waiting.attempt, this.random) : invalidSessionDelayMs(this.random);
    this.retryTimer.schedule(delay, () => this.openSocket());
    this.debug(`reconnect ${waiting.attempt}/${this.maxAttempts} in ${Math.round(delay)} ms (${plan.session})`);
    this.move({ kind: 'waiting', ...waiting });
    // a stateChange listener may have called disconnect()
    if (this.stopped()) return;
    this.emit('reconnecting', waiting.attempt, this.maxAttempts);
  }

  /** The one path to a final `disconnected`. */
  private finish(code: number, reason: string, error: GatewayError): void {
    const connection = this.connection;
    const login = connection.kind === 'idle' || connection.kind === 'live' ? null : connection.login;
    this.releaseSocket('gone');
    this.retryTimer.cancel();
    this.outbound.clear(error);
    this.stopVisibility?.();
    this.stopVisibility = undefined;
    this.lastReady = null;
    this.debug(`disconnected (${code}): ${reason}`);
    this.move(IDLE);
    login?.reject(error);
    this.emit('disconnected', code, reason);
  }

  private stopped(): boolean {
    return this.connection.kind === 'idle';
  }

  /** The only writer of `connection`: checks the move, then reports a change of the public state. */
  private move(next: Connection): void {
    const prev = this.connection;
    checkMove(prev, next);
    this.connection = next;
    const prevState = publicState(prev);
    const nextState = publicState(next);
    if (prevState !== nextState) this.emit('stateChange', nextState, prevState);
  }

  // ---- handshake ------------------------------------------------------------------------

  /** READY (already parsed) on the current socket: a new session, now live. */
  protected startSession(ready: ReadyData, data: unknown, seq: number | null | undefined): void {
    const sessionId = typeof ready.session_id === 'string' && ready.session_id ? ready.session_id : null;
    const session: ActiveSession | null =
      sessionId === null ? null : { sessionId, seq: typeof seq === 'number' ? seq : 0, resumeUrl: this.url };
    this.lastReady = ready;
    const cycle = cycleOf(this.connection);
    this.goLive(session);
    this.debug(`ready: session ${sessionId ?? '(none)'}, seq ${session?.seq ?? 0}`);
    cycle.login?.resolve(ready);
    this.emit('ready', ready);
    this.emit('raw', 'ready', data);
    if (cycle.recovering && this.connection.kind === 'live') this.emit('recovered', { kind: 'reidentified' });
  }

  /** `resumed` (already parsed) on the current socket: the session goes on, live again. */
  protected resumeSession(resumed: ResumedData, data: unknown): void {
    const connection = this.connection;
    const replayed = connection.kind === 'handshake' ? connection.replayed : 0;
    if (connection.kind !== 'handshake' || connection.step !== 'resume') this.debug('resumed arrived without a pending RESUME');
    const cycle = cycleOf(connection);
    this.goLive(cycle.session);
    this.debug(`resumed: ${replayed} events replayed, seq ${this.seq}`);
    if (this.lastReady) cycle.login?.resolve(this.lastReady);
    this.emit('resumed', resumed);
    this.emit('raw', 'resumed', data);
    if (this.connection.kind === 'live') this.emit('recovered', { kind: 'resumed', replayed });
  }

  private goLive(session: ActiveSession | null): void {
    const socket = socketOf(this.connection);
    if (socket === null) return;
    this.move({ kind: 'live', socket, session });
    this.outbound.setOpen(true);
  }

  protected handleHello(data: unknown): void {
    this.helloTimer.cancel();
    this.heartbeat.start(helloIntervalMs(data, DEFAULT_HEARTBEAT_INTERVAL_MS));
    const connection = this.connection;
    if (connection.kind !== 'handshake' || connection.step !== 'hello') return;
    const session = connection.session;
    if (canResume(session)) {
      this.move({ ...connection, step: 'resume', replayed: 0 });
      this.debug(`resume session ${session.sessionId} at seq ${session.seq}`);
      this.write(resumeFrame(this.#authorization, session));
      return;
    }
    this.move({ ...connection, step: 'identify', session: null });
    this.debug(`identify with ${this.intents.length} intents`);
    this.write(identifyFrame(this.#authorization, this.intents, this.properties, this.presence));
  }

  private handleVisibility(hidden: boolean): void {
    if (hidden) return;
    const connection = this.connection;
    if (socketOf(connection) !== null) this.heartbeat.beatNow();
    if (connection.kind === 'waiting' && connection.lostWhileHidden && this.retryTimer.pending) {
      this.move({ ...connection, lostWhileHidden: false });
      this.debug('visible again: reconnecting now');
      this.retryTimer.fireNow();
    }
  }

  // ---- writing and reporting --------------------------------------------------------------

  protected write(payload: string): boolean {
    const ws = socketOf(this.connection);
    if (!ws) return false;
    try {
      ws.send(payload);
      return true;
    } catch (error) {
      this.reportSocketError(error);
      return false;
    }
  }

  protected reportSocketError(error: unknown): void {
    const text = error instanceof Error ? error.message : typeof error === 'string' ? error : 'socket error';
    this.emit('error', new GatewayError('socket', this.scrub(text || 'socket error')));
  }

  protected debug(message: string): void {
    const safe = this.scrub(message);
    this.logger.debug(safe);
    this.emit('debug', safe);
  }

  protected scrub(text: string): string {
    return scrubSecrets(text, this.#secrets);
  }
}
