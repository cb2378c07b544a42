// Everything the article classifier reads outside the main text, gathered in one iterative walk:
// CSS selector engines rescan their stack on deep trees (quadratic at 10,000 levels) and each
// selector would walk the whole page again.
import { SKIP_TAGS } from './rules.ts';
import { collapse, isElement, tagOf, textOf, type HtmlNode } from './tree.ts';

export interface PageFacts {
  body?: HtmlNode;
  /** `<meta>` contents by `name:…`, `property:…`, `itemprop:…`, `http-equiv:…` (lower case); the first one wins. */
  meta: Map<string, string>;
  /** Contents of `<script type="application/ld+json">` blocks. */
  jsonLd: string[];
  canonicalHref?: string;
  title: string;
  firstH1?: HtmlNode;
  /** An `<article>` holding an h1 or an itemprop=headline. */
  articleWithHeadline: boolean;
  /** `<article>` elements on the page: one is a story page, several are teasers of a listing. */
  articles: number;
  hasArticleBody: boolean;
  /** `datetime` of itemprop=datePublished, else of a <time> in article/main, else of any <time>. */
  datetime?: string;
  /** First element named as the author: itemprop=author, rel=author, class author or byline. */
  authorElement?: HtmlNode;
  /** Deepest element nesting seen. */
  depth: number;
}

const AUTHOR_CLASS = /(^|\s)(author|byline)(\s|$)/i;

export function collectFacts(root: HtmlNode): PageFacts {
  const facts: PageFacts = { meta: new Map(), jsonLd: [], title: '', articleWithHeadline: false, articles: 0, hasArticleBody: false, depth: 0 };
  let publishedDatetime: string | undefined;
  let scopedDatetime: string | undefined;
  let anyDatetime: string | undefined;
  const stack: Array<[HtmlNode, boolean, boolean, number]> = [[root, false, false, 0]];
  while (stack.length) {
    const [node, inArticle, inMain, depth] = stack.pop()!;
    if (depth > facts.depth) facts.depth = depth;
    if (!isElement(node) && node !== root) continue;
    const tag = tagOf(node);
    // A refresh inside <noscript> sends script-less clients to an "enable JavaScript" page; the story is here.
    if (tag === 'noscript') continue;
    const attribs = node.attribs ?? {};
    const itemprop = attribs.itemprop?.toLowerCase();
    if (tag === 'meta') {
      const content = attribs.content?.trim();
      for (const attribute of ['name', 'property', 'itemprop', 'http-equiv']) {
        const key = content && attribs[attribute] && `${attribute}:${attribs[attribute].toLowerCase()}`;
        if (key && !facts.meta.has(key)) facts.meta.set(key, content);
      }
      continue;
    }
    if (tag === 'script') {
      if (attribs.type?.toLowerCase() === 'application/ld+json') facts.jsonLd.push(textOf({ type: 'root', children: node.children }));
      continue;
    }
    if (tag === 'title' && !facts.title) facts.title = textOf({ type: 'root', children: node.children });
    else if (tag === 'body') facts.body ??= node;
    else if (tag === 'article') facts.articles++;
    else if (tag === 'link' && /(^|\s)canonical(\s|$)/i.test(attribs.rel ?? '')) facts.canonicalHref ??= attribs.href;
    else if (tag === 'h1') {
      facts.firstH1 ??= node;
      if (inArticle) facts.articleWithHeadline = true;
    }
    if (itemprop === 'headline' && inArticle) facts.articleWithHeadline = true;
    if (itemprop === 'articlebody') facts.hasArticleBody = true;
    if (attribs.datetime) {
      if (itemprop === 'datepublished') publishedDatetime ??= attribs.datetime;
      if (tag === 'time') {
        if (inArticle || inMain) scopedDatetime ??= attribs.datetime;
        anyDatetime ??= attribs.datetime;
      }
    }
    if (!facts.authorElement && (itemprop === 'author' || /(^|\s)author(\s|$)/i.test(attribs.rel ?? '') || AUTHOR_CLASS.test(attribs.class ?? ''))) {
      facts.authorElement = node;
    }
    const children = node.children;
    if (children) {
      const article = inArticle || tag === 'article';
      const main = inMain || tag === 'main';
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], article, main, depth + 1]);
    }
  }
  facts.datetime = publishedDatetime ?? scopedDatetime ?? anyDatetime;
  return facts;
}

/** Text of an element, or undefined when it has none. */
/** Characters after the headline searched for a printed date. */
const AFTER_HEADLINE_CHARS = 500;

/**
 * Whitespace-collapsed text following `node` in document order (not its own text), up to `limit`
 * characters: what a reader sees right after the headline, where bylines print the date.
 * Iterative and bounded, so deep or huge pages cost no more than `limit` characters of text.
 */
export function textAfter(node: HtmlNode, limit = AFTER_HEADLINE_CHARS): string {
  let text = '';
  const stack: HtmlNode[] = [];
  for (let current: HtmlNode | null | undefined = node; current && text.length < limit; current = current.parent) {
    const siblings: HtmlNode[] = current.parent?.children ?? [];
    for (let i = siblings.length - 1; siblings[i] !== current && i >= 0; i--) stack.push(siblings[i]);
    while (stack.length && text.length < limit) {
      const next = stack.pop()!;
      if (next.type === 'text') text = collapse(`${text} ${next.data ?? ''}`);
      else if (isElement(next) && !SKIP_TAGS.has(tagOf(next)) && next.children)
        for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]);
    }
    stack.length = 0;
  }
  return text.slice(0, limit);
}

export function textOrUndefined(node: HtmlNode | undefined): string | undefined {
  return node ? collapse(textOf(node)) || undefined : undefined;
}
