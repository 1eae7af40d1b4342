import { z } from 'zod';

/**
 * A number that may be left unset. Compose files pass an unset variable through as `NAME=` (`${NAME:-}`), so an empty
 * value means unset here, not zero.
 */
export const optionalPositiveNumber = () =>
  z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().positive().optional());
