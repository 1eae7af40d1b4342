'use client';
import { GalleryCard } from './GalleryCard';
import { useGalleryImages } from './useGalleryImages';

/** The character's gallery: every generated image as a card, live while its runs generate. */
export function CharacterGalleryClient({ characterId, canReview }: { characterId: string | number; canReview: boolean }) {
  const { images, reload } = useGalleryImages(characterId);
  return (
    <div className="cal-gallery-field">
      <h3>Gallery</h3>
      {images === null ? <p className="cal-muted">Loading the gallery…</p> : null}
      {images?.length === 0 ? <p className="cal-muted">No gallery images yet.</p> : null}
      {images?.length ? (
        <div className="cal-gallery" data-testid="gallery">
          {images.map((image) => (
            <GalleryCard key={image.id} image={image} canReview={canReview} onDecided={() => void reload()} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
