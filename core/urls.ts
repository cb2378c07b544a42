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

/** A rejected URL as shown in an error reason (crawler and ingest alike): its start, with invisible characters made visible. */
export function quoteUrl(raw: string, max = 100): string {
  const head = raw.length > max ? `${raw.slice(0, max)}…` : raw;
  return JSON.stringify(head).replace(/[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
