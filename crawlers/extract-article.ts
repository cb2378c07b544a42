import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { decodeHTML } from 'entities';
import { extractMainText, renderParagraphs } from './extraction/main-text.ts';
import { edgeMayFall, hasEdgeCandidate, readabilityParagraphs, trimEdges } from './extraction/second-opinion.ts';
import {
  ARTICLE_TYPES,
  EDGE_CONTAINER_MAX_CHARS,
  HEAD_TAGS,
  LISTING_PATHS,
  ARCHIVED_ENTRY,
  STORY_ID_QUERY,
  MAX_FALLBACK_CHARS,
  PRINTED_DATE,
  RUNAWAY_TITLE_CHARS,
  RUNAWAY_TITLE_MARKUP,
  SKIP_TAGS,
  STORY_FILE,
  STORY_SLUG,
  STREAM_CALL,
  URL_DATE,
} from './extraction/rules.ts';
import { collectFacts, textAfter, textOrUndefined, type PageFacts } from './extraction/facts.ts';
import { collapse, isElement, tagOf, textOf, type HtmlNode } from './extraction/tree.ts';
import { canonicalizeUrl } from './urls.ts';

/** What a news page yields when it is an article. */
export interface ExtractedArticle {
  title: string;
  text: string;
  author?: string;
  /** ISO 8601, as declared by the page (its time zone kept). */
  publishedAt?: string;
  /** Absolute canonical URL (the page's own URL when it declares none). */
  canonicalUrl: string;
}

export type PageKind = { kind: 'article'; article: ExtractedArticle } | { kind: 'redirect'; target: string } | { kind: 'other'; reason: string };

interface JsonLdArticle {
  isArticle: boolean;
  headline?: string;
  datePublished?: string;
  author?: string;
  articleBody?: string;
}

/** A story list or menu, not running text: most of the container's text is link text. */
const MAX_LINK_DENSITY = 0.5;
/**
 * Without any article markup, running text of this length (in real paragraphs) makes an article;
 * so does a dated page with this much text in short lines (verse, lyrics, a recipe's steps).
 */
const MIN_UNMARKED_CHARS = 400;
/** A paragraph counts as prose from this length. */
const PROSE_PARAGRAPH_CHARS = 80;
/** Below this, even a marked-up article page has no story text to keep. */
const MIN_MARKED_CHARS = 30;
/** Below this much text, Readability is asked too; its text is taken when it finds this many times more. */
const SECOND_OPINION_CHARS = 500;
const SECOND_OPINION_GAIN = 2;
/** Readability's own `charThreshold`: below this much text it reads the page again with fewer flags. */
const READABILITY_CHAR_THRESHOLD = 500;
/** Readability slows down quadratically on pathological nesting; real pages stay far below this depth. */
const SECOND_OPINION_MAX_DEPTH = 400;
/** JSON-LD articleBody replaces the extracted text when ours holds less than this share of it. */
const ARTICLE_BODY_SHARE = 0.6;
const MIN_ARTICLE_BODY_CHARS = 200;

const textLength = (paragraphs: string[]) => paragraphs.reduce((sum, p) => sum + p.length, 0);

function authorName(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return value.map(authorName).filter(Boolean).join(', ') || undefined;
  if (value && typeof value === 'object' && 'name' in value) return authorName((value as { name: unknown }).name);
  return undefined;
}

function jsonLdNodes(data: unknown): Array<Record<string, unknown>> {
  const nodes: Array<Record<string, unknown>> = [];
  const queue: unknown[] = [data];
  while (queue.length) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.push(...item);
    else if (item && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      nodes.push(record);
      if (record['@graph']) queue.push(record['@graph']);
      if (record.mainEntity) queue.push(record.mainEntity);
    }
  }
  return nodes;
}

