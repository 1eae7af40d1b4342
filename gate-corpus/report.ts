import type { GateOutcome } from './gate';

/** Per transformation and per drawing method: caught / missed (must-flag), passed / falsely flagged (good). */
export interface ConfusionRow {
  key: string;
  group: 'good' | 'must-flag';
  total: number;
  /** Good: passed. Must-flag: flagged, with the expected check among the reasons. */
  right: number;
  /** Must-flag only: flagged, but not by the expected check. */
  wrongReason: number;
  /** Good: falsely flagged. Must-flag: passed. */
  wrong: number;
  examples: string[];
}

export interface ConfusionTable {
  byTransform: ConfusionRow[];
  byMethod: ConfusionRow[];
  goodPassRate: number;
  mustFlagCaught: number;
  mustFlagTotal: number;
  mustFlagRightReason: number;
}

export function confusionTable(outcomes: GateOutcome[]): ConfusionTable {
  const rows = (keyOf: (outcome: GateOutcome) => string) => {
    const table = new Map<string, ConfusionRow>();
    for (const outcome of outcomes) {
      const { gateCase } = outcome;
      const key = `${gateCase.group}:${keyOf(outcome)}`;
      const row = table.get(key) ?? {
        key: keyOf(outcome),
        group: gateCase.group,
        total: 0,
        right: 0,
        wrongReason: 0,
        wrong: 0,
        examples: [],
      };
      row.total++;
      const verdict = classify(outcome);
      if (verdict === 'right') row.right++;
      else {
        if (verdict === 'wrong-reason') row.wrongReason++;
        else row.wrong++;
        if (row.examples.length < 3)
          row.examples.push(
            `${gateCase.id} → ${outcome.passed ? 'passed' : outcome.reasons.join(',')} (c ${outcome.consistencyScore}, q ${outcome.qualityScore})`,
          );
      }
      table.set(key, row);
    }
    return [...table.values()].sort((a, b) => a.group.localeCompare(b.group) || a.key.localeCompare(b.key));
  };
  const good = outcomes.filter((outcome) => outcome.gateCase.group === 'good');
  const mustFlag = outcomes.filter((outcome) => outcome.gateCase.group === 'must-flag');
  return {
    byTransform: rows((outcome) => outcome.gateCase.transform),
    byMethod: rows((outcome) => outcome.gateCase.method),
    goodPassRate: good.length ? good.filter((outcome) => outcome.passed).length / good.length : 1,
    mustFlagTotal: mustFlag.length,
    mustFlagCaught: mustFlag.filter((outcome) => !outcome.passed).length,
    mustFlagRightReason: mustFlag.filter((outcome) => classify(outcome) === 'right').length,
  };
}

export function classify(outcome: GateOutcome): 'right' | 'wrong-reason' | 'wrong' {
  if (outcome.gateCase.group === 'good') return outcome.passed ? 'right' : 'wrong';
  if (outcome.passed) return 'wrong';
  return outcome.reasons.includes(outcome.gateCase.expectedCheck ?? '') ? 'right' : 'wrong-reason';
}

export function formatTable(table: ConfusionTable): string {
  const lines: string[] = [];
  const section = (title: string, rows: ConfusionRow[]) => {
    lines.push(title);
    lines.push(
      `${'group'.padEnd(10)}${'key'.padEnd(34)}${'total'.padStart(6)}${'right'.padStart(7)}${'other-reason'.padStart(14)}${'wrong'.padStart(7)}`,
    );
    for (const row of rows) {
      lines.push(
        `${row.group.padEnd(10)}${row.key.padEnd(34)}${String(row.total).padStart(6)}${String(row.right).padStart(7)}${String(row.wrongReason).padStart(14)}${String(row.wrong).padStart(7)}`,
      );
      for (const example of row.examples) lines.push(`            ${example}`);
    }
    lines.push('');
  };
  section(
    'By transformation (good: right = passed, wrong = falsely flagged; must-flag: right = flagged by its named check)',
    table.byTransform,
  );
  section('By drawing method', table.byMethod);
  lines.push(`Good images passed: ${(table.goodPassRate * 100).toFixed(1)}%`);
  lines.push(
    `Must-flag images flagged: ${table.mustFlagCaught}/${table.mustFlagTotal}, with the right reason: ${table.mustFlagRightReason}/${table.mustFlagTotal}`,
  );
  return lines.join('\n');
}
