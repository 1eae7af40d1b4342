'use client';
import { ExternalLinkIcon } from '@payloadcms/ui';
import type React from 'react';
import type { StageState } from '../pipeline-data/types';
import { Badge } from '../StatusBadge/StatusBadge';
import { When } from '../When/When';

interface StageRowProps {
  label: string;
  stage: StageState | null | undefined;
  /** What the stage shows before any run recorded it (the field's default). */
  initialStatus: string;
  testId: string;
  /** When the stage has a more telling time of its own (a sync's), its last update is left out. */
  showUpdated?: boolean;
  children?: React.ReactNode;
}

/** One labelled line of the summary: status badge, the run in the Temporal Web UI, details and the error. */
export function StageRow({ label, stage, initialStatus, testId, showUpdated = true, children }: StageRowProps) {
  const status = stage?.status ?? initialStatus;
  return (
    <div className="cal-summary__row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <div className="cal-summary__line">
          <Badge status={status} />
          {stage?.workflowUrl ? (
            <a className="cal-summary__run" href={stage.workflowUrl} target="_blank" rel="noreferrer" title="Open in Temporal Web UI">
              Run
              <ExternalLinkIcon />
            </a>
          ) : null}
        </div>
        {children}
        {showUpdated && stage?.updatedAt ? (
          <div className="cal-muted">
            Updated <When date={stage.updatedAt} />
          </div>
        ) : null}
        {stage?.error ? <p className="cal-summary__error">{stage.error}</p> : null}
      </dd>
    </div>
  );
}
