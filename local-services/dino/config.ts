import { z } from 'zod';

const schema = z.object({
  DINO_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(3012),
  DINO_STANDIN_HOST: z.string().default('127.0.0.1'),
  DINO_STANDIN_DATA_DIR: z.string().default('.data/dino'),
});

export function loadDinoStandInConfig(env: NodeJS.ProcessEnv = process.env) {
  return schema.parse(env);
}
