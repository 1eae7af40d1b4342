import { z } from 'zod';

export const KILL_TARGETS = ['worker', 'payload', 'temporal'] as const;
export type KillTarget = (typeof KILL_TARGETS)[number];

export const chaosOptionsSchema = z.object({
  characters: z.coerce.number().int().min(1).max(20).default(3),
  kills: z.coerce.number().int().min(0).max(50).default(6),
  /** The share of model and analysis requests answered with a transient fault. */
  faultRate: z.coerce.number().min(0).max(0.9).default(0.3),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(() => Math.floor(Math.random() * 2 ** 31)),
  /** What may be killed; every target is killed at least once when kills allow. */
  targets: z
    .array(z.enum(KILL_TARGETS))
    .min(1)
    .default([...KILL_TARGETS]),
  /** Kills happen at random moments within this window after the core sets start. */
  killWindowSeconds: z.coerce.number().positive().default(60),
  deadlineMinutes: z.coerce.number().positive().default(20),
  /** The share of flagged images the scripted reviewer approves (the rest it rejects). */
  approveRate: z.coerce.number().min(0).max(1).default(0.7),
  /** Angles generated at once per core set (QA settings); fewer keeps the runs going while the kills come. */
  concurrency: z.coerce.number().int().min(1).max(8).default(2),
  /** The image model's answer time: long enough that the runs are still going when the kills come. */
  geminiLatencyMs: z.coerce.number().int().min(0).default(3000),
});
export type ChaosOptions = z.infer<typeof chaosOptionsSchema>;

/** `--characters 3 --kills 6 --fault-rate 0.3 --seed 42 --targets worker,payload`: kebab-case flags for the fields above. */
export function parseChaosArgs(argv: string[]): ChaosOptions {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (!flag.startsWith('--')) throw new Error(`unexpected argument "${flag}"`);
    const [name, inline] = flag.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    const key = name.replace(/-([a-z])/g, (_m, letter: string) => letter.toUpperCase());
    if (!(key in chaosOptionsSchema.shape)) throw new Error(`unknown option --${name}`);
    raw[key] = key === 'targets' ? value.split(',') : value;
  }
  const parsed = chaosOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  return parsed.data;
}
