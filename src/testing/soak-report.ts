import { findSecretsIn } from './capture.js';
import type { CrashGuard, OutputCapture } from './capture.js';
import { FAULT_KINDS, EXPECTED_RECOVERY } from './fault-schedule.js';
import type { SeqAuditStats } from './seq-audit.js';
import type { CheckpointSummary } from './soak-checkpoints.js';
import type { FaultSummary } from './soak-faults.js';
import { heapSections, hostileHeld, hostileRows, serverHeapHeld } from './soak-report-hostile.js';
import type { RecoverySummary } from './soak-recoveries.js';
import { actionRows, actionsHeld } from './soak-report-actions.js';
import type { SoakReport } from './soak-types.js';

export type OutputFindings = Pick<SoakReport, 'crashes' | 'storeRestFailures' | 'tokenLeaks' | 'linesScanned' | 'tokensChecked'>;

/** What the run's captured output shows: crashes and swallowed errors, failed store loads, tokens. */
export function scanSoakOutput(capture: OutputCapture, guard: CrashGuard, secrets: readonly string[]): OutputFindings {
  const crashes = [...guard.errors, ...capture.findSwallowedErrors()];
  const restFailures = capture.lines.filter((line) => /^\[store\d+\] warn accordkit store: .* failed/.test(line));
  const leaks = findSecretsIn(capture.lines, secrets).map((leak) => `token #${leak.secret}: ${leak.line}`);
  return {
    crashes,
    storeRestFailures: { count: restFailures.length, examples: restFailures.slice(0, 10) },
    tokenLeaks: leaks,
    linesScanned: capture.linesRecorded,
    tokensChecked: secrets.length,
  };
}

/** The pieces of a report, each from the part of the soak that measured it. */
export interface SoakReportParts {
  run: Pick<SoakReport, 'seed' | 'durationMs' | 'stores' | 'connections' | 'servers' | 'trafficActions' | 'leftBehind' | 'serverProcess'>;
  faults: FaultSummary;
  recoveries: RecoverySummary;
  checkpoints: CheckpointSummary;
  serverHeap: SoakReport['serverHeap'];
  hostile: SoakReport['hostile'];
  actions: SoakReport['actions'];
  seq: SeqAuditStats;
  output: OutputFindings;
}

export function assembleSoakReport({ run, faults, recoveries, checkpoints, serverHeap, hostile, actions, seq, output }: SoakReportParts): SoakReport {
  return {
    seed: run.seed,
    durationMs: run.durationMs,
    stores: run.stores,
    connections: run.connections,
    servers: run.servers,
    faultsInjected: faults.faultsInjected,
    faultsByKind: faults.faultsByKind,
    recoveryByKind: recoveries.recoveryByKind,
    unexpectedRecoveries: recoveries.unexpectedRecoveries,
    recoveries: recoveries.recoveries,
    recoverMs: recoveries.recoverMs,
    checkpoints: checkpoints.checkpoints,
    compared: checkpoints.compared,
    divergences: checkpoints.divergences,
    transientDivergences: checkpoints.transientDivergences,
    seq,
    heap: recoveries.heap,
    malformed: faults.malformed,
    permissions: checkpoints.permissions,
    ...output,
    trafficActions: run.trafficActions,
    serverProcess: run.serverProcess,
    serverHeap,
    hostile,
    actions,
    leftBehind: run.leftBehind,
  };
}

/** Whether every must-be-zero number of the report is zero. */
export function soakPassed(report: SoakReport): boolean {
  return (
    report.divergences.length === 0 &&
    report.seq.lost === 0 &&
    report.seq.duplicated === 0 &&
    report.seq.duplicateMessages === 0 &&
    report.seq.problems.length === 0 &&
    report.crashes.length === 0 &&
    report.tokenLeaks.length === 0 &&
    report.permissions.violations.length === 0 &&
    report.unexpectedRecoveries.length === 0 &&
    report.malformed.reported >= report.malformed.mustReport &&
    hostileHeld(report) &&
    serverHeapHeld(report) &&
    actionsHeld(report)
  );
}

