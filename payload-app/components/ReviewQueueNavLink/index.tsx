import Link from 'next/link';

export function ReviewQueueNavLink() {
  return (
    <Link href="/admin/review-queue" className="nav__link cal-nav-link" data-testid="review-queue-link">
      Review queue
    </Link>
  );
}
