import type { ReadyData, ResumedData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import { emitPerSpace, type StateContext } from '../context.js';
import { currentChannelChanged } from '../actions/read-state.js';
import { escalate } from '../loaders/escalation.js';
import { fillAfterReady } from '../loaders/after-ready.js';
import { hydrateReady } from '../mutations/ready.js';
import type { HandlerTable } from './table.js';

/** A deliberate close (logout); not a reason to reconnect. */
const NORMAL_CLOSURE = 1000;

function onReady(ctx: StateContext, conn: ServerConnection, data: ReadyData): void {
  const rebuilt = conn.readyCount > 0;
  conn.generation++;
  conn.readyCount++;
  const cache = conn.cache;
  // What the previous data showed, so a UI also hears of spaces and voice channels that emptied.
  const before = rebuilt ? { spaces: Array.from(cache.spaces.keys()), voice: Array.from(cache.voiceByChannel.keys()) } : null;
  const carry = hydrateReady(conn, data);
  // The channel on screen is read: if READY lists it unread, it is marked read on the server too.
  if (ctx.currentChannelId !== null) currentChannelChanged(ctx, conn, null, ctx.currentChannelId);
  conn.status = 'connected';
  conn.escalated = false;
  conn.lastAttemptSeen = false;

  // What the live events would have said, had they filled the caches one by one.
  ctx.emit('spacesUpdated');
  for (const spaceId of cache.spaces.keys()) emitSpaceFilled(ctx, spaceId, cache.roles.has(spaceId));
  if (before) for (const spaceId of before.spaces) if (!cache.spaces.has(spaceId)) emitSpaceFilled(ctx, spaceId, true);
  ctx.emit('dmChannelsUpdated');
  for (const channelId of cache.voiceByChannel.keys()) ctx.emit('voiceStateUpdated', channelId);
  if (before) for (const channelId of before.voice) if (!cache.voiceByChannel.has(channelId)) ctx.emit('voiceStateUpdated', channelId);
  ctx.emit('relationshipsUpdated');
  if (rebuilt) emitPerSpace(ctx, conn, 'serverReconnected');
  fillAfterReady(ctx, conn, data, carry);
}

function emitSpaceFilled(ctx: StateContext, spaceId: string, roles: boolean): void {
  ctx.emit('channelsUpdated', spaceId);
  ctx.emit('membersUpdated', spaceId);
  if (roles) ctx.emit('rolesUpdated', spaceId);
}

function onResumed(ctx: StateContext, conn: ServerConnection, _data: ResumedData): void {
  // A resume replays everything missed, so nothing is refetched.
  conn.status = 'connected';
  conn.escalated = false;
  conn.lastAttemptSeen = false;
  emitPerSpace(ctx, conn, 'serverReconnected');
}

export const lifecycleHandlers: HandlerTable = {
  ready: onReady,
  resumed: onResumed,
};

/**
 * The gateway stopped for good: it emits `disconnected` only when it will not retry (a fatal
 * close code, reconnects exhausted, or a deliberate close with 1000). Unless it was deliberate,
 * escalate to one full reconnect with re-authentication.
 */
export function onDisconnected(ctx: StateContext, conn: ServerConnection, code: number, reason: string): void {
  // Fatal codes (src/gateway/close-policy.ts decides which) and exhausted reconnects both arrive
  // here; only a clean 1000 that did not end a run of failed attempts was asked for.
  const deliberate = code === NORMAL_CLOSURE && !conn.lastAttemptSeen;
  conn.status = 'disconnected';
  emitPerSpace(ctx, conn, 'serverDisconnected', code, reason);
  if (!deliberate && conn.readyCount > 0) escalate(ctx, conn);
}

/** The gateway was lost and will be retried: the UI hears why before `serverReconnecting`. */
export function onLost(ctx: StateContext, conn: ServerConnection, code: number, reason: string): void {
  conn.status = 'disconnected';
  emitPerSpace(ctx, conn, 'serverDisconnected', code, reason);
}

/** The client is retrying; after its last attempt the next loss escalates. */
export function onReconnecting(ctx: StateContext, conn: ServerConnection, attempt: number, max: number): void {
  conn.status = 'reconnecting';
  emitPerSpace(ctx, conn, 'serverReconnecting', attempt, max);
  if (attempt >= max) conn.lastAttemptSeen = true;
  if (attempt > max) escalate(ctx, conn);
}
