import { CrashGuard } from './capture.js';
import { generateFaultSchedule } from './fault-schedule.js';
import { ActionTraffic } from './soak-actions.js';
import { SeqAuditor } from './seq-audit.js';
import { ConvergenceCheckpoints } from './soak-checkpoints.js';
import { FaultInjector } from './soak-faults.js';
import { HostilePeers } from './soak-hostile.js';
import { exposeGc, resourceCounts, sleep, type ResourceCounts } from './soak-process.js';
import { RecoveryWatch } from './soak-recoveries.js';
import { assembleSoakReport, scanSoakOutput } from './soak-report.js';
import { SoakOutputCapture } from './soak-output.js';
import { ServerHeapWatch } from './soak-server-heap.js';
import { SoakSetup, soakSettings, type SoakSettings } from './soak-setup.js';
import type { SoakOptions, SoakReport } from './soak-types.js';
import { WireTap } from './wire-tap.js';

export type { SoakOptions, SoakReport } from './soak-types.js';

/**
 * The chaos soak: servers with persistence, K stores (some on two servers), simulated traffic,
 * and a seeded schedule of faults; at checkpoints every store is compared with the server's
 * truth. See SoakReport for what is measured.
 */
export async function runSoak(options: SoakOptions = {}): Promise<SoakReport> {
  const run = new SoakRun(options);
  return run.execute();
}

/**
 * One soak from start to report: the setup (soak-setup.ts) builds the world, the fault injector
 * (soak-faults.ts) follows the schedule, the recovery watch (soak-recoveries.ts) and the
 * checkpoints (soak-checkpoints.ts) observe, and soak-report.ts assembles what they measured.
 */
class SoakRun {
  private readonly settings: SoakSettings;
  private readonly log: (line: string) => void;
  private readonly capture = new SoakOutputCapture();
  private readonly guard = new CrashGuard();
  private readonly audit = new SeqAuditor();
  private readonly tap = new WireTap({
    frame: (label, _socket, frame) => {
      this.audit.observe(label, frame);
      this.hostile.observe(frame);
    },
    closed: (label, _socket, code) => this.faults.socketClosed(label, code),
  });
  private readonly gc: (() => void) | null = exposeGc();
  private readonly setup: SoakSetup;
  private readonly recoveries: RecoveryWatch;
  private readonly faults: FaultInjector;
  private readonly checkpoints: ConvergenceCheckpoints;
  private readonly serverHeap: ServerHeapWatch;
  private readonly hostile: HostilePeers;
  private readonly actions: ActionTraffic;

  constructor(options: SoakOptions) {
    const settings = soakSettings(options);
    this.settings = settings;
    const sink = options.log;
    const log = (line: string) => {
      this.capture.record('soak', line);
      sink?.(line);
    };
    this.log = log;
    this.setup = new SoakSetup(
      { settings, capture: this.capture, guard: this.guard, tap: this.tap, watch: (w) => this.recoveries.watch(w) },
      options.dataDir,
    );
    this.recoveries = new RecoveryWatch({ capture: this.capture, heapSampleEvery: settings.heapSampleEvery, gc: this.gc, watched: this.setup.watched });
    this.faults = new FaultInjector({
      setup: this.setup,
      tap: this.tap,
      heartbeatIntervalMs: settings.heartbeatIntervalMs,
      replayBufferLimit: settings.replayBufferLimit,
      tally: (kind, how) => this.recoveries.tally(kind, how),
      log,
    });
    this.serverHeap = new ServerHeapWatch(() => this.setup.host, settings.serverHeapBoundMb, (message) => this.guard.errors.push(message));
    this.hostile = new HostilePeers({ server: () => this.setup.servers[0], heap: this.serverHeap, secrets: this.setup.secrets, log });
    this.actions = new ActionTraffic({
      setup: this.setup,
      seed: settings.seed,
      rate: settings.actionRate,
      restFaultShare: settings.actionRestFaultShare,
      drainTimeoutMs: settings.settleTimeoutMs,
      log,
    });
    this.checkpoints = new ConvergenceCheckpoints({
      setup: this.setup,
      actions: this.actions,
      messageLimit: settings.messageLimit,
      settleTimeoutMs: settings.settleTimeoutMs,
      log,
    });
  }

