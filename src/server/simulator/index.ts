import type { Clock, RandomSource, TimerHandle } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { silentLogger } from '../../util/logger.js';
import type { GatewayControl } from '../contracts.js';
import { ApiError } from '../data/errors.js';
import type { ServerData } from '../data/server-data.js';
import type { SimState } from './actions.js';
import { pick, WEIGHTED_ACTIONS } from './actions.js';

export interface SimulatorOptions {
  data: ServerData;
  gateway: GatewayControl;
  /** Actions per second (> 0). */
  rate: number;
  random?: RandomSource;
  clock?: Clock;
  logger?: Logger;
  /** Who acts; default every human user (not bots, not system users). */
  userIds?: string[];
  /**
   * Leave users with a live gateway session alone (the demo: the person at the keyboard should
   * not see "their" account post, change status or leave a space on its own).
   */
  spareConnectedUsers?: boolean;
}

export interface Simulator {
  stop(): void;
  /** Actions performed so far (skipped and refused ones are not counted). */
  readonly performed: number;
}

/**
 * Seeded users chatting at a steady rate. Every action goes through the same service functions
 * as REST, so the events it causes are exactly the ones a real client would cause.
 */
export function startSimulator(options: SimulatorOptions): Simulator {
  if (!(options.rate > 0)) throw new RangeError('rate must be a positive number of events per second');
  const clock = options.clock ?? options.data.clock;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger;
  const sim: SimState = { ctx: { data: options.data, gateway: options.gateway }, random, posted: [] };
  const intervalMs = 1000 / options.rate;
  const totalWeight = WEIGHTED_ACTIONS.reduce((sum, [, w]) => sum + w, 0);
  let performed = 0;
  let timer: TimerHandle | undefined;
  let stopped = false;

  const candidates = (): string[] =>
    options.userIds ?? [...options.data.tables.users.values()].filter((u) => !u.bot && !u.system && !u.disabled).map((u) => u.id);
  const actors = (): string[] =>
    options.spareConnectedUsers ? candidates().filter((id) => !options.gateway.isConnected(id)) : candidates();

  const chooseAction = () => {
    let roll = random() * totalWeight;
    for (const [action, weight] of WEIGHTED_ACTIONS) {
      roll -= weight;
      if (roll < 0) return action;
    }
    return WEIGHTED_ACTIONS[0]?.[0];
  };

  const tick = () => {
    if (stopped) return;
    const userId = pick(random, actors());
    const action = chooseAction();
    if (userId && action) {
      try {
        const what = action(sim, userId);
        if (what !== null) {
          performed++;
          logger.debug('simulator: action', { user_id: userId, action: what });
        }
      } catch (error) {
        if (error instanceof ApiError) logger.debug('simulator: action refused', { user_id: userId, code: error.code, message: error.message });
        else logger.error('simulator: action failed', { user_id: userId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    timer = clock.setTimeout(tick, intervalMs);
  };
  timer = clock.setTimeout(tick, intervalMs);

  return {
    stop() {
      stopped = true;
      clock.clearTimeout(timer);
    },
    get performed() {
      return performed;
    },
  };
}
