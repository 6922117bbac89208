// TEMPORARY: stands in for the demo seed (src/server/seed/) until it exists.
import type { ServerData } from './data/index.js';

export type SeededDemo = Record<string, unknown>;

export function seedDemo(_data: ServerData): SeededDemo | null {
  return null;
}
