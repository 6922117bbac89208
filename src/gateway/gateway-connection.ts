import type { ReadyData } from '../models/index.js';
import { authorizationFor } from '../protocol/authorization.js';
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
import { DEFAULT_MAX_RECONNECT_ATTEMPTS, HELLO_TIMEOUT_MS } from './gateway-options.js';
import type { ConnectResult, GatewaySocketEvents, GatewaySocketOptions } from './gateway-options.js';
import { gatewayUrlFromBase } from './gateway-url.js';
import { Heartbeat } from './heartbeat.js';
import { DEFAULT_OUTBOUND_RATE_LIMIT, OutboundQueue } from './outbound-queue.js';
import { heartbeatFrame } from './outbound-frames.js';
import { describeLoss, planRecovery } from './recovery-plan.js';
import type { LossCause } from './recovery-plan.js';
import { snapshotSession } from './session.js';
import { SessionKeeper } from './session-keeper.js';
import { SessionStoreError } from './session-store.js';
import type { SessionStore } from './session-store.js';
import type { ActiveSession, Session } from './session.js';
import type { GatewayState } from './state.js';
import { documentVisibility } from './visibility.js';
import type { VisibilitySource } from './visibility.js';
import { abandonSocket, closeSocket, detachSocket, loadDefaultWebSocket, socketErrorOf } from './websocket-like.js';
import type { WebSocketConstructor, WebSocketLike } from './websocket-like.js';

/** What a socket lost without a Close frame reads as (RFC 6455 §7.4.1). */
const ABNORMAL_CLOSURE = 1006;

/**
 * The transport's lifecycle: one WebSocket at a time, heartbeat and zombie detection, reconnect
 * with backoff, the session kept in the `sessionStore`. `GatewaySocket` adds the protocol spoken
 * on the socket (the HELLO/IDENTIFY/RESUME handshake, dispatch, control and outbound ops).
 *
 * Its whole state is one `Connection` value (see connection.ts), changed only through `move`,
 * which refuses an illegal move. Every unexpected loss (close, zombie, op 6, op 7) goes through
 * `handleLoss`, which detaches the old socket first (so its late close event is never seen) and
 * asks `planRecovery` what to do; every final stop goes through `finish`.
 */
export abstract class GatewayConnection<S extends SessionStore | undefined = undefined> extends TypedEmitter<GatewaySocketEvents> {
  readonly url: string;
  readonly #secrets: readonly string[];
  /** The token's Authorization value (IDENTIFY and RESUME carry it); private fields stay out of inspect(). */
  readonly #authorization: string;
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
  /** Writes the session to the `sessionStore` option as it goes (undefined without one). */
  protected readonly keeper: SessionKeeper | undefined;

  protected connection: Connection = IDLE;
  /** The READY of the current session (null before one and after a final stop). */
  protected lastReady: ReadyData | null = null;
  private stopVisibility: (() => void) | undefined;

  /** Every text frame of the current socket. */
  protected abstract handleFrame(raw: unknown): void;

