'use client';
import type { CharacterState } from '../pipeline-data/types';
import { usePipeline } from '../pipeline-data/usePipeline';
import { formatScore } from '../StatusBadge/status';
import { When } from '../When/When';
import { StageRow } from './StageRow';

const usd = (value: number) => `$${value.toFixed(3)}`;

export function PipelineSummaryClient({ characterId, initial }: { characterId: string | number; initial: CharacterState }) {
  const { data } = usePipeline(characterId);
  const state = data?.character ?? initial;
  const { masterIngest, coreSet, personaSync, costs } = state;
  return (
    <section className="cal-summary" data-testid="pipeline-summary" aria-label="Pipeline state">
      <h3 className="cal-summary__title">Pipeline</h3>
      <dl>
        <StageRow label="Master reference" stage={masterIngest} initialStatus="not_started" testId="summary-master">
          {masterIngest?.status === 'ready' ? (
            <div className="cal-muted">
              Quality {formatScore(masterIngest.qualityScore)} · engine {masterIngest.engineId}
            </div>
          ) : null}
        </StageRow>
        <StageRow label="360° core set" stage={coreSet} initialStatus="not_started" testId="summary-core-set" />
        <StageRow
          label="Persona in knowledge base"
          stage={personaSync}
          initialStatus="not_synced"
          testId="summary-persona"
          showUpdated={!personaSync?.syncedAt}
        >
          {personaSync?.syncedAt ? (
            <div className="cal-muted">
              Synced <When date={personaSync.syncedAt} />
            </div>
          ) : null}
        </StageRow>
        <div className="cal-summary__row" data-testid="summary-cost">
          <dt>Generation cost</dt>
          <dd>
            {typeof costs?.totalUsd === 'number' ? (
              <>
                <div>{usd(costs.totalUsd)} spent</div>
                {typeof costs.perAcceptedImageUsd === 'number' ? (
                  <div className="cal-muted">
                    {usd(costs.perAcceptedImageUsd)} per accepted image ({costs.acceptedImages ?? 0} accepted)
                  </div>
                ) : null}
              </>
            ) : (
              <span className="cal-muted">Nothing generated yet</span>
            )}
          </dd>
        </div>
        {state.lastError ? (
          <div className="cal-summary__row" data-testid="summary-last-error">
            <dt>Last error</dt>
            <dd className="cal-summary__error">{state.lastError}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
