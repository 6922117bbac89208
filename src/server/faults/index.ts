export { Faults } from './faults.js';
export type { FaultResult } from './faults.js';
export { handleFaultRequest } from './http.js';
