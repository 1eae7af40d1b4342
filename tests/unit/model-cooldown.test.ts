import { withRateLimitCooldown, type ImageModelClient } from '../../clients/gemini';
import { TransientServiceError } from '../../clients/errors';

describe('withRateLimitCooldown', () => {
  it('holds every later call of the process until the Retry-After of a 429 has passed', async () => {
    let calls = 0;
    const client: ImageModelClient = {
      model: 'm',
      checkModel: async () => ({ name: 'models/m' }),
      generateImage: async () => {
        calls += 1;
        if (calls === 1) {
          throw new TransientServiceError('quota', { service: 'gemini', code: 'rate_limited', status: 429, retryAfterMs: 300 });
        }
        return { kind: 'no_image', finishReason: 'STOP' };
      },
    };
    const cooled = withRateLimitCooldown(client);
    await expect(cooled.generateImage({ prompt: 'a', references: [] })).rejects.toThrow('quota');
    const started = performance.now();
    await cooled.generateImage({ prompt: 'b', references: [] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(calls).toBe(2);
  });
});
