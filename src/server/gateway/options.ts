import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';

/** Unsent data a live session may have waiting on its socket before it is dropped (resumable). */
export interface SendBudget {
  /** Dispatches not yet handed to the OS (the real server's event bus holds 1,024). */
  events: number;
  /** Bytes not yet handed to the OS. */
  bytes: number;
}

/** Timings and limits of the gateway; the defaults are the real server's (docs/protocol.md §1) where it has one. */
export interface GatewayLimits {
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  resumeWindowMs: number;
  handshakeTimeoutMs: number;
  /** Frames a session keeps for RESUME (real server: 256). */
  replayBufferLimit: number;
  /** Bytes a session keeps for RESUME (the real server has no such bound: a security fix). */
  replayBufferBytes: number;
  sendBudget: SendBudget;
  rateLimit: { frames: number; windowMs: number };
}

const MIB = 1024 * 1024;

export const DEFAULT_GATEWAY_LIMITS: Readonly<GatewayLimits> = Object.freeze({
  heartbeatIntervalMs: 45_000,
  heartbeatTimeoutMs: 90_000,
  resumeWindowMs: 60_000,
  handshakeTimeoutMs: 30_000,
  replayBufferLimit: 256,
  replayBufferBytes: 4 * MIB,
  sendBudget: Object.freeze({ events: 1024, bytes: 8 * MIB }),
  rateLimit: Object.freeze({ frames: 120, windowMs: 60_000 }),
});

export interface GatewayRuntime {
  limits: GatewayLimits;
  clock: Clock;
  logger: Logger;
  /** Where `voice.server_update` points clients (no media server runs; it is a stub URL). */
  voiceUrl: () => string;
}

export type GatewayLimitOptions = Partial<Omit<GatewayLimits, 'rateLimit' | 'sendBudget'>> & {
  rateLimit?: Partial<GatewayLimits['rateLimit']>;
  sendBudget?: Partial<SendBudget>;
};

/** Fills in defaults; `undefined` members mean "the default". */
export function resolveLimits(partial: GatewayLimitOptions = {}): GatewayLimits {
  const defaults = DEFAULT_GATEWAY_LIMITS;
  return {
    heartbeatIntervalMs: partial.heartbeatIntervalMs ?? defaults.heartbeatIntervalMs,
    heartbeatTimeoutMs: partial.heartbeatTimeoutMs ?? defaults.heartbeatTimeoutMs,
    resumeWindowMs: partial.resumeWindowMs ?? defaults.resumeWindowMs,
    handshakeTimeoutMs: partial.handshakeTimeoutMs ?? defaults.handshakeTimeoutMs,
    replayBufferLimit: partial.replayBufferLimit ?? defaults.replayBufferLimit,
    replayBufferBytes: partial.replayBufferBytes ?? defaults.replayBufferBytes,
    sendBudget: {
      events: partial.sendBudget?.events ?? defaults.sendBudget.events,
      bytes: partial.sendBudget?.bytes ?? defaults.sendBudget.bytes,
    },
    rateLimit: {
      frames: partial.rateLimit?.frames ?? defaults.rateLimit.frames,
      windowMs: partial.rateLimit?.windowMs ?? defaults.rateLimit.windowMs,
    },
  };
}
