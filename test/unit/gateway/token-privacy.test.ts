import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { GatewaySocket } from '../../../src/gateway/index.js';

describe('GatewaySocket never exposes its token', () => {
  it('keeps the token out of JSON.stringify, inspect and own enumerable keys', () => {
    const token = 'f'.repeat(64);
    const socket = new GatewaySocket({ token, tokenType: 'Bearer', gatewayUrl: 'ws://127.0.0.1:1/ws', intents: [] });
    expect(JSON.stringify(socket)).not.toContain(token);
    expect(inspect(socket, { depth: 5 })).not.toContain(token);
    expect(Object.values(socket).map(String).join(' ')).not.toContain(token);
  });
});
