import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/**
 * docker-compose.yml cannot be started here (no Docker engine), so it is validated with the Compose Specification's
 * own loader (tools/compose-validate, built by `ensure_compose_validator`): schema, interpolation with the committed
 * env example, consistency, and the production rules (pinned images, health checks, restart policies, ports on
 * 127.0.0.1 except the admin's, a worker that scales). Deliberately broken copies must fail, each for its reason.
 */
describe('the production compose file', () => {
  const validator = process.env.COMPOSE_VALIDATE_PATH;
  let workDir: string;
  let original: string;

  beforeAll(async () => {
    if (!validator) throw new Error('COMPOSE_VALIDATE_PATH is not set: run through `npm test` (ensure_compose_validator builds it).');
    original = await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    // Copies live beside a copy of deploy/, which the compose file mounts (the validator checks mounted files exist).
    workDir = await mkdtemp(path.join(tmpdir(), 'compose-'));
    await cp(path.join(ROOT, 'deploy'), path.join(workDir, 'deploy'), { recursive: true });
  });

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function validate(composeText: string, envFile = path.join(ROOT, '.env.production.example')) {
    const file = path.join(workDir, `compose-${Math.random().toString(36).slice(2)}.yml`);
    await writeFile(file, composeText);
    const args = ['--env-file', envFile, '--public-service', 'app', '--scalable-service', 'worker', file];
    try {
      const { stdout } = await run(validator!, args);
      return { ok: true, output: stdout };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      if (failed.code !== 1) throw error;
      return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
    }
  }

  function replaceOnce(text: string, from: string, to: string): string {
    expect(text).toContain(from);
    return text.replace(from, to);
  }

  it('is valid as committed, with the env example filled in', async () => {
    const result = await validate(original);
    expect(result).toEqual({ ok: true, output: expect.stringMatching(/^ok: 11 services, 4 volumes/) });
  });

  it('fails on a key the compose specification does not know', async () => {
    const result = await validate(replaceOnce(original, '  temporal-db:\n', '  temporal-db:\n    restart_policy: always\n'));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/restart_policy/);
  });

  it('fails on a floating image tag', async () => {
    const result = await validate(replaceOnce(original, 'image: versity/versitygw:v1.8.0', 'image: versity/versitygw:latest'));
    expect(result).toEqual({ ok: false, output: expect.stringContaining('s3: image versity/versitygw:latest is not pinned to a version') });
  });

  it('fails on a port bound to every interface other than the admin', async () => {
    const result = await validate(replaceOnce(original, "'127.0.0.1:${TEMPORAL_PORT:-7233}:7233'", "'${TEMPORAL_PORT:-7233}:7233'"));
    expect(result).toEqual({ ok: false, output: expect.stringContaining('temporal: publishes port 7233 on every interface') });
  });

  it('fails when the worker could not be scaled', async () => {
    const broken = replaceOnce(
      original,
      '  worker:\n    <<: *app-image\n',
      '  worker:\n    <<: *app-image\n    container_name: cal-worker\n',
    );
    const result = await validate(broken);
    expect(result).toEqual({ ok: false, output: expect.stringContaining('worker: has container_name "cal-worker"') });
  });

  it('fails on a long-running service without a health check or a restart policy', async () => {
    const withoutHealthCheck = original.replace(
      / {4}healthcheck:\n(?: {6}.*\n)+(?= {4}restart: unless-stopped\n\n {2}# Creates the media bucket)/,
      '',
    );
    expect(withoutHealthCheck).not.toBe(original);
    const withoutRestart = withoutHealthCheck.replace(/(image: temporalio\/ui:[^\n]+\n(?:.*\n)*?) {4}restart: unless-stopped\n/, '$1');
    const result = await validate(withoutRestart);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('s3: no health check');
    expect(result.output).toContain('temporal-ui: no restart policy');
  });

  it('fails when a required secret is missing from the env file', async () => {
    const example = await readFile(path.join(ROOT, '.env.production.example'), 'utf8');
    const envFile = path.join(workDir, 'without-payload-secret.env');
    await writeFile(envFile, example.replace(/^PAYLOAD_SECRET=.*$/m, ''));
    const result = await validate(original, envFile);
    expect(result).toEqual({ ok: false, output: expect.stringContaining('required variable PAYLOAD_SECRET is missing a value') });
  });
});
