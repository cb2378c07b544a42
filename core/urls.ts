/**
 * The value as an absolute http(s) URL, or null. Items, responses and alerts only ever store or
 * render such links: a crawled `javascript:` or `data:` link would run script wherever it is
 * shown (digest, alerts, exports, dashboard).
 */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The start of an unusable link, for error messages (never the whole, possibly huge, value). */
export function describeLink(value: unknown): string {
  const text = String(value ?? '');
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
