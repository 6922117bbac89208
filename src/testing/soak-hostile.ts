import { GatewayIntents } from '../protocol/intents.js';
import { HostileSocket } from './soak-hostile-socket.js';
import type { ServerHeapWatch } from './soak-server-heap.js';
import type { SoakServerHandle } from './soak-servers.js';
import type { HostileReport } from './soak-types.js';
import type { TappedFrame } from './wire-tap.js';
import { MAX_EMBEDS_BYTES } from '../server/data/services/messages.js';
import { MAX_ACTIVITY_BYTES } from '../server/gateway/inbound.js';

const HOSTILE_USERNAME = 'mallory';
const HOSTILE_PASSWORD = 'mallory-password';
/** A paused reader not dropped after this many of the largest messages is a failure. */
const FLOOD_CAP = 3000;
const FLOOD_CONCURRENCY = 4;
const STATE_CHECK_EVERY = 20;
const HEAP_SAMPLE_EVERY = 200;
const MB = 1048576;

export interface HostilePeersDeps {
  /** The server the hostile user signs up on (the soak's first). */
  server: () => SoakServerHandle | undefined;
  heap: ServerHeapWatch;
  /** Tokens the run handed out (the hostile user's joins them: it must never be printed either). */
  secrets: Set<string>;
  log: (line: string) => void;
}

interface RestAnswer {
  status: number;
  body: unknown;
}

/**
 * Hostile peers beside the faults, all as one registered member ("mallory", who auto-joins the
 * lounge the honest stores read): rounds alternate between oversized frames (an IDENTIFY presence
 * over the limits, op 8 presences with 1 MiB activities, messages with oversized embeds through
 * REST: all must be refused and none may reach an honest store) and a paused reader (a connection
 * that stops reading while the largest messages the server accepts flood its channel: the server
 * must drop it without growing, and it may then RESUME or identify again).
 */
export class HostilePeers {
  private user: { id: string; token: string } | null = null;
  private loungeSpaceId = '';
  private loungeChannelId = '';
  private floodChannelId = '';
  private readonly report: HostileReport = {
    rounds: 0,
    oversized: { rounds: 0, identifyPresences: 0, identifyReady: 0, presencesSent: 0, presencesRelayed: 0, stillServed: 0, restSent: 0, restRefused: 0, restAccepted: 0, embedsRelayed: 0 },
    pausedReaders: { rounds: 0, dropped: 0, floodMessages: 0, floodMb: 0, dropAfterMb: [], resumed: 0, reidentified: 0 },
    problems: [],
  };

  constructor(private readonly deps: HostilePeersDeps) {}

  /** Signs the hostile user up (it joins the lounge) and gives it a space of its own to flood. */
  async setUp(): Promise<void> {
    const server = this.deps.server();
    if (!server) return;
    try {
      const session = await signUp(server.url);
      this.user = session;
      this.deps.secrets.add(session.token);
      const loungeSpace = server.seeded.spaces[0];
      const lounge = loungeSpace?.channels.find((c) => c.type === 'text');
      if (!loungeSpace || !lounge) throw new Error('the demo seed has no lounge text channel');
      this.loungeSpaceId = loungeSpace.id;
      this.loungeChannelId = lounge.id;
      const space = await rest(server.url, 'POST', '/spaces', session.token, { name: 'Mallory Den' });
      const spaceId = (space.body as { data?: { id?: string } }).data?.id;
      if (space.status !== 200 || !spaceId) throw new Error(`creating its space answered ${space.status}`);
      const channels = await rest(server.url, 'GET', `/spaces/${spaceId}/channels`, session.token);
      const list = (channels.body as { data?: { id: string; type: string }[] }).data ?? [];
      const flood = list.find((channel) => channel.type === 'text');
      if (!flood) throw new Error('its space has no text channel');
      this.floodChannelId = flood.id;
    } catch (error) {
      this.user = null;
      this.report.problems.push(`hostile peer setup failed: ${String(error)}`);
    }
  }

  /** One round: odd rounds send oversized frames, even rounds pause a reader. */
  async round(): Promise<void> {
    const server = this.deps.server();
    if (!server || !this.user) return;
    this.report.rounds++;
    try {
      if (this.report.rounds % 2 === 1) await this.oversized(server, this.user);
      else await this.pausedReader(server, this.user);
    } catch (error) {
      this.report.problems.push(`hostile round ${this.report.rounds} failed: ${String(error)}`);
    }
  }

