import { describeLivePollers, queuesToWatch, WORKER_FRESHNESS_MS } from '../../payload-app/temporal/worker-pollers';

const NOW = Date.UTC(2026, 10, 26, 19, 0, 0);
const fresh = NOW / 1000 - 5;
const stale = (NOW - WORKER_FRESHNESS_MS - 1_000) / 1000;

describe('the health check of the queues a worker process polls', () => {
  const queues = queuesToWatch('assets');

  it('watches the main queue for workflows and the image-work and model queues for activities', () => {
    expect(queues.map(({ name, kind }) => [name, kind])).toEqual([
      ['assets', 'workflow'],
      ['assets-image-work', 'activity'],
      ['assets-model', 'activity'],
    ]);
  });

  it('is up when every queue has a live poller, and counts them', () => {
    const polled = queues.map((queue, index) => ({ ...queue, lastPollSeconds: index === 2 ? [fresh, fresh, stale] : [fresh] }));
    expect(describeLivePollers(polled, NOW)).toBe('1 worker(s) on assets, 1 worker(s) on assets-image-work, 2 worker(s) on assets-model');
  });

  it('is down naming each queue nobody polls, though the main queue has a worker', () => {
    const polled = queues.map((queue) => ({
      ...queue,
      lastPollSeconds: queue.kind === 'workflow' ? [fresh] : queue.role === 'image work' ? [stale] : [],
    }));
    expect(() => describeLivePollers(polled, NOW)).toThrow(
      'no worker is polling task queue assets-image-work (image work), task queue assets-model (model calls)',
    );
  });
});
