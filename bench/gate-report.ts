/**
 * `npm run gate-report`: the QA gate on the gate corpus (gate-corpus/): good pictures from independent drawing
 * methods and their metamorphic transformations, each judged end to end with the default QA settings. Prints the
 * confusion table per transformation and per drawing method.
 *
 *   GATE_CHARACTERS=4        characters per drawing method
 *   GATE_METHODS=stand-in,painter
 *   GATE_TRANSFORMS=blur-4,…  only these transformations
 *   DINO_BASE_URL=…          judge with another analysis engine (e.g. the real DINOv3 service)
 */
import { DRAWING_METHODS } from '../gate-corpus/drawing-methods';
import { confusionTable, formatTable } from '../gate-corpus/report';
import { runGate } from '../gate-corpus/run';
import { DEFAULT_QA_SETTINGS } from '../payload-app/globals/QaSettings/defaults';

const methodIds = process.env.GATE_METHODS?.split(',').map((id) => id.trim());
const started = performance.now();
const outcomes = await runGate({
  charactersPerMethod: Number(process.env.GATE_CHARACTERS ?? 4),
  methods: methodIds ? DRAWING_METHODS.filter((method) => methodIds.includes(method.id)) : undefined,
  transforms: process.env.GATE_TRANSFORMS?.split(',').map((id) => id.trim()),
  settings: DEFAULT_QA_SETTINGS,
  dinoBaseUrl: process.env.DINO_BASE_URL,
  dinoApiKey: process.env.DINO_API_KEY,
  onOutcome: (_outcome, done, total) => {
    if (done % 25 === 0 || done === total) process.stderr.write(`  ${done}/${total} judged\n`);
  },
});
console.log(formatTable(confusionTable(outcomes)));
console.log(
  `Engine: ${[...new Set(outcomes.map((outcome) => outcome.engineId))].join(', ')}; ${outcomes.length} pictures in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
if (process.env.GATE_DUMP) {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(
    process.env.GATE_DUMP,
    JSON.stringify(
      outcomes.map(({ gateCase, ...rest }) => ({ id: gateCase.id, group: gateCase.group, expected: gateCase.expectedCheck, ...rest })),
      null,
      1,
    ),
  );
}
