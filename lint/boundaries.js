/**
 * The layers (README, "What runs") as import rules, one block per folder. Relative imports are matched by the
 * top-level folder they climb into (`../../clients/…`), bare ones by package name.
 */
import { readdirSync } from 'node:fs';

const ROOT = new URL('..', import.meta.url);
const SOURCES = '**/*.{ts,tsx,js,mjs}';

/** Every top-level folder, so a folder added later is outside an allow-list until someone lets it in. */
const FOLDERS = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
  .map((entry) => entry.name);

const alternatives = (names) => names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\*', '[^/]+')).join('|');

/** Relative imports that climb into one of `folders`. */
const into = (folders, message, extra = {}) => ({ regex: `^(?:\\.\\./)+(?:${alternatives(folders)})(?:/|$)`, message, ...extra });

/** Bare imports of these packages (`@scope/*` for a whole scope), sub-paths included. */
const packages = (names, message) => ({ regex: `^(?:${alternatives(names)})(?:/|$)`, message });

/** Bare imports of anything but these packages. */
const packagesExcept = (names, message) => ({
  regex: names.length ? `^(?!\\.|(?:${alternatives(names)})(?:/|$))` : '^(?!\\.)',
  message,
});

const except = (...allowed) => FOLDERS.filter((folder) => !allowed.includes(folder));

/** Runs inside Temporal's deterministic sandbox (workflows/) or is imported by it. */
const SANDBOX_PACKAGES = ['@temporalio/workflow', '@temporalio/common'];
const ABOVE_THE_SERVICES = ['activities', 'workflows', 'payload-app', 'workers', 'tests', 'bench', 'test-system'];
const PAYLOAD_PACKAGES = ['payload', '@payloadcms/*', '@payload-config', 'next'];

const rule = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

/** Folders whose code must be safe in the workflow sandbox: no dynamic imports either. */
const noDynamicImport = {
  'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'No dynamic import() in sandbox-safe code.' }],
};

export const boundaries = [
  {
    files: [`contracts/${SOURCES}`],
    rules: {
      ...noDynamicImport,
      ...rule(
        packagesExcept(['@temporalio/common'], 'contracts/ is pure: it may import only @temporalio/common.'),
        into(except('contracts'), 'contracts/ is pure: it imports nothing from the rest of the project.'),
      ),
    },
  },
  {
    files: [`qa-policy/${SOURCES}`],
    rules: {
      ...noDynamicImport,
      ...rule(
        packagesExcept([], 'qa-policy/ runs inside workflows: pure functions, no packages.'),
        into(except('qa-policy', 'contracts'), 'qa-policy/ runs inside workflows: it may import only contracts/.'),
      ),
    },
  },
  {
    files: [`workflows/${SOURCES}`],
    rules: {
      ...noDynamicImport,
      ...rule(
        packagesExcept(SANDBOX_PACKAGES, 'workflows/ run in the deterministic sandbox: only @temporalio/workflow and @temporalio/common.'),
        into(['activities'], 'workflows/ import activities/ for their types only (`import type`).', { allowTypeImports: true }),
        into(
          except('workflows', 'contracts', 'qa-policy', 'activities'),
          'workflows/ may import only contracts/, qa-policy/ and activity types.',
        ),
      ),
    },
  },
  {
    files: [`activities/${SOURCES}`],
    rules: rule(
      packages(PAYLOAD_PACKAGES, 'activities/ reach Payload only over REST (clients/payload), never in-process.'),
      into(['payload-app'], 'activities/ reach Payload only over REST (clients/payload), never in-process.'),
      into(['workflows'], 'activities/ import nothing from workflows/: shared shapes live in contracts/.'),
      into(['workers', 'local-services', 'tests', 'bench', 'test-system'], 'activities/ import only the layers below them.'),
    ),
  },
  {
    files: [`payload-app/${SOURCES}`],
    ignores: [`payload-app/temporal/${SOURCES}`],
    rules: rule(
      packages(['@temporalio/*'], 'payload-app/ reaches Temporal only through payload-app/temporal/gateway.ts.'),
      { regex: '^(?:\\.\\.?/)+temporal(?:/(?!gateway$)|$)', message: 'Import payload-app/temporal/gateway, not its parts.' },
      into(
        ['workflows', 'activities', 'workers', 'local-services', 'tests', 'bench', 'test-system'],
        'payload-app/ talks to workflows through the gateway only.',
      ),
    ),
  },
  {
    // Where media files live is the storage adapter's business (payload-app/storage/): a path into the media folder
    // would break once they are in a bucket.
    files: [`payload-app/${SOURCES}`],
    ignores: ['payload-app/config.ts', 'payload-app/collections/Media/index.ts', `payload-app/storage/${SOURCES}`],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['MEDIA_DIR', 'staticDir'].map((name) => ({
          selector: `MemberExpression[property.name='${name}']`,
          message: 'Read media files with payload-app/storage/read-media-file.ts: they may be in a bucket, not on disk.',
        })),
      ],
    },
  },
  {
    files: [`payload-app/temporal/${SOURCES}`],
    rules: rule(
      into(['workflows'], 'The gateway imports workflows/ for their types only (`import type`).', { allowTypeImports: true }),
      into(['activities', 'workers', 'local-services', 'tests', 'bench', 'test-system'], 'The gateway talks to Temporal, not to workers.'),
    ),
  },
  {
    // The layers below activities: service clients, stand-ins and the libraries they share.
    files: ['clients', 'local-services', 'image-analysis', 'persona'].map((folder) => `${folder}/${SOURCES}`),
    rules: rule(
      into(ABOVE_THE_SERVICES, 'clients/, local-services/ and the measurement libraries import nothing above them.'),
      packages(
        ['@temporalio/*', ...PAYLOAD_PACKAGES],
        'clients/, local-services/ and the measurement libraries know neither Temporal nor Payload.',
      ),
    ),
  },
  {
    files: [`bench/${SOURCES}`, `test-system/${SOURCES}`],
    rules: rule(into(['tests'], 'Shared test-system code lives in test-system/, not in tests/.')),
  },
];
