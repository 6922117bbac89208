import type { Relationship, RelationshipRemoveData, User } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import { mergeUser, removeRelationship, setRelationship } from '../mutations/users.js';
import type { HandlerTable } from './table.js';

function onUserUpdate(ctx: StateContext, conn: ServerConnection, user: User): void {
  const merged = mergeUser(conn.cache, user);
  if (user.id === conn.userId) conn.user = merged;
  ctx.emit('userUpdated', user.id);
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
