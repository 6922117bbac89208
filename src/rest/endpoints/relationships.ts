import { parseRelationship, type Relationship } from '../../models/relationship.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

export const relationshipEndpoints = endpoints({
  listRelationships(): Promise<Relationship[]> {
    return this[REST_CALLER].list(parseRelationship, 'relationship', 'GET', { path: '/users/@me/relationships' });
  },

  /** type 1: send/accept a friend request; type 2: block. */
  putRelationship(userId: string, type: 1 | 2): Promise<Relationship> {
    return this[REST_CALLER].one(parseRelationship, 'relationship', 'PUT', { path: `/users/@me/relationships/${seg(userId)}`, body: { type } });
  },

  async deleteRelationship(userId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/users/@me/relationships/${seg(userId)}`, enveloped: false });
  },
});

export type RelationshipEndpoints = typeof relationshipEndpoints;
