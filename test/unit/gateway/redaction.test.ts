import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/util/logger.js';
import { createHarness, TOKEN } from './harness.js';
import { messageFrame } from './fixtures.js';

describe('the token never leaves (behaviour 11)', () => {
  it('appears in no debug output, log line, error or disconnect reason across a whole lifecycle', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (message, details) => lines.push(message + JSON.stringify(details ?? {})),
      warn: (message, details) => lines.push(message + JSON.stringify(details ?? {})),
      error: (message, details) => lines.push(message + JSON.stringify(details ?? {})),
    };
    const { gw, fake, recorded, connectReady, runUntilNewSocket } = createHarness({ logger });
    const thrown: string[] = [];
    const socket = await connectReady();
    socket.receive(messageFrame(2));
    socket.receive('not json');
    // a server that echoes the token back in every text it controls
    socket.receive({ op: 0, type: 'message.create', seq: 3, data: { id: 'm', channel_id: 'c', content: 5, author_id: `Bot ${TOKEN}` } });
    socket.drop(1006, `bad token Bot ${TOKEN} and ${TOKEN}`);
    const resuming = runUntilNewSocket();
    resuming.hello();
    resuming.receive({ op: 7, data: { resumable: false } });
    const identifying = runUntilNewSocket();
    identifying.hello();
    identifying.receive({ op: 7, data: false });
    try {
      gw.updatePresence('idle');
    } catch (error) {
      thrown.push(String(error));
    }
    gw.connect().catch((error: unknown) => thrown.push(String(error)));
    fake.last().drop(4004, `auth failed for ${TOKEN}`);
    await Promise.resolve();

    const everything = [
      ...recorded.debug,
      ...lines,
      ...recorded.errors.map((error) => `${error.message} ${error.reason}`),
      ...recorded.disconnected.map(([code, reason]) => `${code} ${reason}`),
      ...thrown,
    ];
    expect(recorded.debug.length).toBeGreaterThan(5);
    expect(lines.length).toBe(recorded.debug.length);
    expect(recorded.disconnected.length).toBe(2);
    expect(thrown.length).toBe(2);
    for (const text of everything) expect(text).not.toContain(TOKEN);
    // the token did travel where it must: IDENTIFY/RESUME
    expect(fake.sockets.some((s) => s.sent.some((frame) => frame.includes(TOKEN)))).toBe(true);
  });
});