/** Reads schema.org article data; tolerant of arrays, @graph and broken JSON (skipped). */
function readJsonLd(blocks: string[]): JsonLdArticle {
  const found: JsonLdArticle = { isArticle: false };
  for (const block of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(block);
    } catch {
      continue;
    }
    for (const record of jsonLdNodes(data)) {
      const types = ([] as unknown[]).concat(record['@type'] ?? []);
      if (!types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) continue;
      found.isArticle = true;
      found.headline ??= typeof record.headline === 'string' ? record.headline : undefined;
      found.datePublished ??= typeof record.datePublished === 'string' ? record.datePublished : undefined;
      found.author ??= authorName(record.author);
      found.articleBody ??= typeof record.articleBody === 'string' ? record.articleBody : undefined;
    }
  }
  return found;
}

type MetaTags = PageFacts['meta'];

function meta(tags: MetaTags, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = tags.get(key);
    if (value) return value;
  }
  return undefined;
}

function validDate(value: string | undefined): string | undefined {
  return value && !Number.isNaN(Date.parse(value)) ? value.trim() : undefined;
}

/** The meta refresh target, if the page is a redirect stub. */
function refreshTarget(tags: MetaTags, pageUrl: string): string | undefined {
  const match = tags.get('http-equiv:refresh')?.match(/url\s*=\s*['"]?([^'";]+)/i);
  if (!match) return undefined;
  try {
    return new URL(match[1].trim(), pageUrl).href;
  } catch {
    return undefined;
  }
}

function cleanTitle(raw: string, siteName: string | undefined): string {
  const title = collapse(raw);
  if (siteName && title.endsWith(siteName))
    return title
      .slice(0, -siteName.length)
      .replace(/\s*[|\-–—:]\s*$/, '')
      .trim();
  return title;
}

function publishedTime(facts: PageFacts, jsonLd: JsonLdArticle): string | undefined {
  return (
    validDate(jsonLd.datePublished) ??
    validDate(
      meta(
        facts.meta,
        'property:article:published_time',
        'itemprop:datepublished',
        'name:pubdate',
        'name:publishdate',
        'name:publish-date',
        'property:og:published_time',
        'name:dc.date.issued',
        'name:dcterms.date',
        'name:date',
      ),
    ) ??
    validDate(facts.datetime)
  );
}

/** A URL is not an author; names over a line long are captions, not bylines. */
function plausibleAuthor(value: string | undefined): string | undefined {
  const name = value ? collapse(value) : undefined;
  return name && !/^https?:\/\//i.test(name) && name.length <= 100 ? name : undefined;
}

function authorOf(facts: PageFacts, jsonLd: JsonLdArticle): string | undefined {
  return (
    plausibleAuthor(jsonLd.author) ??
    plausibleAuthor(meta(facts.meta, 'name:author', 'property:article:author')) ??
    plausibleAuthor(textOrUndefined(facts.authorElement))
  );
}

function canonicalOf(facts: PageFacts, pageUrl: string): string {
  const canonicalHref = facts.canonicalHref ?? meta(facts.meta, 'property:og:url');
  if (canonicalHref) {
    try {
      return canonicalizeUrl(new URL(canonicalHref, pageUrl).href);
    } catch {
      // A malformed canonical link is ignored; the page URL stands.
    }
  }
  return canonicalizeUrl(pageUrl);
}

const ogArticle = (facts: PageFacts) => meta(facts.meta, 'property:og:type')?.toLowerCase() === 'article';

/** Article markup: schema.org article data, og:type=article, an articleBody, or an <article> with a headline. */
function hasArticleMarkup(facts: PageFacts, jsonLd: JsonLdArticle): boolean {
  return jsonLd.isArticle || ogArticle(facts) || facts.hasArticleBody || facts.articleWithHeadline;
}

/**
 * One story on the page by its markup: a single `<article>`, holding the headline, on a page typed
 * as an article (og:type or itemprop=articleBody). A link roundup post is such a page however
 * link-dense its text; listings hold several `<article>` teasers, or none.
 */
function singleStory(facts: PageFacts): boolean {
  return facts.articles === 1 && facts.articleWithHeadline && (ogArticle(facts) || facts.hasArticleBody);
}

/** A date printed right after the page's headline or on the line above it, as blogs and small news sites show it without markup. */
function datedHeadline(facts: PageFacts): boolean {
  const h1 = facts.firstH1;
  return h1 !== undefined && (PRINTED_DATE.test(textAfter(h1)) || PRINTED_DATE.test(datelineAbove(h1)));
}

/** A dateline is a short line; a longer block above the headline is something else (a teaser, a menu). */
const MAX_DATELINE_CHARS = 200;

/**
 * The line right above the headline (its previous element sibling), where many CMSs print the
 * date ("14.06.2019 (ch)"). A site's top bar with today's date sits in the page header, not
 * beside the headline, so it never counts.
 */
function datelineAbove(h1: HtmlNode): string {
  let previous: HtmlNode | undefined;
  for (const sibling of h1.parent?.children ?? []) {
    if (sibling === h1) break;
    if (isElement(sibling) && !SKIP_TAGS.has(tagOf(sibling))) previous = sibling;
  }
  const text = previous ? (textOrUndefined(previous) ?? '') : '';
  return text.length <= MAX_DATELINE_CHARS ? text : '';
}

function datedUrl(pageUrl: string): boolean {
  try {
    return URL_DATE.test(new URL(pageUrl).pathname);
  } catch {
    return false;
  }
}

/**
 * A page that says it is one story outweighs a listing word in its URL (`/archive/`, `/topics/`,
 * `/page/`): schema.org article data or og:type=article whose title is the page's own headline, or a
 * dated permalink with a slug (`/archives/2025/12/16/vibe_coding.html`; a date archive has no slug).
 * Article markup alone is not enough there: home and category pages carry it site-wide (og:type=article
 * on a product site's home, a blog home's JSON-LD BlogPosting headlined "Home", a topic page's og:title
 * of the topic with no headline on the page; twenty-fifth pass).
 */
function declaredStory(facts: PageFacts, jsonLd: JsonLdArticle, pageUrl: string): boolean {
  const declaredTitle = jsonLd.isArticle ? jsonLd.headline : ogArticle(facts) ? meta(facts.meta, 'property:og:title') : undefined;
  return namesHeadline(declaredTitle, textOrUndefined(facts.firstH1)) || datedUrl(pageUrl);
}

/**
 * The declared title and the page's first h1 name the same story: one begins the other, as an h1
 * cut short or a title followed by the site's name (`History of coffee | Origin, … | Britannica`).
 */
function namesHeadline(declared: string | undefined, h1: string | undefined): boolean {
  if (!declared || !h1) return false;
  const [a, b] = [collapse(declared).toLowerCase(), collapse(h1).toLowerCase()];
  return a !== '' && b !== '' && (a.startsWith(b) || b.startsWith(a));
}

function isListingUrl(pageUrl: string): boolean {
  try {
    const url = new URL(pageUrl);
    // A page number beside a story's id is a page of that story, not of results.
    const search = STORY_ID_QUERY.test(url.search) ? url.search.replace(/([?&])page=\d+(&|$)/gi, '$1') : url.search;
    if (!LISTING_PATHS.test(url.pathname + search) || ARCHIVED_ENTRY.test(url.pathname)) return false;
    // A slug or a story's file names one page unless the query asks for a search or a page of results.
    const resultsQuery = search !== '' && LISTING_PATHS.test(search);
    return resultsQuery || !(STORY_SLUG.test(url.pathname) || STORY_FILE.test(url.pathname));
  } catch {
    return false;
  }
}

const MARKUP = /<\/?[a-z][^>]*>/i;

/**
 * JSON-LD articleBody as text: some CMSs put the body's HTML there, some entity-encoded
 * (`&lt;p&gt;`); either is rendered to paragraphs as the page's own markup would be.
 */
function articleBodyText(articleBody: string): string {
  const html = !MARKUP.test(articleBody) && /&lt;\/?[a-z]/i.test(articleBody) ? decodeHTML(articleBody) : articleBody;
  if (!MARKUP.test(html)) return html.replace(/[ \t]+/g, ' ').trim();
  return renderParagraphs(parseHtml(html).root()[0] as HtmlNode).join('\n\n');
}

/** The story text: the extracted paragraphs, or JSON-LD articleBody when ours clearly missed part of it. */
function storyText(paragraphs: string[], articleBody: string | undefined): string {
  const text = paragraphs.join('\n\n');
  const body = articleBody ? articleBodyText(articleBody) : '';
  if (body.length >= MIN_ARTICLE_BODY_CHARS && text.length < ARTICLE_BODY_SHARE * body.length) return body;
  return text;
}

/**
 * A stray `</body>` or `</html>` before the page's content (a theme's header template closing the
 * page): browsers go on building <body>, htmlparser2 closes it and puts what follows beside it, where
 * the story would be out of reach. What follows <body> is moved back into it, as a browser does.
 */
function reopenBody($: CheerioAPI, first: HtmlNode | undefined): void {
  if (!first || !first.parent || tagOf(first.parent) !== 'html') return;
  const body = $(first as never);
  const html = body.parent('html');
  const strays = [...body.nextAll().toArray(), ...html.nextAll().toArray()].filter((node) => tagOf(node as HtmlNode) !== 'head');
  if (strays.length) body.append(strays);
}

/**
 * A `<head>` never closed on a page without `<body>` (`<head><title>…</title><table>…`, old CMS
 * templates): a browser ends the head at the first element that cannot be in it, or at the first
 * text, and builds the body from there; htmlparser2 keeps the whole page inside `<head>`, which is
 * never read. The head's contents from that point on are moved into a new `<body>` after it.
 */
function reopenHead($: CheerioAPI, marks: PageMarks): void {
  if (marks.body || !marks.head) return;
  const head = $(marks.head as never);
  const children = head.contents().toArray();
  const start = children.findIndex((child) => {
    const node = child as HtmlNode;
    return isElement(node) ? !HEAD_TAGS.has(tagOf(node)) : node.type === 'text' && /\S/.test(node.data ?? '');
  });
  if (start < 0) return;
  const body = $('<body></body>');
  head.after(body);
  body.append(children.slice(start));
  marks.body = body[0] as unknown as HtmlNode;
}

/**
 * A `<title>` never closed (damaged copies: `<title>News<script …`, `</titleval`): htmlparser2, like a
 * browser, reads the rest of the page as the title's text, and the page has no body. When the title is
 * longer than any title and holds page markup (RUNAWAY_TITLE_* in rules.ts), it ends where the markup
 * begins, and the rest is parsed as the page it is, after the title. Returns whether it did.
 */
function reopenTitle($: CheerioAPI, title: HtmlNode | undefined): boolean {
  const text = title?.children?.length === 1 && title.children[0].type === 'text' ? (title.children[0].data ?? '') : '';
  if (text.length < RUNAWAY_TITLE_CHARS) return false;
  const cut = text.search(RUNAWAY_TITLE_MARKUP);
  if (cut < 0) return false;
  const rest = parseHtml(text.slice(cut)).root().contents();
  $(title as never)
    .text(text.slice(0, cut))
    .after(rest);
  return true;
}

/** What the repairs above and below look for, found in one walk (each `$(selector)` walks the whole page). */
interface PageMarks {
  body?: HtmlNode;
  head?: HtmlNode;
  /** The first `<title>` (`reopenTitle`). */
  title?: HtmlNode;
  /** A `div[hidden][id^="S:"]`: a streamed part (`revealStreamedParts`). */
  streamed: boolean;
}

function pageMarks(root: HtmlNode): PageMarks {
  const marks: PageMarks = { streamed: false };
  const stack: HtmlNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isElement(node)) {
      const tag = tagOf(node);
      if (tag === 'body') marks.body ??= node;
      else if (tag === 'head') marks.head ??= node;
      else if (tag === 'title') marks.title ??= node;
      else if (tag === 'div' && node.attribs?.hidden !== undefined && node.attribs.id?.startsWith('S:')) marks.streamed = true;
    }
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return marks;
}

/**
 * React's streamed server rendering (Next.js and others): the page first sends a placeholder for each
 * part still loading — `<template id="B:0"></template>` and a loading skeleton ("Loading paragraph...")
 * between `<!--$?-->` and `<!--/$-->`, or `<template id="P:1">` inside a part — and later the part itself
 * as `<div hidden id="S:0">…</div>` at the end of the body, which a script (`$RC("B:0","S:0")`,
 * `$RS("S:1","P:1")`) moves into the placeholder. Without the script the story is hidden and the reader
 * gets the skeleton. Each part is moved where its script would put it (paired by the script's call, or
 * by number when the page was saved without scripts) and the skeleton is dropped.
 */
function revealStreamedParts($: CheerioAPI): void {
  const parts = $('div[hidden][id^="S:"]').toArray();
  if (!parts.length) return;
  const placeholders = new Map(
    $('template[id]')
      .toArray()
      .map((node) => [node.attribs.id, node] as const),
  );
  const target = new Map<string, string>();
  for (const script of $('script').toArray()) {
    for (const [, a, b] of $(script).text().matchAll(STREAM_CALL)) {
      if (a.startsWith('S:')) target.set(a, b);
      else target.set(b, a);
    }
  }
  for (const part of parts) {
    const id = part.attribs.id;
    const number = id.slice(2);
    const placeholder = placeholders.get(target.get(id) ?? '') ?? placeholders.get(`B:${number}`) ?? placeholders.get(`P:${number}`);
    if (!placeholder) continue;
    if (placeholder.attribs.id.startsWith('B:')) for (const node of fallbackOf(placeholder as unknown as HtmlNode)) $(node as never).remove();
    $(placeholder).replaceWith($(part).contents());
    $(part).remove();
  }
}

/** The loading skeleton after a boundary's template: up to `<!--/$-->`, or (comments stripped) one short element. */
function fallbackOf(template: HtmlNode): HtmlNode[] {
  const siblings = template.parent?.children ?? [];
  const start = siblings.indexOf(template);
  const before = siblings[start - 1];
  if (before?.type === 'comment' && before.data === '$?') {
    const drop: HtmlNode[] = [];
    let depth = 0;
    for (const node of siblings.slice(start + 1)) {
      if (node.type === 'comment' && /^\$[?!]?$/.test(node.data ?? '')) depth++;
      else if (node.type === 'comment' && node.data === '/$' && depth-- === 0) break;
      drop.push(node);
    }
    return drop;
  }
  const next = siblings.slice(start + 1).find((node) => node.type !== 'text' || /\S/.test(node.data ?? ''));
  return next && isElement(next) && tagOf(next) !== 'template' && textOf(next).length <= MAX_FALLBACK_CHARS ? [next] : [];
}

function classify(html: string | CheerioAPI, pageUrl: string): PageKind {
  const $ = typeof html === 'string' ? parseHtml(html) : html;
  let marks = pageMarks($.root()[0] as HtmlNode);
  if (reopenTitle($, marks.title)) marks = pageMarks($.root()[0] as HtmlNode);
  reopenHead($, marks);
  reopenBody($, marks.body);
  if (marks.streamed) revealStreamedParts($);
  const facts = collectFacts($.root()[0] as HtmlNode);
  const redirect = refreshTarget(facts.meta, pageUrl);
  if (redirect && redirect !== pageUrl) return { kind: 'redirect', target: redirect };

  const jsonLd = readJsonLd(facts.jsonLd);
  const main = extractMainText(facts.body ?? ($.root()[0] as HtmlNode), pageUrl, meta(facts.meta, 'name:description', 'property:og:description'));
  let second: string[] | undefined;
  let taken = false;
  if (main.storyChars < SECOND_OPINION_CHARS && facts.depth <= SECOND_OPINION_MAX_DEPTH) {
    // Readability stops at its first attempt that finds what would be taken (twice our story) rather
    // than retrying up to its own 500 characters: fewer attempts (each a full read of the page); the
    // output was the same on every page of the six sets (forty-first pass).
    const enough = Math.min(READABILITY_CHAR_THRESHOLD, Math.max(1, SECOND_OPINION_GAIN * main.storyChars));
    second = readabilityParagraphs(typeof html === 'string' ? html : $.html(), enough);
    if (textLength(second) >= SECOND_OPINION_GAIN * main.storyChars) {
      // Readability's story, after our standfirst when Readability left it out.
      const secondText = second.join('\n');
      main.paragraphs = [...main.leads.filter((lead) => !secondText.includes(lead)), ...second];
      main.linkDensity = 0;
      taken = true;
    }
  }
  // A short line that is no sentence at either end of our story: kept only if Readability keeps it too.
  // Readability reads our story's container alone (half the cost of the page, the same verdicts on the
  // edges), and only where it could drop such a line (`edgeMayFall`) and the container is not too large
  // for its cost (EDGE_CONTAINER_MAX_CHARS): the check's cost, not its verdicts, is what the pre-checks cut.
  if (!taken && hasEdgeCandidate(main.paragraphs) && facts.depth <= SECOND_OPINION_MAX_DEPTH) {
    if (!second && main.container && edgeMayFall(main.paragraphs, main.container)) {
      const container = $.html(main.container as never);
      if (container.length <= EDGE_CONTAINER_MAX_CHARS) second = readabilityParagraphs(`<html><body>${container}</body></html>`);
    }
    if (second) main.paragraphs = trimEdges(main.paragraphs, second);
  }
  const text = storyText(main.paragraphs, jsonLd.articleBody);
  const publishedAt = publishedTime(facts, jsonLd);

  if (!text) return { kind: 'other', reason: 'no running text on the page' };
  if (main.linkDensity > MAX_LINK_DENSITY && !jsonLd.isArticle && !singleStory(facts))
    return { kind: 'other', reason: 'a list of links (home, category or menu page)' };
  if (isListingUrl(pageUrl) && !declaredStory(facts, jsonLd, pageUrl)) return { kind: 'other', reason: 'a home, category, tag or search page' };
  const prose = main.paragraphs.filter((p) => p.length >= PROSE_PARAGRAPH_CHARS).length;
  const isArticle =
    (hasArticleMarkup(facts, jsonLd) && text.length >= MIN_MARKED_CHARS) ||
    ((publishedAt !== undefined || datedHeadline(facts) || datedUrl(pageUrl)) && (prose >= 1 || text.length >= MIN_UNMARKED_CHARS)) ||
    (prose >= 2 && text.length >= MIN_UNMARKED_CHARS);
  if (!isArticle) return { kind: 'other', reason: 'no article markup, date or running text of article length' };

  const siteName = meta(facts.meta, 'property:og:site_name');
  const title = collapse(jsonLd.headline ?? meta(facts.meta, 'property:og:title') ?? textOrUndefined(facts.firstH1) ?? cleanTitle(facts.title, siteName));
  return {
    kind: 'article',
    article: { title, text, author: authorOf(facts, jsonLd), publishedAt, canonicalUrl: canonicalOf(facts, pageUrl) },
  };
}

/**
 * Parses as the crawler does: crawlee's CheerioCrawler builds its tree with htmlparser2, which
 * is also linear on deeply nested markup where a spec-exact parser rescans open elements.
 */
export function parseHtml(html: string): CheerioAPI {
  return cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
}

/**
 * Classifies a fetched HTML page and extracts the article if it is one. Article markup (JSON-LD
 * article types, og:type=article, itemprop=articleBody, an <article> with a headline), a
 * publication date, or running text of article length make an article, whatever the body length;
 * link lists, listing URLs and pages without running text are not articles, and say why.
 * Never throws: a page that cannot be read is "not an article" with the reason.
 */
export function extractPage(html: string | CheerioAPI, pageUrl: string): PageKind {
  try {
    return classify(html, pageUrl);
  } catch (error) {
    return { kind: 'other', reason: `the page could not be read as HTML (${(error as Error).message.split('\n')[0]})` };
  }
}
