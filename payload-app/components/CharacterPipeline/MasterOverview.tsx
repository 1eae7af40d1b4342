'use client';
import type { CharacterState, MasterImage } from '../pipeline-data/types';
import { formatScore } from '../StatusBadge/status';
import { Badge } from '../StatusBadge/StatusBadge';

/** The master image and the two states that decide what can be generated next. */
/** `master` is undefined until the pipeline has loaded: then the frame stays empty rather than say "No master". */
export function MasterOverview({ character, master }: { character: CharacterState; master: MasterImage | null | undefined }) {
  const ingest = character.masterIngest;
  const coreSet = character.coreSet;
  return (
    <div className="cal-overview">
      <div className="cal-overview__master">
        {master ? (
          <img src={master.thumbnailUrl} alt="Master reference" />
        ) : (
          <div className="cal-placeholder">{master === null ? 'No master yet' : ''}</div>
        )}
      </div>
      <dl className="cal-overview__facts">
        <dt>Master reference</dt>
        <dd>
          <Badge status={ingest?.status ?? 'not_started'} testId="master-status" />
          {ingest?.status === 'ready' ? (
            <span className="cal-muted">
              Quality {formatScore(ingest.qualityScore)} · engine {ingest.engineId}
            </span>
          ) : null}
          {ingest?.error ? <p className="cal-error">{ingest.error}</p> : null}
        </dd>
        <dt>360° core set</dt>
        <dd>
          <Badge status={coreSet?.status ?? 'not_started'} testId="core-set-status" />
          {coreSet?.error ? <pre className="cal-notes">{coreSet.error}</pre> : null}
        </dd>
      </dl>
    </div>
  );
}
