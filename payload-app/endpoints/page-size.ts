import { MAX_PAGE_SIZE } from '../../contracts';

const JOIN_LIMIT = /^joins\[[^\]]+\]\[limit\]$/;

/**
 * Caps every page size in a REST query to MAX_PAGE_SIZE: `limit` (where 0 means "everything" to Payload), each join's
 * `joins[…][limit]`, and `pagination=false` (which would drop the limit altogether). Returns whether it changed anything.
 */
export function capPageSize(params: URLSearchParams): boolean {
  let changed = false;
  if (params.has('pagination')) {
    // Whoever turned pagination off wanted everything: they get the largest page.
    if (params.get('pagination') === 'false' && !params.has('limit')) params.set('limit', String(MAX_PAGE_SIZE));
    params.delete('pagination');
    changed = true;
  }
  for (const key of [...new Set(params.keys())]) {
    if (key !== 'limit' && !JOIN_LIMIT.test(key)) continue;
    const requested = Number(params.get(key));
    if (Number.isInteger(requested) && requested >= 1 && requested <= MAX_PAGE_SIZE && params.getAll(key).length === 1) continue;
    params.set(key, String(MAX_PAGE_SIZE));
    changed = true;
  }
  return changed;
}
