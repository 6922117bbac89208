export { AccordServer } from './accord-server.js';
export type { AccordServerOptions } from './accord-server.js';
export type { FaultResult } from './faults/faults.js';
export { Faults } from './faults/faults.js';
export type { RestFaultAction, RestFaultRule } from './faults/rest-faults.js';
export type { BusEvent, RawBusEvent } from './contracts.js';
export type { SeededDemo } from './seed/index.js';
export type { RateLimitOptions, RegisterLimitOptions } from './rest/rate-limit.js';
