import { AskTheCastClient } from './AskTheCast.client';

/** Shown on the admin dashboard: a question box over the PathRAG knowledge service. */
export function AskTheCast() {
  return <AskTheCastClient />;
}
