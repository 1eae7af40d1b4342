/**
 * A gate run in a Node process of its own (see run-in-child-process.ts): the run's options come as JSON in the first
 * argument, the outcomes go back over the IPC channel.
 */
import { runGate, type GateRunOptions } from './run';

// The parent went away (its test timed out, or it was stopped): nobody is waiting for the outcomes.
const parentGone = () => process.exit(1);
process.on('disconnect', parentGone);

const options = JSON.parse(process.argv[2] ?? '{}') as Omit<GateRunOptions, 'onOutcome' | 'methods'>;
const outcomes = await runGate(options);
process.off('disconnect', parentGone);
process.send!(outcomes, () => process.disconnect());
