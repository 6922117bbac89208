import type { GatewayOpcodes } from './opcodes.js';

/** JSON as it arrives off the wire, before any parsing into models. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The envelope of every gateway frame (docs/protocol.md §1.2): `op`, `type`, `seq`, `data`. */
export interface GatewayFrame {
  op: number;
  type?: string | null;
  seq?: number | null;
  data?: unknown;
}

export interface HelloData {
  heartbeat_interval: number;
}

export interface IdentifyProperties {
  os: string;
  client: string;
  version: string;
}

export type PresenceStatus = 'online' | 'idle' | 'dnd' | 'invisible';
export type PublishedStatus = 'online' | 'idle' | 'dnd' | 'offline';

export interface Activity {
  name: string;
  [key: string]: unknown;
}

export interface IdentifyPresence {
  status?: PresenceStatus;
  activities?: Activity[];
  activity?: Activity | null;
}

export interface IdentifyData {
  token: string;
  intents: string[];
  properties?: IdentifyProperties;
  presence?: IdentifyPresence;
}

export interface ResumeData {
  token: string;
  session_id: string;
  seq: number;
}

export interface PresenceUpdateData {
  status: PresenceStatus;
  activity?: Activity | null;
}

export interface VoiceStateUpdateData {
  channel_id: string | null;
  space_id?: string | null;
  self_mute?: boolean;
  self_deaf?: boolean;
  self_video?: boolean;
  self_stream?: boolean;
}

export interface RequestMembersData {
  space_id: string;
  query?: string;
  limit?: number;
}

export interface VoiceSignalData {
  channel_id: string;
  target_user_id?: string;
  signal_type: string;
  payload: unknown;
}

export interface InvalidSessionData {
  resumable: boolean;
}

export type HelloFrame = { op: typeof GatewayOpcodes.HELLO; data: HelloData };
export type HeartbeatFrame = { op: typeof GatewayOpcodes.HEARTBEAT; data?: number | null };
export type HeartbeatAckFrame = { op: typeof GatewayOpcodes.HEARTBEAT_ACK };
export type IdentifyFrame = { op: typeof GatewayOpcodes.IDENTIFY; data: IdentifyData };
export type ResumeFrame = { op: typeof GatewayOpcodes.RESUME; data: ResumeData };
export type InvalidSessionFrame = { op: typeof GatewayOpcodes.INVALID_SESSION; data: InvalidSessionData | boolean };
export type ReconnectFrame = { op: typeof GatewayOpcodes.RECONNECT };
export type DispatchFrame = { op: typeof GatewayOpcodes.EVENT; type: string; seq?: number; data: unknown };

/** Frames a client may send. */
export type ClientFrame =
  | HeartbeatFrame
  | IdentifyFrame
  | ResumeFrame
  | { op: typeof GatewayOpcodes.PRESENCE_UPDATE; data: PresenceUpdateData }
  | { op: typeof GatewayOpcodes.VOICE_STATE_UPDATE; data: VoiceStateUpdateData }
  | { op: typeof GatewayOpcodes.REQUEST_MEMBERS; data: RequestMembersData }
  | { op: typeof GatewayOpcodes.VOICE_SIGNAL; data: VoiceSignalData };

/** Frames a server may send. */
export type ServerFrame = HelloFrame | HeartbeatAckFrame | InvalidSessionFrame | ReconnectFrame | DispatchFrame;
