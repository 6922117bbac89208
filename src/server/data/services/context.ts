import type { GatewayEventType } from '../../../protocol/events.js';
import type { GatewayControl } from '../../contracts.js';
import type { ChannelRecord } from '../records.js';
import { participantIds } from '../serialize.js';
import type { ServerData } from '../server-data.js';

/** What every domain operation gets: the state, and the gateway to announce changes on. */
export interface ServiceContext {
  readonly data: ServerData;
  readonly gateway: GatewayControl;
  /** Where the stub voice server lives (REST voice join answers with it). */
  readonly voiceUrl?: () => string;
}

export const publishToSpace = (ctx: ServiceContext, type: GatewayEventType, data: unknown, spaceId: string): void =>
  ctx.gateway.bus.publish({ type, data, spaceId });

export const publishToUsers = (ctx: ServiceContext, type: GatewayEventType, data: unknown, userIds: readonly string[]): void =>
  ctx.gateway.bus.publish({ type, data, targetUserIds: [...new Set(userIds)] });

/**
 * Space channel -> space-routed; DM / group DM -> its participants. (The real server broadcasts
 * several DM events globally; we route them to the participants only: DEVIATIONS.md.)
 */
export function publishForChannel(ctx: ServiceContext, type: GatewayEventType, data: unknown, channel: ChannelRecord): void {
  if (channel.space_id !== null) publishToSpace(ctx, type, data, channel.space_id);
  else publishToUsers(ctx, type, data, participantIds(ctx.data.tables, channel.id));
}

/** A GatewayControl that announces nothing: used while seeding, before any session exists. */
export function silentGateway(): GatewayControl {
  return {
    bus: { publish() {} },
    live: { presences: new Map(), voiceStates: new Map() },
    isConnected: () => false,
    endSessionsForToken() {},
    publishPresence() {},
  };
}
