import { parseAppConfig } from '../../payload-app/config';
import { loadWorkerConfig } from '../../workers/config';

const APP = { PAYLOAD_SECRET: 'a-secret-of-sixteen-chars' };
const WORKER = { WORKER_API_KEY: 'a-worker-key-of-24-chars-or-more', GEMINI_API_KEY: 'key' };
const worker = (env: Record<string, string> = {}) => loadWorkerConfig({ NODE_ENV: 'test', ...WORKER, ...env });

/** The compose file passes MODEL_REQUESTS_PER_MINUTE through as `${MODEL_REQUESTS_PER_MINUTE:-}`: empty when unset. */
describe('the image model rate setting', () => {
  it('is unset when empty or absent, for the worker and the app alike', () => {
    expect(worker({ MODEL_REQUESTS_PER_MINUTE: '' }).MODEL_REQUESTS_PER_MINUTE).toBeUndefined();
    expect(worker().MODEL_REQUESTS_PER_MINUTE).toBeUndefined();
    expect(parseAppConfig({ ...APP, MODEL_REQUESTS_PER_MINUTE: '' }).MODEL_REQUESTS_PER_MINUTE).toBeUndefined();
    expect(parseAppConfig(APP).MODEL_REQUESTS_PER_MINUTE).toBeUndefined();
  });

  it('reads a rate, fractions included, and refuses zero, negatives and words, naming the variable', () => {
    expect(worker({ MODEL_REQUESTS_PER_MINUTE: '54' }).MODEL_REQUESTS_PER_MINUTE).toBe(54);
    expect(parseAppConfig({ ...APP, MODEL_REQUESTS_PER_MINUTE: '0.5' }).MODEL_REQUESTS_PER_MINUTE).toBe(0.5);
    for (const value of ['0', '-3', 'fast']) {
      expect(() => worker({ MODEL_REQUESTS_PER_MINUTE: value })).toThrow(/MODEL_REQUESTS_PER_MINUTE/);
      expect(() => parseAppConfig({ ...APP, MODEL_REQUESTS_PER_MINUTE: value })).toThrow(/MODEL_REQUESTS_PER_MINUTE/);
    }
  });
});
