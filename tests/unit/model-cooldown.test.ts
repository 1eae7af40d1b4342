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
    // One clock for the cooldown and the test. The pause runs from the moment the 429 is met, inside the first call,
    // so it is timed from before that call: timed from its return, a busy machine's delay in between looked like a
    // cooldown cut short.
    const cooled = withRateLimitCooldown(client, () => performance.now());
    const started = performance.now();
    await expect(cooled.generateImage({ prompt: 'a', references: [] })).rejects.toThrow('quota');
    await cooled.generateImage({ prompt: 'b', references: [] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(calls).toBe(2);
  });
});
