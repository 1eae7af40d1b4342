'use client';
import { ExternalLinkIcon } from '@payloadcms/ui';
import type { ItemProgress, Run } from '../pipeline-data/types';
import { runTypeLabel } from '../StatusBadge/status';
import { Badge } from '../StatusBadge/StatusBadge';
import { When } from '../When/When';
import { AngleTable } from './AngleTable';

function progressItems(run: Run): ItemProgress[] | null {
  if (run.progress?.angles) return run.progress.angles;
  if (run.progress?.state) return [run.progress as ItemProgress];
  return null;
}

/** The character's recent runs, newest first, each linked to its page in the Temporal Web UI. */
export function RunList({ runs }: { runs: Run[] }) {
  if (runs.length === 0) return null;
  return (
    <div className="cal-runs">
      <h4>Runs</h4>
      {runs.map((run) => {
        const items = progressItems(run);
        return (
          <div key={run.runId} className="cal-run" data-testid="run" data-status={run.status}>
            <div className="cal-run__head">
              <strong>{runTypeLabel(run.type)}</strong>
              <Badge status={run.status} />
              {run.pipelineStatus && run.pipelineStatus !== run.status.toLowerCase() ? <Badge status={run.pipelineStatus} /> : null}
              <span className="cal-muted">
                started <When date={run.startTime} />
              </span>
              <a className="cal-run__link" href={run.url} target="_blank" rel="noreferrer">
                Open in Temporal Web UI
                <ExternalLinkIcon />
              </a>
            </div>
            {items ? <AngleTable items={items} /> : null}
          </div>
        );
      })}
    </div>
  );
}
