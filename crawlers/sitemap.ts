import * as cheerio from 'cheerio';
import type { RobotsTxtFile } from '@crawlee/utils';
import { normalizeCrawlUrl, quoteUrl, SiteScope } from './urls.ts';

/** Sitemap indexes nest; two levels cover real news sites without chasing loops. */
const MAX_DEPTH = 2;

export interface SitemapDiscovery {
  urls: string[];
  errors: Array<{ url: string; reason: string }>;
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
      const $ = cheerio.load(response.text, { xml: true });
      if (!$('urlset, sitemapindex').length) throw new Error('not a sitemap (no <urlset> or <sitemapindex>)');
      $('sitemap > loc').each((_, el) => {
        const loc = depth < MAX_DEPTH ? siteUrlOf($(el).text(), url) : undefined;
        if (loc) pending.push({ url: loc, depth: depth + 1 });
      });
      $('url > loc').each((_, el) => {
        const loc = urls.size < limit ? siteUrlOf($(el).text(), url) : undefined;
        if (loc) urls.add(loc);
      });
    } catch (error) {
      errors.push({ url, reason: `sitemap: ${(error as Error).message}` });
    }
  }
  return { urls: [...urls], errors };
}
