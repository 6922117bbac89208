import { GatewayIntents, GatewayOpcodes } from '../protocol/index.js';
import type {
  Activity,
  GatewayFrame,
  IdentifyData,
  IdentifyPresence,
  IdentifyProperties,
  PresenceStatus,
  VoiceStateUpdateData,
} from '../protocol/index.js';
import { eventParser, parseEvent } from '../models/index.js';
import type { GatewayEventMap, ModelParser, ParseIssue, ParseResult, ReadyData, ResumedData } from '../models/index.js';
import { authorizationFor } from '../protocol/authorization.js';
import { systemClock } from '../util/clock.js';
import type { Clock, RandomSource } from '../util/clock.js';
import { TypedEmitter } from '../util/emitter.js';
import type { AnyListener } from '../util/emitter.js';
import { safeLogger, scrubSecrets } from '../util/logger.js';
import type { Logger } from '../util/logger.js';
import { RetryTimer, backoffDelayMs, invalidSessionDelayMs } from './backoff.js';
import { GatewayAuthError, GatewayClosedError, GatewayError, GatewayNotConnectedError } from './errors.js';
import { gatewayUrlFromBase } from './gateway-url.js';
import { Heartbeat } from './heartbeat.js';
import { defaultIdentifyProperties } from './identify-properties.js';
import { DEFAULT_OUTBOUND_RATE_LIMIT, OutboundQueue } from './outbound-queue.js';
import type { OutboundRateLimit } from './outbound-queue.js';
import { describeLoss, planRecovery } from './recovery-plan.js';
import type { HandshakePhase, LossCause } from './recovery-plan.js';
import { abandonSocket, closeSocket, detachSocket, loadDefaultWebSocket } from './socket-factory.js';
import type { WebSocketConstructor, WebSocketLike } from './socket-factory.js';
import { canTransition } from './state.js';
import type { GatewayState } from './state.js';
import { documentVisibility } from './visibility.js';
import type { VisibilitySource } from './visibility.js';

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 45_000;
export const DEFAULT_MAX_RECONNECT_ATTEMPTS = 10;
/** A socket that has not sent HELLO by then is treated as lost (a hung proxy, a half-open TCP). */
export const HELLO_TIMEOUT_MS = 30_000;

export interface GatewaySocketOptions {
  token: string;
  /** Scheme prefixed to the token in IDENTIFY/RESUME (default 'Bearer'). */
  tokenType?: 'Bot' | 'Bearer';
  /** Server base URL (`http://host:3000`); the gateway is derived from it: ws(s)://host/ws. */
  baseUrl?: string;
  /** Full gateway URL, used as given; wins over `baseUrl`. */
  gatewayUrl?: string;
  /** Intent names sent in IDENTIFY (default: every intent). */
  intents?: readonly string[];
  properties?: Partial<IdentifyProperties>;
  /** Initial presence sent in IDENTIFY. */
  presence?: IdentifyPresence;
  /** Default: `ws` in Node, the global WebSocket in browsers. */
  WebSocket?: WebSocketConstructor;
  clock?: Clock;
  random?: RandomSource;
  logger?: Logger;
  maxReconnectAttempts?: number;
  /** Default: `document` visibility in browsers, none elsewhere. */
  visibility?: VisibilitySource;
  /** The server's limit for ops 8–11 (default 120 frames / 60 s); we pace a little under it. */
  outboundRateLimit?: OutboundRateLimit;
}

/** How an unexpected loss was healed: a full replay, or a new session the layer above must rebuild from. */
export type RecoveryInfo = { kind: 'resumed'; replayed: number } | { kind: 'reidentified' };

export type GatewayLifecycleEvents = {
  ready: [data: ReadyData];
  resumed: [data: ResumedData];
  /** Every dispatch, handled or not, with its unparsed data. */
  raw: [type: string, data: unknown];
  error: [error: GatewayError];
  disconnected: [code: number, reason: string];
  reconnecting: [attempt: number, max: number];
  stateChange: [next: GatewayState, prev: GatewayState];
  debug: [message: string];
  recovered: [info: RecoveryInfo];
};