  async execute(): Promise<SoakReport> {
    const started = Date.now();
    const before = resourceCounts();
    this.guard.install();
    const restoreConsole = this.capture.patchConsole(false);
    let after = before;
    try {
      await this.setup.setUp();
      if (this.settings.hostileEvery > 0) await this.hostile.setUp();
      await this.serverHeap.sample('after setup');
      // Every token is known now: scan output as it comes instead of keeping it all.
      this.capture.arm(() => this.setup.allSecrets());
      await this.setup.startTraffic();
      this.actions.start();
      await this.followSchedule();
    } catch (error) {
      this.guard.errors.push(`soak aborted: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      await this.actions.stop();
      await this.setup.tearDown();
      // Idle keep-alive HTTP sockets (fetch) hold a timer for a few seconds after their last use:
      // give them that long to go before counting what was left behind.
      const settleBy = Date.now() + 6000;
      do {
        await sleep(50);
        this.gc?.();
        after = resourceCounts();
      } while (after.timers > before.timers && Date.now() < settleBy);
      restoreConsole();
      this.guard.dispose();
      this.setup.removeDataDir();
    }
    return this.report(Date.now() - started, before, after);
  }

  private async followSchedule(): Promise<void> {
    const { settings, setup } = this;
    const schedule = generateFaultSchedule({
      seed: settings.seed,
      count: settings.faultCount,
      targets: setup.watched.length,
      servers: setup.servers.length,
      checkpointEvery: settings.checkpointEvery,
      heartbeatIntervalMs: settings.heartbeatIntervalMs,
    });
    this.log(`soak ${settings.seed}: ${schedule.length} faults over ${setup.watched.length} connections on ${setup.servers.length} server(s)`);
    const every = settings.hostileEvery;
    const last = schedule[schedule.length - 1]?.index;
    for (const step of schedule) {
      await sleep(step.delayMs);
      await this.faults.inject(step);
      // Hostile rounds half-way between multiples of `every`, so the 200-fault soak gets one of each.
      // The actions pause meanwhile: their REST faults must not hit the hostile peer's requests.
      if (every > 0 && (step.index + 1) % every === Math.floor(every / 2)) {
        await this.actions.drain();
        await this.hostile.round();
        this.actions.start();
      }
      if (step.checkpoint) {
        // The checkpoint drains the actions and checks their sends; they go on after it.
        await this.checkpoints.run(`${this.faults.injected} faults, ${this.recoveries.reconnects} reconnects`);
        await this.serverHeap.sample(`checkpoint ${this.checkpoints.count}`);
        if (step.index !== last) this.actions.start();
      }
    }
  }

  private report(durationMs: number, before: ResourceCounts, after: ResourceCounts): SoakReport {
    const { settings, setup } = this;
    return assembleSoakReport({
      run: {
        seed: settings.seed,
        durationMs,
        stores: settings.storeCount,
        connections: setup.watched.length,
        servers: setup.servers.length,
        trafficActions: setup.trafficActions(),
        serverProcess: settings.serverProcess,
        leftBehind: { timersBefore: before.timers, timersAfter: after.timers, handlesBefore: before.handles, handlesAfter: after.handles },
      },
      faults: this.faults.summary(),
      recoveries: this.recoveries.summary(),
      checkpoints: this.checkpoints.summary(),
      serverHeap: this.serverHeap.summary(),
      hostile: this.hostile.summary(),
      actions: this.actions.summary(),
      seq: this.audit.total(),
      output: scanSoakOutput(this.capture, this.guard, setup.allSecrets()),
    });
  }
}
