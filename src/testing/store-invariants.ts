import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ChannelSchema, MemberSchema, MessageSchema, RoleSchema, UserSchema, VoiceStateSchema } from '../models/index.js';

/** The store reads the invariants look at (AccordStore fits it). */
export interface InvariantStoreView {
  channels(spaceId: string): readonly unknown[];
  members(spaceId: string): readonly unknown[];
  roles(spaceId: string): readonly unknown[];
  messages(channelId: string): readonly unknown[];
  voiceStates(channelId: string): readonly unknown[];
  user(id: string): unknown;
}

const checks = {
  channel: TypeCompiler.Compile(ChannelSchema),
  member: TypeCompiler.Compile(MemberSchema),
  role: TypeCompiler.Compile(RoleSchema),
  message: TypeCompiler.Compile(MessageSchema),
  voice: TypeCompiler.Compile(VoiceStateSchema),
  user: TypeCompiler.Compile(UserSchema),
};

/**
 * Structural consistency of a store's caches for the given spaces: every cached entity still has
 * its model's shape, plain prototypes, the id it is listed under, and no list holds an id twice.
 * Returns the problems found (empty = consistent).
 */
export function checkStoreInvariants(store: InvariantStoreView, spaceIds: readonly string[]): string[] {
  const problems: string[] = [];
  const entity = (kind: keyof typeof checks, where: string, value: unknown): void => {
    if (typeof value !== 'object' || value === null) {
      problems.push(`${where}: ${kind} is ${value === null ? 'null' : typeof value}`);
      return;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) problems.push(`${where}: ${kind} has a foreign prototype`);
    if (!checks[kind].Check(value)) {
      const first = checks[kind].Errors(value).First();
      problems.push(`${where}: ${kind} no longer fits its model (${first ? `${first.path}: ${first.message}` : 'unknown'})`);
    }
  };
  const unique = (where: string, ids: readonly unknown[]): void => {
    const seen = new Set<unknown>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${where}: ${String(id)} listed twice`);
      seen.add(id);
    }
  };
  for (const spaceId of spaceIds) {
    const channels = store.channels(spaceId);
    unique(`channels of ${spaceId}`, channels.map((c) => (c as { id?: unknown }).id));
    for (const channel of channels) {
      const id = String((channel as { id?: unknown }).id);
      entity('channel', `channel ${id}`, channel);
      if ((channel as { space_id?: unknown }).space_id !== spaceId) problems.push(`channel ${id} listed under space ${spaceId} but says ${String((channel as { space_id?: unknown }).space_id)}`);
      const messages = store.messages(id);
      unique(`messages of ${id}`, messages.map((m) => (m as { id?: unknown }).id));
      for (const message of messages) {
        const messageId = String((message as { id?: unknown }).id);
        entity('message', `message ${messageId}`, message);
        if ((message as { channel_id?: unknown }).channel_id !== id) problems.push(`message ${messageId} listed in ${id} but says ${String((message as { channel_id?: unknown }).channel_id)}`);
      }
      for (const state of store.voiceStates(id)) entity('voice', `voice state in ${id}`, state);
    }
    const members = store.members(spaceId);
    unique(`members of ${spaceId}`, members.map((m) => (m as { user_id?: unknown }).user_id));
    for (const member of members) {
      const userId = String((member as { user_id?: unknown }).user_id);
      entity('member', `member ${userId} of ${spaceId}`, member);
      const user = store.user(userId);
      if (user !== undefined && user !== null) entity('user', `user ${userId}`, user);
    }
    const roles = store.roles(spaceId);
    unique(`roles of ${spaceId}`, roles.map((r) => (r as { id?: unknown }).id));
    for (const role of roles) entity('role', `role ${String((role as { id?: unknown }).id)}`, role);
  }
  return problems;
}

/** Own property names of the built-in prototypes, to prove a run left them untouched. */
export function prototypeSnapshot(): string {
  const names = (target: object) => Object.getOwnPropertyNames(target).sort().join(',');
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map(names).join('|');
}

/** True when no `polluted`-style key leaked onto plain objects. */
export function prototypesClean(before: string): boolean {
  const probe: Record<string, unknown> = {};
  return prototypeSnapshot() === before && probe['polluted'] === undefined && probe['isAdmin'] === undefined;
}
