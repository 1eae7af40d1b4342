import { loadGeminiStandInConfig } from '../../../local-services/gemini/config';
import { createFaultPlan, parseFaultRates } from '../../../local-services/gemini/faults';

describe('Gemini stand-in configuration', () => {
  it('has working defaults', () => {
    expect(loadGeminiStandInConfig({})).toEqual({
      port: 3013,
      host: '127.0.0.1',
      apiKey: 'local-dev-key',
      latencyMs: 0,
      faults: {},
      seed: 1,
      models: ['gemini-3.1-flash-image', 'gemini-3-pro-image', 'gemini-2.5-flash-image'],
      requestsPerMinute: null,
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadGeminiStandInConfig({
      GEMINI_STANDIN_PORT: '4100',
      GEMINI_STANDIN_API_KEY: 'secret',
      GEMINI_STANDIN_LATENCY_MS: '250',
      GEMINI_STANDIN_FAULTS: '429:0.1, 500:0.05,slow:0.2',
      GEMINI_STANDIN_SEED: '42',
      GEMINI_STANDIN_MODELS: 'gemini-3-pro-image, my-model',
      GEMINI_STANDIN_REQUESTS_PER_MINUTE: '30',
    });
    expect(config).toMatchObject({
      port: 4100,
      apiKey: 'secret',
      latencyMs: 250,
      seed: 42,
      models: ['gemini-3-pro-image', 'my-model'],
      requestsPerMinute: 30,
    });
    expect(config.faults).toEqual({ '429': 0.1, '500': 0.05, slow: 0.2 });
  });

  it('refuses nonsense with a readable message', () => {
    expect(() => loadGeminiStandInConfig({ GEMINI_STANDIN_PORT: 'abc' })).toThrow(/GEMINI_STANDIN_PORT/);
    expect(() => loadGeminiStandInConfig({ GEMINI_STANDIN_FAULTS: '418:0.5' })).toThrow(/bad fault rate "418:0.5"/);
    expect(() => parseFaultRates('429:2')).toThrow(/bad fault rate/);
    expect(() => parseFaultRates('429')).toThrow(/bad fault rate/);
    expect(() => parseFaultRates('429:0.6,500:0.6')).toThrow(/more than 1/);
  });
});

describe('fault plan', () => {
  it('hands queued faults to matching prompts in order, and draws the rest by rate', () => {
    const plan = createFaultPlan({ seed: 3, rates: {} });
    plan.enqueue([{ fault: '429', match: '(45°)' }, { fault: '500' }, { fault: 'off_model', match: '(45°)' }]);
    expect(plan.next('front (0°)')?.fault).toBe('500');
    expect(plan.next('front (0°)')).toBeUndefined();
    expect(plan.next('turned (45°)')?.fault).toBe('429');
    expect(plan.next('turned (45°)')?.fault).toBe('off_model');
    expect(plan.next('turned (45°)')).toBeUndefined();
  });

  it('draws rate faults reproducibly for a seed, near the configured rate', () => {
    const draw = () => {
      const plan = createFaultPlan({ seed: 11, rates: { '429': 0.3 } });
      return Array.from({ length: 400 }, () => plan.next('x')?.fault ?? 'none');
    };
    const first = draw();
    expect(draw()).toEqual(first);
    const share = first.filter((fault) => fault === '429').length / first.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.38);
  });

  it('clear() empties the queue and restores the configured rates', () => {
    const plan = createFaultPlan({ seed: 1, rates: { '500': 1 } });
    plan.setRates({});
    plan.enqueue([{ fault: 'slow' }]);
    plan.clear();
    expect(plan.describe()).toEqual({ queue: [], rates: { '500': 1 } });
    expect(plan.next('x')?.fault).toBe('500');
  });
});
