import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '../../test-system/ports';
import { KEPT_OUTPUT, keptOutput, workerProcess } from '../../test-system/worker-process';

describe("a worker process's kept output", () => {
  it('is everything written while it fits', () => {
    const output = keptOutput({ head: 10, tail: 20 });
    for (const chunk of ['worker ', 'polling\n', 'run 1 done\n']) output.append(chunk);
    expect(output.text()).toBe('worker polling\nrun 1 done\n');
  });

  it('keeps the start and the latest part, and says how much lies between', () => {
    const output = keptOutput({ head: 10, tail: 20 });
    const written = Array.from({ length: 500 }, (_, i) => `line ${i}\n`).join('');
    for (let at = 0; at < written.length; at += 7) output.append(written.slice(at, at + 7));
    const text = output.text();
    expect(text.startsWith(written.slice(0, 10))).toBe(true);
    expect(text.endsWith(written.slice(-20))).toBe(true);
    expect(text).toContain(`[… ${written.length - 30} characters of output not kept …]`);
  });

  it("holds a real process's output within its budget however much it writes", async () => {
    // Eight megabytes, four times the tail: the start line and the last line survive in memory, the rest is counted
    // there and kept whole in the log file.
    const script = `console.log('worker polling'); const line = 'x'.repeat(1023); for (let i = 0; i < 8192; i++) console.log(line); console.log('last line');`;
    const logDir = mkdtempSync(path.join(tmpdir(), 'worker-output-'));
    const logFile = path.join(logDir, 'worker.log');
    const worker = workerProcess(() => spawn(process.execPath, ['-e', script], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] }), {
      logFile,
    });
    worker.start();
    try {
      await waitFor(
        'the process to write everything and exit',
        async () => worker.exitedUnexpectedly() && worker.output().includes('last line'),
        60_000,
        50,
      );
      const text = worker.output();
      expect(text.startsWith('worker polling\n')).toBe(true);
      expect(text.trimEnd().endsWith('last line')).toBe(true);
      expect(text.length).toBeLessThan(KEPT_OUTPUT.head + KEPT_OUTPUT.tail + 200);
      expect(text).toMatch(/\[… \d+ characters of output not kept …\]/);
      // The log file has all of it, the part left out of memory included.
      const whole = await waitFor(
        'the whole output in the log file',
        async () => {
          const logged = await readFile(logFile, 'utf8');
          return logged.endsWith('last line\n') && logged;
        },
        60_000,
        50,
      );
      expect(whole.length).toBe('worker polling\n'.length + 8192 * 1024 + 'last line\n'.length);
    } finally {
      await worker.stop();
      await rm(logDir, { recursive: true, force: true });
    }
  }, 90_000);
});
