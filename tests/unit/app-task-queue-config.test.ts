import { parseAppConfig } from '../../payload-app/config';

const SECRET = { PAYLOAD_SECRET: 'a-secret-of-sixteen-chars' };

/** The queue name goes into Temporal list filters (the batch list): nothing in it may end or bend the filter. */
describe('the app task queue setting', () => {
  it('takes the default and names made of letters, digits, dots, underscores and dashes', () => {
    expect(parseAppConfig(SECRET).TEMPORAL_TASK_QUEUE).toBe('character-assets');
    expect(parseAppConfig({ ...SECRET, TEMPORAL_TASK_QUEUE: 'studio_b.assets-2' }).TEMPORAL_TASK_QUEUE).toBe('studio_b.assets-2');
  });

  it('refuses quotes, spaces and filter syntax, naming the variable', () => {
    for (const name of ['a" OR TaskQueue != "b', "it's", 'two words', '']) {
      expect(() => parseAppConfig({ ...SECRET, TEMPORAL_TASK_QUEUE: name })).toThrow(/TEMPORAL_TASK_QUEUE/);
    }
  });
});
