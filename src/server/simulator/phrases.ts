/** What simulated users say, react with, and do. */
export const PHRASES = [
  'Anyone around?',
  'That makes sense to me.',
  'Ha, good one.',
  'I will take a look later today.',
  'Has anyone tried the new build?',
  'Brb, coffee.',
  'Agreed 👍',
  'Can someone review my change?',
  'The weather is lovely today.',
  'What are we playing tonight?',
  'Just pushed a fix.',
  'Interesting, tell me more.',
];

export const EDIT_SUFFIXES = [' (edited)', ' — actually, never mind', ' !!', ' (typo fixed)'];

export const EMOJIS = ['👍', '😂', '🎉', '❤️', '🚀', '👀', 'party_blob'];

export const STATUSES = ['online', 'idle', 'dnd'] as const;

export const ACTIVITIES: unknown[][] = [[], [{ name: 'Chess', type: 0 }], [{ name: 'Listening to lo-fi', type: 2 }]];
