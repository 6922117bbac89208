export { AccordClient, type AccordClientOptions, type AccordClientEvents, type LogoutOptions } from './accord-client.js';
