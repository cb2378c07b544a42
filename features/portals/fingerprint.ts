// The fingerprint of one portal page: readable renderings and hashes of the parts that should not
// change, the tag tree and text outside the parts that may, the origins of scripts, frames,
// forms and linked resources, inline scripts, title, favicon, and lexicon terms. Pure.
import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { findTerms, type DefacementLexicon, type TermPlace } from './defacement-lexicon.ts';
import type { InlineScript, OriginKind, OriginRef, PageFingerprint, StablePart, TermHit } from './types.ts';

export interface PageSelectors {
  stable: string[];
  changing: string[];
}

export interface FingerprintOptions extends PageSelectors {
  lexicon: DefacementLexicon;
}

/** What parsing a page yields besides its fingerprint. */
export interface ParsedPage {
  fingerprint: Pick<PageFingerprint, 'title' | 'textHash' | 'structureHash' | 'stable' | 'origins' | 'inlineScripts' | 'terms'>;
  faviconUrl: string;
  /** Absolute http(s) links of the page (no fragment), for discovering more pages. */
  links: string[];
  /** Target of a <meta http-equiv="refresh">, if any. */
  metaRefresh?: string;
}

export function shortHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

const BLOCK = new Set(
  'address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr td th ul option select label button'.split(
    ' ',
  ),
);
const SILENT = new Set(['style', 'noscript', 'template', 'head', 'meta', 'link', 'title', 'base']);
const JS_TYPES = /^(|text\/javascript|application\/javascript|module|text\/ecmascript|application\/ecmascript|text\/jscript)$/i;
/** Inline styles that hide text from visitors but not from search engines (the usual SEO-spam trick). */
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])|(?:left|top|text-indent)\s*:\s*-\d{3,}|opacity\s*:\s*0(?![.\d])/i;

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function resolve(href: string | undefined, base: string): URL | undefined {
  if (href === undefined) return undefined;
  try {
    return new URL(href.trim(), base);
  } catch {
    return undefined;
  }
}

/** Same-origin URLs as their path (so a portal moving host or port does not read as a change), others in full. */
function shown(url: URL | undefined, base: string, raw?: string): string {
  if (!url) return raw ?? '';
  if (url.origin === new URL(base).origin) return `${url.pathname}${url.search}`;
  if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' || url.protocol === 'tel:') return url.href;
  return url.href.length > 60 ? `${url.href.slice(0, 60)}…` : url.href;
}

function originOf(url: URL): string {
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
}

/** Inline script text without what legitimately varies per request (numbers, long tokens). */
function normaliseScript(text: string): string {
  return collapse(text)
    .replace(/[A-Za-z0-9+/=_-]{24,}/g, '*')
    .replace(/\d{4,}/g, '0');
}

function isHidden(element: Element): boolean {
  const attribs = element.attribs ?? {};
  if ('hidden' in attribs) return true;
  return HIDDEN_STYLE.test(attribs.style ?? '');
}

class LineWriter {
  readonly lines: string[] = [];
  private current = '';

  text(value: string): void {
    const text = value.replace(/\s+/g, ' ');
    if (!text.trim()) {
      if (this.current && !this.current.endsWith(' ')) this.current += ' ';
      return;
    }
    this.current += this.current ? text : text.trimStart();
  }

  token(value: string): void {
    this.current = this.current && !this.current.endsWith(' ') ? `${this.current} ${value}` : `${this.current}${value}`;
  }

  newline(): void {
    const line = this.current.trim();
    if (line) this.lines.push(line);
    this.current = '';
  }

  finish(): string[] {
    this.newline();
    return this.lines;
  }
}

interface WalkContext {
  base: string;
  /** Subtrees left out (changing parts, parts claimed by an earlier stable selector). */
  skip: (element: Element) => boolean;
}

