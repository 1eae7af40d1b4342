import type { CollectionBeforeValidateHook } from 'payload';

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** `characterId` is the stable slug used in workflow ids; derived from the name when left empty. */
export const deriveCharacterId: CollectionBeforeValidateHook = ({ data, originalDoc }) => {
  if (!data) return data;
  const current = data.characterId ?? originalDoc?.characterId;
  if (!current && typeof data.name === 'string') {
    data.characterId = slugify(data.name);
  } else if (typeof data.characterId === 'string') {
    data.characterId = slugify(data.characterId);
  }
  return data;
};
