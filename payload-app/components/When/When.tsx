'use client';
import { formatTimeToNow, useTranslation } from '@payloadcms/ui';

/** "3 minutes ago", with the exact time on hover; the server's render may differ by seconds, hence no warning. */
export function When({ date }: { date: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!date) return null;
  return (
    <time dateTime={date} title={new Date(date).toLocaleString()} suppressHydrationWarning>
      {formatTimeToNow({ date, i18n })} ago
    </time>
  );
}
