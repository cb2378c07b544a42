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
const ASSET_EXTENSION = /\.(css|js|mjs|png|jpe?g|gif|svg|webp|avif|ico|bmp|pdf|zip|rar|7z|gz|docx?|xlsx?|pptx?|mp[34]|m4a|avi|mov|webm|woff2?|ttf|eot|xml|rss|atom|json)$/i;

export function isAssetUrl(url: string): boolean {
  return ASSET_EXTENSION.test(new URL(url).pathname);
}