  constructor(options: GatewaySocketOptions<S>) {
    super();
    if (options.gatewayUrl) this.url = options.gatewayUrl;
    else if (options.baseUrl) this.url = gatewayUrlFromBase(options.baseUrl);
    else throw new TypeError('GatewaySocket needs baseUrl or gatewayUrl');
    this.#authorization = authorizationFor(options.token, options.tokenType ?? 'Bearer');
    this.#secrets = [options.token, this.#authorization].filter((secret) => secret.length > 0);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.logger = safeLogger(options.logger, () => this.#secrets);
    this.maxAttempts = options.maxReconnectAttempts ?? DEFAULT_MAX_RECONNECT_ATTEMPTS;
    this.visibility = options.visibility ?? documentVisibility();
    this.WebSocketCtor = options.WebSocket;
    const store = options.sessionStore;
    this.keeper = store ? new SessionKeeper(store, (error) => this.reportStoreError(error)) : undefined;
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
   * Opens the gateway; resolves on READY. With a `sessionStore` holding a session, it RESUMEs that
   * session instead and resolves with null once `resumed` arrives (no READY is sent on a resume);
   * a session the server no longer knows falls back to IDENTIFY at once. Rejects with
   * GatewayAuthError when IDENTIFY is refused, and with GatewayClosedError on a fatal close or when
   * attempts run out.
   */
  connect(): Promise<ConnectResult<S>> {
    const connection = this.connection;
    let result: Promise<ReadyData | null>;
    if (connection.kind === 'live') result = Promise.resolve(this.lastReady);
    else if (connection.kind !== 'idle' && connection.login) result = connection.login.promise;
    else result = this.waitForLogin();
    // null only ever comes from a stored session, which only a client with a sessionStore has.
    return result as Promise<ConnectResult<S>>;
  }

  /**
   * Sends Close (ending the session on the server), cancels every timer, ends `disconnected`, and
   * clears the `sessionStore` (see `flushSession`).
   */
  disconnect(code = 1000, reason = 'client disconnect'): void {
    if (this.connection.kind === 'idle') return;
    this.releaseSocket('close', code, reason);
    this.finish(code, this.scrub(reason), new GatewayClosedError(code, 'disconnect() called before READY', 'aborted'));
  }

  /**
   * Stops like `disconnect()` but leaves the session resumable: the socket is dropped without a
   * Close frame (where the platform can: `ws` in Node; a browser socket always sends one) and the
   * `sessionStore` keeps the session, so the next process RESUMEs it inside the server's window.
   * Resolves once the store holds the latest seq.
   */
  async suspend(): Promise<void> {
    const connection = this.connection;
    if (connection.kind !== 'idle') {
      const session = sessionOf(connection);
      if (session !== null) this.keeper?.save(session);
      this.releaseSocket('abandon');
      const reason = 'suspended: the session is kept for a RESUME';
      this.finish(1000, reason, new GatewayClosedError(1000, 'suspend() called before READY', 'aborted'), 'keep');
    }
    await this.flushSession();
  }

  /** Resolves once the `sessionStore` holds what the transport last wrote (a session, or none). */
  flushSession(): Promise<void> {
    return this.keeper?.flush() ?? Promise.resolve();
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** A login waiter for the current cycle; an idle transport starts one. */
  private waitForLogin(): Promise<ReadyData | null> {
    const login = deferred<ReadyData | null>();
    const connection = this.connection;
    if (connection.kind === 'idle') {
      this.stopVisibility = this.visibility?.onChange((hidden) => this.handleVisibility(hidden));
      this.move({ kind: 'opening', attempt: 0, recovering: false, lostWhileHidden: false, login, session: null });
      this.restoreSession();
    } else if (connection.kind !== 'live') {
      this.move({ ...connection, login });
    }
    return login.promise;
  }

  /** At login: the stored session (if any) becomes the one the first handshake RESUMEs. */
  private restoreSession(): void {
    const keeper = this.keeper;
    if (keeper === undefined) {
      this.openSocket();
      return;
    }
    const opening = this.connection;
    const loaded = keeper.load();
    if (!(loaded instanceof Promise)) {
      this.useStoredSession(loaded);
      return;
    }
    void loaded.then((stored) => {
      // disconnect() (and maybe a new connect()) while loading: that login is gone.
      if (this.connection === opening) this.useStoredSession(stored);
    });
  }

  private useStoredSession(stored: Session | null): void {
    const connection = this.connection;
    if (connection.kind !== 'opening') return;
    if (stored !== null && stored.resumeUrl !== undefined && stored.resumeUrl !== this.url) {
      this.debug(`stored session belongs to another gateway (${stored.resumeUrl}): identifying`);
      this.keeper?.clear();
    } else if (stored !== null && stored.seq > 0) {
      this.debug(`restored session ${stored.sessionId} at seq ${stored.seq}`);
      this.move({ ...connection, session: { ...stored } });
    }
    this.openSocket();
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

  protected get authorization(): string {
    return this.#authorization;
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
    const cycle = cycleOf(connection);
    // Only a stored session is RESUMEd by the first socket of a login.
    const storedSession = phase === 'resume_sent' && cycle.attempt === 0 && !cycle.recovering;
    const plan = planRecovery(cause, phase, { storedSession });
    this.debug(`connection lost (${describeLoss(cause)}) during ${phase}`);

    if (plan.action === 'stop') {
      const reason = this.scrub(plan.reason);
      const error = plan.failure === 'auth' ? new GatewayAuthError(reason) : new GatewayClosedError(plan.code, reason);
      this.finish(plan.code, reason, error);
      return;
    }
    if (plan.session === 'identify' && cycle.session !== null) this.keeper?.clear();
    if (plan.wait === 'now') {
      // Part of the login, not a reconnect: no attempt used, no `reconnecting`.
      this.retryTimer.schedule(0, () => this.openSocket());
      this.debug('stored session refused: identifying now');
      this.move({ kind: 'waiting', ...cycle, session: null });
      return;
    }
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
    const delay = plan.wait === 'backoff' ? backoffDelayMs(waiting.attempt, this.random) : invalidSessionDelayMs(this.random);
    this.retryTimer.schedule(delay, () => this.openSocket());
    this.debug(`reconnect ${waiting.attempt}/${this.maxAttempts} in ${Math.round(delay)} ms (${plan.session})`);
    this.move({ kind: 'waiting', ...waiting });
    // a stateChange listener may have called disconnect()
    if (this.stopped()) return;
    if (cause.kind === 'closed') this.emit('lost', cause.code, this.scrub(cause.reason));
    else this.emit('lost', ABNORMAL_CLOSURE, describeLoss(cause));
    if (this.stopped()) return;
    this.emit('reconnecting', waiting.attempt, this.maxAttempts);
  }

  /** The one path to a final `disconnected`; the stored session goes too unless `stored` is 'keep'. */
  private finish(code: number, reason: string, error: GatewayError, stored: 'keep' | 'clear' = 'clear'): void {
    const connection = this.connection;
    if (stored === 'clear') this.keeper?.clear();
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
  protected move(next: Connection): void {
    const prev = this.connection;
    checkMove(prev, next);
    this.connection = next;
    const prevState = publicState(prev);
    const nextState = publicState(next);
    if (prevState !== nextState) this.emit('stateChange', nextState, prevState);
  }

  // ---- handshake ------------------------------------------------------------------------

  /** HELLO on the current socket: the handshake watchdog stops, the heartbeat starts. */
  protected helloArrived(heartbeatIntervalMs: number): void {
    this.helloTimer.cancel();
    this.heartbeat.start(heartbeatIntervalMs);
  }

  protected goLive(session: ActiveSession | null): void {
    const socket = socketOf(this.connection);
    if (socket === null) return;
    this.move({ kind: 'live', socket, session });
    this.outbound.setOpen(true);
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

  private reportStoreError(error: SessionStoreError): void {
    this.emit('error', new SessionStoreError(error.problem, this.scrub(error.reason)));
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
