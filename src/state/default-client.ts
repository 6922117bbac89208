import { AccordClient } from '../client/index.js';
import type { ClientFactory, StoreClient } from './store-client.js';

/** Builds the connection's AccordClient. */
export const createAccordClient: ClientFactory = (options): StoreClient => new AccordClient(options);
