import { readFile } from 'node:fs/promises';

/** Resident set size of one process in MB, from /proc/<pid>/status (VmRSS); undefined once it is gone. */
export async function rssMb(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status?.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

/** Direct children of a process (all its threads' children). */
export async function childPids(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return children.split(/\s+/).filter(Boolean).map(Number);
}

export interface RssSample {
  atMs: number;
  /** The process that runs the worker's code (the tsx wrapper's child, or the compiled worker itself). */
  workerMb: number;
  /** Everything in the launched process tree (a tsx wrapper included). */
  treeMb: number;
}

/** Samples a launched process tree every `everyMs` until stopped. */
export function sampleRss(rootPid: number, everyMs = 200): { samples: RssSample[]; stop(): void } {
  const samples: RssSample[] = [];
  const started = performance.now();
  const tick = async () => {
    const pids = [rootPid, ...(await childPids(rootPid))];
    const sizes = (await Promise.all(pids.map(rssMb))).filter((mb): mb is number => mb !== undefined);
    if (sizes.length === 0) return;
    // A tsx wrapper is the small parent; the worker is its largest child.
    samples.push({
      atMs: performance.now() - started,
      workerMb: Math.max(...sizes.slice(pids.length > 1 ? 1 : 0)),
      treeMb: sizes.reduce((a, b) => a + b, 0),
    });
  };
  const timer = setInterval(() => void tick(), everyMs);
  return { samples, stop: () => clearInterval(timer) };
}
