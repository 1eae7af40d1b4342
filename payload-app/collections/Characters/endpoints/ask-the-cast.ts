import type { Endpoint } from 'payload';
import { z } from 'zod';
import { createPathragClient } from '../../../../clients/pathrag';
import { ServiceError } from '../../../../clients/errors';
import { appConfig } from '../../../config';
import { HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';
import { limitSpending } from '../../../endpoints/spending-limit';

const bodySchema = z.object({ question: z.string().trim().min(3, 'question is required').max(2000) }).strict();

let client: ReturnType<typeof createPathragClient> | undefined;

/** POST /api/characters/query — any signed-in user asks the knowledge service about the cast. */
export const askTheCastEndpoint: Endpoint = {
  path: '/query',
  method: 'post',
  handler: (req) =>
    respond(req, async () => {
      const user = requireRole(req, 'admin', 'editor', 'reviewer', 'viewer');
      limitSpending(user.id);
      const { question } = await parseBody(req, bodySchema);
      const config = appConfig();
      client ??= createPathragClient({ baseUrl: config.PATHRAG_BASE_URL, apiKey: config.PATHRAG_API_KEY });
      try {
        const { answer } = await client.query(question);
        return Response.json({ question, answer });
      } catch (error) {
        if (error instanceof ServiceError) {
          throw new HttpError(error.retryable ? 503 : 502, `The knowledge service could not answer: ${error.message}`);
        }
        throw error;
      }
    }),
};
