import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface ActivityTiming {
  type: string;
  /** Scheduled → started of the attempt that finished (Temporal records only the last attempt's start). */
  scheduleToStartMs: number;
  /** Started → completed/failed of that attempt. */
  startToCloseMs: number;
  attempt: number;
  startedAt: number;
  closedAt: number;
}

export interface RunTimings {
  workflowId: string;
  /** Workflow started → closed, as Temporal recorded it. */
  wallMs: number;
  /** When the run started and closed (ms since the epoch, Temporal's clock). */
  startedAt: number;
  closedAt: number;
  activities: ActivityTiming[];
}

function ms(time: HistoryEvent['eventTime']): number {
  return Number(time?.seconds ?? 0) * 1000 + (time?.nanos ?? 0) / 1e6;
}

/** A run's activity timings from its history, its child workflows' included (their activities are listed too). */
export async function runTimings(client: Client, workflowId: string, runId?: string): Promise<RunTimings> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  const scheduled = new Map<number, { type: string; at: number }>();
  const started = new Map<number, { at: number; attempt: number }>();
  const activities: ActivityTiming[] = [];
  const children: Array<{ workflowId: string; runId: string }> = [];
  for (const event of events) {
    const id = Number(event.eventId);
    const at = ms(event.eventTime);
    const scheduledAttributes = event.activityTaskScheduledEventAttributes;
    if (scheduledAttributes) scheduled.set(id, { type: scheduledAttributes.activityType?.name ?? '?', at });
    const startedAttributes = event.activityTaskStartedEventAttributes;
    if (startedAttributes) started.set(Number(startedAttributes.scheduledEventId), { at, attempt: startedAttributes.attempt ?? 1 });
    const closed =
      event.activityTaskCompletedEventAttributes ?? event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes;
    if (closed) {
      const schedule = scheduled.get(Number(closed.scheduledEventId));
      const start = started.get(Number(closed.scheduledEventId));
      if (schedule && start) {
        activities.push({
          type: schedule.type,
          scheduleToStartMs: start.at - schedule.at,
          startToCloseMs: at - start.at,
          attempt: start.attempt,
          startedAt: start.at,
          closedAt: at,
        });
      }
    }
    const local = localActivityOf(event);
    if (local) activities.push(local);
    const child = event.childWorkflowExecutionStartedEventAttributes?.workflowExecution;
    if (child?.workflowId && child.runId) children.push({ workflowId: child.workflowId, runId: child.runId });
  }
  for (const child of children) activities.push(...(await runTimings(client, child.workflowId, child.runId)).activities);
  const first = events[0];
  const last = events.at(-1);
  return {
    workflowId,
    wallMs: ms(last?.eventTime) - ms(first?.eventTime),
    startedAt: ms(first?.eventTime),
    closedAt: ms(last?.eventTime),
    activities,
  };
}

/**
 * The part of a run's wall time in which none of its activities was scheduled or running: the workflow tasks and the
 * round trips between a completion and the next step's schedule. Undefined when the run has local activities, whose
 * times are not recorded.
 */
export function noActivityInFlightMs(run: RunTimings): number | undefined {
  if (run.activities.some((activity) => Number.isNaN(activity.closedAt))) return undefined;
  const spans = run.activities
    .map((activity) => [activity.startedAt - activity.scheduleToStartMs, activity.closedAt] as const)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reach = run.startedAt;
  for (const [from, to] of spans) {
    const start = Math.max(from, reach);
    if (to > start) covered += to - start;
    reach = Math.max(reach, to);
  }
  return run.wallMs - covered;
}

/**
 * A local activity leaves one marker when it completes, naming its type. It is counted, not timed: the marker's two
 * times come from different clocks (its schedule from the workflow task's, its completion from the worker's), and
 * their difference was 1 ms for a Payload write and negative on the time-skipping server. Its type is listed with
 * " (local)" after it, its times as "—".
 */
function localActivityOf(event: HistoryEvent): ActivityTiming | undefined {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== 'core_local_activity') return undefined;
  const data = marker.details?.data?.payloads?.[0]?.data;
  if (!data) return undefined;
  const parsed = JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string; attempt?: number };
  return {
    type: `${parsed.activity_type ?? '?'} (local)`,
    scheduleToStartMs: NaN,
    startToCloseMs: NaN,
    attempt: parsed.attempt ?? 1,
    startedAt: NaN,
    closedAt: NaN,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One line per activity type: count, p50/p95 schedule-to-start and start-to-close, in ms. */
export function activityTable(runs: RunTimings[]): string {
  const byType = new Map<string, ActivityTiming[]>();
  for (const activity of runs.flatMap((run) => run.activities)) {
    byType.set(activity.type, [...(byType.get(activity.type) ?? []), activity]);
  }
  const pad = (text: string | number, width: number) => String(text).padStart(width);
  const header = `${'activity'.padEnd(26)}${pad('n', 5)}${pad('s2s p50', 10)}${pad('s2s p95', 10)}${pad('s2c p50', 10)}${pad('s2c p95', 10)}`;
  const rows = [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, timings]) => {
      const s2s = timings.map((t) => t.scheduleToStartMs);
      const s2c = timings.map((t) => t.startToCloseMs);
      return `${type.padEnd(26)}${pad(timings.length, 5)}${[
        percentile(s2s, 50),
        percentile(s2s, 95),
        percentile(s2c, 50),
        percentile(s2c, 95),
      ]
        .map((value) => pad(Number.isNaN(value) ? '—' : Math.round(value), 10))
        .join('')}`;
    });
  return [header, ...rows].join('\n');
}
