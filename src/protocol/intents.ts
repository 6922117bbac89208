/** Gateway intents: lowercase strings sent in IDENTIFY (docs/protocol.md §2.1). */
export type GatewayIntent =
  | 'spaces'
  | 'moderation'
  | 'emojis'
  | 'soundboard'
  | 'voice_states'
  | 'messages'
  | 'message_reactions'
  | 'message_typing'
  | 'direct_messages'
  | 'dm_reactions'
  | 'dm_typing'
  | 'scheduled_events'
  | 'plugins'
  | 'relationships'
  | 'members'
  | 'presences'
  | 'message_content';

const UNPRIVILEGED: readonly GatewayIntent[] = Object.freeze([
  'spaces',
  'moderation',
  'emojis',
  'soundboard',
  'voice_states',
  'messages',
  'message_reactions',
  'message_typing',
  'direct_messages',
  'dm_reactions',
  'dm_typing',
  'scheduled_events',
  'plugins',
  'relationships',
]);

const PRIVILEGED: readonly GatewayIntent[] = Object.freeze(['members', 'presences', 'message_content']);

const DEFAULT: readonly GatewayIntent[] = Object.freeze(['spaces', 'messages', 'message_content']);

export const GatewayIntents = {
  SPACES: 'spaces',
  MODERATION: 'moderation',
  EMOJIS: 'emojis',
  SOUNDBOARD: 'soundboard',
  VOICE_STATES: 'voice_states',
  MESSAGES: 'messages',
  MESSAGE_REACTIONS: 'message_reactions',
  MESSAGE_TYPING: 'message_typing',
  DIRECT_MESSAGES: 'direct_messages',
  DM_REACTIONS: 'dm_reactions',
  DM_TYPING: 'dm_typing',
  SCHEDULED_EVENTS: 'scheduled_events',
  PLUGINS: 'plugins',
  RELATIONSHIPS: 'relationships',
  MEMBERS: 'members',
  PRESENCES: 'presences',
  MESSAGE_CONTENT: 'message_content',
  /** Every intent the server knows, unprivileged then privileged. */
  all(): GatewayIntent[] {
    return [...UNPRIVILEGED, ...PRIVILEGED];
  },
  unprivileged(): GatewayIntent[] {
    return [...UNPRIVILEGED];
  },
  /** Nominally privileged; accordserver never enforces this (docs/protocol.md §2.1). */
  privileged(): GatewayIntent[] {
    return [...PRIVILEGED];
  },
  /** A minimal set: no member, presence, voice, typing or reaction events. */
  default(): GatewayIntent[] {
    return [...DEFAULT];
  },
  isKnown(name: string): name is GatewayIntent {
    return UNPRIVILEGED.includes(name as GatewayIntent) || PRIVILEGED.includes(name as GatewayIntent);
  },
} as const;
