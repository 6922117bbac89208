import { OutputCapture, findSecretsIn } from './capture.js';

/** A line the soak's report shows: a swallowed error, or a store REST load that failed. */
const REPORTED_LINE = /\bthrew\b|\bTypeError\b|\bRangeError\b|\bReferenceError\b|Maximum call stack|^\[store\d+\] warn accordkit store: .* failed/;

/**
 * The soak's output capture. Until `arm` it keeps every line, like OutputCapture; from then on it
 * scans each line as it is recorded (for the tokens known by then, and for what the report shows)
 * and keeps only the lines the final scan would report. A long soak records tens of thousands of
 * lines: kept, they would grow the very heap the soak samples to show the stores do not leak.
 */
export class SoakOutputCapture extends OutputCapture {
  private secrets: (() => readonly string[]) | null = null;
  private dropped = 0;

  /** From now on, `secrets()` holds every token the run may print (call after setup). */
  arm(secrets: () => readonly string[]): void {
    this.secrets = secrets;
  }

  override record(source: string, text: string): void {
    const secrets = this.secrets;
    if (secrets === null) {
      super.record(source, text);
      return;
    }
    const line = `[${source}] ${text}`;
    if (REPORTED_LINE.test(line) || findSecretsIn([line], secrets()).length > 0) super.record(source, text);
    else this.dropped++;
  }

  /** Every line recorded, kept or scanned and let go. */
  override get linesRecorded(): number {
    return this.lines.length + this.dropped;
  }
}
