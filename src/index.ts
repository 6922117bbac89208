export * from './protocol/index.js';
export * from './models/index.js';
export type { Clock, TimerHandle, RandomSource } from './util/clock.js';
export { systemClock } from './util/clock.js';
export { FakeClock } from './util/fake-clock.js';
export { TypedEmitter } from './util/emitter.js';
export type { Logger } from './util/logger.js';
