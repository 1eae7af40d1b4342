'use client';
import type { DefaultCellComponentProps } from 'payload';
import { StatusBadge } from './StatusBadge';

/** The status column of the gallery-images list. */
export function StatusBadgeCell({ rowData }: DefaultCellComponentProps) {
  return <StatusBadge image={rowData as never} />;
}
