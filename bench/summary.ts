/**
 * The ratios every bench hands back for the one table `npm run bench` prints at the end
 * (bench/run.ts), each beside its goal from issue 15.
 */
export interface RatioRow {
  name: string;
  /** Wall time (or bytes) over the baseline's: the figure the goal is judged on. */
  ratio: number;
  /** The same in process CPU time, where measured: steadier on a machine shared with other work. */
  cpuRatio?: number;
  /** The ratio to stay at or under; null for a figure that is informational only. */
  goal: number | null;
  /** What the ratio divides by what. */
  against: string;
}

export interface WithSummary {
  summary: RatioRow[];
}

export function hasSummary(value: unknown): value is WithSummary {
  return typeof value === 'object' && value !== null && Array.isArray((value as { summary?: unknown }).summary);
}

/** Row order of the table (by name prefix): the order; anything else after, as it came. */
const ORDER = ['message.create', 'small-event mix', 'heap', 'READY', 'server fan-out', 'RESUME'];

function rank(row: RatioRow): number {
  const at = ORDER.findIndex((prefix) => row.name.startsWith(prefix));
  return at < 0 ? ORDER.length : at;
}

/** The table, one row per ratio, with whether it meets its goal. */
export function formatSummary(unordered: readonly RatioRow[]): string {
  const rows = unordered.map((row, at) => ({ row, at })).sort((a, b) => rank(a.row) - rank(b.row) || a.at - b.at).map(({ row }) => row);
  const header = ['workload', 'ratio', 'cpu ratio', 'goal', 'meets', 'against'];
  const figure = (value: number | undefined): string => (value === undefined ? '-' : Number.isFinite(value) ? value.toFixed(3) : 'n/a');
  const body = rows.map((row) => [
    row.name,
    figure(row.ratio),
    figure(row.cpuRatio),
    row.goal === null ? 'info' : `<= ${row.goal}`,
    row.goal === null ? '-' : row.ratio <= row.goal ? 'yes' : 'NO',
    row.against,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] as string).length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}
