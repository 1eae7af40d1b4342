import type { Field } from 'payload';
import { pipelineFields } from '../../payload-app/collections/Characters/pipeline-fields';
import { hasOwnLabel, labelledOptions, statusLabel, statusTone } from '../../payload-app/components/StatusBadge/status';

/** Every value a person can meet in the admin: stored selects, live progress states, Temporal's run states. */
const SHOWN_STATUSES = [
  // character-images review.status and media/character-images dinoProcessingStatus
  'not_required',
  'awaiting_review',
  'approved',
  'retry_requested',
  'rejected',
  'timed_out',
  'pending',
  'processing',
  'validation_failed',
  'validation_success',
  // ImageState and the core-set, persona-sync and master-reference progress (contracts/workflow-types.ts)
  'queued',
  'generating',
  'analysing',
  'retrying',
  'passed',
  'blocked',
  'failed',
  'starting',
  'running',
  'complete',
  'incomplete',
  'debouncing',
  'syncing',
  'synced',
  'unchanged',
  'ready',
  'superseded',
  // Temporal's execution status
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TERMINATED',
  'CONTINUED_AS_NEW',
  'TIMED_OUT',
];

function storedStatusOptions(fields: Field[]): string[] {
  return fields.flatMap((field) => {
    if (field.type === 'group') return storedStatusOptions(field.fields);
    if (field.type !== 'select') return [];
    return field.options.map((option) => (typeof option === 'string' ? option : option.value));
  });
}

describe('status labels', () => {
  it('give every status a person can meet a label of its own, never snake_case', () => {
    const values = [...new Set([...SHOWN_STATUSES, ...storedStatusOptions(pipelineFields)])];
    expect(values.filter((value) => !hasOwnLabel(value))).toEqual([]);
    for (const value of values) expect(statusLabel(value)).not.toMatch(/_/);
  });

  it('read as the issue asks', () => {
    expect(statusLabel('not_started')).toBe('Not started');
    expect(statusLabel('awaiting_review')).toBe('Awaiting review');
    expect(statusLabel('validation_failed')).toBe('Failed validation');
  });

  it('still read as words for a value nobody listed', () => {
    expect(statusLabel('some_new_state')).toBe('Some new state');
    expect(statusTone('some_new_state')).toBe('neutral');
  });

  it('label the select options of the stored pipeline state with the same words', () => {
    expect(labelledOptions(['not_started', 'ready'])).toEqual([
      { label: 'Not started', value: 'not_started' },
      { label: 'Ready', value: 'ready' },
    ]);
    const options = pipelineFields
      .flatMap((field) => (field.type === 'group' ? field.fields : []))
      .flatMap((field) => (field.type === 'select' ? field.options : []));
    expect(options.every((option) => typeof option === 'object' && option.label === statusLabel(option.value))).toBe(true);
  });
});
