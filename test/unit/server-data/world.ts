import { createServerData } from '../../../src/server/data/index.js';
import type { ServerData } from '../../../src/server/data/index.js';
import type { ServiceContext } from '../../../src/server/data/services/context.js';
import type { SeededDemo } from '../../../src/server/seed/index.js';
import { seedDemo } from '../../../src/server/seed/index.js';
import { FakeClock } from '../../../src/util/fake-clock.js';
import { recordingGateway } from './fake-gateway.js';

export interface World {
  data: ServerData;
  clock: FakeClock;
  gateway: ReturnType<typeof recordingGateway>;
  ctx: ServiceContext;
  seeded: SeededDemo;
  id(username: string): string;
  channel(spaceIndex: number, name: string): string;
}

/** The demo world on a fake clock, with a recording gateway. */
export async function demoWorld(): Promise<World> {
  const clock = new FakeClock(Date.UTC(2025, 5, 1, 12, 0, 0));
  const data = await createServerData({ clock });
  const seeded = seedDemo(data);
  const gateway = recordingGateway();
  return {
    data,
    clock,
    gateway,
    ctx: { data, gateway },
    seeded,
    id(username) {
      const user = seeded.users.find((u) => u.username === username);
      if (!user) throw new Error(`no user ${username}`);
      return user.id;
    },
    channel(spaceIndex, name) {
      const found = seeded.spaces[spaceIndex]?.channels.find((c) => c.name === name);
      if (!found) throw new Error(`no channel ${name}`);
      return found.id;
    },
  };
}
