import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Payload } from 'payload';
import { appConfig } from '../config';

export const WORKER_SERVICE_EMAIL = 'worker@service.local';

/**
 * First start: an admin from ADMIN_EMAIL / ADMIN_PASSWORD, or with a generated password printed once.
 * Every start: the worker's service user carries WORKER_API_KEY (so rotating the key is a restart).
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

async function ensureWorkerServiceUser(payload: Payload): Promise<void> {
  const apiKey = appConfig().WORKER_API_KEY;
  if (!apiKey) {
    payload.logger.warn('WORKER_API_KEY is not set: no worker service user, so workflows cannot write results.');
    return;
  }
  const existing = await payload.find({
    collection: 'users',
    where: { email: { equals: WORKER_SERVICE_EMAIL } },
    overrideAccess: true,
    showHiddenFields: true,
    limit: 1,
  });
  const data = { role: 'service' as const, name: 'Temporal worker', enableAPIKey: true, apiKey };
  const user = existing.docs[0] as ({ id: number | string; apiKey?: string | null } | undefined);
  if (!user) {
    await payload.create({
      collection: 'users',
      overrideAccess: true,
      // The service user signs in only with its API key; the password is random and never shown.
      data: { ...data, email: WORKER_SERVICE_EMAIL, password: randomBytes(32).toString('base64url') },
    });
  } else if (user.apiKey !== apiKey) {
    await payload.update({ collection: 'users', id: user.id, overrideAccess: true, data });
  }
}
