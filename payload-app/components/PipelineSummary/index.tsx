import type { UIFieldServerProps } from 'payload';
import { recordedState } from '../pipeline-data/initial';
import { PipelineSummaryClient } from './PipelineSummary.client';

/**
 * Sidebar of a character: what the workflows recorded on it, as one read-only summary. Rendered from the saved
 * document first, then kept live from the pipeline endpoint.
 */
export function PipelineSummary({ id, data }: UIFieldServerProps) {
  if (id === undefined || id === null) return null;
  return <PipelineSummaryClient characterId={id} initial={recordedState(data)} />;
}
