export { Faults } from './faults.js';
export type { FaultResult } from './faults.js';
export { handleFaultRequest } from './http.js';
export { RestFaults } from './rest-faults.js';
export type { RestFaultAction, RestFaultRule } from './rest-faults.js';