export type GatewayDispatchEvents = {
  [K in Exclude<keyof GatewayEventMap, keyof GatewayLifecycleEvents>]: [data: GatewayEventMap[K]];
};

export type GatewaySocketEvents = GatewayDispatchEvents & GatewayLifecycleEvents;

export interface VoiceStateOptions {
  /** Omit (or null) for DM calls: any space_id, even "", fails a DM join (PROTOCOL.md §1.16). */
  spaceId?: string | null;
  /** null leaves voice. */
  channelId: string | null;
  selfMute?: boolean;
  selfDeaf?: boolean;
  selfVideo?: boolean;
  selfStream?: boolean;
}

export interface VoiceSignalOptions {
  channelId: string;
  targetUserId?: string;
  signalType: string;
  payload: unknown;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function describeIssues(issues: readonly ParseIssue[]): string {
  return issues.map((issue) => `${issue.path || '/'}: ${issue.message}`).join('; ');
}

/**
 * The gateway transport: one WebSocket at a time, HELLO/IDENTIFY/RESUME, heartbeat and zombie
 * detection, reconnect with backoff, seq tracking and dispatch of parsed events.
 *
 * Every unexpected loss (close, zombie, op 6, op 7) goes through `handleLoss`, which detaches the
 * old socket first (so its late close event is never seen) and asks `planRecovery` what to do;
 * every final stop goes through `finish`.
 */
interface EventRoute {
  readonly parser: ModelParser<unknown>;
  readonly listeners: ReadonlySet<AnyListener>;
}

export class GatewaySocket extends TypedEmitter<GatewaySocketEvents> {
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
  private readonly heartbeat: Heartbeat;
  private readonly retryTimer: RetryTimer;
  private readonly helloTimer: RetryTimer;
  private readonly outbound: OutboundQueue;
  private WebSocketCtor: WebSocketConstructor | undefined;

  private currentState: GatewayState = 'disconnected';
  private currentSessionId: string | null = null;
  private currentSeq = 0;
  private currentUser: ReadyData['user'] = null;
  private lastReady: ReadyData | null = null;

  private ws: WebSocketLike | null = null;
  private phase: HandshakePhase = 'awaiting_hello';
  /** Bumped for every socket and on finish, so a late async open can tell it is stale. */
  private generation = 0;
  private attempts = 0;
  /** READY arrived in this connect cycle: later losses are recoveries. */
  private hadReady = false;
  private recovering = false;
  private lostWhileHidden = false;
  private replayed = 0;
  private pendingConnect: Deferred<ReadyData> | null = null;
  /**
   * Per modelled event type: its parser and live listener set, so a dispatch costs one lookup by
   * its (freshly parsed, so not yet hashed) type string instead of one per table.
   */
  private readonly routes = new Map<string, EventRoute>();
  private readonly rawListeners = this.listenerSet('raw');
  private stopVisibility: (() => void) | undefined;

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
      beat: () => this.writeHeartbeat(),
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
    return this.currentState;
  }

  get sessionId(): string | null {
    return this.currentSessionId;
  }

  /** The last dispatch seq seen (0 before READY). */
  get seq(): number {
    return this.currentSeq;
  }

  /** The connecting user from READY (null for guests and before READY). */
  get user(): ReadyData['user'] {
    return this.currentUser;
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
    if (this.pendingConnect) return this.pendingConnect.promise;
    if (this.currentState === 'connected' && this.lastReady) return Promise.resolve(this.lastReady);
    const pending = deferred<ReadyData>();
    this.pendingConnect = pending;
    if (this.currentState === 'disconnected') this.start();
    return pending.promise;
  }

  /** Sends Close (ending the session on the server), cancels every timer, ends `disconnected`. */
  disconnect(code = 1000, reason = 'client disconnect'): void {
    if (this.currentState === 'disconnected') return;
    this.releaseSocket('close', code, reason);
    this.finish(code, this.scrub(reason), new GatewayClosedError(code, 'disconnect() called before READY', 'aborted'));
  }

