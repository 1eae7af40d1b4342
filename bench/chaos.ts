/**
 * `npm run chaos -- [--characters 3] [--kills 6] [--fault-rate 0.3] [--seed N] [--targets worker,payload,temporal]`:
 * core sets under kill -9 and transient faults, then a count of what was lost, duplicated or orphaned
 * (test-system/chaos/). Exits 1 when any of those is non-zero or a run did not end.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startChaosSystem } from '../test-system/chaos/chaos-system';
import { parseChaosArgs } from '../test-system/chaos/options';
import { defects, formatCountsTable } from '../test-system/chaos/report-table';
import { runChaos } from '../test-system/chaos/run-chaos';
import { removeRunData } from '../test-system/run-data';
import { bundleWorkflows } from '../workers/bundle';

const options = parseChaosArgs(process.argv.slice(2));
console.log(`chaos seed ${options.seed} (repeat with --seed ${options.seed}); options ${JSON.stringify(options)}`);

const dir = await mkdtemp(path.join(tmpdir(), 'cal-chaos-'));
const workflowBundlePath = path.join(dir, 'bundle.js');
await writeFile(workflowBundlePath, (await bundleWorkflows()).code);
const chaos = await startChaosSystem({
  cliPath: process.env.TEMPORAL_CLI_PATH,
  workflowBundlePath,
  tmpDir: dir,
  seed: options.seed,
  geminiLatencyMs: options.geminiLatencyMs,
});
let failed = true;
try {
  const result = await runChaos(chaos, options, (line) => console.log(`[chaos ${new Date().toISOString()}] ${line}`));
  const kills = result.killsDone.map((kill) => `${kill.target}@${(kill.atMs / 1000).toFixed(1)}s`).join(', ') || 'none';
  console.log(`\nseed ${options.seed}, ${options.characters} characters, fault rate ${options.faultRate}, ${result.seconds.toFixed(0)} s`);
  console.log(
    `kills done: ${kills}; unplanned restarts: ${JSON.stringify(result.unplannedRestarts)}; reviews: ${JSON.stringify(result.reviews)}\n`,
  );
  console.log(formatCountsTable(result.counts));
  if (result.counts.findings.length) console.log(`\n${result.counts.findings.join('\n')}`);
  failed = defects(result.counts) > 0 || result.counts.notEnded > 0;
  await chaos.saveLogs();
} finally {
  await chaos.stop();
  await removeRunData(dir, { failed });
}
process.exit(failed ? 1 : 0);
