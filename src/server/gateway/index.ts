/**
 * The embedded AccordServer's gateway: docs/protocol.md §1–§2 as the real accordserver does it, quirks
 * included (op 7 then a drop without a Close frame, `resumed` repeating the current seq, no own
 * connect `presence.update`, Close frames ending sessions for good, heartbeat timeout = silent drop).
 *
 * SUPERSET (beyond what accordserver sends; the README lists these):
 * - op 10 REQUEST_MEMBERS `{space_id, query?, limit?, user_ids?, nonce?}` -> `member.chunk`
 *   `{space_id, members: Member[] (each with an embedded user), chunk_index, chunk_count,
 *   not_found?: string[], nonce?}` to the requesting session only, seq-stamped, `members` intent.
 *   accordserver ignores op 10.
 * - op 11 voice signal `{channel_id, target_user_id?, signal_type, payload}` -> `voice.signal`
 *   `{channel_id, user_id (sender), signal_type, payload}` to the target user, or else to every
 *   peer (DM participants / users in voice in the channel); `voice_states` intent. accordserver
 *   ignores op 11.
 * - op 6 RECONNECT can be sent by the fault API (`server.faults.reconnect()`); never otherwise.
 * - HELLO `heartbeat_interval` is the configured `heartbeatIntervalMs` (45000 by default).
 * - `voice.server_update` always carries a stub `url` (`ws://HOST:PORT/voice-stub`) and an
 *   HMAC-signed JWT-shaped `token`; no media server runs.
 * - Voice cleanup at session end removes only a voice state joined by that gateway session.
 */
export { Gateway, tokenHash } from './gateway.js';
export { Connection } from './connection.js';
export type { ConnectionHost, GatewayTransport, ConnectionPhase } from './connection.js';
export { DEFAULT_GATEWAY_LIMITS, resolveLimits } from './options.js';
export type { GatewayLimits, GatewayRuntime, SendBudget } from './options.js';
export type { Session, SessionSink } from './session.js';
