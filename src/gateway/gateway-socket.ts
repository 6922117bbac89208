import { GatewayIntents, GatewayOpcodes } from '../protocol/index.js';
import type { Activity, GatewayFrame, IdentifyPresence, IdentifyProperties, PresenceStatus } from '../protocol/index.js';
import { eventParser, parseEventAs } from '../models/index.js';
import { inventedFields } from '../models/invented-fields.js';
import type { ModelParser, ParseIssue, ParseResult, ReadyData, ResumedData } from '../models/index.js';
import type { AnyListener } from '../util/emitter.js';
import { cycleOf, sessionOf } from './connection.js';
import { GatewayError, GatewayNotConnectedError } from './errors.js';
import { GatewayConnection } from './gateway-connection.js';
import { DEFAULT_HEARTBEAT_INTERVAL_MS } from './gateway-options.js';
import type { GatewaySocketEvents, GatewaySocketOptions, VoiceSignalOptions, VoiceStateOptions } from './gateway-options.js';
import { defaultIdentifyProperties } from './identify-properties.js';
import { describeIssues, helloIntervalMs, invalidSessionResumable, readFrame } from './inbound-frames.js';
import { identifyFrame, requestMembersData, resumeFrame, voiceSignalData, voiceStateData } from './outbound-frames.js';
import { canResume } from './session.js';
import { TypeTable } from './type-table.js';
import type { ActiveSession } from './session.js';
import type { SessionStore } from './session-store.js';

export { DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_MAX_RECONNECT_ATTEMPTS, HELLO_TIMEOUT_MS } from './gateway-options.js';
export type {
  ConnectResult,
  GatewayDispatchEvents,
  GatewayLifecycleEvents,
  GatewaySocketEvents,
  GatewaySocketOptions,
  RecoveryInfo,
  VoiceSignalOptions,
  VoiceStateOptions,
} from './gateway-options.js';

interface EventRoute {
  readonly parser: ModelParser<unknown>;
  readonly listeners: ReadonlySet<AnyListener>;
}

/**
 * The gateway client: `GatewayConnection`'s lifecycle plus the protocol spoken on the socket: the
 * HELLO/IDENTIFY/RESUME handshake, seq tracking and dispatch of parsed events (the per-frame
 * path), control ops, outbound ops.
 */
export class GatewaySocket<S extends SessionStore | undefined = undefined> extends GatewayConnection<S> {
  /**
   * Per modelled event type: its parser and live listener set, so a dispatch costs one lookup by
   * its (freshly parsed, so not yet hashed) type string instead of one per table; a TypeTable, not
   * a Map, so that lookup does not hash it either.
   */
  private readonly routes = new TypeTable<EventRoute>();
  private readonly rawListeners = this.listenerSet('raw');
  private readonly intents: readonly string[];
  private readonly properties: IdentifyProperties;
  private readonly presence: IdentifyPresence | undefined;

  constructor(options: GatewaySocketOptions<S>) {
    super(options);
    this.intents = options.intents ? [...options.intents] : GatewayIntents.all();
    this.properties = { ...defaultIdentifyProperties(), ...options.properties };
    this.presence = options.presence;
  }

  updatePresence(status: PresenceStatus, activity?: Activity | null): Promise<void> {
    return this.sendOp(GatewayOpcodes.PRESENCE_UPDATE, { status, activity: activity ?? null });
  }

  updateVoiceState(options: VoiceStateOptions): Promise<void> {
    return this.sendOp(GatewayOpcodes.VOICE_STATE_UPDATE, voiceStateData(options));
  }

  /** Op 10. accordserver ignores it (docs/protocol.md §1.17); page members over REST there. */
  requestMembers(spaceId: string, query?: string, limit?: number): Promise<void> {
    return this.sendOp(GatewayOpcodes.REQUEST_MEMBERS, requestMembersData(spaceId, query, limit));
  }

  /** Op 11. accordserver ignores it (docs/protocol.md §1.18). */
  sendVoiceSignal(options: VoiceSignalOptions): Promise<void> {
    return this.sendOp(GatewayOpcodes.VOICE_SIGNAL, voiceSignalData(options));
  }

  // ---- outbound --------------------------------------------------------------------------

  private sendOp(op: number, data: unknown): Promise<void> {
    const state = this.state;
    if (state !== 'connected') throw new GatewayNotConnectedError(op, state);
    return this.outbound.enqueue(JSON.stringify({ op, data }));
  }

  // ---- inbound ---------------------------------------------------------------------------

  protected handleFrame(raw: unknown): void {
    const frame = readFrame(raw);
    if (typeof frame === 'string') this.reportMalformed(frame);
    else if (frame.op === GatewayOpcodes.EVENT) this.handleDispatch(frame);
    else this.handleControl(frame);
  }

