import type { SoakServerHost } from './soak-servers.js';
import type { ServerHeapReport, ServerHeapSample } from './soak-types.js';

/** Samples the servers' process memory (child mode only: inline servers share the stores' heap). */
export class ServerHeapWatch {
  private readonly samples: ServerHeapSample[] = [];

  constructor(
    private readonly host: () => SoakServerHost | null,
    private readonly boundMb: number,
    private readonly onError: (message: string) => void,
  ) {}

  /** Takes a sample labelled `at`; returns heap + external in MB (null when not measurable). */
  async sample(at: string): Promise<number | null> {
    const host = this.host();
    if (!host || host.mode !== 'child') return null;
    try {
      const memory = await host.memory();
      if (!memory) return null;
      this.samples.push({ at, heapUsedMb: memory.heapUsedMb, externalMb: memory.externalMb });
      return memory.heapUsedMb + memory.externalMb;
    } catch (error) {
      this.onError(`server heap sample (${at}) failed: ${String(error)}`);
      return null;
    }
  }

  summary(): ServerHeapReport | null {
    if (this.samples.length === 0) return null;
    const maxMb = Math.max(...this.samples.map((s) => Math.round((s.heapUsedMb + s.externalMb) * 10) / 10));
    return { boundMb: this.boundMb, samples: this.samples, maxMb };
  }
}
