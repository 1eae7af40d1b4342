import { readFile } from 'node:fs/promises';
import { SEARCH_ATTRIBUTE_DEFINITIONS, searchAttributeFlags, runsOfCharacterQuery, workflowIds } from '../../contracts';

describe('search attributes', () => {
  it('are the three keywords the Web UI filters by', () => {
    expect(SEARCH_ATTRIBUTE_DEFINITIONS).toEqual([
      { name: 'CharacterId', type: 'Keyword' },
      { name: 'PipelineStage', type: 'Keyword' },
      { name: 'PipelineStatus', type: 'Keyword' },
    ]);
    expect(searchAttributeFlags()).toEqual([
      '--search-attribute',
      'CharacterId=Keyword',
      '--search-attribute',
      'PipelineStage=Keyword',
      '--search-attribute',
      'PipelineStatus=Keyword',
    ]);
  });

  // YAML cannot import them: this keeps the compose file's registration in step with the contract.
  it('are registered by docker-compose.temporal.yml exactly', async () => {
    const compose = await readFile(new URL('../../docker-compose.temporal.yml', import.meta.url), 'utf8');
    const registered = [...compose.matchAll(/--name (\w+) --type (\w+)/g)].map(([, name, type]) => ({ name, type }));
    expect(registered).toEqual(SEARCH_ATTRIBUTE_DEFINITIONS);
  });

  it('are registered by the production compose file (deploy/temporal/setup-namespace.sh) exactly', async () => {
    const script = await readFile(new URL('../../deploy/temporal/setup-namespace.sh', import.meta.url), 'utf8');
    const registered = [...script.matchAll(/^\s+register (\w+) (\w+)$/gm)].map(([, name, type]) => ({ name, type }));
    expect(registered).toEqual(SEARCH_ATTRIBUTE_DEFINITIONS);
  });

  it('select one character without letting its id break out of the string', () => {
    expect(runsOfCharacterQuery('jax-rivera')).toBe('CharacterId = "jax-rivera"');
    expect(runsOfCharacterQuery('a"b')).toBe('CharacterId = "ab"');
  });
});

describe('workflow ids', () => {
  it('are the ones the README and operators use', () => {
    expect(workflowIds.masterReference('jax-rivera', 12)).toBe('master-reference:jax-rivera:12');
    expect(workflowIds.coreSet('jax-rivera')).toBe('core-set:jax-rivera');
    expect(workflowIds.productionShot('jax-rivera', 'abc')).toBe('production-shot:jax-rivera:abc');
    expect(workflowIds.personaSync('jax-rivera')).toBe('persona-sync:jax-rivera');
    expect(workflowIds.personaRemove('jax-rivera')).toBe('persona-remove:jax-rivera');
  });
});
