import { sha256Hex } from '../data/ids.js';
import { hashPassword } from '../data/password.js';
import type { ServerData } from '../data/server-data.js';
import { createApplication } from '../data/services/applications.js';
import { insertChannel } from '../data/services/channels.js';
import type { ServiceContext } from '../data/services/context.js';
import { silentGateway } from '../data/services/context.js';
import { openDm } from '../data/services/dms.js';
import { insertMember } from '../data/services/membership.js';
import { insertMessage } from '../data/services/messages.js';
import { addReaction } from '../data/services/reactions.js';
import { putRelationship } from '../data/services/relationships.js';
import { insertSpace } from '../data/services/spaces.js';
import { issueUserToken } from '../data/services/tokens.js';
import { insertUser } from '../data/services/users.js';
import { DEMO_DM_MESSAGES, DEMO_MESSAGES, DEMO_SPACES, DEMO_USERS, demoDisplayName, demoPassword } from './demo-content.js';

export interface SeededDemo {
  users: { id: string; username: string; password: string; token: string }[];
  bot: { id: string; token: string; applicationId: string };
  spaces: { id: string; name: string; channels: { id: string; name: string; type: string }[] }[];
  dms: { id: string; type: 'dm' | 'group_dm'; recipientIds: string[] }[];
}

const META_KEY = 'seeded_demo';
/** Demo passwords are public, so their hashes use a cheap scrypt cost (fast server starts). */
const DEMO_SCRYPT_COST = 1024;

/** Fixed, derivable demo tokens: 64 lowercase hex characters. */
export const demoUserToken = (username: string): string => sha256Hex(`accordkit-demo-user-token:${username}`);
export const demoBotToken = (): string => sha256Hex('accordkit-demo-bot-token');

/**
 * Seeds the demo world (deterministic content, fixed tokens) through the same service functions
 * REST uses, with no gateway listening. Seeding a database that was already seeded only
 * re-validates the user tokens and returns the stored summary.
 */
export function seedDemo(data: ServerData): SeededDemo {
  const ctx: ServiceContext = { data, gateway: silentGateway() };
  const stored = data.tables.meta.get(META_KEY)?.value as SeededDemo | undefined;
  if (stored) {
    for (const user of stored.users) {
      const token = data.tables.userTokens.get(sha256Hex(user.token));
      if (!token || token.expires_at_ms <= data.clock.now()) issueUserToken(ctx, user.id, user.token);
    }
    return structuredClone(stored);
  }
  const taken = DEMO_USERS.filter((name) => data.tables.users.where('username', name).length > 0);
  if (taken.length > 0) throw new Error(`cannot seed the demo: usernames already taken (${taken.join(', ')})`);
  const seeded = data.transaction(() => build(ctx));
  data.tables.meta.put({ key: META_KEY, value: structuredClone(seeded) });
  return seeded;
}

function build(ctx: ServiceContext): SeededDemo {
  const { tables } = ctx.data;
  const users = DEMO_USERS.map((username, index) => {
    const record = insertUser(ctx, {
      username,
      displayName: demoDisplayName(username),
      passwordHash: hashPassword(demoPassword(username), DEMO_SCRYPT_COST),
      isAdmin: index === 0,
    });
    return { id: record.id, username, password: demoPassword(username), token: issueUserToken(ctx, record.id, demoUserToken(username)) };
  });
  const idOf = new Map<string, string>(users.map((u) => [u.username, u.id]));
  const userId = (name: string): string => idOf.get(name) ?? '';
  const app = createApplication(ctx, userId('alice'), { name: 'Helper', description: 'The demo bot' }, demoBotToken());
  idOf.set('bot', app.botUserId);

  const spaces: SeededDemo['spaces'] = [];
  for (const spec of DEMO_SPACES) {
    const space = insertSpace(ctx, userId(spec.owner), { name: spec.name, slug: spec.slug, public: spec.public });
    const moderatorRole = tables.roles.where('space', space.id).find((r) => r.position === 1);
    for (const name of [...spec.members, 'bot']) {
      if (name === spec.owner) continue;
      const roles = moderatorRole && (spec.moderators as string[]).includes(name) ? [moderatorRole.id] : [];
      insertMember(ctx, space.id, userId(name), roles);
    }
    let position = 0;
    const general = tables.channels.where('space', space.id)[0];
    spec.categories.forEach((category, index) => {
      const cat = insertChannel(ctx, space.id, category.name, 'category', { position: position++ });
      if (index === 0 && general) tables.channels.put({ ...general, parent_id: cat.id, position: position++ });
      for (const channel of category.channels) insertChannel(ctx, space.id, channel.name, channel.type, { parent_id: cat.id, position: position++ });
    });
    const channels = tables.channels
      .where('space', space.id)
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ id: c.id, name: c.name ?? '', type: c.type }));
    spaces.push({ id: space.id, name: space.name, channels });
  }

  for (const [slug, channelName, author, content, reactions] of DEMO_MESSAGES) {
    const spaceId = tables.spaces.where('slug', slug)[0]?.id ?? '';
    const channel = tables.channels.where('space', spaceId).find((c) => c.name === channelName);
    if (!channel) continue;
    const message = insertMessage(ctx, channel, userId(author), { content });
    for (const [reactor, emoji] of reactions) addReaction(ctx, userId(reactor), channel.id, message.id, emoji);
  }

  const dm = openDm(ctx, userId('alice'), { recipient_id: userId('bob') });
  const group = openDm(ctx, userId('alice'), { recipients: [userId('carol'), userId('dave')] });
  const dmIds = { dm: dm.id, group: group.id };
  for (const [which, author, content] of DEMO_DM_MESSAGES) {
    const channel = tables.channels.get(dmIds[which]);
    if (channel) insertMessage(ctx, channel, userId(author), { content });
  }

  putRelationship(ctx, userId('alice'), userId('bob'), { type: 1 });
  putRelationship(ctx, userId('bob'), userId('alice'), { type: 1 });
  putRelationship(ctx, userId('alice'), userId('heidi'), { type: 1 });
  // Alice has read the lounge's #general up to its newest message.
  const lounge = spaces[0];
  const loungeGeneral = lounge?.channels.find((c) => c.name === 'general');
  const lastRead = loungeGeneral ? tables.channels.get(loungeGeneral.id)?.last_message_id : null;
  if (loungeGeneral && lastRead) {
    tables.readStates.put({ user_id: userId('alice'), channel_id: loungeGeneral.id, last_read_message_id: lastRead, mention_count: 0 });
  }

  return {
    users,
    bot: { id: app.botUserId, token: app.token, applicationId: app.application.id },
    spaces,
    dms: [
      { id: dm.id, type: 'dm', recipientIds: (dm.recipients ?? []).map((u) => u.id) },
      { id: group.id, type: 'group_dm', recipientIds: (group.recipients ?? []).map((u) => u.id) },
    ],
  };
}
