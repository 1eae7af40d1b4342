import { batchSelectionKey } from '../../payload-app/temporal/batch-selection-key';

const character = (characterDocId: number | string, characterId: string) => ({ characterDocId, characterId });

/** The batch id joins a double click to the running batch, and only that: never another app's batch on the namespace. */
describe('the core-set batch selection key', () => {
  it('is the same for the same characters in any order, repeated or not', () => {
    const key = batchSelectionKey([character(1, 'ana'), character(2, 'bo'), character(3, 'cleo')]);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(batchSelectionKey([character(3, 'cleo'), character(1, 'ana'), character(2, 'bo'), character(1, 'ana')])).toBe(key);
  });

  it('differs for other characters that happen to have the same database ids (another app, a fresh database)', () => {
    const here = batchSelectionKey([character(1, 'ana-batch'), character(2, 'bo-batch'), character(3, 'cleo-nomaster')]);
    const there = batchSelectionKey([character(1, 'gia-listview'), character(2, 'hux-listview'), character(3, 'ivo-nomaster')]);
    expect(there).not.toBe(here);
  });

  it('keeps a selected id that matched no character apart from every slug', () => {
    const withMissing = batchSelectionKey([character(1, 'ana'), character(99, '')]);
    expect(withMissing).not.toBe(batchSelectionKey([character(1, 'ana')]));
    expect(withMissing).not.toBe(batchSelectionKey([character(1, 'ana'), character(98, '')]));
  });
});