  private handleDispatch(frame: GatewayFrame): void {
    const type = frame.type;
    if (typeof type !== 'string') {
      this.reportMalformed('dispatch without a type');
      return;
    }
    const seq = frame.seq;
    if (type === 'ready') {
      const ready = this.parseReady(frame.data);
      if (ready !== null) this.handleReady(ready, frame.data, seq);
      return;
    }
    if (type === 'resumed') {
      this.handleResumed(this.parseResumed(frame.data), frame.data);
      return;
    }
    const connection = this.connection;
    let advanced: ActiveSession | null = null;
    if (typeof seq === 'number') {
      const session = sessionOf(connection);
      if (session !== null) {
        if (seq <= session.seq) {
          this.debug(`dropped ${type} seq ${seq}: already seen up to ${session.seq}`);
          return;
        }
        session.seq = seq;
        advanced = session;
      }
    }
    if (connection.kind === 'handshake' && connection.step === 'resume') connection.replayed++;
    const data = frame.data;
    const route = this.routes.get(type) ?? this.routeFor(type);
    if (route !== undefined) {
      // Valid data (nearly every frame) is emitted as is, without a parse result to allocate.
      if (route.parser.accepts?.(data) === true) this.deliverOne(route.listeners, type as keyof GatewaySocketEvents, data);
      else this.dispatchRepaired(type, route.parser(data));
    }
    // Checked first: an emit builds its argument list even when nobody listens, once per frame.
    if (this.rawListeners.size !== 0) this.emit('raw', type, data);
    // Saved once the listeners have run, so a restarted process neither misses nor repeats it; not
    // if a listener ended the session meanwhile.
    const keeper = this.keeper;
    if (keeper !== undefined && advanced !== null && sessionOf(this.connection) === advanced) {
      keeper.save(advanced);
    }
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

  /**
   * A READY is used when it parses, nested repairs allowed; one that does not (no session or user
   * id, or a field of the wrong type such as `spaces: "__proto__"`) would replace everything known
   * with defaults: it is reported and ignored, and the connection identifies again (docs/protocol.md §1.6).
   */
  private parseReady(data: unknown): ReadyData | null {
    const result = parseEventAs('ready', data);
    const garbled = result.fatal ?? garbledFields(data, result.value);
    if (garbled === undefined) {
      this.reportParse('ready', result);
      return result.value;
    }
    this.emit('error', new GatewayError('invalid_data', this.scrub(`READY ignored: ${garbled}`), { eventType: 'ready', issues: result.issues }));
    this.handleLoss({ kind: 'bad_ready' });
    return null;
  }

  /** `resumed` goes on even when its data is unusable: the defaults are returned. */
  private parseResumed(data: unknown): ResumedData {
    const result = parseEventAs('resumed', data);
    this.reportParse('resumed', result);
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
      case GatewayOpcodes.INVALID_SESSION:
        this.handleLoss({ kind: 'invalid_session', resumable: invalidSessionResumable(frame.data) });
        return;
      default:
        if (typeof frame.op !== 'number') this.reportMalformed('frame without a numeric op');
        else this.debug(`ignored op ${frame.op}`);
    }
  }

  // ---- handshake ------------------------------------------------------------------------

  /** READY (already parsed) on the current socket: a new session, now live. */
  private handleReady(ready: ReadyData, data: unknown, seq: number | null | undefined): void {
    const sessionId = typeof ready.session_id === 'string' && ready.session_id ? ready.session_id : null;
    const session: ActiveSession | null =
      sessionId === null ? null : { sessionId, seq: typeof seq === 'number' ? seq : 0, resumeUrl: this.url };
    this.lastReady = ready;
    const cycle = cycleOf(this.connection);
    this.goLive(session);
    if (session !== null) this.keeper?.save(session);
    this.debug(`ready: session ${sessionId ?? '(none)'}, seq ${session?.seq ?? 0}`);
    cycle.login?.resolve(ready);
    this.emit('ready', ready);
    this.emit('raw', 'ready', data);
    if (cycle.recovering && this.connection.kind === 'live') this.emit('recovered', { kind: 'reidentified' });
  }

  /** `resumed` (already parsed) on the current socket: the session goes on, live again. */
  private handleResumed(resumed: ResumedData, data: unknown): void {
    const connection = this.connection;
    const replayed = connection.kind === 'handshake' ? connection.replayed : 0;
    if (connection.kind !== 'handshake' || connection.step !== 'resume') this.debug('resumed arrived without a pending RESUME');
    const cycle = cycleOf(connection);
    this.goLive(cycle.session);
    if (cycle.session !== null) this.keeper?.save(cycle.session);
    this.debug(`resumed: ${replayed} events replayed, seq ${this.seq}`);
    // After a stored session's RESUME there is no READY in this process: the login resolves null.
    cycle.login?.resolve(this.lastReady);
    this.emit('resumed', resumed);
    this.emit('raw', 'resumed', data);
    if (this.connection.kind === 'live') this.emit('recovered', { kind: 'resumed', replayed });
  }

  private handleHello(data: unknown): void {
    this.helloArrived(helloIntervalMs(data, DEFAULT_HEARTBEAT_INTERVAL_MS));
    const connection = this.connection;
    if (connection.kind !== 'handshake' || connection.step !== 'hello') return;
    const session = connection.session;
    if (canResume(session)) {
      this.move({ ...connection, step: 'resume', replayed: 0 });
      this.debug(`resume session ${session.sessionId} at seq ${session.seq}`);
      this.write(resumeFrame(this.authorization, session));
      return;
    }
    this.move({ ...connection, step: 'identify', session: null });
    this.debug(`identify with ${this.intents.length} intents`);
    this.write(identifyFrame(this.authorization, this.intents, this.properties, this.presence));
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
}

/** The top-level fields the wire carried with a type the repair had to replace, if any. */
function garbledFields(data: unknown, value: object): string | undefined {
  const invented = inventedFields(value);
  if (invented === undefined || typeof data !== 'object' || data === null) return undefined;
  const garbled = invented.filter((field) => Object.prototype.hasOwnProperty.call(data, field));
  return garbled.length === 0 ? undefined : `fields of the wrong type: ${garbled.join(', ')}`;
}
