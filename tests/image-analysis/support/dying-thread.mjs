// A stand-in measurement thread for the pool's test: "die" ends the thread as a crash would; anything else is answered
// with a report whose hash is the text sent, so the test can tell which answer is which.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (job) => {
  const text = Buffer.from(job.bytes).toString();
  if (text === 'die') process.exit(3);
  parentPort.postMessage({ id: job.id, report: { score: 0, passed: false, checks: [], metrics: {}, width: 0, height: 0, hash: text } });
});
