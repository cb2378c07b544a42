import type { RobotsTxtFile } from '@crawlee/utils';
import { TagStream, type TagStreamLimits } from './tag-stream.ts';
import { quoteUrl } from '../core/urls.ts';
import { normalizeCrawlUrl, SiteScope } from './urls.ts';

/** Sitemap indexes nest; two levels cover real news sites without chasing loops. */
const MAX_DEPTH = 2;

export interface SitemapDiscovery {
  urls: string[];
  errors: Array<{ url: string; reason: string }>;
}

export interface SitemapListing {
  /** Page URLs (<url><loc>), in document order. */
  pages: string[];
  /** Nested sitemaps (<sitemap><loc>) of a sitemap index. */
  sitemaps: string[];
  /** Why the listing is empty or partial, worded for the crawl report. */
  problem?: string;
}

/**
 * The locations a sitemap lists, read as a stream of tags: a malformed sitemap yields the
 * locations before the fault, deep nesting cannot exhaust the stack, and <loc> is taken only
 * directly inside <url> or <sitemap>.
 */
export function parseSitemap(text: string, limits?: TagStreamLimits): SitemapListing {
  const listing: SitemapListing = { pages: [], sitemaps: [] };
  let isSitemap = false;
  /** The <url> or <sitemap> being read, and the text of its <loc> once that opens. */
  let parent: { name: string; depth: number; loc?: string; inLoc?: boolean } | undefined;
  const stream = new TagStream(
    {
      onOpen(name, _attributes, depth) {
        if (name === 'urlset' || name === 'sitemapindex') isSitemap = true;
        else if (!parent && (name === 'url' || name === 'sitemap')) parent = { name, depth };
        else if (parent && name === 'loc' && depth === parent.depth + 1) {
          parent.loc = '';
          parent.inLoc = true;
        }
      },
      onText(text) {
        // Only the <loc>'s own text: not its siblings' (<lastmod>, <news:news>), nor nested markup.
        if (parent?.inLoc && stream.depth === parent.depth + 1) parent.loc += text;
      },
      onClose(name, depth) {
        if (parent?.inLoc && name === 'loc' && depth === parent.depth + 1) parent.inLoc = false;
        if (!parent || depth !== parent.depth) return;
        const loc = parent.loc?.trim();
        if (loc) (parent.name === 'url' ? listing.pages : listing.sitemaps).push(loc);
        parent = undefined;
      },
    },
    limits,
  );
  stream.write(text);
  stream.end();
  if (!isSitemap) listing.problem = 'not a sitemap (no <urlset> or <sitemapindex>)';
  else if (stream.stopped) listing.problem = `${stream.stopped}; kept the ${listing.pages.length + listing.sitemaps.length} locations before`;
  return listing;
}

/**
 * Fetches one sitemap (rate limit included): the news crawler's fetcher, or the portal
 * fetcher that trusts a portal's private CA.
 */
export type SitemapFetch = (url: string) => Promise<{ status: number; text: string }>;

/**
 * Page URLs listed in the site's sitemaps: those named in robots.txt, else /sitemap.xml.
 * Only sitemaps and URLs within the site (its origin, or others its `include` patterns name) are
 * kept; the page budget caps the list. An invalid URL is an error of its sitemap, never a crash.
 */
export async function discoverFromSitemaps(
  siteUrl: string,
  robots: RobotsTxtFile,
  fetchSitemap: SitemapFetch,
  limit: number,
  include: string[] = [],
): Promise<SitemapDiscovery> {
  const scope = new SiteScope([siteUrl], include);
  const declared = robots.getSitemaps().filter((url) => scope.contains(url));
  const pending = (declared.length ? declared : [new URL('/sitemap.xml', siteUrl).href]).map((url) => ({ url, depth: 0 }));
  const seen = new Set<string>();
  const urls = new Set<string>();
  const errors: SitemapDiscovery['errors'] = [];
  /** The normalised URL of a <loc> within the site; undefined (and an error, if invalid) otherwise. */
  const siteUrlOf = (loc: string, sitemapUrl: string) => {
    const checked = normalizeCrawlUrl(loc);
    if (!checked.ok) errors.push({ url: sitemapUrl, reason: `invalid URL in sitemap: ${quoteUrl(loc)} (${checked.reason})` });
    return checked.ok && scope.contains(checked.url) ? checked.url : undefined;
  };
  while (pending.length && urls.size < limit) {
    const { url, depth } = pending.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    try {
      const response = await fetchSitemap(url);
      if (response.status === 404 && !declared.length) continue; // No sitemap at the usual place: fine.
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      const listing = parseSitemap(response.text);
      if (listing.problem) errors.push({ url, reason: `sitemap: ${listing.problem}` });
      for (const raw of depth < MAX_DEPTH ? listing.sitemaps : []) {
        const loc = siteUrlOf(raw, url);
        if (loc) pending.push({ url: loc, depth: depth + 1 });
      }
      for (const raw of listing.pages) {
        const loc = urls.size < limit ? siteUrlOf(raw, url) : undefined;
        if (loc) urls.add(loc);
      }
    } catch (error) {
      errors.push({ url, reason: `sitemap: ${(error as Error).message}` });
    }
  }
  return { urls: [...urls], errors };
}
