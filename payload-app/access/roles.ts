import type { Access, FieldAccess, PayloadRequest } from 'payload';

export const ROLES = ['admin', 'editor', 'reviewer', 'viewer', 'service'] as const;
export type Role = (typeof ROLES)[number];

type MaybeUser = PayloadRequest['user'];

export function roleOf(user: MaybeUser): Role | undefined {
  const role = (user as { role?: unknown } | null | undefined)?.role;
  return ROLES.includes(role as Role) ? (role as Role) : undefined;
}

export function hasRole(user: MaybeUser, ...roles: Role[]): boolean {
  const role = roleOf(user);
  return role !== undefined && roles.includes(role);
}

/** Any signed-in human or the worker: there are no anonymous reads of library data. */
export const authenticated: Access = ({ req }) => Boolean(req.user);
export const adminOnly: Access = ({ req }) => hasRole(req.user, 'admin');
/** Editors create characters and start generation. */
export const editors: Access = ({ req }) => hasRole(req.user, 'admin', 'editor');
/** Editors, plus the worker which records pipeline state. */
export const editorsOrService: Access = ({ req }) => hasRole(req.user, 'admin', 'editor', 'service');
export const service: Access = ({ req }) => hasRole(req.user, 'service');
export const reviewers: Access = ({ req }) => hasRole(req.user, 'admin', 'reviewer');

/** Pipeline fields are written by the worker only; people see them read-only. */
export const serviceWritesField: FieldAccess = ({ req }) => hasRole(req.user, 'service');
export const adminWritesField: FieldAccess = ({ req }) => hasRole(req.user, 'admin');
