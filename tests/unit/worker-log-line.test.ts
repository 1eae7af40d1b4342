import { loadWorkerConfig } from '../../workers/config';
import { jsonLogLine } from '../../workers/telemetry';

const REQUIRED = { NODE_ENV: 'test' as const, WORKER_API_KEY: 'k'.repeat(24), GEMINI_API_KEY: 'x' };

describe('the worker’s JSON log lines', () => {
  const timestampNanos = BigInt(Date.UTC(2026, 10, 26, 18, 0, 0)) * 1_000_000n;

  it('carries an activity’s run ids and type, with its run id also as runId, and no task token', () => {
    const line = JSON.parse(
      jsonLogLine({
        level: 'WARN',
        message: 'Activity failed',
        timestampNanos,
        meta: {
          workflowId: 'core-set:jax-rivera',
          workflowRunId: 'run-1',
          workflowType: 'coreSetWorkflow',
          activityType: 'generateCandidate',
          activityId: '7',
          attempt: 2,
          taskToken: 'secret-ish',
          error: new Error('model answered 500'),
        },
      }),
    );
    expect(line).toMatchObject({
      time: '2026-11-26T18:00:00.000Z',
      level: 'warn',
      msg: 'Activity failed',
      service: 'worker',
      workflowId: 'core-set:jax-rivera',
      runId: 'run-1',
      workflowRunId: 'run-1',
      activityType: 'generateCandidate',
      attempt: 2,
      error: { name: 'Error', message: 'model answered 500' },
    });
    expect(line).not.toHaveProperty('taskToken');
  });

  it('keeps a workflow’s own runId and writes bigints as text', () => {
    const line = JSON.parse(jsonLogLine({ level: 'INFO', message: 'x', timestampNanos, meta: { runId: 'r', workflowId: 'w', big: 12n } }));
    expect(line).toMatchObject({ runId: 'r', workflowId: 'w', big: '12' });
  });

  it('takes LOG_LEVEL in any case and a metrics address as host:port', () => {
    const config = loadWorkerConfig({ ...REQUIRED, LOG_LEVEL: 'debug', WORKER_METRICS_ADDRESS: '127.0.0.1:9464' });
    expect(config.LOG_LEVEL).toBe('DEBUG');
    expect(config.LOG_FORMAT).toBe('json');
    expect(config.WORKER_METRICS_ADDRESS).toBe('127.0.0.1:9464');
    expect(() => loadWorkerConfig({ ...REQUIRED, WORKER_METRICS_ADDRESS: 'http://127.0.0.1:9464/metrics' })).toThrow(
      /WORKER_METRICS_ADDRESS/,
    );
  });
});
