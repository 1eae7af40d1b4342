import { parentPort } from 'node:worker_threads';
import { measureQuality } from './quality';
import type { MeasurementJob, MeasurementAnswer } from './measurement-threads';

/**
 * One measurement thread (image-analysis/measurement-threads.ts starts them): measures the pictures it is sent and
 * answers with the report, or with the error's name and message, which the pool turns back into the same error.
 */
if (!parentPort) throw new Error('measurement-thread runs only as a worker thread');
const port = parentPort;
port.on('message', async (job: MeasurementJob) => {
  let answer: MeasurementAnswer;
  try {
    answer = {
      id: job.id,
      report: await measureQuality(asBuffer(job.bytes), {
        ...job.options,
        referenceImages: job.references.map(asBuffer),
      }),
    };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    answer = { id: job.id, error: { name, message } };
  }
  port.postMessage(answer);
});

/** The pictures arrive as copies; a view on the same memory, not one more copy. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
