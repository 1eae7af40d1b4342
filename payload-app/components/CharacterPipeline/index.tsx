import type { UIFieldServerProps } from 'payload';
import { hasRole } from '../../access/roles';
import { recordedState } from '../pipeline-data/initial';
import { CharacterPipelineClient } from './CharacterPipeline.client';

/** Server half: decides from the signed-in role which actions to offer (the endpoints check again). */
export function CharacterPipeline({ id, user, data }: UIFieldServerProps) {
  if (id === undefined || id === null) return <p className="cal-muted">Save the character to see its pipeline.</p>;
  return <CharacterPipelineClient characterId={id} canGenerate={hasRole(user as never, 'admin', 'editor')} initial={recordedState(data)} />;
}
