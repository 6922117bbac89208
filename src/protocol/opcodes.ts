/** Gateway opcodes (docs/protocol.md §1.3). */
export const GatewayOpcodes = {
  EVENT: 0,
  HEARTBEAT: 1,
  IDENTIFY: 2,
  RESUME: 3,
  HEARTBEAT_ACK: 4,
  HELLO: 5,
  RECONNECT: 6,
  INVALID_SESSION: 7,
  PRESENCE_UPDATE: 8,
  VOICE_STATE_UPDATE: 9,
  REQUEST_MEMBERS: 10,
  VOICE_SIGNAL: 11,
} as const;

export type GatewayOpcode = (typeof GatewayOpcodes)[keyof typeof GatewayOpcodes];
