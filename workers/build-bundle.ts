import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflows } from './bundle';

/** `tsx workers/build-bundle.ts <out.js>`: prebuilds the workflow bundle for tests and production images. */
const out = process.argv[2] ?? 'dist/workflow-bundle.js';
const { code } = await bundleWorkflows();
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, code);
console.log(`workflow bundle written to ${out} (${(code.length / 1024).toFixed(0)} KiB)`);
