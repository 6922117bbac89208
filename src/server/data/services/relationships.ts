import type { GatewayEventType } from '../../../protocol/events.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import type { RelationshipRecord } from '../records.js';
import { relationshipEvent, toRelationshipEntry } from '../serialize.js';
import { pairKey } from '../tables.js';
import { storedTime } from '../time.js';
import type { RelationshipEntry } from '../wire.js';
import { requireUser } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToUsers } from './context.js';
import type { Body } from './validate.js';

/** Relationships (docs/protocol.md §3.13): 1 friend, 2 blocked, 3 incoming request, 4 outgoing request. */

export const listRelationships = (ctx: ServiceContext, userId: string): RelationshipEntry[] =>
  ctx.data.tables.relationships.where('user', userId).map((r) => toRelationshipEntry(ctx.data.tables, r));

function put(ctx: ServiceContext, userId: string, targetId: string, type: RelationshipRecord['type']): RelationshipRecord {
  const existing = ctx.data.tables.relationships.get(pairKey(userId, targetId));
  return ctx.data.tables.relationships.put({
    user_id: userId,
    target_id: targetId,
    type,
    created_at: existing?.created_at ?? storedTime(ctx.data.clock.now()),
  });
}

function send(ctx: ServiceContext, type: GatewayEventType, record: RelationshipRecord): void {
  publishToUsers(ctx, type, relationshipEvent(ctx.data.tables, record), [record.user_id]);
}

export function putRelationship(ctx: ServiceContext, userId: string, targetId: string, body: Body): RelationshipEntry {
  if (targetId === userId) throw badRequest('you cannot add yourself');
  requireUser(ctx, targetId);
  const { relationships } = ctx.data.tables;
  const mine = relationships.get(pairKey(userId, targetId));
  const theirs = relationships.get(pairKey(targetId, userId));
  const type = body.type ?? 1;
  if (type === 2) {
    const blocked = put(ctx, userId, targetId, 2);
    send(ctx, 'relationship.add', blocked);
    if (theirs && theirs.type !== 2) {
      relationships.delete(pairKey(targetId, userId));
      publishToUsers(ctx, 'relationship.remove', { user_id: userId }, [targetId]);
    }
    return toRelationshipEntry(ctx.data.tables, blocked);
  }
  if (type !== 1) throw badRequest('type must be 1 (friend) or 2 (block)');
  if (theirs?.type === 2 || mine?.type === 2) throw forbidden('cannot befriend this user');
  if (mine?.type === 1) return toRelationshipEntry(ctx.data.tables, mine);
  if (mine?.type === 3) {
    const accepted = put(ctx, userId, targetId, 1);
    const other = put(ctx, targetId, userId, 1);
    send(ctx, 'relationship.update', accepted);
    send(ctx, 'relationship.update', other);
    return toRelationshipEntry(ctx.data.tables, accepted);
  }
  const outgoing = put(ctx, userId, targetId, 4);
  const incoming = put(ctx, targetId, userId, 3);
  send(ctx, 'relationship.add', outgoing);
  send(ctx, 'relationship.add', incoming);
  return toRelationshipEntry(ctx.data.tables, outgoing);
}

/** Removes the pair (a block the other side holds stays); both sides get `relationship.remove`. */
export function deleteRelationship(ctx: ServiceContext, userId: string, targetId: string): Record<string, never> {
  const { relationships } = ctx.data.tables;
  if (!relationships.delete(pairKey(userId, targetId))) throw notFound('unknown_relationship');
  publishToUsers(ctx, 'relationship.remove', { user_id: targetId }, [userId]);
  const theirs = relationships.get(pairKey(targetId, userId));
  if (theirs && theirs.type !== 2) {
    relationships.delete(pairKey(targetId, userId));
    publishToUsers(ctx, 'relationship.remove', { user_id: userId }, [targetId]);
  }
  return {};
}
