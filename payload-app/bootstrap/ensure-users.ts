import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Payload } from 'payload';
import { appConfig } from '../config';
import { WORKER_PREVIOUS_KEY_SYSTEM_ACCOUNT, WORKER_SYSTEM_ACCOUNT } from '../../contracts';

export const WORKER_SERVICE_EMAIL = 'worker@service.local';
export const WORKER_PREVIOUS_KEY_EMAIL = 'worker-previous-key@service.local';

/**
 * First start: an admin from ADMIN_EMAIL / ADMIN_PASSWORD, or with a generated password printed once.
 * Every start: the worker's system-owned service user carries WORKER_API_KEY, and during a key rotation a second one
 * carries WORKER_API_KEY_PREVIOUS (README, "Rotating the worker's API key").
 */
export async function ensureUsers(payload: Payload): Promise<void> {
  await ensureAdmin(payload);
  await ensureWorkerServiceUsers(payload);
}

async function ensureAdmin(payload: Payload): Promise<void> {
  const config = appConfig();
  const admins = await payload.count({ collection: 'users', where: { role: { equals: 'admin' } }, overrideAccess: true });
  if (admins.totalDocs > 0) return;
  const password = config.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  await payload.create({
    collection: 'users',
    overrideAccess: true,
    data: { email: config.ADMIN_EMAIL, password, role: 'admin', name: 'Administrator' },
  });
  const shown = config.ADMIN_PASSWORD ? '(the ADMIN_PASSWORD you set)' : password;
  const notice = [
    '',
    '┌─────────────────────────────────────────────────────────────',
    '│ First admin user created',
    `│   email:    ${config.ADMIN_EMAIL}`,
    `│   password: ${shown}`,
    '│ This password is shown only now. Change it in the admin (Users).',
    '└─────────────────────────────────────────────────────────────',
    '',
  ].join('\n');
  // Shown once and kept nowhere: `npm start` prints this file and deletes it, so the password never sits in a log.
  const noticeFile = process.env.FIRST_ADMIN_NOTICE_FILE;
  if (noticeFile) await writeFile(noticeFile, notice, { mode: 0o600 });
  else console.log(notice);
}

/**
 * The worker's accounts belong to the system: each is found by its `systemAccount` mark, never by email, because a
 * person can hold any address. When an account other than the system's already has a worker address it is left
 * alone (never promoted to `service` nor given a key) and the problem is logged for an admin.
 *
 * Two accounts, so that a key rotation never leaves a running worker without a valid key: `WORKER_API_KEY` is on the
 * worker account, and during a rotation `WORKER_API_KEY_PREVIOUS` on a second one; once the app starts without the
 * previous key, that second account is disabled and the old key stops working.
 */
async function ensureWorkerServiceUsers(payload: Payload): Promise<void> {
  const { WORKER_API_KEY, WORKER_API_KEY_PREVIOUS } = appConfig();
  if (!WORKER_API_KEY) {
    payload.logger.warn('WORKER_API_KEY is not set: no worker service user, so workflows cannot write results.');
    return;
  }
  await ensureWorkerAccount(payload, WORKER_SYSTEM_ACCOUNT, WORKER_SERVICE_EMAIL, WORKER_API_KEY);
  if (WORKER_API_KEY_PREVIOUS) {
    await ensureWorkerAccount(payload, WORKER_PREVIOUS_KEY_SYSTEM_ACCOUNT, WORKER_PREVIOUS_KEY_EMAIL, WORKER_API_KEY_PREVIOUS);
  } else {
    await retireWorkerAccount(payload, WORKER_PREVIOUS_KEY_SYSTEM_ACCOUNT);
  }
}

async function findSystemAccount(payload: Payload, mark: string) {
  const owned = await payload.find({
    collection: 'users',
    where: { systemAccount: { equals: mark } },
    overrideAccess: true,
    showHiddenFields: true,
    limit: 1,
  });
  return owned.docs[0];
}

async function ensureWorkerAccount(payload: Payload, mark: string, email: string, apiKey: string): Promise<void> {
  const data = {
    role: 'service' as const,
    name: mark === WORKER_SYSTEM_ACCOUNT ? 'Temporal worker' : 'Temporal worker (previous key)',
    enableAPIKey: true,
    apiKey,
  };
  const user = await findSystemAccount(payload, mark);
  if (user) {
    if (user.apiKey !== apiKey || user.role !== 'service' || !user.enableAPIKey) {
      await payload.update({ collection: 'users', id: user.id, overrideAccess: true, data });
    }
    return;
  }
  const squatter = await payload.count({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true });
  if (squatter.totalDocs > 0) {
    payload.logger.error(
      `An account that the system did not create holds ${email}; it is not made the worker's service user. ` +
        'An admin should delete or rename it and restart the app, which then creates the worker account.',
    );
    return;
  }
  await payload.create({
    collection: 'users',
    overrideAccess: true,
    // The service user signs in only with its API key; the password is random and never shown.
    data: { ...data, email, systemAccount: mark, password: randomBytes(32).toString('base64url') },
  });
}

/** The rotation is over: the previous key stops working (replaced by a random one nobody holds, and disabled). */
async function retireWorkerAccount(payload: Payload, mark: string): Promise<void> {
  const user = await findSystemAccount(payload, mark);
  if (!user?.enableAPIKey) return;
  await payload.update({
    collection: 'users',
    id: user.id,
    overrideAccess: true,
    data: { enableAPIKey: false, apiKey: randomBytes(32).toString('hex') },
  });
  payload.logger.info('The previous worker key is retired: its account is disabled.');
}
