import { describe, expect, it } from 'vitest';
import { createServerData } from '../../../src/server/data/index.js';
import { demoBotToken, demoUserToken, seedDemo } from '../../../src/server/seed/index.js';
import { verifyPassword } from '../../../src/server/data/password.js';

describe('seedDemo', () => {
  it('builds the demo world with fixed tokens, the same every time', async () => {
    const a = seedDemo(await createServerData());
    const b = seedDemo(await createServerData());
    expect(a.users.map((u) => [u.username, u.password, u.token])).toEqual(b.users.map((u) => [u.username, u.password, u.token]));
    expect(a.users).toHaveLength(8);
    for (const user of a.users) {
      expect(user.token).toMatch(/^[0-9a-f]{64}$/);
      expect(user.token).toBe(demoUserToken(user.username));
    }
    expect(a.bot.token).toBe(demoBotToken());
    expect(a.spaces.map((s) => s.name)).toEqual(b.spaces.map((s) => s.name));
    expect(a.spaces.map((s) => s.channels.map((c) => `${c.type}:${c.name}`))).toEqual(b.spaces.map((s) => s.channels.map((c) => `${c.type}:${c.name}`)));
  });

  it('has 2 spaces with categories, text and voice channels, a bot, a DM and a group DM, history and reactions', async () => {
    const data = await createServerData();
    const seeded = seedDemo(data);
    expect(seeded.spaces).toHaveLength(2);
    for (const space of seeded.spaces) {
      const types = new Set(space.channels.map((c) => c.type));
      expect([...types]).toEqual(expect.arrayContaining(['category', 'text', 'voice']));
      expect(data.userSpaceIds(seeded.bot.id)).toContain(space.id);
    }
    expect(seeded.dms.map((d) => [d.type, d.recipientIds.length])).toEqual([['dm', 2], ['group_dm', 3]]);
    expect(data.tables.messages.size).toBeGreaterThanOrEqual(20);
    expect(data.tables.reactions.size).toBeGreaterThan(5);
    const alice = data.tables.users.get(seeded.users[0]?.id ?? '');
    expect(alice?.is_admin).toBe(true);
    expect(verifyPassword('alice-password', alice?.password_hash ?? null)).toBe(true);
    expect(verifyPassword('wrong', alice?.password_hash ?? null)).toBe(false);
  });
});
