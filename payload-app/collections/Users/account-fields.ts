import type { Field } from 'payload';
import { WORKER_SYSTEM_ACCOUNT } from '../../../contracts';
import { adminWritesField } from '../../access/roles';

export { WORKER_SYSTEM_ACCOUNT };

const nobody = () => false;

/**
 * Payload's own auth fields, narrowed: a person's identity (email) and machine credentials (API key) change only by
 * an admin's hand. Payload merges these over its base fields by name, so validation and hooks stay Payload's; the
 * access given to `apiKey` applies to `enableAPIKey` and the key's index as well (Payload copies it to them).
 * A write without the right is dropped silently, as Payload does for every field-level refusal.
 */
export const adminOnlyAccountFields: Field[] = [
  { name: 'email', type: 'email', required: true, unique: true, access: { create: adminWritesField, update: adminWritesField } },
  { name: 'apiKey', type: 'text', access: { create: adminWritesField, update: adminWritesField } },
];

/**
 * Marks the accounts the system made for itself (the worker). Only the start-up bootstrap writes it (local API with
 * overrideAccess), so an account can never be turned into the worker's by editing it, whatever its email.
 */
export const systemAccountField: Field = {
  name: 'systemAccount',
  type: 'text',
  unique: true,
  index: true,
  access: { create: nobody, update: nobody },
  admin: { readOnly: true, position: 'sidebar', description: 'Set on accounts the system owns (the Temporal worker). Not editable.' },
};
