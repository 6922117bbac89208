import { AccordClient } from '../../src/client/index.js';
import { GatewayIntents } from '../../src/protocol/index.js';
import type { AddServerOptions } from '../../src/state/index.js';
import type { LoginRequest } from './views/login-dialog.js';

/**
 * What `store.addServer` needs for a sign-in. A password is exchanged for a token by the SDK's own
 * sign-in (`AccordClient.loginWithPassword`), whose client the connection then uses; the page
 * never holds a REST client of its own.
 */
export async function serverOptionsFor(request: LoginRequest): Promise<AddServerOptions> {
  const WebSocket = globalThis.WebSocket;
  if (request.kind !== 'password') return { baseUrl: request.baseUrl, token: request.token, tokenType: request.tokenType, WebSocket };
  const client = await AccordClient.loginWithPassword(request.baseUrl, request.username, request.password, { WebSocket, intents: GatewayIntents.all() });
  // The token lives in that client; the store only ever talks through it.
  return { baseUrl: request.baseUrl, token: '', tokenType: 'Bearer', WebSocket, clientFactory: () => client };
}
