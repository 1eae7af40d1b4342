import type { Config, Payload } from 'payload';
import type { AppConfig } from './config';

/**
 * Payload's own pino logger, writing one JSON object a line (`LOG_FORMAT=json`, the default) with an ISO time and
 * the level by name, the same shape as the worker's lines; `text` keeps Payload's readable output.
 */
export function appLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>): Config['logger'] {
  if (config.LOG_FORMAT === 'text') return undefined;
  return {
    options: {
      name: 'payload',
      level: config.LOG_LEVEL,
      base: { service: 'app' },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
  };
}

export interface RunReference {
  workflowId: string;
  runId?: string;
}

/** A line about a workflow run, carrying its ids so it joins the worker's lines and Temporal's history of that run. */
export function logRun(payload: Payload, msg: string, run: RunReference, fields: Record<string, unknown> = {}): void {
  payload.logger.info({ msg, workflowId: run.workflowId, ...(run.runId ? { runId: run.runId } : {}), ...fields });
}
