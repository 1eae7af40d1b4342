import type { LogLevel, Logger } from '@temporalio/common';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

export interface TelemetrySettings {
  logLevel: LogLevel;
  /** `json`: one JSON object a line (for log shippers); `text`: the SDK's own readable lines. */
  logFormat: 'json' | 'text';
  /** host:port for a Prometheus `/metrics` endpoint with the SDK's worker metrics; none when undefined. */
  metricsAddress?: string;
}

/** Attributes the SDK adds that say nothing to a reader and, for the task token, hand out a way to complete a task. */
const DROPPED = new Set(['taskToken', 'isLocal']);

function serializable(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/**
 * One log entry as a JSON line. The SDK's workflow and activity context loggers put the run's ids in `meta`:
 * workflows `workflowId`, `runId`, `workflowType`; activities `workflowId`, `workflowRunId`, `activityType`,
 * `activityId`, `attempt`. Activities' run id is also written as `runId`, so one field finds a run's every line.
 */
export function jsonLogLine(entry: LogEntry): string {
  const meta = Object.fromEntries(Object.entries(entry.meta ?? {}).filter(([key]) => !DROPPED.has(key)));
  if (meta.workflowRunId !== undefined && meta.runId === undefined) meta.runId = meta.workflowRunId;
  const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  return JSON.stringify({ time, level: entry.level.toLowerCase(), msg: entry.message, service: 'worker', ...meta }, serializable);
}

/**
 * Installs the process's Temporal runtime: its logger (the one behind the SDK's workflow and activity context
 * loggers, with the SDK core's own warnings forwarded to it) and, when asked, the Prometheus exporter. Must run
 * before the first connection is made; returns the logger for the process's own lines.
 */
export function installTelemetry(settings: TelemetrySettings): Logger {
  const logger =
    settings.logFormat === 'json'
      ? new DefaultLogger(settings.logLevel, (entry) => process.stdout.write(`${jsonLogLine(entry)}\n`))
      : new DefaultLogger(settings.logLevel);
  Runtime.install({
    logger,
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(settings.metricsAddress ? { metrics: { prometheus: { bindAddress: settings.metricsAddress } } } : {}),
    },
  });
  return logger;
}
