import type { RobotsTxtFile } from '@crawlee/utils';
import { TagStream, type TagStreamLimits } from './tag-stream.ts';
import { quoteUrl } from '../core/urls.ts';
import { normalizeCrawlUrl, SiteScope } from './urls.ts';

/** Sitemap indexes nest; two levels cover real news sites without chasing loops. */
const MAX_DEPTH = 2;

/** A page a sitemap lists, with what it says about its freshness. */
export interface SitemapPage {
  loc: string;
  /** <lastmod> as written. */
  lastmod?: string;
  /** Google News sitemaps: <news:publication_date> and <news:title>. */
  newsPublishedAt?: string;
  newsTitle?: string;
}

export interface SitemapDiscovery {
  urls: string[];
  /** The same pages with their sitemap dates and news titles (normalised locations). */
  pages: SitemapPage[];
  errors: Array<{ url: string; reason: string }>;
}

export interface SitemapListing {
  /** Page entries (<url>), in document order. */
  pages: SitemapPage[];
  /** Nested sitemaps (<sitemap>) of a sitemap index, with their <lastmod>. */
  sitemaps: SitemapPage[];
  /** Why the listing is empty or partial, worded for the crawl report. */
  problem?: string;
}

/** Fields read from a <url> or <sitemap>, by element name and depth below it (news fields sit in <news:news>). */
const FIELDS: Record<string, { key: keyof SitemapPage; below: number }> = {
  loc: { key: 'loc', below: 1 },
  lastmod: { key: 'lastmod', below: 1 },
  'news:publication_date': { key: 'newsPublishedAt', below: 2 },
  'news:title': { key: 'newsTitle', below: 2 },
};

/**
 * The entries a sitemap lists, read as a stream of tags: a malformed sitemap yields the entries
 * before the fault, deep nesting cannot exhaust the stack, and <loc> is taken only directly
 * inside <url> or <sitemap>.
 */
export function parseSitemap(text: string, limits?: TagStreamLimits): SitemapListing {
  const listing: SitemapListing = { pages: [], sitemaps: [] };
  let isSitemap = false;
  /** The <url> or <sitemap> being read, its fields so far, and the field being read. */
  let parent: { name: string; depth: number; fields: Partial<Record<keyof SitemapPage, string>>; open?: { key: keyof SitemapPage; depth: number } } | undefined;
  const stream = new TagStream(
    {
      onOpen(name, _attributes, depth) {
        if (name === 'urlset' || name === 'sitemapindex') isSitemap = true;
        else if (!parent && (name === 'url' || name === 'sitemap')) parent = { name, depth, fields: {} };
        else if (parent && !parent.open && FIELDS[name] && depth === parent.depth + FIELDS[name].below) {
          parent.open = { key: FIELDS[name].key, depth };
          parent.fields[FIELDS[name].key] = '';
        }
      },
      onText(text) {
        // Only the field's own text: not its siblings' (<lastmod> beside <loc>), nor nested markup.
        if (parent?.open && stream.depth === parent.open.depth) parent.fields[parent.open.key] += text;
      },
      onClose(_name, depth) {
        if (parent?.open && depth === parent.open.depth) parent.open = undefined;
        if (!parent || depth !== parent.depth) return;
        const fields = Object.fromEntries(
          Object.entries(parent.fields)
            .map(([key, value]) => [key, value.trim()])
            .filter(([, value]) => value),
        ) as Partial<SitemapPage>;
        if (fields.loc) (parent.name === 'url' ? listing.pages : listing.sitemaps).push(fields as SitemapPage);
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
 * `wanted` (given a URL and the sitemap's date for it) skips nested sitemaps and pages unchanged
 * since they were last fetched, so an incremental round reads only what is new.
 */
export async function discoverFromSitemaps(
  siteUrl: string,
  robots: RobotsTxtFile,
  fetchSitemap: SitemapFetch,
  limit: number,
  include: string[] = [],
  wanted: (url: string, lastmod?: string) => boolean = () => true,
): Promise<SitemapDiscovery> {
  const scope = new SiteScope([siteUrl], include);
  const declared = robots.getSitemaps().filter((url) => scope.contains(url));
  const pending = (declared.length ? declared : [new URL('/sitemap.xml', siteUrl).href]).map((url) => ({ url, depth: 0 }));
  const seen = new Set<string>();
  const pages = new Map<string, SitemapPage>();
  const errors: SitemapDiscovery['errors'] = [];
  /** The normalised URL of a <loc> within the site; undefined (and an error, if invalid) otherwise. */
  const siteUrlOf = (loc: string, sitemapUrl: string) => {
    const checked = normalizeCrawlUrl(loc);
    if (!checked.ok) errors.push({ url: sitemapUrl, reason: `invalid URL in sitemap: ${quoteUrl(loc)} (${checked.reason})` });
    return checked.ok && scope.contains(checked.url) ? checked.url : undefined;
  };
  while (pending.length && pages.size < limit) {
    const { url, depth } = pending.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    try {
      const response = await fetchSitemap(url);
      if (response.status === 404 && !declared.length) continue; // No sitemap at the usual place: fine.
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      const listing = parseSitemap(response.text);
      if (listing.problem) errors.push({ url, reason: `sitemap: ${listing.problem}` });
      for (const nested of depth < MAX_DEPTH ? listing.sitemaps : []) {
        const loc = siteUrlOf(nested.loc, url);
        if (loc && wanted(loc, nested.lastmod)) pending.push({ url: loc, depth: depth + 1 });
      }
      for (const page of listing.pages) {
        const loc = pages.size < limit ? siteUrlOf(page.loc, url) : undefined;
        if (loc && !pages.has(loc) && wanted(loc, page.lastmod ?? page.newsPublishedAt)) pages.set(loc, { ...page, loc });
      }
    } catch (error) {
      errors.push({ url, reason: `sitemap: ${(error as Error).message}` });
    }
  }
  return { urls: [...pages.keys()], pages: [...pages.values()], errors };
}
