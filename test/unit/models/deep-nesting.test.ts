import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/models/index.js';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('hostile nesting', () => {
  it('a field nested thousands deep that also needs repair is a fatal parse result, never a throw', () => {
    const data = { id: 'm1', channel_id: 'c1', content: 5, embeds: [nested(20_000)], mentions: nested(20_000) };
    let result: ReturnType<typeof parseEvent>;
    expect(() => {
      result = parseEvent('message.create', data);
    }).not.toThrow();
    expect(result!).toBeDefined();
    expect(result!.fatal).toBe('data nested too deeply to repair');
  });
});
