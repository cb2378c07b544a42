/** Query parameters that only track campaigns; they never change the page. */
const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|zarsrc|gidzl|_ga)$/i;

/**
 * The form of a URL used as an item's identity: no fragment, no tracking parameters,
 * lowercase host. Two links to the same story map to the same string.
 */
export function canonicalizeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(key)) parsed.searchParams.delete(key);
  }
  return parsed.href;
}

/** Longest URL queued: longer ones are junk or attacks; browsers and servers commonly stop near here. */
export const MAX_URL_LENGTH = 2048;

/** C0 controls, DEL and C1 controls: never part of a real link, typical of corrupted bytes. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Validates and normalises a URL found in a page, feed or sitemap before it is queued: resolved
 * against `base`, http(s) only, no credentials, no control characters, at most MAX_URL_LENGTH
 * characters, fragment dropped (never sent to the server). An accepted URL is WHATWG-serialised,
 * so crawlee's request queue accepts it and normalising it again changes nothing.
 */
export function normalizeCrawlUrl(raw: string, base?: string): UrlCheck {
  const trimmed = raw.trim();
  if (!trimmed) return { ok: false, reason: 'empty URL' };
  if (CONTROL_CHARS.test(trimmed)) return { ok: false, reason: 'control characters in the URL' };
  if (trimmed.length > MAX_URL_LENGTH) return { ok: false, reason: `longer than ${MAX_URL_LENGTH} characters` };
  let parsed: URL;
  try {
    parsed = new URL(trimmed, base);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, reason: 'not an http(s) address' };
  if (parsed.username || parsed.password) return { ok: false, reason: 'carries a user name or password' };
  parsed.hash = '';
  if (parsed.href.length > MAX_URL_LENGTH) return { ok: false, reason: `longer than ${MAX_URL_LENGTH} characters` };
  return { ok: true, url: parsed.href };
}

/**
 * The pages one source may crawl: those on the origin (scheme, host and port) of one of its own
 * URLs, or on another origin that one of the source's `include` patterns names (a pattern that
 * matches that origin's root, e.g. "^https://www\\.baogialai\\.com\\.vn/"). Path-only patterns such
 * as "/thoi-su/" therefore never open the crawl to other sites.
 */
export class SiteScope {
  private readonly origins: Set<string>;
  private readonly include: RegExp[];

  constructor(urls: string[], include: string[] = []) {
    // A site configured as http://host/ that moved to https://host/ (the usual upgrade, default
    // ports only) is still the same site; another port or scheme pair is not.
    this.origins = new Set(
      urls
        .flatMap((url) => originOf(url) ?? [])
        .flatMap((origin) => (origin.match(/^http:\/\/[^:/]+$/) ? [origin, origin.replace(/^http:/, 'https:')] : [origin])),
    );
    this.include = include.map((pattern) => new RegExp(pattern));
  }

  contains(url: string): boolean {
    const origin = originOf(url);
    if (!origin) return false;
    return this.origins.has(origin) || this.include.some((pattern) => pattern.test(`${origin}/`));
  }
}

function originOf(url: string): string | undefined {
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** True when both are valid URLs on the same host (an unparsable URL is never same-site). */
export function sameHost(a: string, b: string): boolean {
  try {
    return new URL(a).hostname.toLowerCase() === new URL(b).hostname.toLowerCase();
  } catch {
    return false;
  }
}

/** A URL passes when it matches some include pattern (if any are given) and no exclude pattern. */
export function passesPatterns(url: string, include: string[], exclude: string[]): boolean {
  if (include.length && !include.some((pattern) => new RegExp(pattern).test(url))) return false;
  return !exclude.some((pattern) => new RegExp(pattern).test(url));
}

/** Links to files that are never article pages (styles, media, documents, feeds). */
const ASSET_EXTENSION =
  /\.(css|js|mjs|png|jpe?g|gif|svg|webp|avif|ico|bmp|pdf|zip|rar|7z|gz|docx?|xlsx?|pptx?|mp[34]|m4a|avi|mov|webm|woff2?|ttf|eot|xml|rss|atom|json)$/i;

export function isAssetUrl(url: string): boolean {
  return ASSET_EXTENSION.test(new URL(url).pathname);
}
