import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Import {
  file: string;
  from: string;
  typeOnly: boolean;
}

async function importsUnder(folder: string): Promise<Import[]> {
  const files = (await readdir(path.join(ROOT, folder), { recursive: true }))
    .filter((file) => /\.tsx?$/.test(file) && !file.includes('.next') && !file.endsWith('.d.ts'))
    .map((file) => path.join(folder, file));
  const imports: Import[] = [];
  for (const file of files) {
    const source = await readFile(path.join(ROOT, file), 'utf8');
    for (const match of source.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gms)) {
      imports.push({ file, from: match[3]!, typeOnly: Boolean(match[2]) });
    }
  }
  return imports;
}

const resolvesInto = (imp: Import, folder: string) =>
  imp.from.startsWith('.') && path.relative(folder, path.join(path.dirname(imp.file), imp.from)).split(path.sep)[0] !== '..';

describe('module boundaries', () => {
  it('contracts/ is pure: only @temporalio/common and itself', async () => {
    const outside = (await importsUnder('contracts')).filter((imp) => imp.from !== '@temporalio/common' && !resolvesInto(imp, 'contracts'));
    expect(outside).toEqual([]);
  });

  it('activities/ never import from workflows/', async () => {
    expect((await importsUnder('activities')).filter((imp) => resolvesInto(imp, 'workflows'))).toEqual([]);
  });

  it('workflows/ import activities/ for their types only', async () => {
    expect((await importsUnder('workflows')).filter((imp) => resolvesInto(imp, 'activities') && !imp.typeOnly)).toEqual([]);
  });

  it('clients/ import nothing from activities/, workflows/ or payload-app/', async () => {
    const callers = ['activities', 'workflows', 'payload-app'];
    expect((await importsUnder('clients')).filter((imp) => callers.some((folder) => resolvesInto(imp, folder)))).toEqual([]);
  });

  it('clients/ send HTTP with undici only through clients/http/', async () => {
    const transport = path.join('clients', 'http');
    const direct = (await importsUnder('clients')).filter((imp) => imp.from === 'undici' && path.dirname(imp.file) !== transport);
    expect(direct).toEqual([]);
  });

  it('payload-app/ reaches Temporal only through payload-app/temporal/gateway.ts', async () => {
    const gateway = 'payload-app/temporal';
    const stray = (await importsUnder('payload-app')).filter(
      (imp) =>
        !imp.file.startsWith(`${gateway}/`) &&
        (imp.from.startsWith('@temporalio/') ||
          (resolvesInto(imp, gateway) && path.join(path.dirname(imp.file), imp.from) !== `${gateway}/gateway`) ||
          (resolvesInto(imp, 'workflows') && !imp.typeOnly)),
    );
    expect(stray).toEqual([]);
  });
});
