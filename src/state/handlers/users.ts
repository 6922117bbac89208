import type { Relationship, RelationshipRemoveData, User } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { mergeUserCounted, removeRelationship, setRelationship } from '../mutations/users.js';
import type { HandlerTable } from './table.js';

/** The server sends one copy per shared space and one for friends (docs/protocol.md §2.4): a copy that changes nothing signals nothing. */
function onUserUpdate(ctx: StateContext, conn: ServerConnection, user: User): void {
  const writes = mergeUserCounted(conn.cache, user);
  if (user.id === conn.userId) conn.user = conn.cache.users.get(user.id) ?? conn.user;
  if (writes !== 0) ctx.emit('userUpdated', user.id);
}

function onRelationshipUpsert(ctx: StateContext, conn: ServerConnection, relationship: Relationship): void {
  setRelationship(conn.cache, relationship);
  ctx.emit('relationshipsUpdated');
}

function onRelationshipRemove(ctx: StateContext, conn: ServerConnection, data: RelationshipRemoveData): void {
  if (removeRelationship(conn.cache, data.user_id)) ctx.emit('relationshipsUpdated');
}

export const userHandlers: HandlerTable = {
  'user.update': onUserUpdate,
  'relationship.add': onRelationshipUpsert,
  'relationship.update': onRelationshipUpsert,
  'relationship.remove': onRelationshipRemove,
};