/** The headline numbers as rows of [what, value, must be]. */
function soakRows(report: SoakReport): [string, string, string][] {
  const heap = report.heap;
  const heapText =
    heap.length === 0 ? 'no sample (< 1 batch of reconnects)' : heap.map((s) => `${s.heapUsedMb} MB/${s.timers}t/${s.listeners}l`).join(' → ');
  return [
    ['faults injected', String(report.faultsInjected), ''],
    ['connections (stores × servers)', `${report.connections} (${report.stores} stores, ${report.servers} servers)`, ''],
    ['checkpoints', String(report.checkpoints), ''],
    ['divergences', String(report.divergences.length), '0'],
    ['  (seen once, gone on a second look)', String(report.transientDivergences), ''],
    ['events lost across resumes (seq gaps)', String(report.seq.lost), '0'],
    ['events duplicated across resumes', String(report.seq.duplicated), '0'],
    ['messages delivered twice', String(report.seq.duplicateMessages), '0'],
    ['seq/replay inconsistencies', String(report.seq.problems.length), '0'],
    ['recovered by resume (events replayed)', `${report.recoveries.resumed} (${report.recoveries.replayedEvents})`, ''],
    ['recovered by re-identify + rebuild', String(report.recoveries.reidentified), ''],
    ['recoveries of an unexpected kind', String(report.unexpectedRecoveries.length), '0'],
    ['time to recover median / p99 / max', `${report.recoverMs.median} / ${report.recoverMs.p99} / ${report.recoverMs.max} ms (${report.recoverMs.samples})`, ''],
    ['stores\' heap after every 100 reconnects', heapText, 'flat'],
    ...hostileRows(report),
    ...actionRows(report),
    ['store REST loads that failed', String(report.storeRestFailures.count), ''],
    ['timers before → after the run', `${report.leftBehind.timersBefore} → ${report.leftBehind.timersAfter}`, 'equal'],
    ['malformed frames injected / must report / reported', `${report.malformed.injected} / ${report.malformed.mustReport} / ${report.malformed.reported}`, 'reported ≥ must'],
    ['permission probes / violations', `${report.permissions.probes} / ${report.permissions.violations.length}`, '0 violations'],
    ['unhandled rejections, uncaught, swallowed errors', String(report.crashes.length), '0'],
    ['token leaks in captured output', `${report.tokenLeaks.length} (${report.tokensChecked} tokens, ${report.linesScanned} lines)`, '0'],
    ['compared: messages / members / channels / roles', `${report.compared.messages} / ${report.compared.members} / ${report.compared.channels} / ${report.compared.roles}`, ''],
    ['compared: voice channels / presences / unread flags', `${report.compared.voiceChannels} / ${report.compared.presences} / ${report.compared.unreadFlags}`, ''],
    ['simulated traffic actions', String(report.trafficActions), ''],
    ['duration', `${(report.durationMs / 1000).toFixed(1)} s`, ''],
  ];
}

export function formatSoakTable(report: SoakReport): string {
  const rows = soakRows(report);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = rows.map(([what, value, must]) => `${what.padEnd(w0)}  ${value.padEnd(w1)}  ${must}`);
  lines.push('', `fault kind          count  resumed  re-identified  none  expected`);
  for (const kind of FAULT_KINDS) {
    const counts = report.recoveryByKind[kind] ?? { resumed: 0, reidentified: 0, none: 0 };
    lines.push(
      `${kind.padEnd(19)} ${String(report.faultsByKind[kind] ?? 0).padStart(5)}  ${String(counts.resumed).padStart(7)}  ${String(counts.reidentified).padStart(13)}  ${String(counts.none).padStart(4)}  ${EXPECTED_RECOVERY[kind]}`,
    );
  }
  lines.push('', soakPassed(report) ? 'RESULT: PASS' : 'RESULT: FAIL');
  return lines.join('\n');
}

export function soakMarkdown(report: SoakReport, command = 'npm run soak'): string {
  const out: string[] = [];
  out.push('# Soak report', '');
  const verdict = soakPassed(report) ? '**PASS**: every "must be" holds.' : '**FAIL**: at least one "must be" does not hold (details below).';
  out.push(`Written by \`${command}\` (seed \`${report.seed}\`). ${verdict}`, '');
  out.push('| what | value | must be |', '|---|---|---|');
  for (const [what, value, must] of soakRows(report)) out.push(`| ${what.trim()} | ${value} | ${must} |`);
  out.push('', '## Faults and how each loss was recovered', '');
  out.push('| fault | count | resumed with replay | re-identified and rebuilt | no loss | expected |', '|---|---|---|---|---|---|');
  for (const kind of FAULT_KINDS) {
    const counts = report.recoveryByKind[kind] ?? { resumed: 0, reidentified: 0, none: 0 };
    out.push(`| ${kind} | ${report.faultsByKind[kind] ?? 0} | ${counts.resumed} | ${counts.reidentified} | ${counts.none} | ${EXPECTED_RECOVERY[kind]} |`);
  }
  out.push(...heapSections(report));
  const sections: [string, string[]][] = [
    ['Divergences', report.divergences.map((d) => `${d.connection} ${d.scope} ${d.id}: ${d.detail}`)],
    ['Seq and replay problems', report.seq.problems],
    ['Unexpected recoveries', report.unexpectedRecoveries],
    ['Permission violations', report.permissions.violations],
    ['Crashes and swallowed errors', report.crashes],
    ['Hostile-peer problems', report.hostile.problems],
    ['Store-action send problems', report.actions.problems],
    ['Store REST loads that failed (examples)', report.storeRestFailures.examples],
    ['Token leaks', report.tokenLeaks],
  ];
  for (const [title, items] of sections) {
    if (items.length === 0) continue;
    out.push('', `## ${title} (${items.length})`, '');
    for (const item of items.slice(0, 200)) out.push(`- ${item.replace(/\n/g, ' ')}`);
    if (items.length > 200) out.push(`- … and ${items.length - 200} more`);
  }
  out.push('');
  return out.join('\n');
}
