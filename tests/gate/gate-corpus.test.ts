import { classify, confusionTable, formatTable } from '../../gate-corpus/report';
import { runGateInChildProcess } from '../../gate-corpus/run-in-child-process';
import type { GateOutcome } from '../../gate-corpus/gate';
import { DEFAULT_QA_SETTINGS } from '../../payload-app/globals/QaSettings/defaults';

/**
 * The QA gate end to end (analysis client → analysis stand-in → our cosine, pixel checks and judge with the default
 * QA settings) on pictures from two independent drawing methods and their metamorphic transformations. The full
 * table is `npm run gate-report`; this keeps its bounds. The run has its own process: see run-in-child-process.ts for
 * why not inside Jest.
 */
describe('the QA gate on the gate corpus', () => {
  let outcomes: GateOutcome[];

  beforeAll(async () => {
    outcomes = await runGateInChildProcess({ charactersPerMethod: 2, settings: DEFAULT_QA_SETTINGS, concurrency: 2 });
  }, 1_200_000);

  it('flags every must-flag picture, each with the check named for its defect', () => {
    const missed = outcomes.filter((outcome) => outcome.gateCase.group === 'must-flag' && classify(outcome) !== 'right');
    const describe = (outcome: GateOutcome) =>
      `${outcome.gateCase.id}: expected ${outcome.gateCase.expectedCheck}, got ${outcome.passed ? 'passed' : outcome.reasons.join(',')}`;
    expect(missed.map(describe)).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.gateCase.group === 'must-flag').length).toBeGreaterThan(100);
  });

  it('passes at least 95 % of the good pictures of every drawing method', () => {
    const table = confusionTable(outcomes);
    const rates = Object.fromEntries(table.byMethod.filter((row) => row.group === 'good').map((row) => [row.key, row.right / row.total]));
    expect(Object.keys(rates).sort()).toEqual(['painter', 'stand-in']);
    const failing = Object.entries(rates).filter(([, rate]) => rate < 0.95);
    expect(failing.length ? `${JSON.stringify(failing)}\n${formatTable(table)}` : 'all ≥ 95 %').toBe('all ≥ 95 %');
  });

  it('judges with the engine the features came from', () => {
    expect(new Set(outcomes.map((outcome) => outcome.engineId))).toEqual(new Set(['classical-v2']));
  });
});
