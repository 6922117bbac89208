/**
 * The long chaos soak: `npm run soak [-- --faults N --seed S --stores K --hostile-every H --action-rate A --inline]`.
 * The servers run in a child process unless `--inline`. Prints a table and writes SOAK.md; exits 1
 * when any "must be" does not hold.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSoak } from '../src/testing/soak.js';
import { formatSoakTable, soakMarkdown, soakPassed } from '../src/testing/soak-report.js';

const { values } = parseArgs({
  options: {
    faults: { type: 'string', default: '1500' },
    seed: { type: 'string', default: 'soak' },
    stores: { type: 'string', default: '8' },
    'dual-stores': { type: 'string', default: '3' },
    rate: { type: 'string', default: '25' },
    checkpoint: { type: 'string', default: '50' },
    'hostile-every': { type: 'string', default: '100' },
    'action-rate': { type: 'string', default: '6' },
    inline: { type: 'boolean', default: false },
    out: { type: 'string', default: 'SOAK.md' },
    quiet: { type: 'boolean', default: false },
  },
});

const captured: string[] = [];
const report = await runSoak({
  seed: values.seed,
  faults: Number(values.faults),
  stores: Number(values.stores),
  dualServerStores: Number(values['dual-stores']),
  trafficRate: Number(values.rate),
  checkpointEvery: Number(values.checkpoint),
  hostileEvery: Number(values['hostile-every']),
  actionRate: Number(values['action-rate']),
  serverProcess: values.inline ? 'inline' : 'child',
  log: (line) => {
    captured.push(line);
    if (!values.quiet) console.log(line);
  },
});
const table = formatSoakTable(report);
console.log(`\n${table}`);
const command =
  `npm run soak -- --faults ${values.faults} --seed ${values.seed} --stores ${values.stores} --hostile-every ${values['hostile-every']}` +
  ` --action-rate ${values['action-rate']}` +
  (values.inline ? ' --inline' : '');
writeFileSync(values.out, soakMarkdown(report, command));
console.log(`\nwrote ${values.out}`);
process.exitCode = soakPassed(report) ? 0 : 1;
