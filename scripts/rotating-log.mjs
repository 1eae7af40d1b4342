// Writes what a process prints to its log file, rotated by size so a system that runs for months keeps a bounded
// amount: `<name>.log`, then `<name>.log.1` … `.5`, 10 MB each (LOG_ROTATE_SIZE, LOG_ROTATE_FILES override).
// Usage: some-process | node scripts/rotating-log.mjs .data/logs/worker.log
import path from 'node:path';
import { createStream } from 'rotating-file-stream';

const file = process.argv[2];
if (!file) throw new Error('usage: rotating-log.mjs <log file>');
// Classical logrotate mode names files by index only: null is the live file.
const numbered = (index) => (index ? `${path.basename(file)}.${index}` : path.basename(file));
const stream = createStream(numbered, {
  path: path.dirname(file),
  size: process.env.LOG_ROTATE_SIZE ?? '10M',
  rotate: Number(process.env.LOG_ROTATE_FILES ?? 5),
});
process.stdin.pipe(stream);
// The process it logs for is stopped by its process group (Ctrl-C reaches this writer too): it ends when the pipe
// closes, after the last lines are written.
process.on('SIGTERM', () => {});
process.on('SIGINT', () => {});
