import type { TruthMessage } from './rest-truth.js';
import type { Watched } from './soak-setup.js';

/** One sendMessage of the soak, from the call to its check against the server. */
export interface TrackedSend {
  /** In the content (`act:<batch>:<n>;`): how the server's copy is found. */
  tag: string;
  batch: number;
  w: Watched;
  channelId: string;
  spaceId: string;
  localId: string | null;
  outcome: 'pending' | 'confirmed' | 'refused' | 'failed' | 'abandoned';
  messageId: string | null;
  retried: boolean;
  error: string;
}

/** Sends checked so far, and the must-be-zero counts. */
export interface SendCheckCounts {
  verified: number;
  /** Confirmed sends the server does not have. */
  lost: number;
  /** Sends the server has more than once, or the store lists more than once. */
  duplicated: number;
}

/**
 * Checks sends that ended against the server's truth (the space's message search, by the tag in
 * the content): a confirmed send is there exactly once, with the id its promise gave; a refused one
 * is not there at all; a failed or abandoned one at most once. The store must list each at most
 * once, and no longer as pending. Returns the confirmed sends that passed.
 */
export async function verifySends(
  sends: readonly TrackedSend[],
  watched: readonly Watched[],
  counts: SendCheckCounts,
  problems: string[],
): Promise<TrackedSend[]> {
  const groups = new Map<string, TrackedSend[]>();
  for (const send of sends) {
    const key = `${send.w.server.name}|${send.spaceId}|${send.batch}`;
    const group = groups.get(key);
    if (group) group.push(send);
    else groups.set(key, [send]);
  }
  const passed: TrackedSend[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const hits = await searchTags(first, watched);
    if (hits === null) {
      problems.push(`${first.w.label}: could not search space ${first.spaceId} for batch ${first.batch}: ${group.length} sends unchecked`);
      continue;
    }
    for (const send of group) if (checkSend(send, hits.get(send.tag) ?? [], counts, problems)) passed.push(send);
  }
  return passed;
}

function checkSend(send: TrackedSend, onServer: readonly TruthMessage[], counts: SendCheckCounts, problems: string[]): boolean {
  counts.verified++;
  const where = `${send.w.label} ${send.tag} in ${send.channelId}`;
  const listed = send.w.store.messages(send.channelId).filter((message) => message.content.startsWith(`${send.tag} `));
  let ok = true;
  if (onServer.length > 1 || listed.length > 1) {
    counts.duplicated++;
    problems.push(`${where} (${send.outcome}): ${onServer.length} times on the server, ${listed.length} in the store`);
    ok = false;
  }
  if (send.outcome === 'confirmed') {
    const found = onServer[0];
    if (!found) {
      counts.lost++;
      problems.push(`${where}: confirmed as ${String(send.messageId)} but not on the server`);
      return false;
    }
    if (found.id !== send.messageId) {
      problems.push(`${where}: confirmed as ${String(send.messageId)}, the server has it as ${found.id}`);
      ok = false;
    }
    if (listed.some((message) => message.pending !== undefined)) {
      problems.push(`${where}: confirmed but still listed as pending`);
      ok = false;
    }
    return ok;
  }
  if (send.outcome === 'refused' && onServer.length > 0) problems.push(`${where}: refused (${send.error}) yet on the server`);
  if (send.outcome === 'failed') problems.push(`${where}: left failed after a retry (${send.error}); ${onServer.length} on the server`);
  return false;
}

/** The batch's tagged messages of the space, by tag; searched as the sender, else as anyone of that server who may. */
async function searchTags(send: TrackedSend, watched: readonly Watched[]): Promise<Map<string, TruthMessage[]> | null> {
  const searchers = [send.w, ...watched.filter((w) => w !== send.w && w.server === send.w.server)];
  for (const w of searchers) {
    let found: TruthMessage[];
    try {
      found = await w.truth.search(send.spaceId, `act:${send.batch}:`);
    } catch {
      // Not a member (any more): the next one may be.
      continue;
    }
    const byTag = new Map<string, TruthMessage[]>();
    for (const message of found) {
      const tag = /^act:\d+:\d+;/.exec(message.content)?.[0];
      if (!tag) continue;
      const list = byTag.get(tag);
      if (list) list.push(message);
      else byTag.set(tag, [message]);
    }
    return byTag;
  }
  return null;
}
