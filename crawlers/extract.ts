import * as cheerio from 'cheerio';
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { canonicalizeUrl } from './urls.ts';

/** What a news page yields when it is an article. */
export interface ExtractedArticle {
  title: string;
  text: string;
  author?: string;
  /** ISO 8601, as declared by the page. */
  publishedAt?: string;
  /** Absolute canonical URL (the page's own URL when it declares none). */
  canonicalUrl: string;
}

export type PageKind =
  | { kind: 'article'; article: ExtractedArticle }
  | { kind: 'redirect'; target: string }
  | { kind: 'other' };

/** Article bodies shorter than this are teasers or info pages, not articles. */
const MIN_BODY_CHARS = 150;

/** Containers that hold the story text on common Vietnamese and international CMSs. */
const BODY_SELECTORS = [
  '[itemprop="articleBody"]',
  '.article-body',
  '.article-content',
  '.detail-content',
  '.entry-content',
  '.post-content',
  '.content-detail',
  '.fck_detail',
  'article',
  'main',
];

/** Boilerplate inside or around an article: never part of the body text. */
const BOILERPLATE =
  'script, style, noscript, template, iframe, nav, header, footer, aside, form, button, ' +
  '[class*="comment"], [id*="comment"], [class*="related"], [class*="share"], [class*="social"], ' +
  '.ads, .ad, [class*="ads-"], [class*=" ads"], [id^="ads"], [class*="advert"], [class*="quang-cao"], ' +
  '[class*="banner"], [class*="breadcrumb"], ' +
  '[class*="tags"], [class*="sidebar"], [class*="meta"], [class*="author"], .print, h1';

/** Block-level elements whose text forms the paragraphs of the body. */
const BLOCKS = 'p, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td';

interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  author?: string;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle)$/;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function authorName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(authorName).filter(Boolean).join(', ') || undefined;
  if (value && typeof value === 'object' && 'name' in value) return authorName((value as { name: unknown }).name);
  return undefined;
}

/** Reads schema.org article data; tolerant of arrays, @graph and broken JSON (skipped). */
function readJsonLd($: CheerioAPI): JsonLdArticle {
  const found: JsonLdArticle = {};
  $('script[type="application/ld+json"]').each((_, el) => {
    let data: unknown;
    try {
      data = JSON.parse($(el).text());
    } catch {
      return;
    }
    const nodes: unknown[] = Array.isArray(data) ? data : [data];
    for (const node of nodes.flatMap((n) => (n && typeof n === 'object' && '@graph' in n ? (n['@graph'] as unknown[]) : [n]))) {
      if (!node || typeof node !== 'object') continue;
      const record = node as Record<string, unknown>;
      const types = ([] as unknown[]).concat(record['@type'] ?? []);
      if (!types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) continue;
      found.headline ??= typeof record.headline === 'string' ? record.headline : undefined;
      found.datePublished ??= typeof record.datePublished === 'string' ? record.datePublished : undefined;
      found.author ??= authorName(record.author);
    }
  });
  return found;
}

function meta($: CheerioAPI, ...selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = $(selector).first().attr('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

function validDate(value: string | undefined): string | undefined {
  return value && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

/** The meta refresh target, if the page is a redirect stub. */
function refreshTarget($: CheerioAPI, pageUrl: string): string | undefined {
  const content = $('meta[http-equiv]')
    .filter((_, el) => ($(el).attr('http-equiv') ?? '').toLowerCase() === 'refresh')
    .first()
    .attr('content');
  const match = content?.match(/url\s*=\s*['"]?([^'";]+)/i);
  if (!match) return undefined;
  try {
    return new URL(match[1].trim(), pageUrl).href;
  } catch {
    return undefined;
  }
}

/** Picks the element holding the story: a known container, else the one with the most paragraph text. */
function findBodyContainer($: CheerioAPI): Cheerio<Element> | undefined {
  for (const selector of BODY_SELECTORS) {
    const candidate = $(selector).first();
    if (candidate.length && collapse(candidate.text()).length >= MIN_BODY_CHARS) return candidate as Cheerio<Element>;
  }
  let best: Cheerio<Element> | undefined;
  let bestLength = 0;
  $('p').each((_, p) => {
    const parent = $(p).parent();
    const length = parent.children('p').text().length;
    if (length > bestLength) {
      best = parent as unknown as Cheerio<Element>;
      bestLength = length;
    }
  });
  return best;
}

function bodyText($: CheerioAPI, container: Cheerio<AnyNode>): string {
  const clone = $(container.clone() as Cheerio<AnyNode>);
  clone.find(BOILERPLATE).remove();
  const blocks = clone
    .find(BLOCKS)
    // A block nested in another (p inside li or blockquote) would repeat its text.
    .filter((_, el) => $(el).parents(BLOCKS).length === 0)
    .map((_, el) => collapse($(el).text()))
    .get()
    .filter((text) => text.length > 0);
  return blocks.length ? blocks.join('\n\n') : collapse(clone.text());
}

function cleanTitle(raw: string, siteName: string | undefined): string {
  const title = collapse(raw);
  if (siteName && title.endsWith(siteName)) return title.slice(0, -siteName.length).replace(/\s*[|\-–—:]\s*$/, '').trim();
  return title;
}

/**
 * Classifies a fetched HTML page and extracts the article if it is one.
 * An article needs a publication date (JSON-LD, meta tags or <time>) and a body of real length;
 * home, category and info pages have neither and are only followed for links.
 */
export function extractPage(html: string | CheerioAPI, pageUrl: string): PageKind {
  const $ = typeof html === 'string' ? cheerio.load(html) : html;
  const redirect = refreshTarget($, pageUrl);
  if (redirect && redirect !== pageUrl) return { kind: 'redirect', target: redirect };

  const jsonLd = readJsonLd($);
  const publishedAt =
    validDate(jsonLd.datePublished) ??
    validDate(meta($, 'meta[property="article:published_time"]', 'meta[itemprop="datePublished"]', 'meta[name="pubdate"]', 'meta[name="publishdate"]')) ??
    validDate($('article time[datetime], main time[datetime], time[datetime]').first().attr('datetime'));
  const container = findBodyContainer($);
  if (!container) return { kind: 'other' };
  const text = bodyText($, container);
  if (!publishedAt || text.length < MIN_BODY_CHARS) return { kind: 'other' };

  const siteName = meta($, 'meta[property="og:site_name"]');
  const title = collapse(
    jsonLd.headline ?? meta($, 'meta[property="og:title"]') ?? ($('h1').first().text() || cleanTitle($('title').text(), siteName)),
  );
  const author =
    jsonLd.author ??
    meta($, 'meta[name="author"]', 'meta[property="article:author"]') ??
    (collapse($('[itemprop="author"], [rel="author"], .author, .byline').first().text()) || undefined);
  const canonicalHref = $('link[rel="canonical"]').attr('href') ?? meta($, 'meta[property="og:url"]');
  let canonicalUrl = canonicalizeUrl(pageUrl);
  if (canonicalHref) {
    try {
      canonicalUrl = canonicalizeUrl(new URL(canonicalHref, pageUrl).href);
    } catch {
      // A malformed canonical link is ignored; the page URL stands.
    }
  }
  return { kind: 'article', article: { title, text, author, publishedAt, canonicalUrl } };
}
