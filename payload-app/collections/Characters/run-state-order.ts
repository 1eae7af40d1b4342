/**
 * The order in which one run moves through its states on the character. A run never goes back: once its core set is
 * `complete`, a `running` from the same run can only be an older write that arrived late (an attempt that timed out
 * in the worker while Payload was still writing it, then retried), and it must not overwrite the newer state.
 * Persona syncs are not ordered: one run syncs again and again as the persona changes.
 */
const RUN_STATE_ORDER: Record<'masterIngest' | 'coreSet', string[][]> = {
  masterIngest: [['processing'], ['ready', 'failed']],
  coreSet: [['running'], ['awaiting_review'], ['complete', 'incomplete', 'failed', 'cancelled']],
};

export type OrderedGroup = keyof typeof RUN_STATE_ORDER;

export function isOrderedGroup(group: string): group is OrderedGroup {
  return group in RUN_STATE_ORDER;
}

/** The states the same run reaches only after `status`; empty when `status` is not one of the run's own states. */
export function statesAfter(group: OrderedGroup, status: string): string[] {
  const steps = RUN_STATE_ORDER[group];
  const index = steps.findIndex((step) => step.includes(status));
  return index < 0 ? [] : steps.slice(index + 1).flat();
}