  updatePresence(status: PresenceStatus, activity?: Activity | null): Promise<void> {
    return this.sendOp(GatewayOpcodes.PRESENCE_UPDATE, { status, activity: activity ?? null });
  }

  updateVoiceState(options: VoiceStateOptions): Promise<void> {
    const data: VoiceStateUpdateData = {
      channel_id: options.channelId,
      self_mute: options.selfMute ?? false,
      self_deaf: options.selfDeaf ?? false,
      self_video: options.selfVideo ?? false,
      self_stream: options.selfStream ?? false,
    };
    if (options.spaceId) data.space_id = options.spaceId;
    return this.sendOp(GatewayOpcodes.VOICE_STATE_UPDATE, data);
  }

  /** Op 10. accordserver ignores it (PROTOCOL.md §1.17); page members over REST there. */
  requestMembers(spaceId: string, query?: string, limit?: number): Promise<void> {
    const data: { space_id: string; query?: string; limit?: number } = { space_id: spaceId };
    if (query !== undefined) data.query = query;
    if (limit !== undefined) data.limit = limit;
    return this.sendOp(GatewayOpcodes.REQUEST_MEMBERS, data);
  }

  /** Op 11. accordserver ignores it (PROTOCOL.md §1.18). */
  sendVoiceSignal(options: VoiceSignalOptions): Promise<void> {
    const data: { channel_id: string; target_user_id?: string; signal_type: string; payload: unknown } = {
      channel_id: options.channelId,
      signal_type: options.signalType,
      payload: options.payload,
    };
    if (options.targetUserId !== undefined) data.target_user_id = options.targetUserId;
    return this.sendOp(GatewayOpcodes.VOICE_SIGNAL, data);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  private start(): void {
    this.attempts = 0;
    this.hadReady = false;
    this.recovering = false;
    this.lostWhileHidden = false;
    this.stopVisibility = this.visibility?.onChange((hidden) => this.handleVisibility(hidden));
    this.transition('connecting');
    this.openSocket();
  }

  private openSocket(): void {
    const generation = ++this.generation;
    this.phase = 'awaiting_hello';
    const ctor = this.WebSocketCtor;
    if (ctor) {
      this.attach(ctor);
      return;
    }
    loadDefaultWebSocket().then(
      (loaded) => {
        this.WebSocketCtor = loaded;
        if (generation === this.generation && this.currentState !== 'disconnected') this.attach(loaded);
      },
      (error: unknown) => {
        if (generation !== this.generation || this.currentState === 'disconnected') return;
        const reason = this.scrub(error instanceof Error ? error.message : String(error));
        this.finish(1006, reason, new GatewayError('socket', reason));
      },
    );
  }

  private attach(ctor: WebSocketConstructor): void {
    let ws: WebSocketLike;
    try {
      ws = new ctor(this.url);
    } catch (error) {
      this.reportSocketError(error);
      this.handleLoss({ kind: 'closed', code: 1006, reason: 'could not open the socket' });
      return;
    }
    this.ws = ws;
    this.debug(`opening ${this.url}`);
    this.helloTimer.schedule(HELLO_TIMEOUT_MS, () => {
      if (this.ws === ws) this.handleLoss({ kind: 'hello_timeout' });
    });
    ws.onmessage = (event) => {
      if (this.ws === ws) this.handleFrame(event.data);
    };
    ws.onclose = (event) => {
      if (this.ws === ws) this.handleLoss({ kind: 'closed', code: event.code, reason: event.reason });
    };
    ws.onerror = (event) => {
      if (this.ws === ws) this.reportSocketError(socketErrorOf(event));
    };
  }

  /** Detach the live socket and stop its heartbeat; `how` says what the socket itself gets. */
  private releaseSocket(how: 'gone' | 'abandon' | 'close', code = 1000, reason = ''): void {
    this.heartbeat.stop();
    this.helloTimer.cancel();
    this.outbound.setOpen(false);
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    detachSocket(ws);
    if (how === 'abandon') abandonSocket(ws);
    else if (how === 'close') closeSocket(ws, code, reason);
  }

  /** The one decision path for every unexpected loss. */
  private handleLoss(cause: LossCause): void {
    if (this.currentState === 'disconnected') return;
    const phase = this.phase;
    this.releaseSocket(cause.kind === 'closed' ? 'gone' : 'abandon');
    const plan = planRecovery(cause, phase);
    this.debug(`connection lost (${describeLoss(cause)}) during ${phase}`);

    if (plan.action === 'stop') {
      const reason = this.scrub(plan.reason);
      const error = plan.failure === 'auth' ? new GatewayAuthError(reason) : new GatewayClosedError(plan.code, reason);
      this.finish(plan.code, reason, error);
      return;
    }
    if (plan.session === 'identify') this.clearSession();
    if (this.attempts >= this.maxAttempts) {
      const reason = this.scrub(plan.giveUpReason);
      this.finish(plan.giveUpCode, reason, new GatewayClosedError(plan.giveUpCode, reason));
      return;
    }
    this.attempts++;
    if (this.hadReady) this.recovering = true;
    if (this.visibility?.isHidden()) this.lostWhileHidden = true;
    const delay =
      plan.wait === 'backoff' ? backoffDelayMs(this.attempts, this.random) : invalidSessionDelayMs(this.random);
    this.retryTimer.schedule(delay, () => this.openSocket());
    this.debug(`reconnect ${this.attempts}/${this.maxAttempts} in ${Math.round(delay)} ms (${plan.session})`);
    this.transition(this.currentSessionId !== null ? 'resuming' : 'connecting');
    // a stateChange listener may have called disconnect()
    if (this.stopped()) return;
    this.emit('reconnecting', this.attempts, this.maxAttempts);
  }

  /** The one path to a final `disconnected`. */
  private finish(code: number, reason: string, error: GatewayError): void {
    this.generation++;
    this.releaseSocket('gone');
    this.retryTimer.cancel();
    this.outbound.clear(error);
    this.stopVisibility?.();
    this.stopVisibility = undefined;
    this.clearSession();
    this.lastReady = null;
    this.currentUser = null;
    this.attempts = 0;
    this.hadReady = false;
    this.recovering = false;
    this.lostWhileHidden = false;
    const pending = this.pendingConnect;
    this.pendingConnect = null;
    this.debug(`disconnected (${code}): ${reason}`);
    this.transition('disconnected');
    pending?.reject(error);
    this.emit('disconnected', code, reason);
  }

  private stopped(): boolean {
    return this.currentState === 'disconnected';
  }

  private clearSession(): void {
    this.currentSessionId = null;
    this.currentSeq = 0;
  }

  private transition(next: GatewayState): void {
    const prev = this.currentState;
    if (prev === next) return;
    if (!canTransition(prev, next)) this.debug(`unexpected state change ${prev} -> ${next}`);
    this.currentState = next;
    this.emit('stateChange', next, prev);
  }

  // ---- inbound ---------------------------------------------------------------------------

  private handleFrame(raw: unknown): void {
    if (typeof raw !== 'string') {
      this.reportMalformed('binary frame (expected a JSON text frame)');
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(raw);
    } catch {
      this.reportMalformed('frame is not valid JSON');
      return;
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      this.reportMalformed('frame is not a JSON object');
      return;
    }
    if ((frame as GatewayFrame).op === GatewayOpcodes.EVENT) this.handleDispatch(frame as GatewayFrame);
    else this.handleControl(frame as GatewayFrame);
  }

  private handleDispatch(frame: GatewayFrame): void {
    const type = frame.type;
    if (typeof type !== 'string') {
      this.reportMalformed('dispatch without a type');
      return;
    }
    const seq = frame.seq;
    if (type === 'ready') {
      this.handleReady(frame.data, seq);
      return;
    }
    if (type === 'resumed') {
      this.handleResumed(frame.data);
      return;
    }
    if (typeof seq === 'number') {
      if (seq <= this.currentSeq) {
        this.debug(`dropped ${type} seq ${seq}: already seen up to ${this.currentSeq}`);
        return;
      }
      this.currentSeq = seq;
    }
    if (this.phase === 'resume_sent') this.replayed++;
    const data = frame.data;
    const route = this.routes.get(type) ?? this.routeFor(type);
    if (route !== undefined) {
      // Valid data (nearly every frame) is emitted as is, without a parse result to allocate.
      if (route.parser.accepts?.(data) === true) this.deliverOne(route.listeners, type as keyof GatewaySocketEvents, data);
      else this.dispatchRepaired(type, route.parser(data));
    }
    // Checked first: an emit builds its argument list even when nobody listens, once per frame.
    if (this.rawListeners.size !== 0) this.emit('raw', type, data);
  }

  /** The route of a modelled type, made on its first frame; undefined for a type we do not model. */
  private routeFor(type: string): EventRoute | undefined {
    const parser = eventParser(type);
    if (parser === undefined) return undefined;
    const route: EventRoute = { parser, listeners: this.listenerSet(type as keyof GatewaySocketEvents) };
    this.routes.set(type, route);
    return route;
  }

  private dispatchRepaired(type: string, result: ParseResult<unknown>): void {
    if (this.reportParse(type, result)) this.emitOne(type as keyof GatewaySocketEvents, result.value);
  }

  /** Reports what a slow-path parse found; false when the data could not become the model at all. */
  private reportParse(type: string, result: ParseResult<unknown>): boolean {
    if (result.fatal !== undefined) {
      this.emit('error', new GatewayError('invalid_data', this.scrub(result.fatal), { eventType: type }));
      return false;
    }
    if (result.issues.length !== 0) this.reportIssues(type, result.issues);
    return true;
  }

  private handleReady(data: unknown, seq: number | null | undefined): void {
    const ready = this.parseLifecycle('ready', data) as ReadyData;
    this.currentSessionId = typeof ready.session_id === 'string' && ready.session_id ? ready.session_id : null;
    this.currentSeq = typeof seq === 'number' ? seq : 0;
    this.currentUser = ready.user ?? null;
    this.lastReady = ready;
    const recovered = this.recovering;
    this.markConnected();
    this.debug(`ready: session ${this.currentSessionId ?? '(none)'}, seq ${this.currentSeq}`);
    this.pendingConnect?.resolve(ready);
    this.pendingConnect = null;
    this.emit('ready', ready);
    this.emit('raw', 'ready', data);
    if (recovered && this.currentState === 'connected') this.emit('recovered', { kind: 'reidentified' });
  }

  private handleResumed(data: unknown): void {
    const resumed = this.parseLifecycle('resumed', data) as ResumedData;
    const replayed = this.replayed;
    if (this.phase !== 'resume_sent') this.debug('resumed arrived without a pending RESUME');
    this.markConnected();
    this.debug(`resumed: ${replayed} events replayed, seq ${this.currentSeq}`);
    if (this.pendingConnect && this.lastReady) {
      this.pendingConnect.resolve(this.lastReady);
      this.pendingConnect = null;
    }
    this.emit('resumed', resumed);
    this.emit('raw', 'resumed', data);
    if (this.currentState === 'connected') this.emit('recovered', { kind: 'resumed', replayed });
  }

  private markConnected(): void {
    this.phase = 'live';
    this.attempts = 0;
    this.hadReady = true;
    this.recovering = false;
    this.lostWhileHidden = false;
    this.replayed = 0;
    this.transition('connected');
    this.outbound.setOpen(true);
  }

  /** READY and `resumed` go on even when their data is unusable: the defaults are returned. */
  private parseLifecycle(type: 'ready' | 'resumed', data: unknown): unknown {
    const result = parseEvent(type, data);
    if (!result) return data;
    this.reportParse(type, result);
    return result.value;
  }

  private handleControl(frame: GatewayFrame): void {
    switch (frame.op) {
      case GatewayOpcodes.HELLO:
        this.handleHello(frame.data);
        return;
      case GatewayOpcodes.HEARTBEAT_ACK:
        this.heartbeat.acknowledge();
        return;
      case GatewayOpcodes.HEARTBEAT:
        this.heartbeat.beatNow();
        return;
      case GatewayOpcodes.RECONNECT:
        this.handleLoss({ kind: 'reconnect_requested' });
        return;
      case GatewayOpcodes.INVALID_SESSION: {
        // accordserver sends an object (PROTOCOL.md §7.1); a truthiness check would resume forever.
        const data = frame.data;
        const resumable =
          typeof data === 'boolean'
            ? data
            : typeof data === 'object' && data !== null && (data as { resumable?: unknown }).resumable === true;
        this.handleLoss({ kind: 'invalid_session', resumable });
        return;
      }
      default:
        if (typeof frame.op !== 'number') this.reportMalformed('frame without a numeric op');
        else this.debug(`ignored op ${frame.op}`);
    }
  }

  private handleHello(data: unknown): void {
    const interval = (data as { heartbeat_interval?: unknown } | null | undefined)?.heartbeat_interval;
    const intervalMs = typeof interval === 'number' && interval > 0 ? interval : DEFAULT_HEARTBEAT_INTERVAL_MS;
    this.helloTimer.cancel();
    this.heartbeat.start(intervalMs);
    if (this.phase !== 'awaiting_hello') return;
    if (this.currentSessionId !== null && this.currentSeq > 0) {
      this.phase = 'resume_sent';
      this.replayed = 0;
      this.debug(`resume session ${this.currentSessionId} at seq ${this.currentSeq}`);
      this.write(
        JSON.stringify({
          op: GatewayOpcodes.RESUME,
          data: { token: this.#authorization, session_id: this.currentSessionId, seq: this.currentSeq },
        }),
      );
      return;
    }
    // seq 0 can never resume (PROTOCOL.md §1.9.1): start a new session.
    this.clearSession();
    if (this.currentState === 'resuming') this.transition('connecting');
    this.phase = 'identify_sent';
    const identify: IdentifyData = {
      token: this.#authorization,
      intents: [...this.intents],
      properties: this.properties,
    };
    if (this.presence) identify.presence = this.presence;
    this.debug(`identify with ${this.intents.length} intents`);
    this.write(JSON.stringify({ op: GatewayOpcodes.IDENTIFY, data: identify }));
  }

  private handleVisibility(hidden: boolean): void {
    if (hidden) return;
    if (this.ws) this.heartbeat.beatNow();
    if (this.lostWhileHidden && this.retryTimer.pending) {
      this.lostWhileHidden = false;
      this.debug('visible again: reconnecting now');
      this.retryTimer.fireNow();
    }
  }

  // ---- outbound --------------------------------------------------------------------------

  private sendOp(op: number, data: unknown): Promise<void> {
    if (this.currentState !== 'connected') throw new GatewayNotConnectedError(op, this.currentState);
    return this.outbound.enqueue(JSON.stringify({ op, data }));
  }

  private writeHeartbeat(): void {
    this.write(`{"op":1,"data":${this.currentSeq > 0 ? this.currentSeq : 'null'}}`);
  }

  private write(payload: string): boolean {
    const ws = this.ws;
    if (!ws) return false;
    try {
      ws.send(payload);
      return true;
    } catch (error) {
      this.reportSocketError(error);
      return false;
    }
  }

  // ---- reporting -------------------------------------------------------------------------

  private reportMalformed(reason: string): void {
    this.emit('error', new GatewayError('malformed_frame', reason));
  }

  private reportIssues(type: string, issues: readonly ParseIssue[]): void {
    this.emit(
      'error',
      new GatewayError('invalid_data', this.scrub(describeIssues(issues)), { eventType: type, issues }),
    );
  }

  private reportSocketError(error: unknown): void {
    const text = error instanceof Error ? error.message : typeof error === 'string' ? error : 'socket error';
    this.emit('error', new GatewayError('socket', this.scrub(text || 'socket error')));
  }

  private debug(message: string): void {
    const safe = this.scrub(message);
    this.logger.debug(safe);
    this.emit('debug', safe);
  }

  private scrub(text: string): string {
    return scrubSecrets(text, this.#secrets);
  }
}

/** The useful part of an error event: `ws` carries `error`/`message`, a browser Event nothing. */
function socketErrorOf(event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return event;
  const { error, message } = event as { error?: unknown; message?: unknown };
  return error ?? message ?? 'socket error';
}
