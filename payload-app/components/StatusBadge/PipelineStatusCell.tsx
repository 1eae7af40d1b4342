'use client';
import type { DefaultCellComponentProps } from 'payload';
import { Badge } from './StatusBadge';

/** The stored pipeline states in the characters list (master ingest, core set, persona sync) as labelled badges. */
export function PipelineStatusCell({ cellData }: DefaultCellComponentProps) {
  return typeof cellData === 'string' && cellData ? <Badge status={cellData} /> : null;
}
