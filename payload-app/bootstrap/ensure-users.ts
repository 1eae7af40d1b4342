import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Payload } from 'payload';
import { appConfig } from '../config';
import { WORKER_SYSTEM_ACCOUNT } from '../collections/Users/account-fields';

export const WORKER_SERVICE_EMAIL = 'worker@service.local';

/**
 * First start: an admin from ADMIN_EMAIL / ADMIN_PASSWORD, or with a generated password printed once.
 * Every start: the worker's system-owned service user carries WORKER_API_KEY (so rotating the key is a restart).
 */
export async function ensureUsers(payload: Payload): Promise<void> {
  await ensureAdmin(payload);
  await ensureWorkerServiceUser(payload);
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
 * The worker's account belongs to the system: it is found by its `systemAccount` mark, never by email, because a
 * person can hold any address. When an account other than the system's already has the worker's address it is left
 * alone (never promoted to `service` nor given the key) and the problem is logged for an admin.
 */
async function ensureWorkerServiceUser(payload: Payload): Promise<void> {
  const apiKey = appConfig().WORKER_API_KEY;
  if (!apiKey) {
    payload.logger.warn('WORKER_API_KEY is not set: no worker service user, so workflows cannot write results.');
    return;
  }
  const owned = await payload.find({
    collection: 'users',
    where: { systemAccount: { equals: WORKER_SYSTEM_ACCOUNT } },
    overrideAccess: true,
    showHiddenFields: true,
    limit: 1,
  });
  const data = { role: 'service' as const, name: 'Temporal worker', enableAPIKey: true, apiKey };
  const user = owned.docs[0];
  if (user) {
    if (user.apiKey !== apiKey || user.role !== 'service' || !user.enableAPIKey) {
      await payload.update({ collection: 'users', id: user.id, overrideAccess: true, data });
    }
    return;
  }
  const squatter = await payload.count({ collection: 'users', where: { email: { equals: WORKER_SERVICE_EMAIL } }, overrideAccess: true });
  if (squatter.totalDocs > 0) {
    payload.logger.error(
      `An account that the system did not create holds ${WORKER_SERVICE_EMAIL}; it is not made the worker's service user. ` +
        'An admin should delete or rename it and restart the app, which then creates the worker account.',
    );
    return;
  }
  await payload.create({
    collection: 'users',
    overrideAccess: true,
    // The service user signs in only with its API key; the password is random and never shown.
    data: { ...data, email: WORKER_SERVICE_EMAIL, systemAccount: WORKER_SYSTEM_ACCOUNT, password: randomBytes(32).toString('base64url') },
  });
}
