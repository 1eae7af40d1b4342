/**
 * Payload's REST API reads nested query objects in `qs` bracket notation, e.g.
 * where[character][equals]=12&where[kind][in][0]=core. Small enough to write than to depend on.
 */
export function toQueryString(params: Record<string, unknown>): string {
  const parts: string[] = [];
  const visit = (prefix: string, value: unknown) => {
    if (value === undefined) return;
    if (value === null) {
      parts.push(`${encodeURIComponent(prefix)}=null`);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(`${prefix}[${index}]`, item));
    } else if (typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) visit(`${prefix}[${key}]`, child);
    } else {
      const text = value instanceof Date ? value.toISOString() : String(value);
      parts.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(text)}`);
    }
  };
  for (const [key, value] of Object.entries(params)) visit(key, value);
  return parts.join('&');
}