  /** Every frame an honest store received: nothing oversized of the hostile user's may be among them. */
  observe(frame: TappedFrame): void {
    const user = this.user;
    const json = frame.json;
    if (!user || frame.direction !== 'in' || json?.['op'] !== 0) return;
    const data = json['data'] as { user_id?: unknown; activities?: unknown; author?: { id?: unknown }; embeds?: unknown } | undefined;
    const activities = Array.isArray(data?.activities) ? (data.activities as unknown[]) : [];
    if (json['type'] === 'presence.update' && data?.user_id === user.id && activities.some((a) => jsonBytes(a) > MAX_ACTIVITY_BYTES)) {
      this.report.oversized.presencesRelayed++;
    }
    if (json['type'] === 'message.create' && data?.author?.id === user.id && jsonBytes(data.embeds) > MAX_EMBEDS_BYTES) {
      this.report.oversized.embedsRelayed++;
    }
  }

  summary(): HostileReport {
    return this.report;
  }

  private async oversized(server: SoakServerHandle, user: { id: string; token: string }): Promise<void> {
    const counts = this.report.oversized;
    counts.rounds++;
    const round = this.report.rounds;
    // Six activities of 4,000 characters: over the five an IDENTIFY may name. READY anyway, presence ignored.
    const presence = { status: 'online', activities: Array.from({ length: 6 }, (_, i) => ({ name: `${i}`.padEnd(4000, 'a') })) };
    counts.identifyPresences++;
    const peer = await HostileSocket.identify(server.gatewayUrl, user.token, GatewayIntents.all(), presence);
    if (!peer) {
      this.report.problems.push(`oversized round ${round}: an IDENTIFY with an oversized presence got no READY`);
      return;
    }
    counts.identifyReady++;
    try {
      for (const size of [MB, MB, 2 * MB, MAX_ACTIVITY_BYTES + 1]) {
        peer.send({ op: 8, data: { status: 'online', activity: { name: 'x'.repeat(size) } } });
        counts.presencesSent++;
      }
      peer.send({ op: 8, data: { status: 'idle', activity: { name: `round ${round}` } } });
      if (await peer.ping(30_000)) counts.stillServed++;
      else this.report.problems.push(`oversized round ${round}: the connection stopped answering after its oversized presences`);
      const huge = Array.from({ length: 9 }, (_, i) => ({ title: `embed ${i}`, description: 'y'.repeat(100_000) }));
      const justOver = [{ title: 'just over', description: 'v'.repeat(MAX_EMBEDS_BYTES) }];
      // The traffic simulator makes members leave the lounge now and then: join it again first.
      await rest(server.url, 'POST', `/spaces/${this.loungeSpaceId}/join`, user.token);
      for (const embeds of [huge, huge, huge, justOver]) {
        counts.restSent++;
        const message = { content: `oversized ${round}`, embeds };
        let answer = await rest(server.url, 'POST', `/channels/${this.loungeChannelId}/messages`, user.token, message);
        // Left the lounge again meanwhile: its own space then (the size rule is the same).
        if (answer.status === 403) answer = await rest(server.url, 'POST', `/channels/${this.floodChannelId}/messages`, user.token, message);
        if (answer.status === 400 || answer.status === 413) counts.restRefused++;
        else {
          if (answer.status === 200) counts.restAccepted++;
          this.report.problems.push(`oversized round ${round}: a message with oversized embeds was answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
      }
    } finally {
      peer.close();
      await within(peer.closed, 5000);
    }
    await this.deps.heap.sample(`oversized round ${round}`);
    this.deps.log(`hostile round ${round}: oversized frames sent, ${counts.restRefused}/${counts.restSent} oversized messages refused so far`);
  }

  private async pausedReader(server: SoakServerHandle, user: { id: string; token: string }): Promise<void> {
    const counts = this.report.pausedReaders;
    counts.rounds++;
    const round = this.report.rounds;
    const reader = await HostileSocket.identify(server.gatewayUrl, user.token, GatewayIntents.all());
    if (!reader) {
      this.report.problems.push(`paused reader round ${round}: no READY`);
      return;
    }
    reader.pause();
    await this.deps.heap.sample(`paused reader ${round}: before the flood`);
    // The largest message the server accepts: 4,000 characters and just under 16 KiB of embeds.
    const body = { content: 'z'.repeat(4000), embeds: Array.from({ length: 4 }, (_, i) => ({ title: `part ${i}`, description: 'w'.repeat(3900) })) };
    const bodyBytes = jsonBytes(body);
    const posted: string[] = [];
    let dropped = false;
    while (!dropped && posted.length < FLOOD_CAP) {
      const batch = await Promise.all(
        Array.from({ length: FLOOD_CONCURRENCY }, () => rest(server.url, 'POST', `/channels/${this.floodChannelId}/messages`, user.token, body)),
      );
      for (const answer of batch) {
        const id = (answer.body as { data?: { id?: string } }).data?.id;
        if (answer.status === 200 && id) posted.push(id);
        else throw new Error(`a flood message was answered ${answer.status}`);
      }
      if (posted.length % STATE_CHECK_EVERY === 0) dropped = (await server.sessionState(reader.sessionId)) === 'parked';
      if (posted.length % HEAP_SAMPLE_EVERY === 0) await this.deps.heap.sample(`paused reader ${round}: ${posted.length} messages`);
    }
    const floodMb = round1((posted.length * bodyBytes) / MB);
    counts.floodMessages += posted.length;
    counts.floodMb = round1(counts.floodMb + floodMb);
    await this.deps.heap.sample(`paused reader ${round}: ${dropped ? 'dropped' : 'not dropped'} after ${posted.length} messages`);
    if (dropped) {
      counts.dropped++;
      counts.dropAfterMb.push(floodMb);
      reader.resume();
      await within(reader.closed, 30_000);
      await this.comeBack(server, user, reader, round);
    } else {
      this.report.problems.push(`paused reader round ${round}: not dropped after ${posted.length} messages (${floodMb} MB)`);
    }
    reader.terminate();
    for (let i = 0; i < posted.length; i += 100) {
      const answer = await rest(server.url, 'POST', `/channels/${this.floodChannelId}/messages/bulk-delete`, user.token, { messages: posted.slice(i, i + 100) });
      if (answer.status !== 200 && answer.status !== 204) this.report.problems.push(`paused reader round ${round}: bulk delete answered ${answer.status}`);
    }
    await this.deps.heap.sample(`paused reader ${round}: flood deleted`);
    this.deps.log(`hostile round ${round}: paused reader ${dropped ? 'dropped' : 'NOT dropped'} after ${posted.length} messages (${floodMb} MB)`);
  }

  /** The dropped reader comes back: RESUME, and on op 7 a fresh IDENTIFY. */
  private async comeBack(server: SoakServerHandle, user: { id: string; token: string }, reader: HostileSocket, round: number): Promise<void> {
    const counts = this.report.pausedReaders;
    const outcome = await HostileSocket.resume(server.gatewayUrl, user.token, reader.sessionId, reader.lastSeq);
    if (outcome === 'resumed') {
      counts.resumed++;
      return;
    }
    if (outcome === 'closed') {
      this.report.problems.push(`paused reader round ${round}: its RESUME got neither resumed nor op 7`);
      return;
    }
    const again = await HostileSocket.identify(server.gatewayUrl, user.token, GatewayIntents.all());
    if (!again) {
      this.report.problems.push(`paused reader round ${round}: could not identify again after op 7`);
      return;
    }
    counts.reidentified++;
    again.close();
    await within(again.closed, 5000);
  }
}

/** Registers the hostile user (it auto-joins the oldest space); logs in when it exists already. */
async function signUp(baseUrl: string): Promise<{ id: string; token: string }> {
  const credentials = { username: HOSTILE_USERNAME, password: HOSTILE_PASSWORD };
  let answer = await rest(baseUrl, 'POST', '/auth/register', null, credentials);
  if (answer.status === 409) answer = await rest(baseUrl, 'POST', '/auth/login', null, credentials);
  const data = (answer.body as { data?: { token?: unknown; user?: { id?: unknown } } }).data;
  if (answer.status !== 200 || typeof data?.token !== 'string' || typeof data.user?.id !== 'string') {
    throw new Error(`signing up ${HOSTILE_USERNAME} answered ${answer.status}`);
  }
  return { id: data.user.id, token: data.token };
}

async function rest(baseUrl: string, method: string, path: string, token: string | null, body?: unknown): Promise<RestAnswer> {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    parsed = text.slice(0, 200);
  }
  return { status: response.status, body: parsed };
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
const round1 = (n: number): number => Math.round(n * 10) / 10;
/** Waits for `promise`, at most `ms` (the timer does not outlive the wait). */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
