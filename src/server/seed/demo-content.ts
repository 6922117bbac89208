/** The fixed content of the demo seed: who, where, and what was said. */

export const DEMO_USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'] as const;
export type DemoUsername = (typeof DEMO_USERS)[number];

export const demoPassword = (username: string): string => `${username}-password`;
export const demoDisplayName = (username: string): string => username.charAt(0).toUpperCase() + username.slice(1);

export interface DemoChannelSpec {
  name: string;
  type: 'text' | 'voice' | 'announcement';
}

export interface DemoSpaceSpec {
  name: string;
  slug: string;
  public: boolean;
  owner: DemoUsername;
  members: DemoUsername[];
  moderators: DemoUsername[];
  /** Categories in order; #general (created with the space) goes first into the first one. */
  categories: { name: string; channels: DemoChannelSpec[] }[];
}

export const DEMO_SPACES: DemoSpaceSpec[] = [
  {
    name: 'Accord Lounge',
    slug: 'lounge',
    public: true,
    owner: 'alice',
    members: [...DEMO_USERS],
    moderators: ['carol'],
    categories: [
      { name: 'Text Channels', channels: [{ name: 'random', type: 'text' }, { name: 'announcements', type: 'announcement' }] },
      { name: 'Voice Channels', channels: [{ name: 'Lobby', type: 'voice' }, { name: 'Gaming', type: 'voice' }] },
    ],
  },
  {
    name: 'Dev Corner',
    slug: 'dev-corner',
    public: false,
    owner: 'bob',
    members: ['bob', 'alice', 'dave', 'erin'],
    moderators: ['dave'],
    categories: [
      { name: 'Engineering', channels: [{ name: 'backend', type: 'text' }, { name: 'frontend', type: 'text' }] },
      { name: 'Voice', channels: [{ name: 'Standup', type: 'voice' }] },
    ],
  },
];

/** [space slug, channel name, author, content, reactions as [username, emoji][]] */
export type DemoMessage = [string, string, DemoUsername | 'bot', string, [DemoUsername, string][]];

export const DEMO_MESSAGES: DemoMessage[] = [
  ['lounge', 'general', 'alice', 'Welcome to the Accord Lounge, everyone!', [['bob', '👋'], ['carol', '👋'], ['dave', '🎉']]],
  ['lounge', 'general', 'bob', 'Glad to be here. Who is up for a game tonight?', []],
  ['lounge', 'general', 'carol', 'Count me in! @bob what time?', [['bob', '👍']]],
  ['lounge', 'general', 'bob', 'Around 8 in the Gaming channel.', []],
  ['lounge', 'general', 'erin', 'I will bring snacks 🍕', [['frank', '😂'], ['grace', '😂']]],
  ['lounge', 'general', 'bot', 'Reminder: be kind, and have fun.', []],
  ['lounge', 'random', 'frank', 'Anyone seen a good movie lately?', []],
  ['lounge', 'random', 'grace', 'The new space documentary is great.', [['heidi', '👍']]],
  ['lounge', 'random', 'heidi', 'Adding it to my list, thanks!', []],
  ['lounge', 'random', 'dave', 'Cats or dogs? Go.', [['erin', '🐱'], ['frank', '🐶'], ['alice', '🐱']]],
  ['lounge', 'announcements', 'alice', 'Server rules are pinned in #general. Voice channels are open all day.', [['carol', '✅']]],
  ['dev-corner', 'general', 'bob', 'Standup at 10, as usual.', []],
  ['dev-corner', 'backend', 'dave', 'The message paging endpoint returns newest first by default.', []],
  ['dev-corner', 'backend', 'alice', 'And `after` pages forward, oldest first. Noted.', [['dave', '👍']]],
  ['dev-corner', 'backend', 'erin', 'Pushed the rate limiter fix.', [['bob', '🚀']]],
  ['dev-corner', 'frontend', 'erin', 'The member list now groups by role.', []],
  ['dev-corner', 'frontend', 'bob', 'Looks great, ship it.', [['erin', '❤️']]],
];

/** [dm key, author, content] for the DM ('dm') and the group DM ('group'). */
export const DEMO_DM_MESSAGES: ['dm' | 'group', DemoUsername, string][] = [
  ['dm', 'alice', 'Hey Bob, got a minute?'],
  ['dm', 'bob', 'Sure, what is up?'],
  ['group', 'carol', 'Planning the meetup: Saturday works for everyone?'],
  ['group', 'dave', 'Saturday is perfect.'],
];
