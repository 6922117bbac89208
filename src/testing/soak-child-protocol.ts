import type { SeededDemo } from '../server/seed/index.js';
import type { ServerMemory, SoakFault } from './soak-servers.js';

/**
 * The IPC between the soak and its server child process. The parent sends numbered requests; the
 * child answers each in the order received (one at a time, so a fault never overtakes the request
 * sent before it) and pushes its servers' log lines and any crash as they happen.
 */
export type ChildRequest =
  | { op: 'fault'; server: string; fault: SoakFault }
  | { op: 'publish'; server: string; type: string; data: unknown; targetUserIds?: string[] }
  | { op: 'presences'; server: string }
  | { op: 'sessionState'; server: string; sessionId: string }
  | { op: 'startTraffic'; server: string; rate: number }
  | { op: 'stopTraffic'; server: string }
  | { op: 'restart'; server: string }
  | { op: 'seededTokens'; server: string }
  | { op: 'memory' }
  | { op: 'close' };

/** What a request answers with, by op. */
export interface ChildAnswers {
  fault: null;
  publish: null;
  presences: [string, string][];
  sessionState: 'live' | 'parked' | null;
  startTraffic: null;
  /** Actions the server's simulator performed in total. */
  stopTraffic: number;
  restart: ServerInfo;
  seededTokens: string[];
  memory: ServerMemory;
  close: null;
}

export interface ServerInfo {
  name: string;
  url: string;
  gatewayUrl: string;
  seeded: SeededDemo;
}

export type ParentMessage = { id: number; request: ChildRequest };

export type ChildMessage =
  | { kind: 'started'; servers: ServerInfo[] }
  | { kind: 'answer'; id: number; ok: true; value: unknown }
  | { kind: 'answer'; id: number; ok: false; error: string }
  | { kind: 'log'; source: string; line: string }
  | { kind: 'crash'; text: string };
