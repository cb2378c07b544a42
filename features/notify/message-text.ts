// Text pieces every message to people shares (digest, alerts, portal incidents): Vietnam time, HTML escaping, shortening.
import { VIETNAM_OFFSET_MS } from '../../core/time.ts';

/** An instant in Vietnam time: "20/10/2020 14:05". */
export function formatDateTime(iso: string): string {
  const t = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  if (Number.isNaN(t.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Shortens to `max` characters with an ellipsis. */
export function truncate(value: string, max: number): string {
  const clean = value.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}
