import { Context } from '@temporalio/activity';

/**
 * Whether this is the first execution of the activity Temporal scheduled, so nothing it writes can exist yet from an
 * earlier try. Used to skip the "did an earlier try already do this?" read on the first try, which is nearly every
 * call; a unique key still guards the write, so a first try that meets an earlier document (a local activity run
 * again after a worker crash, a reset run reusing a key) takes the conflict path instead. Outside an activity (unit
 * tests call activities directly) it answers no, which keeps the read.
 */
export function isFirstActivityAttempt(): boolean {
  let attempt: number;
  try {
    attempt = Context.current().info.attempt;
  } catch {
    return false;
  }
  return attempt === 1;
}
