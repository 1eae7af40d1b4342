import type { CollectionConfig } from 'payload';
import { adminOnly, authenticated, editorsOrService } from '../../access/roles';
import { characterIdIsFree } from './character-id-is-free';
import { askTheCastEndpoint } from './endpoints/ask-the-cast';
import {
  cancelCoreSetBatchEndpoint,
  listCoreSetBatchesEndpoint,
  readCoreSetBatchEndpoint,
  startCoreSetBatchEndpoint,
} from './endpoints/core-set-batch';
import { pipelineEndpoint } from './endpoints/pipeline';
import { pipelineStateEndpoint } from './endpoints/pipeline-state';
import { requestShotsEndpoint } from './endpoints/request-shots';
import { runCostEndpoint } from './endpoints/run-cost';
import { startCoreSetEndpoint } from './endpoints/start-core-set';
import { turnaroundSheetEndpoint } from './endpoints/turnaround-sheet';
import { deriveCharacterId } from './hooks/derive-character-id';
import { markPersonaPending, removePersonaFromKnowledgeBase, signalPersonaChange } from './hooks/persona-sync';
import { queueMasterIngest } from './hooks/queue-master-ingest';
import { startMasterIngest } from './hooks/start-master-ingest';
import { pipelineFields } from './pipeline-fields';
import { noteRunStatesChangedBySave } from './saves-keep-run-states';

export const Characters: CollectionConfig = {
  slug: 'characters',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'characterId', 'status', 'masterIngest.status', 'coreSet.status', 'personaSync.status'],
    group: 'Library',
    components: { beforeListTable: ['/components/CoreSetBatches#CoreSetBatches'] },
  },
  // A gallery image, a run or a review card names its character; the persona and the gallery join (up to 50 images
  // per character) are read only when the character itself is opened.
  defaultPopulate: { name: true, characterId: true, status: true },
  access: {
    read: authenticated,
    create: ({ req }) => editorsOrService({ req }) && req.user?.role !== 'service',
    update: editorsOrService,
    delete: adminOnly,
  },
  endpoints: [
    // The batch paths first: `/:id/…` would otherwise read `core-set-batch` as a character id.
    startCoreSetBatchEndpoint,
    listCoreSetBatchesEndpoint,
    readCoreSetBatchEndpoint,
    cancelCoreSetBatchEndpoint,
    askTheCastEndpoint,
    startCoreSetEndpoint,
    requestShotsEndpoint,
    pipelineEndpoint,
    pipelineStateEndpoint,
    runCostEndpoint,
    turnaroundSheetEndpoint,
  ],
  hooks: {
    beforeValidate: [deriveCharacterId],
    // Last: it notes what the hooks before it changed.
    beforeChange: [queueMasterIngest, markPersonaPending, noteRunStatesChangedBySave],
    afterChange: [startMasterIngest, signalPersonaChange],
    afterDelete: [removePersonaFromKnowledgeBase],
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    {
      name: 'characterId',
      type: 'text',
      unique: true,
      index: true,
      required: true,
      validate: characterIdIsFree,
      admin: { description: 'Stable slug used in workflow ids and in the knowledge base. Derived from the name when empty.' },
    },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'draft',
      options: [
        { label: 'Draft', value: 'draft' },
        { label: 'In development', value: 'in_development' },
        { label: 'Active', value: 'active' },
        { label: 'Archived', value: 'archived' },
      ],
    },
    { name: 'project', type: 'text', admin: { description: 'Production or franchise this character belongs to.' } },
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Persona & Identity',
          fields: [
            { name: 'role', type: 'text', admin: { description: 'e.g. protagonist, mentor, comic relief' } },
            // Writers keep long biographies; Payload's default textarea limit (40,000 characters) is too short.
            { name: 'biography', type: 'textarea', maxLength: 200_000 },
            { name: 'personality', type: 'textarea' },
            { name: 'skills', type: 'text', hasMany: true },
            {
              name: 'relationships',
              type: 'array',
              fields: [
                { name: 'name', type: 'text', required: true },
                { name: 'relation', type: 'text', required: true, admin: { description: 'e.g. older brother of' } },
                { name: 'notes', type: 'textarea' },
              ],
            },
          ],
        },
        {
          label: 'Physical & Voice',
          fields: [
            { name: 'physicalDescription', type: 'textarea' },
            { name: 'clothing', type: 'textarea' },
            { name: 'voice', type: 'textarea' },
          ],
        },
        {
          label: 'Reference Image Gallery',
          fields: [
            {
              name: 'pipelinePanel',
              type: 'ui',
              admin: { components: { Field: '/components/CharacterPipeline#CharacterPipeline' }, disableListColumn: true },
            },
            {
              name: 'masterReferenceImage',
              type: 'upload',
              relationTo: 'media',
              label: 'Master Reference Image',
              admin: {
                description: 'The single "genesis" image that defines the character. All consistency is measured against this.',
              },
            },
            {
              name: 'galleryCards',
              type: 'ui',
              admin: { components: { Field: '/components/CharacterGallery#CharacterGallery' }, disableListColumn: true },
            },
            {
              name: 'imageGallery',
              type: 'join',
              collection: 'character-images',
              on: 'character',
              label: 'Character Image Gallery',
              defaultSort: '-createdAt',
              defaultLimit: 50,
              admin: {
                // The cards above are the character's gallery in the admin (live while runs are active); the join
                // stays for the REST API (`?joins[imageGallery]…`).
                hidden: true,
                description: 'A library of all generated and validated shots.',
                defaultColumns: ['generationKey', 'kind', 'angle', 'shotType', 'dinoProcessingStatus', 'qualityScore', 'consistencyScore'],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'pipelineSummary',
      type: 'ui',
      label: 'Pipeline',
      admin: { position: 'sidebar', components: { Field: '/components/PipelineSummary#PipelineSummary' }, disableListColumn: true },
    },
    ...pipelineFields,
  ],
};
