'use client';
import type { ItemProgress } from '../pipeline-data/types';
import { formatScore } from '../StatusBadge/status';
import { Badge } from '../StatusBadge/StatusBadge';

const threshold = (value: number | null) => (value !== null ? ` (≥ ${value})` : ' (no threshold)');

/** Live state of each requested image of a running run: one row per angle, or one for a production shot. */
export function AngleTable({ items }: { items: ItemProgress[] }) {
  return (
    <div className="cal-angle-table">
      <table data-testid="angle-table">
        <thead>
          <tr>
            <th>View</th>
            <th>State</th>
            <th>Attempt</th>
            <th>Consistency (threshold)</th>
            <th>Quality</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={item.angle ?? index} data-state={item.state}>
              <td>{item.angle !== undefined ? `${item.angle}°` : 'shot'}</td>
              <td>
                <Badge status={item.state} />
              </td>
              <td>{item.attempt}</td>
              <td>
                {formatScore(item.consistencyScore)}
                {threshold(item.threshold)}
              </td>
              <td>{formatScore(item.qualityScore)}</td>
              <td className="cal-muted cal-angle-table__why">{item.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
