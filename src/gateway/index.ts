export {
  GatewaySocket,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_MAX_RECONNECT_ATTEMPTS,
  HELLO_TIMEOUT_MS,
} from './gateway-socket.js';
export type {
  GatewaySocketOptions,
  GatewaySocketEvents,
  GatewayDispatchEvents,
  GatewayLifecycleEvents,
  ConnectResult,
  RecoveryInfo,
  VoiceStateOptions,
  VoiceSignalOptions,
} from './gateway-socket.js';
export { GatewayStates, canTransition } from './state.js';
export type { Session } from './session.js';
export { SessionStoreError, memorySessionStore, webSessionStore } from './session-store.js';
export type { SessionStore, SessionStoreProblem, StorageLike } from './session-store.js';
export { fileSessionStore } from './file-session-store.js';
export type { GatewayState } from './state.js';
export { GatewayError, GatewayAuthError, GatewayNotConnectedError, GatewayClosedError, GatewayStateError } from './errors.js';
export type { GatewayErrorKind, GatewayErrorDetails } from './errors.js';
export { CLOSE_POLICY, closeAction } from './close-policy.js';
export type { CloseAction } from './close-policy.js';
export { backoffDelayMs, invalidSessionDelayMs } from './backoff.js';
export { gatewayUrlFromBase } from './gateway-url.js';
export { DEFAULT_OUTBOUND_RATE_LIMIT } from './outbound-queue.js';
export type { OutboundRateLimit } from './outbound-queue.js';
export type {
  WebSocketConstructor,
  WebSocketLike,
  WebSocketMessageEventLike,
  WebSocketCloseEventLike,
  WebSocketErrorEventLike,
} from './websocket-like.js';
export type { VisibilitySource } from './visibility.js';
