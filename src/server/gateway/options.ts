import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';

/** Timings and limits of the gateway; the defaults are the real server's (PROTOCOL.md §1). */
export interface GatewayLimits {
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  resumeWindowMs: number;
  handshakeTimeoutMs: number;
  replayBufferLimit: number;
  rateLimit: { frames: number; windowMs: number };
}

export const DEFAULT_GATEWAY_LIMITS: Readonly<GatewayLimits> = Object.freeze({
  heartbeatIntervalMs: 45_000,
  heartbeatTimeoutMs: 90_000,
  resumeWindowMs: 60_000,
  handshakeTimeoutMs: 30_000,
  replayBufferLimit: 256,
  rateLimit: Object.freeze({ frames: 120, windowMs: 60_000 }),
});

export interface GatewayRuntime {
  limits: GatewayLimits;
  clock: Clock;
  logger: Logger;
  /** Where `voice.server_update` points clients (no media server runs; it is a stub URL). */
  voiceUrl: () => string;
}

/** Fills in defaults; `undefined` members mean "the default". */
export function resolveLimits(
  partial: Partial<Omit<GatewayLimits, 'rateLimit'>> & { rateLimit?: Partial<GatewayLimits['rateLimit']> } = {},
): GatewayLimits {
  return {
    heartbeatIntervalMs: partial.heartbeatIntervalMs ?? DEFAULT_GATEWAY_LIMITS.heartbeatIntervalMs,
    heartbeatTimeoutMs: partial.heartbeatTimeoutMs ?? DEFAULT_GATEWAY_LIMITS.heartbeatTimeoutMs,
    resumeWindowMs: partial.resumeWindowMs ?? DEFAULT_GATEWAY_LIMITS.resumeWindowMs,
    handshakeTimeoutMs: partial.handshakeTimeoutMs ?? DEFAULT_GATEWAY_LIMITS.handshakeTimeoutMs,
    replayBufferLimit: partial.replayBufferLimit ?? DEFAULT_GATEWAY_LIMITS.replayBufferLimit,
    rateLimit: {
      frames: partial.rateLimit?.frames ?? DEFAULT_GATEWAY_LIMITS.rateLimit.frames,
      windowMs: partial.rateLimit?.windowMs ?? DEFAULT_GATEWAY_LIMITS.rateLimit.windowMs,
    },
  };
}
