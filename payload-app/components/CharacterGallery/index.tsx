import type { UIFieldServerProps } from 'payload';
import { hasRole } from '../../access/roles';
import { CharacterGalleryClient } from './CharacterGallery.client';

export function CharacterGallery({ id, user }: UIFieldServerProps) {
  if (id === undefined || id === null) return null;
  return <CharacterGalleryClient characterId={id} canReview={hasRole(user as never, 'admin', 'reviewer')} />;
}
