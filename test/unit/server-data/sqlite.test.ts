import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServerData } from '../../../src/server/data/index.js';
import { createMessage } from '../../../src/server/data/services/messages.js';
import { addReaction } from '../../../src/server/data/services/reactions.js';
import { register } from '../../../src/server/data/services/auth.js';
import { seedDemo } from '../../../src/server/seed/index.js';
import { recordingGateway } from './fake-gateway.js';

describe('SQLite persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accordkit-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every change across a reopen of the same file', async () => {
    const file = join(dir, 'server.sqlite');
    const first = await createServerData({ db: file });
    expect(first.persistent).toBe(true);
    const seeded = seedDemo(first);
    const ctx = { data: first, gateway: recordingGateway() };
    const alice = seeded.users[0];
    const general = seeded.spaces[0]?.channels.find((c) => c.name === 'general');
    if (!alice || !general) throw new Error('seed incomplete');
    const message = createMessage(ctx, alice.id, general.id, { content: 'persist me' });
    addReaction(ctx, alice.id, general.id, message.id, '💾');
    const newcomer = register(ctx, { username: 'newcomer', password: 'password9' });
    const before = first.readySnapshot(alice.id, false);
    const lastMessage = first.tables.channels.get(general.id)?.last_message_id;
    expect(first.tables.messages.get(lastMessage ?? '')?.type).toBe('member_join'); // newcomer's welcome
    first.close();

    const second = await createServerData({ db: file });
    expect(second.tables.messages.get(message.id)?.content).toBe('persist me');
    expect(second.tables.reactions.countWhere('message', message.id)).toBe(1);
    expect(second.tables.channels.get(general.id)?.last_message_id).toBe(lastMessage);
    expect(second.resolveToken(`Bearer ${alice.token}`)?.userId).toBe(alice.id);
    expect(second.resolveToken(`Bearer ${newcomer.token}`)?.userId).toBe(newcomer.user.id);
    expect(second.resolveToken(`Bot ${seeded.bot.token}`)?.userId).toBe(seeded.bot.id);
    expect(second.readySnapshot(alice.id, false)).toEqual(before);
    expect(seedDemo(second)).toEqual(seeded);
    expect(second.tables.users.size).toBe(first.tables.users.size);
    second.close();
  });

  it('in memory, nothing is shared between two instances', async () => {
    const a = await createServerData();
    seedDemo(a);
    const b = await createServerData();
    expect(a.persistent).toBe(false);
    expect(b.tables.users.size).toBe(0);
  });
});
