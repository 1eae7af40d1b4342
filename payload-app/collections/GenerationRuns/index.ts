import type { CollectionConfig } from 'payload';
import { adminOnly, authenticated, service } from '../../access/roles';

/**
 * What each generating workflow run spent, including attempts that were discarded (their images are deleted, their
 * cost is not) and runs that failed or were cancelled. One document per run, upserted by the run's id, so a retried
 * write never counts twice and a re-run of the same workflow id keeps the earlier run's record.
 */
export const GenerationRuns: CollectionConfig = {
  slug: 'generation-runs',
  admin: {
    useAsTitle: 'workflowId',
    group: 'Admin',
    defaultColumns: ['workflowId', 'character', 'stage', 'outcome', 'costUsd', 'attempts', 'updatedAt'],
  },
  access: { read: authenticated, create: service, update: service, delete: adminOnly },
  fields: [
    { name: 'workflowId', type: 'text', required: true, index: true },
    { name: 'runId', type: 'text', unique: true, index: true, admin: { description: "The run's first execution id." } },
    { name: 'outcome', type: 'text', admin: { description: 'How the run ended: complete, incomplete, failed, cancelled…' } },
    { name: 'character', type: 'relationship', relationTo: 'characters', required: true, index: true },
    { name: 'stage', type: 'select', options: ['core-set', 'production-shot'], required: true },
    { name: 'costUsd', type: 'number', required: true },
    { name: 'attempts', type: 'number', required: true },
    { name: 'unpricedAttempts', type: 'number', admin: { description: 'Attempts whose model has no known price: not in costUsd.' } },
  ],
};
