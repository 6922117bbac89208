import type { IdentifyProperties } from '../protocol/index.js';

export const CLIENT_NAME = 'accordkit';
export const CLIENT_VERSION = '0.1.0';

function detectOs(): string {
  if (typeof process !== 'undefined' && typeof process.platform === 'string') return process.platform;
  const nav = (globalThis as { navigator?: { platform?: string } }).navigator;
  return nav?.platform || 'browser';
}

/** IDENTIFY `properties` (accepted and ignored by accordserver, docs/protocol.md §1.5.2). */
export function defaultIdentifyProperties(): IdentifyProperties {
  return { os: detectOs(), client: CLIENT_NAME, version: CLIENT_VERSION };
}
