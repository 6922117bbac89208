/**
 * The transport's connection states and the only moves between them. Kept as data so the
 * machine can be read (and tested) in one place.
 */
export const GatewayStates = {
  Disconnected: 'disconnected',
  Connecting: 'connecting',
  Connected: 'connected',
  Resuming: 'resuming',
} as const;

export type GatewayState = (typeof GatewayStates)[keyof typeof GatewayStates];

const { Disconnected, Connecting, Connected, Resuming } = GatewayStates;

/**
 * - connecting: a socket is being opened, or waited for, that will IDENTIFY.
 * - resuming:   a socket is being opened, or waited for, that will RESUME a session.
 * - connected:  READY or `resumed` arrived on the live socket.
 * - disconnected: nothing open, nothing scheduled (initial, after disconnect(), after a fatal stop).
 */
const TRANSITIONS: ReadonlyMap<GatewayState, ReadonlySet<GatewayState>> = new Map([
  [Disconnected, new Set<GatewayState>([Connecting])],
  [Connecting, new Set<GatewayState>([Connected, Resuming, Disconnected])],
  [Connected, new Set<GatewayState>([Connecting, Resuming, Disconnected])],
  [Resuming, new Set<GatewayState>([Connected, Connecting, Disconnected])],
]);

export function canTransition(from: GatewayState, to: GatewayState): boolean {
  return TRANSITIONS.get(from)?.has(to) ?? false;
}
