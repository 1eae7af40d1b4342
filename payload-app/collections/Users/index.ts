import type { CollectionConfig } from 'payload';
import { adminOnly, adminWritesField, hasRole, ROLES } from '../../access/roles';
import { adminOnlyAccountFields, systemAccountField } from './account-fields';
import { appConfig, publicAddress } from '../../config';
import { loginAttemptLimit } from '../../database/adapter';

export const Users: CollectionConfig = {
  slug: 'users',
  admin: { useAsTitle: 'email', defaultColumns: ['email', 'name', 'role'], group: 'Admin' },
  // API keys are for service users (the worker); people sign in with email and password.
  auth: {
    useAPIKey: true,
    tokenExpiration: 60 * 60 * 8,
    ...loginAttemptLimit(appConfig()),
    // Lax: sent when people follow a link to the admin, never with another site's form posts or scripts.
    cookies: { sameSite: 'Lax', secure: publicAddress().secureCookies },
  },
  access: {
    read: ({ req }) => {
      if (!req.user) return false;
      if (hasRole(req.user, 'admin')) return true;
      return { id: { equals: req.user.id } };
    },
    create: adminOnly,
    update: ({ req }) => {
      if (!req.user) return false;
      if (hasRole(req.user, 'admin')) return true;
      return { id: { equals: req.user.id } };
    },
    delete: adminOnly,
    // Payload lets any signed-in user unlock any locked account by default.
    unlock: adminOnly,
    // Editors, reviewers and viewers use the admin UI; the worker only uses the REST API.
    admin: ({ req }) => hasRole(req.user, 'admin', 'editor', 'reviewer', 'viewer'),
  },
  fields: [
    { name: 'name', type: 'text' },
    ...adminOnlyAccountFields,
    systemAccountField,
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'viewer',
      saveToJWT: true,
      options: ROLES.map((role) => ({ label: role[0]!.toUpperCase() + role.slice(1), value: role })),
      access: { create: adminWritesField, update: adminWritesField },
      admin: {
        description:
          'Admin: everything. Editor: create characters and start generation. Reviewer: approve, retry or reject flagged images. Viewer: read only. Service: the worker (API key).',
      },
    },
  ],
};
