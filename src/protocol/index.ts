export * from './opcodes.js';
export * from './close-codes.js';
export * from './intents.js';
export * from './events.js';
export * from './frames.js';
export * from './permissions.js';
