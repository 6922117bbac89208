import type { HeapSample, SoakReport } from './soak-types.js';

/** Whether the hostile peers were handled as they must be: nothing oversized served, every paused reader dropped. */
export function hostileHeld(report: SoakReport): boolean {
  const { oversized, pausedReaders, problems } = report.hostile;
  return (
    problems.length === 0 &&
    oversized.presencesRelayed === 0 &&
    oversized.embedsRelayed === 0 &&
    oversized.restAccepted === 0 &&
    oversized.restRefused === oversized.restSent &&
    pausedReaders.dropped === pausedReaders.rounds
  );
}

/** Whether the servers' memory stayed under its bound (true when it was not measured). */
export function serverHeapHeld(report: SoakReport): boolean {
  return report.serverHeap === null || report.serverHeap.maxMb <= report.serverHeap.boundMb;
}

/**
 * The stores' heap trend in MB per 100 reconnects: the least-squares slope over the samples after
 * the first (the first includes warm-up: the stores' caches filling for the first time).
 */
export function heapSlopeMbPer100(samples: readonly HeapSample[]): number | null {
  const points = samples.slice(1);
  if (points.length < 2) return null;
  const xs = points.map((s) => s.reconnects / 100);
  const ys = points.map((s) => s.heapUsedMb);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] ?? 0) - mx;
    num += dx * ((ys[i] ?? 0) - my);
    den += dx * dx;
  }
  return den === 0 ? null : Math.round((num / den) * 100) / 100;
}

/** The hostile-peer and server-memory rows of the headline table: [what, value, must be]. */
export function hostileRows(report: SoakReport): [string, string, string][] {
  const { oversized, pausedReaders, problems, rounds } = report.hostile;
  const heap = report.serverHeap;
  const slope = heapSlopeMbPer100(report.heap);
  return [
    ['servers run in', report.serverProcess === 'child' ? 'a child process (the heap samples are the stores\' alone)' : 'the soak\'s process', ''],
    ['stores\' heap trend (MB per 100 reconnects, after the first sample)', slope === null ? 'too few samples' : String(slope), 'flat'],
    [
      'server heap + external after gc: first / max (samples)',
      heap === null ? 'not measured (servers in this process)' : `${heapTotal(heap.samples[0])} / ${heap.maxMb} MB (${heap.samples.length})`,
      heap === null ? '' : `max ≤ ${heap.boundMb} MB`,
    ],
    ['hostile rounds (oversized frames / paused reader)', `${rounds} (${oversized.rounds} / ${pausedReaders.rounds})`, ''],
    ['oversized IDENTIFY presences: sent / READY anyway', `${oversized.identifyPresences} / ${oversized.identifyReady}`, 'all READY'],
    ['oversized op 8 presences: sent / reached an honest store', `${oversized.presencesSent} / ${oversized.presencesRelayed}`, '0 reached'],
    ['hostile connection still served after them (rounds)', `${oversized.stillServed} of ${oversized.rounds}`, 'all'],
    [
      'oversized embeds via REST: sent / refused / accepted / reached a store',
      `${oversized.restSent} / ${oversized.restRefused} / ${oversized.restAccepted} / ${oversized.embedsRelayed}`,
      'all refused, 0 reached',
    ],
    ['paused readers: dropped / rounds', `${pausedReaders.dropped} / ${pausedReaders.rounds}`, 'all dropped'],
    [
      'paused readers: MB flooded until each drop (messages in all)',
      `${pausedReaders.dropAfterMb.join(', ') || '-'} (${pausedReaders.floodMessages} messages, ${pausedReaders.floodMb} MB)`,
      '',
    ],
    ['paused readers came back: resumed / op 7 then re-identified', `${pausedReaders.resumed} / ${pausedReaders.reidentified}`, 'all came back'],
    ['hostile-peer problems', String(problems.length), '0'],
  ];
}

/** The markdown sections on the heaps: the stores' samples and the server's. */
export function heapSections(report: SoakReport): string[] {
  const out: string[] = ['', '## Stores\' heap after every 100 reconnects', ''];
  if (report.heap.length === 0) out.push('No sample: fewer than 100 reconnects.');
  else {
    out.push(
      report.serverProcess === 'child'
        ? 'The servers run in a child process, so this heap is the soak process alone: the stores and their clients, plus the soak\'s own records (captured output is scanned as it arrives and only reportable lines are kept; the seq audit keeps every message id per connection to catch duplicates). What is left of the climb is not a leak: heap snapshots at 300 and 1,300 reconnects of a 1,500-fault run differ by +2.0 MB, of which 1.0 MB is V8\'s compiled code (it grows as more functions get optimised), the rest the message caches filling up to their cap of 50 per channel (1,426 messages held, then 2,048; no list over the cap) and the seq audit\'s message ids. Timers and listeners are the leak indicators.'
        : 'The servers share this process: their tables grow with the traffic, so this heap climbs with them. Timers and listeners are the leak indicators.',
      '',
      '| reconnects | heap used (MB, after gc) | active timers | other handles | client listeners |',
      '|---|---|---|---|---|',
    );
    for (const s of report.heap) out.push(`| ${s.reconnects} | ${s.heapUsedMb} | ${s.timers} | ${s.handles} | ${s.listeners} |`);
  }
  const heap = report.serverHeap;
  if (heap) {
    out.push('', '## Server process memory', '');
    out.push(
      `Sampled through the child after two full gcs: at setup, after every checkpoint and during the hostile rounds. Bound: ${heap.boundMb} MB.`,
      '',
      '| when | heap used (MB) | external (MB) |',
      '|---|---|---|',
    );
    for (const s of heap.samples) out.push(`| ${s.at} | ${s.heapUsedMb} | ${s.externalMb} |`);
  }
  return out;
}

const heapTotal = (sample: { heapUsedMb: number; externalMb: number } | undefined): string =>
  sample ? String(Math.round((sample.heapUsedMb + sample.externalMb) * 10) / 10) : '-';
