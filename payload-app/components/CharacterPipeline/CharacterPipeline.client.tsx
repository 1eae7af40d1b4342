'use client';
import { Button } from '@payloadcms/ui';
import { mayHaveSheet, sheetVersion } from '../pipeline-data/activity';
import type { CharacterState } from '../pipeline-data/types';
import { usePipeline } from '../pipeline-data/usePipeline';
import { MasterOverview } from './MasterOverview';
import { RunList } from './RunList';
import { ShotForm, type ShotRequest } from './ShotForm';
import { startRun } from './startRun';
import { TurnaroundSheet } from './TurnaroundSheet';

interface Props {
  characterId: string | number;
  canGenerate: boolean;
  /** As recorded when the page was rendered: shown until the first poll answers. */
  initial: CharacterState;
}

/** Live view of the character's workflows and the actions that start them; no reload needed. */
export function CharacterPipelineClient({ characterId, canGenerate, initial }: Props) {
  const { data, error, refresh } = usePipeline(characterId);
  const character = data?.character ?? initial;
  const masterReady = character.masterIngest?.status === 'ready';
  const coreSetStatus = character.coreSet?.status ?? 'not_started';
  const hasCoreImages = Boolean(data?.runs.some((run) => run.type === 'coreSetWorkflow')) || coreSetStatus === 'complete';

  const start = async (path: string, body: unknown, what: string) => {
    const started = await startRun(`/api/characters/${characterId}/${path}`, body, what);
    void refresh();
    return started;
  };
  const requestShot = (shot: ShotRequest) => start('shots', { ...shot, variant: String(Date.now()) }, 'Production shot');

  return (
    <div className="cal-panel" data-testid="pipeline-panel">
      <h3>Pipeline</h3>
      {error ? <p className="cal-error">Could not load the pipeline: {error}</p> : null}
      {data?.temporalError ? <p className="cal-error">{data.temporalError}</p> : null}
      <MasterOverview character={character} master={data?.master} />
      {canGenerate ? (
        <div className="cal-actions">
          <Button
            buttonStyle="primary"
            margin={false}
            disabled={!masterReady}
            tooltip={masterReady ? undefined : 'Needs an ingested master reference'}
            onClick={() => void start('core-set', {}, 'Core set')}
          >
            Generate 360° Core Set
          </Button>
          <ShotForm disabled={!masterReady || !hasCoreImages} onSubmit={requestShot} />
        </div>
      ) : null}
      <RunList runs={data?.runs ?? []} />
      {mayHaveSheet(data) ? <TurnaroundSheet characterId={characterId} version={sheetVersion(data)} /> : null}
    </div>
  );
}
