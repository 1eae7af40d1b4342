import type { GlobalConfig } from 'payload';
import { adminOnly, authenticated } from '../../access/roles';
import { applyReviewEvidenceEndpoint, reviewEvidenceEndpoint } from './endpoints/review-evidence';
import {
  DEFAULT_CORE_SET_THRESHOLDS,
  DEFAULT_ECHO_THRESHOLDS,
  DEFAULT_NEIGHBOUR_THRESHOLDS,
  DEFAULT_PRODUCTION_THRESHOLDS,
  DEFAULT_QA,
} from './defaults';

export const QaSettings: GlobalConfig = {
  slug: 'qa-settings',
  label: 'QA Settings',
  admin: { group: 'Admin' },
  access: { read: authenticated, update: adminOnly },
  endpoints: [reviewEvidenceEndpoint, applyReviewEvidenceEndpoint],
  fields: [
    {
      name: 'coreSetThresholds',
      type: 'array',
      label: 'Core-set consistency thresholds (per engine and view angle)',
      defaultValue: DEFAULT_CORE_SET_THRESHOLDS,
      admin: {
        description:
          'consistencyScore = 100 × max(0, cosine) against the master. Each angle has a band: a lower bar (the same character) and an upper bar (not the master\'s own view again). A back view is far less similar to a front master than a front view, so each angle has its own. An engine with no row never passes automatically; a row marked "review until calibrated" sends every image of that angle to a reviewer.',
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'engineId', type: 'text', required: true },
            { name: 'angle', type: 'number', required: true, min: 0, max: 359 },
            { name: 'minConsistency', type: 'number', required: true, min: 0, max: 100, label: 'Lower bar' },
            { name: 'maxConsistency', type: 'number', min: 0, max: 100, label: 'Upper bar' },
            {
              name: 'characterFloor',
              type: 'number',
              min: 0,
              max: 100,
              label: 'Wrong view from',
              admin: { description: 'Below the lower bar but at or above this: the character at another view.' },
            },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'reviewUntilCalibrated', type: 'checkbox', label: 'Review until calibrated', defaultValue: false },
            {
              name: 'calibrationNote',
              type: 'text',
              label: 'Evidence',
              admin: { description: 'Where the band comes from (npm run calibrate, reviewer decisions).' },
            },
          ],
        },
      ],
    },
    {
      name: 'reviewEvidence',
      type: 'ui',
      admin: { components: { Field: '/components/ReviewEvidence#ReviewEvidence' } },
    },
    {
      name: 'neighbourThresholds',
      type: 'array',
      label: 'Neighbouring-view thresholds (per engine)',
      defaultValue: DEFAULT_NEIGHBOUR_THRESHOLDS,
      admin: { description: 'Lowest consistency of a core image with the accepted views 45° either side of it, when there are any.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'engineId', type: 'text', required: true },
            { name: 'minConsistency', type: 'number', required: true, min: 0, max: 100 },
          ],
        },
      ],
    },
    {
      name: 'productionThresholds',
      type: 'array',
      label: 'Production-shot consistency thresholds (per engine)',
      defaultValue: DEFAULT_PRODUCTION_THRESHOLDS,
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'engineId', type: 'text', required: true },
            { name: 'minConsistency', type: 'number', required: true, min: 0, max: 100 },
          ],
        },
      ],
    },
    { name: 'minQualityScore', type: 'number', min: 0, max: 100, defaultValue: DEFAULT_QA.minQualityScore },
    {
      name: 'echoThresholds',
      type: 'array',
      label: 'Echo thresholds (per engine)',
      defaultValue: DEFAULT_ECHO_THRESHOLDS,
      admin: { description: 'A cosine to a reference at or above this is treated as the reference echoed back, not a pass.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'engineId', type: 'text', required: true },
            { name: 'cosine', type: 'number', required: true, min: 0, max: 1 },
          ],
        },
      ],
    },
    {
      name: 'echoCosine',
      type: 'number',
      min: 0,
      max: 1,
      defaultValue: DEFAULT_QA.echoCosine,
      admin: { description: 'Echo bar for engines without a row above.' },
    },
    { name: 'maxAttemptsPerAngle', type: 'number', min: 1, max: 10, defaultValue: DEFAULT_QA.maxAttemptsPerAngle },
    {
      name: 'coreSetConcurrency',
      type: 'number',
      min: 1,
      max: 8,
      defaultValue: DEFAULT_QA.coreSetConcurrency,
      admin: {
        description:
          "Angles of one core set generated at once. The image model's rate limit is kept by the workers' MODEL_REQUESTS_PER_MINUTE across all runs, not by this.",
      },
    },
    {
      name: 'reviewTimeoutHours',
      type: 'number',
      min: 0.0001,
      defaultValue: DEFAULT_QA.reviewTimeoutHours,
      admin: { description: 'How long a flagged image waits for a reviewer before the workflow gives up on it.' },
    },
  ],
};
