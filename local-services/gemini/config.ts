import { z } from 'zod';
import { parseFaultRates } from './faults';
import { DEFAULT_MODELS } from './models';

const envSchema = z.object({
  GEMINI_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(3013),
  GEMINI_STANDIN_HOST: z.string().min(1).default('127.0.0.1'),
  GEMINI_STANDIN_API_KEY: z.string().min(1).default('local-dev-key'),
  GEMINI_STANDIN_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  GEMINI_STANDIN_FAULTS: z.string().default(''),
  GEMINI_STANDIN_SEED: z.coerce.number().int().default(1),
  /** The model's per-minute request quota to imitate (429 beyond it); unset: none. */
  GEMINI_STANDIN_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().optional(),
  /** Comma-separated model ids that exist; default the current Gemini image models. */
  GEMINI_STANDIN_MODELS: z.string().optional(),
});

export interface GeminiStandInConfig {
  port: number;
  host: string;
  apiKey: string;
  latencyMs: number;
  faults: ReturnType<typeof parseFaultRates>;
  seed: number;
  models: string[];
  requestsPerMinute: number | null;
}

export function loadGeminiStandInConfig(env: Record<string, string | undefined> = process.env): GeminiStandInConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Gemini stand-in configuration: ${z.prettifyError(parsed.error)}`);
  const values = parsed.data;
  const models = values.GEMINI_STANDIN_MODELS?.split(',')
    .map((model) => model.trim())
    .filter(Boolean);
  return {
    port: values.GEMINI_STANDIN_PORT,
    host: values.GEMINI_STANDIN_HOST,
    apiKey: values.GEMINI_STANDIN_API_KEY,
    latencyMs: values.GEMINI_STANDIN_LATENCY_MS,
    faults: parseFaultRates(values.GEMINI_STANDIN_FAULTS),
    seed: values.GEMINI_STANDIN_SEED,
    models: models?.length ? models : [...DEFAULT_MODELS],
    requestsPerMinute: values.GEMINI_STANDIN_REQUESTS_PER_MINUTE ?? null,
  };
}
