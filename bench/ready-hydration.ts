/**
 * READY hydration of a large account (issue 15): 20 spaces, 5,000 members (250 per space, every
 * one a distinct user of 5,000), 500 channels and 2,000 presences, through the real pipeline
 * (JSON.parse, model check, hydrateReady, signals), beside the bare JSON.parse of the same READY
 * in interleaved rounds (bench/side-by-side.ts). The warm-up store stays open while the others are
 * timed (the fairness rules at the top of store-pipeline.ts). Prints the ratio; asserts nothing.
 */
import { pathToFileURL } from 'node:url';
import { startTiming } from './measure.js';
import { sideBySide } from './side-by-side.js';
import { StoreSide, connectedStore, timeParse } from './store-harness.js';
import { SPACE_BASE, frame, readyData, sid, type ReadyShape } from './store-fixtures.js';
import type { RatioRow } from './summary.js';

const LARGE_READY: ReadyShape = { spaces: 20, channelsPerSpace: 25, users: 5_000, membersPerSpace: 250 };
const PRESENCES = 2_000;
/** One READY is a single parse of a few milliseconds: more rounds than the frame benches. */
const ROUNDS = 21;
const GOAL = 2;

/** The large READY's data, with exactly PRESENCES presences (the fixture gives every third user one). */
export function largeReadyData(): Record<string, unknown> {
  const data = readyData(LARGE_READY);
  const users = data['users'] as { id: string }[];
  data['presences'] = users.slice(0, PRESENCES).map((user, n) => {
    const status = ['online', 'idle', 'dnd'][n % 3] as string;
    return { user_id: user.id, status, client_status: { desktop: status }, activities: [], space_id: null };
  });
  return data;
}

export async function benchStoreReadyHydration() {
  const ready = frame('ready', 1, largeReadyData());
  const hydrate = new StoreSide(
    'hydrate',
    () => connectedStore(null, 50),
    (feed) => {
      const stop = startTiming();
      feed({ data: ready });
      return stop();
    },
    (store) => {
      if (store.spaces().length !== LARGE_READY.spaces || store.members(sid(SPACE_BASE)).length !== LARGE_READY.membersPerSpace) {
        throw new Error('READY not hydrated');
      }
    },
  );
  const measured = await sideBySide(() => timeParse([ready]), [hydrate], ROUNDS);
  await hydrate.closeWarm();
  const side = measured.sides[0];
  if (!side) throw new Error('no hydration side');
  const result = {
    name: 'store READY hydration (large account)',
    readyBytes: ready.length,
    shape: { ...LARGE_READY, members: LARGE_READY.spaces * LARGE_READY.membersPerSpace, channels: LARGE_READY.spaces * LARGE_READY.channelsPerSpace, presences: PRESENCES },
    jsonParseMs: measured.floorMs,
    hydrateMs: side.ms,
    ratio: side.ratio,
    cpuRatio: side.cpuRatio,
    bestRatio: side.bestRatio,
    target: GOAL,
    summary: [{ name: 'READY hydration, large account', ratio: side.ratio, cpuRatio: side.cpuRatio, goal: GOAL, against: 'JSON.parse of the same READY' }] satisfies RatioRow[],
  };
  console.log(
    `store READY hydration (large): ${result.ratio}x its JSON.parse (CPU ${result.cpuRatio}x, best ${result.bestRatio}x; target <= ${GOAL}x; ` +
      `${result.hydrateMs} vs ${result.jsonParseMs} ms, ${ready.length} B)`,
  );
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchStoreReadyHydration();
}
