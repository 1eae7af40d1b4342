import { oneAtATimePerKey } from '../../payload-app/endpoints/one-at-a-time';

function deferred() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { released, release };
}

describe('oneAtATimePerKey', () => {
  it('starts a task of a key only after the one before it has settled, failed ones included', async () => {
    const run = oneAtATimePerKey();
    const started: string[] = [];
    const first = deferred();
    const a = run('character-1', async () => {
      started.push('a');
      await first.released;
      throw new Error('a failed');
    });
    const b = run('character-1', async () => {
      started.push('b');
      return 'b done';
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual(['a']);
    first.release();
    await expect(a).rejects.toThrow('a failed');
    await expect(b).resolves.toBe('b done');
    expect(started).toEqual(['a', 'b']);
  });

  it('runs tasks of different keys side by side', async () => {
    const run = oneAtATimePerKey();
    const blocker = deferred();
    const slow = run('character-1', () => blocker.released.then(() => 'slow'));
    await expect(run('character-2', async () => 'other')).resolves.toBe('other');
    blocker.release();
    await expect(slow).resolves.toBe('slow');
  });
});