/** Renders a subtree as readable lines: text, and the targets of links, images, frames, scripts and forms. */
function render(node: AnyNode, out: LineWriter, ctx: WalkContext): void {
  if (node.type === 'text') {
    out.text((node as unknown as { data: string }).data);
    return;
  }
  if (!isElement(node)) return;
  if (ctx.skip(node)) return;
  const name = node.name;
  const attr = node.attribs ?? {};
  if (name === 'script') {
    if (attr.src !== undefined) out.token(`[script → ${shown(resolve(attr.src, ctx.base), ctx.base, attr.src)}]`);
    else if (JS_TYPES.test(attr.type ?? '')) out.token(`[inline script #${shortHash(normaliseScript(textOf(node))).slice(0, 8)}]`);
    return;
  }
  if (SILENT.has(name)) return;
  const block = BLOCK.has(name);
  if (block) out.newline();
  switch (name) {
    case 'img':
      out.token(`[image${attr.alt ? ` "${collapse(attr.alt)}"` : ''} → ${shown(resolve(attr.src, ctx.base), ctx.base, attr.src)}]`);
      break;
    case 'iframe':
    case 'frame':
    case 'embed':
      out.token(`[${name} → ${shown(resolve(attr.src, ctx.base), ctx.base, attr.src)}]`);
      break;
    case 'object':
      out.token(`[object → ${shown(resolve(attr.data, ctx.base), ctx.base, attr.data)}]`);
      break;
    case 'input':
      if ((attr.type ?? 'text') !== 'hidden')
        out.token(`[input ${attr.type ?? 'text'}${attr.name ? ` ${attr.name}` : ''}${attr.placeholder ? ` "${collapse(attr.placeholder)}"` : ''}]`);
      break;
    case 'form':
      out.token(`[form ${(attr.method ?? 'get').toLowerCase()} → ${shown(resolve(attr.action ?? '', ctx.base), ctx.base, attr.action)}]`);
      out.newline();
      break;
  }
  for (const child of node.children) render(child, out, ctx);
  if (name === 'a' && attr.href !== undefined && !/^\s*#/.test(attr.href)) out.token(`<${shown(resolve(attr.href, ctx.base), ctx.base, attr.href)}>`);
  if (block) out.newline();
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!('children' in node)) return '';
  return (node.children as AnyNode[]).map(textOf).join('');
}

/** Plain text of a subtree for lexicon matching (no link targets), one line per block. */
function plainText(node: AnyNode, ctx: WalkContext, out: string[] = []): string[] {
  if (node.type === 'text') {
    out.push((node as unknown as { data: string }).data);
    return out;
  }
  if (!isElement(node) || ctx.skip(node) || node.name === 'script' || SILENT.has(node.name)) return out;
  const block = BLOCK.has(node.name);
  if (block) out.push('\n');
  if (node.name === 'img' && node.attribs?.alt) out.push(` ${node.attribs.alt} `);
  for (const child of node.children) plainText(child, ctx, out);
  if (block) out.push('\n');
  return out;
}

/** The tag tree without text; skipped subtrees leave a "*" so moving them still shows. */
function structure(node: AnyNode, ctx: WalkContext): string {
  if (!isElement(node)) return '';
  if (ctx.skip(node)) return '*';
  const inner = node.children
    .map((child) => structure(child, ctx))
    .filter(Boolean)
    .join(',');
  return inner ? `${node.name}(${inner})` : node.name;
}

function within(element: Element, set: Set<Element>): boolean {
  for (let node: AnyNode | null = element; node; node = node.parent as AnyNode | null) {
    if (set.has(node as Element)) return true;
  }
  return false;
}

function selectAll($: cheerio.CheerioAPI, selectors: string[]): Set<Element> {
  const found = new Set<Element>();
  for (const selector of selectors) $(selector).each((_, el) => void found.add(el as Element));
  return found;
}

const PLACE_RANK: Record<TermPlace, number> = { hidden: 6, title: 5, meta: 4, stable: 3, body: 2, changing: 1 };

/**
 * Parses a page and computes its fingerprint. `pageUrl` is the final URL (relative links resolve
 * against it, or against <base href>).
 */
