/**
 * The three service stand-ins of a test system in a process of their own (see stand-ins-process.ts): started from the
 * options in argv[2], their addresses sent back over IPC, closed on SIGTERM or when the test process goes away.
 */
import { startDinoStandIn } from '../local-services/dino/server';
import { startGeminiStandIn } from '../local-services/gemini/server';
import { startPathragStandIn } from '../local-services/pathrag/server';
import type { StandInsOptions, StandInsAddresses } from './stand-ins-process';

const options = JSON.parse(process.argv[2] ?? '{}') as StandInsOptions;
const dino = await startDinoStandIn({ port: 0, dataDir: options.dinoDataDir, seed: options.seed });
const gemini = await startGeminiStandIn({ port: 0, ...options.gemini });
const pathrag = await startPathragStandIn({ port: 0, dataDir: options.pathragDataDir });

let closing: Promise<void> | undefined;
const close = () => (closing ??= Promise.allSettled([gemini.close(), pathrag.close(), dino.close()]).then(() => process.exit(0)));
process.on('SIGTERM', close);
process.on('disconnect', close);

const addresses: StandInsAddresses = { dino: dino.url, gemini: gemini.url, pathrag: pathrag.url };
process.send!(addresses);
