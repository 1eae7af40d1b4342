import type { CollectionConfig } from 'payload';
import { adminOnly, authenticated, service } from '../../access/roles';

/**
 * What each generating workflow run spent, including attempts that were discarded (their images are deleted, their
 * cost is not). One document per run, upserted by workflow id, so a retried write never counts twice.
 */
export const GenerationRuns: CollectionConfig = {
  slug: 'generation-runs',
  admin: { useAsTitle: 'workflowId', group: 'Admin', defaultColumns: ['workflowId', 'character', 'stage', 'costUsd', 'attempts', 'updatedAt'] },
  access: { read: authenticated, create: service, update: service, delete: adminOnly },
  fields: [
    { name: 'workflowId', type: 'text', required: true, unique: true, index: true },
    { name: 'character', type: 'relationship', relationTo: 'characters', required: true, index: true },
    { name: 'stage', type: 'select', options: ['core-set', 'production-shot'], required: true },
    { name: 'costUsd', type: 'number', required: true },
    { name: 'attempts', type: 'number', required: true },
    { name: 'unpricedAttempts', type: 'number', admin: { description: 'Attempts whose model has no known price: not in costUsd.' } },
  ],
};
