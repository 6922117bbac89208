export { AccordClient, type AccordClientOptions, type AccordClientEvents, type LogoutOptions } from './accord-client.js';
export type { WebSocketConstructor } from '../gateway/index.js';
