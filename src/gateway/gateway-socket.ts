import { GatewayOpcodes } from '../protocol/index.js';
import type { Activity, GatewayFrame, PresenceStatus } from '../protocol/index.js';
import { eventParser, parseEvent } from '../models/index.js';
import type { ModelParser, ParseIssue, ParseResult, ReadyData, ResumedData } from '../models/index.js';
import type { AnyListener } from '../util/emitter.js';
import { sessionOf } from './connection.js';
import { GatewayError, GatewayNotConnectedError } from './errors.js';
import type { GatewaySocketEvents, VoiceSignalOptions, VoiceStateOptions } from './gateway-options.js';
import { describeIssues, invalidSessionResumable, readFrame } from './inbound-frames.js';
import { GatewayConnection } from './gateway-connection.js';
import { requestMembersData, voiceSignalData, voiceStateData } from './outbound-frames.js';

export { DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_MAX_RECONNECT_ATTEMPTS, HELLO_TIMEOUT_MS } from './gateway-options.js';
export type {
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
 * The gateway client: `GatewayConnection`'s lifecycle plus what travels on a live socket, seq
 * tracking and dispatch of parsed events (the per-frame path), control ops, outbound ops.
 */
export class GatewaySocket extends GatewayConnection {
  /**
   * Per modelled event type: its parser and live listener set, so a dispatch costs one lookup by
   * its (freshly parsed, so not yet hashed) type string instead of one per table.
   */
  private readonly routes = new Map<string, EventRoute>();
  private readonly rawListeners = this.listenerSet('raw');

  updatePresence(status: PresenceStatus, activity?: Activity | null): Promise<void> {
    return this.sendOp(GatewayOpcodes.PRESENCE_UPDATE, { status, activity: activity ?? null });
  }

  updateVoiceState(options: VoiceStateOptions): Promise<void> {
    return this.sendOp(GatewayOpcodes.VOICE_STATE_UPDATE, voiceStateData(options));
  }

  /** Op 10. accordserver ignores it (PROTOCOL.md §1.17); page members over REST there. */
  requestMembers(spaceId: string, query?: string, limit?: number): Promise<void> {
    return this.sendOp(GatewayOpcodes.REQUEST_MEMBERS, requestMembersData(spaceId, query, limit));
  }

  /** Op 11. accordserver ignores it (PROTOCOL.md §1.18). */
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
      this.startSession(this.parseLifecycle('ready', frame.data) as ReadyData, frame.data, seq);
      return;
    }
    if (type === 'resumed') {
      this.resumeSession(this.parseLifecycle('resumed', frame.data) as ResumedData, frame.data);
      return;
    }
    const connection = this.connection;
    if (typeof seq === 'number') {
      const session = sessionOf(connection);
      if (session !== null) {
        if (seq <= session.seq) {
          this.debug(`dropped ${type} seq ${seq}: already seen up to ${session.seq}`);
          return;
        }
        session.seq = seq;
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
      case GatewayOpcodes.INVALID_SESSION:
        this.handleLoss({ kind: 'invalid_session', resumable: invalidSessionResumable(frame.data) });
        return;
      default:
        if (typeof frame.op !== 'number') this.reportMalformed('frame without a numeric op');
        else this.debug(`ignored op ${frame.op}`);
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
}
