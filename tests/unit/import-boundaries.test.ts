import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BOUNDARY_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax']);

/**
 * The layers are enforced by `npm run lint` (lint/boundaries.js); `npm run lint` checks the code as it is, this
 * checks that the rules still reject what they are for (a pattern that silently stopped matching passes every file).
 */
describe('import boundaries (lint rules)', () => {
  const eslint = new ESLint({ cwd: ROOT });

  async function verdict(file: string, source: string): Promise<'allowed' | 'rejected'> {
    const [result] = await eslint.lintText(`${source}\n`, { filePath: path.join(ROOT, file) });
    return result!.messages.some((message) => BOUNDARY_RULES.has(message.ruleId ?? '')) ? 'rejected' : 'allowed';
  }

  it.each([
    ['workflows/core-set/x.ts', "import { createActivities } from '../../activities';", 'rejected'],
    ['workflows/core-set/x.ts', "import type { CoreSetActivities } from '../../activities/core-set/activities';", 'allowed'],
    ['workflows/x.ts', "import { readFile } from 'node:fs/promises';", 'rejected'],
    ['workflows/x.ts', "import { createHash } from 'crypto';", 'rejected'],
    ['workflows/x.ts', "import { request } from 'undici';", 'rejected'],
    ['workflows/x.ts', "import sharp from 'sharp';", 'rejected'],
    ['workflows/x.ts', "import { z } from 'zod';", 'rejected'],
    ['workflows/x.ts', "import { Client } from '@temporalio/client';", 'rejected'],
    ['workflows/x.ts', "import { createDinoClient } from '../clients/dino';", 'rejected'],
    ['workflows/x.ts', "import type { DinoClient } from '../clients/dino';", 'rejected'],
    ['workflows/x.ts', "import { cosineSimilarity } from '../image-analysis';", 'rejected'],
    ['workflows/x.ts', "const late = await import('@temporalio/workflow');", 'rejected'],
    ['workflows/x.ts', "import { proxyActivities } from '@temporalio/workflow';", 'allowed'],
    ['workflows/x.ts', "import { ApplicationFailure } from '@temporalio/common';", 'allowed'],
    ['workflows/core-set/x.ts', "import { workflowIds } from '../../contracts';", 'allowed'],
    ['workflows/core-set/x.ts', "import { judgeCandidate } from '../../qa-policy/judge';", 'allowed'],
    ['workflows/core-set/x.ts', "import { produceImage } from '../generation/produce-image';", 'allowed'],
    ['qa-policy/x.ts', "import { z } from 'zod';", 'rejected'],
    ['qa-policy/x.ts', "import { CORE_SET_ANGLES } from '../contracts';", 'allowed'],
    ['activities/x/a.ts', "import { getPayload } from 'payload';", 'rejected'],
    ['activities/x/a.ts', "import config from '@payload-config';", 'rejected'],
    ['activities/x/a.ts', "import { Button } from '@payloadcms/ui';", 'rejected'],
    ['activities/x/a.ts', "import type { Character } from '../../payload-app/payload-types';", 'rejected'],
    ['activities/x/a.ts', "import type { coreSetWorkflow } from '../../workflows';", 'rejected'],
    ['activities/x/a.ts', "import { createPayloadRestClient } from '../../clients/payload/client';", 'allowed'],
    ['activities/x/a.ts', "import { ApplicationFailure } from '@temporalio/activity';", 'allowed'],
    ['payload-app/endpoints/x.ts', "import { Client } from '@temporalio/client';", 'rejected'],
    ['payload-app/collections/Characters/endpoints/x.ts', "import { startCoreSet } from '../../../temporal/pipelines';", 'rejected'],
    ['payload-app/collections/Characters/endpoints/x.ts', "import { startCoreSet } from '../../../temporal/gateway';", 'allowed'],
    ['payload-app/config.ts', "import { startCoreSet } from './temporal/gateway';", 'allowed'],
    ['payload-app/endpoints/x.ts', "import type { coreSetWorkflow } from '../../workflows';", 'rejected'],
    ['payload-app/endpoints/x.ts', "import { appConfig } from '../config';\nexport const dir = appConfig().MEDIA_DIR;", 'rejected'],
    ['payload-app/endpoints/x.ts', 'export const dir = (upload: { staticDir: string }) => upload.staticDir;', 'rejected'],
    ['payload-app/storage/x.ts', 'export const dir = (upload: { staticDir: string }) => upload.staticDir;', 'allowed'],
    ['payload-app/temporal/x.ts', "import { Client } from '@temporalio/client';", 'allowed'],
    ['payload-app/temporal/x.ts', "import type * as workflows from '../../workflows';", 'allowed'],
    ['payload-app/temporal/x.ts', "import * as workflows from '../../workflows';", 'rejected'],
    ['clients/x/a.ts', "import { createActivities } from '../../activities';", 'rejected'],
    ['clients/x/a.ts', "import { ApplicationFailure } from '@temporalio/common';", 'rejected'],
    ['local-services/x/a.ts', "import { createWorker } from '../../workers/create-worker';", 'rejected'],
    ['local-services/x/a.ts', "import { health } from '../../payload-app/endpoints/health';", 'rejected'],
    ['local-services/x/a.ts', "import { measureQuality } from '../../image-analysis';", 'allowed'],
    ['contracts/x.ts', "import { z } from 'zod';", 'rejected'],
    ['contracts/x.ts', "import { relationId } from '../common/relation-id';", 'rejected'],
    ['contracts/x.ts', "import { defineSearchAttributeKey } from '@temporalio/common';", 'allowed'],
    ['bench/x.ts', "import { startTestSystem } from '../tests/support/system';", 'rejected'],
    ['bench/x.ts', "import { startTestSystem } from '../test-system/system';", 'allowed'],
  ])('%s: %s is %s', async (file, source, expected) => {
    expect(await verdict(file, source)).toBe(expected);
  });
});