export function fingerprintPage(html: string, pageUrl: string, options: FingerprintOptions): ParsedPage {
  const $ = cheerio.load(html);
  const base = resolve($('base[href]').attr('href'), pageUrl)?.href ?? pageUrl;
  const root = ($('html').get(0) ?? $.root().get(0)) as AnyNode;
  const body = ($('body').get(0) ?? root) as AnyNode;

  const changing = selectAll($, options.changing);
  const notChanging: WalkContext = { base, skip: (el) => changing.has(el) };

  // Stable parts: the first selector claims an element; later selectors skip what is claimed.
  const claimed = new Set<Element>();
  const stable: StablePart[] = [];
  const stableText: string[] = [];
  for (const selector of options.stable) {
    const elements = $(selector)
      .toArray()
      .filter((el) => !within(el as Element, changing) && !within(el as Element, claimed)) as Element[];
    const claimedBefore = new Set(claimed);
    const ctx: WalkContext = { base, skip: (el) => changing.has(el) || claimedBefore.has(el) };
    const out = new LineWriter();
    const shapes: string[] = [];
    for (const element of elements) {
      render(element, out, ctx);
      out.newline();
      shapes.push(structure(element, ctx));
      stableText.push(...plainText(element, ctx), '\n');
    }
    elements.forEach((el) => claimed.add(el));
    const lines = out.finish();
    stable.push({ selector, count: elements.length, lines, textHash: shortHash(lines.join('\n')), structureHash: shortHash(shapes.join('|')) });
  }

  // The whole page outside the changing parts: informational hashes.
  const pageLines = new LineWriter();
  render(body, pageLines, notChanging);
  const textHash = shortHash(pageLines.finish().join('\n'));
  const structureHash = shortHash(structure(root, notChanging));

  // Origins of everything the page loads or sends data to (changing parts included).
  const origins: Record<OriginKind, Map<string, Set<string>>> = { script: new Map(), iframe: new Map(), form: new Map(), link: new Map() };
  const note = (kind: OriginKind, raw: string | undefined) => {
    const url = resolve(raw, base);
    if (!url) return;
    const origin = originOf(url);
    const examples = origins[kind].get(origin) ?? new Set<string>();
    if (examples.size < 5) examples.add(url.protocol.startsWith('http') ? url.href : `${url.href.slice(0, 60)}${url.href.length > 60 ? '…' : ''}`);
    origins[kind].set(origin, examples);
  };
  $('script[src]').each((_, el) => note('script', $(el).attr('src')));
  $('iframe[src], frame[src], embed[src]').each((_, el) => note('iframe', $(el).attr('src')));
  $('object[data]').each((_, el) => note('iframe', $(el).attr('data')));
  $('form').each((_, el) => note('form', $(el).attr('action') ?? ''));
  $('button[formaction], input[formaction]').each((_, el) => note('form', $(el).attr('formaction')));
  $('link[href]').each((_, el) => {
    const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
    const as = ($(el).attr('as') ?? '').toLowerCase();
    note(rel.includes('modulepreload') || (rel.includes('preload') && as === 'script') ? 'script' : 'link', $(el).attr('href'));
  });
  const originList = (kind: OriginKind): OriginRef[] =>
    [...origins[kind].entries()].map(([origin, examples]) => ({ origin, examples: [...examples] })).sort((a, b) => a.origin.localeCompare(b.origin));

  const inlineScripts: InlineScript[] = [];
  const seenScripts = new Set<string>();
  $('script:not([src])').each((_, el) => {
    if (!JS_TYPES.test($(el).attr('type') ?? '')) return;
    const normalised = normaliseScript($(el).text());
    if (!normalised) return;
    const hash = shortHash(normalised);
    if (seenScripts.has(hash)) return;
    seenScripts.add(hash);
    inlineScripts.push({ hash, preview: normalised.slice(0, 160) });
  });

  // Lexicon terms, each at the most telling place it was seen.
  const title = collapse($('title').first().text());
  const hidden = new Set<Element>();
  $('body *').each((_, el) => {
    if (isHidden(el as Element)) hidden.add(el as Element);
  });
  const hiddenText: string[] = [];
  for (const element of hidden) if (!within(element.parent as Element, hidden)) hiddenText.push(...plainText(element, { base, skip: () => false }), '\n');
  const metaText = $('meta[name="description"], meta[name="keywords"], meta[property^="og:"], meta[name^="twitter:"]')
    .map((_, el) => $(el).attr('content') ?? '')
    .get()
    .join('\n');
  const changingText: string[] = [];
  for (const element of changing) changingText.push(...plainText(element, { base, skip: () => false }), '\n');
  const places: Array<[TermPlace, string]> = [
    ['hidden', hiddenText.join('')],
    ['title', title],
    ['meta', metaText],
    ['stable', stableText.join('')],
    ['body', plainText(body, notChanging).join('')],
    ['changing', changingText.join('')],
  ];
  const terms = new Map<string, TermHit>();
  for (const [place, text] of places) {
    if (!text.trim()) continue;
    for (const match of findTerms(text, options.lexicon)) {
      const known = terms.get(match.term);
      if (!known || PLACE_RANK[place] > PLACE_RANK[known.place]) terms.set(match.term, { ...match, place });
    }
  }

  const iconHref = $('link[rel][href]')
    .filter((_, el) => ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/).includes('icon'))
    .first()
    .attr('href');
  const faviconUrl = resolve(iconHref, base)?.href ?? new URL('/favicon.ico', pageUrl).href;

  const links = new Set<string>();
  $('a[href], area[href]').each((_, el) => {
    const url = resolve($(el).attr('href'), base);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return;
    url.hash = '';
    links.add(url.href);
  });

  const refresh = $('meta[http-equiv]')
    .filter((_, el) => ($(el).attr('http-equiv') ?? '').toLowerCase() === 'refresh')
    .first()
    .attr('content');
  const refreshTarget = refresh ? /url\s*=\s*['"]?([^'"\s;]+)/i.exec(refresh)?.[1] : undefined;

  return {
    fingerprint: {
      title,
      textHash,
      structureHash,
      stable,
      origins: { script: originList('script'), iframe: originList('iframe'), form: originList('form'), link: originList('link') },
      inlineScripts,
      terms: [...terms.values()].sort((a, b) => a.term.localeCompare(b.term)),
    },
    faviconUrl,
    links: [...links],
    metaRefresh: refreshTarget ? resolve(refreshTarget, base)?.href : undefined,
  };
}

/** The first selector that is not valid CSS, if any. */
export function checkSelectors(selectors: string[]): string | undefined {
  const $ = cheerio.load('<p></p>');
  for (const selector of selectors) {
    try {
      $(selector);
    } catch {
      return selector;
    }
  }
  return undefined;
}
