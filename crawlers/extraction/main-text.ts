// Main-text extraction: Readability-style block scoring (text length, commas, link density,
// class/id weights) picks the story container and its sibling paragraphs; known CMS containers are
// tried first; boilerplate blocks (by tag, class/id name and link density) are left out when the
// container is rendered to paragraphs. As in Readability, a first attempt strips every
// boilerplate-named block; when that leaves too little text, later attempts strip less.
// All walks are iterative (see tree.ts).
import {
  AD_TOKENS,
  CLOSE_CONTROL,
  BLOCK_TAGS,
  BOILERPLATE_LINE_CHARS,
  BOILERPLATE_LINES,
  NOTICE_LINES,
  matchesLine,
  NOTICE_LINE_CHARS,
  BYLINE_OPENING,
  BOILERPLATE_NAMES,
  CAPTION_NAMES,
  BOILERPLATE_TAGS,
  CAPTION_TAGS,
  FIGURE_CREDIT_NAMES,
  FIGURE_CREDIT_TAGS,
  CMS_CONTAINER_CLASSES,
  CONSENT_PLACEHOLDER_NAMES,
  DATA_CELL_TAGS,
  DATE_STAMP_LINE,
  DISCLOSURE_NAMES,
  HEADING_TAGS,
  LEAD_ITEMPROPS,
  LEAD_NAMES,
  LIVE_NAMES,
  NUMBERED_HEADING,
  NEGATIVE_NAMES,
  PARAGRAPH_TAGS,
  POSITIVE_NAMES,
  PROTECTED_NAMES,
  REFERENCE_NAMES,
  SKIP_TAGS,
  STRONG_BOILERPLATE_NAMES,
  STYLE_HIDDEN,
  TABLE_PARTS,
  PAGE_LEVEL_TAGS,
} from './rules.ts';
import { ancestors, collapse, contains, elements, isElement, namesOf, tagOf, textOf, type HtmlNode } from './tree.ts';

interface Stats {
  /** Characters of whitespace-collapsed text. */
  chars: number;
  /** Of which inside links. */
  linkChars: number;
  commas: number;
  /** Direct element children that are block-level (a `<br>` is not). */
  blockChildren: number;
  /**
   * Runs of two or more `<br>` in the element's inline content: old pages and some CMSs separate
   * paragraphs so, and Readability turns each run into a paragraph break.
   */
  breaks: number;
  /** Characters of `<p>` text outside links: running prose. */
  proseChars: number;
  /** `<p>` blocks below holding a prose paragraph's worth of text outside links. */
  proseParagraphs: number;
  /** Characters inside figure captions, which are never rendered. */
  captionChars: number;
  /** Characters of the widest sign-up form below (a form asking for an e-mail address, `isSignupBox`); -1 without one. */
  signupFormChars: number;
}

/** How much an attempt strips: every boilerplate name, only unmistakable ones, or tags only. */
type Strictness = 'names' | 'strong' | 'tags';
const ATTEMPTS: Strictness[] = ['names', 'strong', 'tags'];

const COMMAS = /[,，、،]/g;
/** A boilerplate-looking element holding most of the page's text is a page wrapper, not boilerplate. */
const WRAPPER_SHARE = 0.7;
const MIN_PARAGRAPH_CHARS = 25;
/** An attempt yielding less text than this is retried with less stripping (Readability: 500). */
const ENOUGH_CHARS = 500;
/** A <noscript> with less text than this is an "enable JavaScript" notice, not the story. */
const MIN_NOSCRIPT_CHARS = 200;
/** A CMS container is trusted when it holds this much text, mostly outside links. */
const MIN_CMS_CHARS = 200;

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text)) count++;
  return count;
}

/** A form holding this much running text is a page's content (a shop's product, an ASP.NET page), not a search or comment box. */
const FORM_PROSE_CHARS = 300;
const FORM_PROSE_COMMAS = 3;

/**
 * Boilerplate by tag (nav, footer, aside…) or, depending on strictness, by class/id name. With
 * the element's text statistics, a form holding running text is not boilerplate, nor a `<header>`
 * holding paragraphs of prose (site builders such as Webflow put a post's rich text in one).
 */
function isBoilerplateElement(node: HtmlNode, strictness: Strictness = 'names', s?: Stats): boolean {
  const tag = tagOf(node);
  if (tag === 'header' && (isSectionHeading(node) || (s !== undefined && isProseSection(s)))) return false;
  if (BOILERPLATE_TAGS.has(tag)) return !(tag === 'form' && s && isProseForm(s));
  if (strictness !== 'tags' && s && isSignupBox(node, s)) return true;
  const attribs = node.attribs;
  if (!attribs || strictness === 'tags') return false;
  if (isHidden(node)) return true;
  const names = isHeading(tag) ? withoutOwnSlug(node, namesOf(node)) : namesOf(node);
  if (!names || tag === 'body' || tag === 'article' || tag === 'main' || LIVE_NAMES.test(names)) return false;
  // Inside a paragraph's running text a named inline element (a dateline "KOBE –", a highlighted
  // name) is part of the sentence: dropping it would cut the sentence, not boilerplate. A caption
  // holding all of its paragraph's text (`<p><img><span class="caption">…</span></p>`) is no sentence's part.
  if (!BLOCK_TAGS.has(tag) && node.parent && tagOf(node.parent) === 'p' && !isParagraphCaption(node, names)) return false;
  if (STRONG_BOILERPLATE_NAMES.test(names) || isDialog(node)) return true;
  if (strictness === 'strong') return false;
  return !PROTECTED_NAMES.test(names) && (BOILERPLATE_NAMES.test(names) || CAPTION_NAMES.test(names) || AD_TOKENS.test(names));
}

/** An inline element named as a caption (CAPTION_NAMES) that holds all of its paragraph's text. */
function isParagraphCaption(node: HtmlNode, names: string): boolean {
  if (!CAPTION_NAMES.test(names)) return false;
  const text = textOf(node);
  return text !== '' && text === textOf(node.parent!);
}

const isHeading = (tag: string) => HEADING_TAGS.has(tag);

/** A form holding running text is a page's content (a shop's product, an ASP.NET page), not a search, comment or sign-up box. */
function isProseForm(s: Stats): boolean {
  return s.chars >= FORM_PROSE_CHARS && s.commas >= FORM_PROSE_COMMAS && linkDensity(s) < 0.25;
}

/** Text beside a sign-up form (its heading, its pitch) that still makes one box with it, not a story holding a form. */
const SIGNUP_PROMPT_CHARS = 300;

/**
 * A sign-up or contact box: an element holding a form that asks for an e-mail address (a
 * newsletter's, a "contact us" form) and, beside it, no more than a heading and a pitch. Its form
 * was boilerplate already; its heading and pitch ("Duisburg-Newsletter: Jetzt kostenlos
 * anmelden!", "Subscribe to … and stay updated") are too. Never the story's own container, nor
 * a box holding two paragraphs of prose.
 */
function isSignupBox(node: HtmlNode, s: Stats): boolean {
  const tag = tagOf(node);
  return (
    s.signupFormChars >= 0 && s.chars - s.signupFormChars <= SIGNUP_PROMPT_CHARS && s.proseParagraphs <= 1 && tag !== 'article' && !PAGE_LEVEL_TAGS.has(tag)
  );
}

/**
 * Hidden from readers (the `hidden` attribute; an inline `display: none`, unless the element is a
 * panel the reader opens or a script reveals: `DISCLOSURE_NAMES`), or from screen readers (a
 * heading's own `#` permalink, an icon's glyph).
 */
function isHidden(node: HtmlNode): boolean {
  const attribs = node.attribs;
  if (!attribs) return false;
  if (attribs.hidden !== undefined || attribs['aria-hidden'] === 'true') return true;
  return STYLE_HIDDEN.test(attribs.style ?? '') && !DISCLOSURE_NAMES.test(namesOf(node));
}

/** Shortest id or class token taken as made from a heading's words. */
const MIN_SLUG_CHARS = 8;

/** A heading's words as CMSs turn them into ids: lower case, accents and apostrophes dropped, hyphens between. */
function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}|['’]/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

/**
 * A heading's names without the ones made from its own words: CMSs give each section heading an
 * id or class from its text (`what-share-of-adolescents-…`, `h-2-amazon-sagemaker`) for anchor
 * links, and such a name says what the section is about, not that it is a share bar or a menu.
 */
function withoutOwnSlug(node: HtmlNode, names: string): string {
  if (!names) return names;
  const text = textOf(node);
  const slug = slugOf(text);
  if (slug.length < MIN_SLUG_CHARS) return names;
  // Some CMSs write an apostrophe as a word break ("HR’s" → `hr-s`, WordPress's `h-7-hr-s-ai-…`).
  const slugs = [slug, slugOf(text.replace(/['’]/g, ' '))];
  return names
    .split(/\s+/)
    .filter((token) => {
      const name = token.toLowerCase();
      return !(name.length >= MIN_SLUG_CHARS && name.includes('-') && slugs.some((own) => own.startsWith(name) || name.endsWith(own)));
    })
    .join(' ');
}

/** A prose paragraph: this much text of a `<p>` outside links. */
const PROSE_PARAGRAPH_CHARS = 80;
const PROSE_SECTION_PARAGRAPHS = 3;
const PROSE_SECTION_SHARE = 0.6;
const PROSE_SECTION_LINK_DENSITY = 0.1;

/**
 * A block of several prose paragraphs with almost no links is a part of the story whatever its
 * name: builders wrap sections of a story in `widget`, `module` or `promo` blocks (CKEditor's
 * `ck-widget` grids, HubSpot's `hs_cos_wrapper_widget`). Unmistakable names (comments, share,
 * related) still go.
 */
function isProseSection(s: Stats): boolean {
  return s.proseParagraphs >= PROSE_SECTION_PARAGRAPHS && s.proseChars >= PROSE_SECTION_SHARE * s.chars && linkDensity(s) < PROSE_SECTION_LINK_DENSITY;
}

/**
 * A `<header>` holding nothing but h2–h6 headings heads a section of the story (an accordion
 * item, a chapter): HTML gives sections their own headers, which are not the page's furniture.
 */
function isSectionHeading(node: HtmlNode): boolean {
  let headings = 0;
  for (const child of node.children ?? []) {
    if (child.type === 'text' && !/\S/.test(child.data ?? '')) continue;
    if (child.type === 'comment') continue;
    if (!/^h[2-6]$/.test(tagOf(child))) return false;
    headings++;
  }
  return headings > 0;
}

/** A popup or info box: its first element child is its close control. */
function isDialog(node: HtmlNode): boolean {
  const first = node.children?.find(isElement);
  return first !== undefined && CLOSE_CONTROL.test(namesOf(first));
}

/** Per-element text statistics in one iterative pre-order pass plus one reverse pass. */
function computeStats(root: HtmlNode): { order: HtmlNode[]; stats: Map<HtmlNode, Stats> } {
  const order: HtmlNode[] = [];
  const stats = new Map<HtmlNode, Stats>();
  const texts: HtmlNode[] = [];
  const emailInputs: HtmlNode[] = [];
  const stack: HtmlNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      texts.push(node);
      continue;
    }
    if (!isElement(node) && node !== root) continue;
    if (node !== root && SKIP_TAGS.has(tagOf(node))) {
      if (tagOf(node) === 'input' && node.attribs?.type?.toLowerCase() === 'email') emailInputs.push(node);
      continue;
    }
    order.push(node);
    const children = node.children;
    stats.set(node, {
      chars: 0,
      linkChars: 0,
      commas: 0,
      blockChildren: 0,
      breaks: children ? paragraphBreaks(children) : 0,
      proseChars: 0,
      proseParagraphs: 0,
      captionChars: 0,
      signupFormChars: -1,
    });
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  for (const text of texts) {
    const data = text.data ?? '';
    const parent = stats.get(text.parent!);
    if (!parent || !/\S/.test(data)) continue;
    parent.chars += data.replace(/\s+/g, ' ').length;
    parent.commas += countMatches(data, COMMAS);
  }
  const signupForms = new Set<HtmlNode>();
  for (const input of emailInputs) {
    const form = [...ancestors(input)].find((node) => tagOf(node) === 'form');
    if (form) signupForms.add(form);
  }
  for (let i = order.length - 1; i > 0; i--) {
    const node = order[i];
    const own = stats.get(node)!;
    if (signupForms.has(node) && !isProseForm(own)) own.signupFormChars = own.chars;
    if (tagOf(node) === 'a') own.linkChars = own.chars;
    else if (CAPTION_TAGS.has(tagOf(node))) own.captionChars = own.chars;
    else if (tagOf(node) === 'p') {
      own.proseChars = own.chars - own.linkChars;
      if (own.proseChars >= PROSE_PARAGRAPH_CHARS) own.proseParagraphs++;
    }
    const parent = stats.get(node.parent!);
    if (!parent) continue;
    parent.chars += own.chars;
    parent.linkChars += own.linkChars;
    parent.commas += own.commas;
    parent.proseChars += own.proseChars;
    parent.proseParagraphs += own.proseParagraphs;
    parent.captionChars += own.captionChars;
    parent.signupFormChars = Math.max(parent.signupFormChars, own.signupFormChars);
    const tag = tagOf(node);
    if (!BLOCK_TAGS.has(tag)) parent.breaks += own.breaks;
    else if (tag !== 'br') parent.blockChildren++;
  }
  return { order, stats };
}

/** Runs of two or more `<br>` (whitespace between them ignored) with text or inline content before and after. */
function paragraphBreaks(children: HtmlNode[]): number {
  let breaks = 0;
  let run = 0;
  let content = false;
  for (const child of children) {
    if (tagOf(child) === 'br') run++;
    else if (child.type === 'text' ? /\S/.test(child.data ?? '') : isElement(child)) {
      if (run >= 2 && content) breaks++;
      run = 0;
      content = true;
    }
  }
  return breaks;
}

function isNoscriptNotice(node: HtmlNode, s: Stats): boolean {
  return tagOf(node) === 'noscript' && s.chars < MIN_NOSCRIPT_CHARS;
}

/** Elements left out at this strictness: boilerplate ones and everything inside them. */
function excludedSet(order: HtmlNode[], stats: Map<HtmlNode, Stats>, root: HtmlNode, strictness: Strictness): Set<HtmlNode> {
  const excluded = new Set<HtmlNode>();
  const pageChars = stats.get(root)!.chars || 1;
  const pageProse = stats.get(root)!.proseChars;
  const holdsMarkedStory = markedStoryWrappers(order, stats);
  for (const node of order) {
    if (node === root) continue;
    const s = stats.get(node)!;
    if (
      (node.parent && excluded.has(node.parent)) ||
      isNoscriptNotice(node, s) ||
      (isBoilerplateElement(node, strictness, s) && s.chars < WRAPPER_SHARE * pageChars && !isLayoutWrapper(node, s, pageProse) && !holdsMarkedStory.has(node))
    ) {
      excluded.add(node);
    }
  }
  return excluded;
}

/**
 * The ancestors of a block the page marks as its story (itemprop=articleBody holding a story's
 * worth of text): a CMS that wraps its content column in an `<aside>`, or an opinion piece's wrapper
 * named `commentary`, still says where the story is, and the wrapper must not take it away.
 */
function markedStoryWrappers(order: HtmlNode[], stats: Map<HtmlNode, Stats>): Set<HtmlNode> {
  const wrappers = new Set<HtmlNode>();
  for (const node of order) {
    if (!isMarkedStory(node) || stats.get(node)!.chars < MIN_CMS_CHARS) continue;
    for (const ancestor of ancestors(node)) wrappers.add(ancestor);
  }
  return wrappers;
}

/** Share of the page's prose above which an element named by a layout word (`has-sidebar`, `promo-layout`) holds the story. */
const WRAPPER_PROSE_SHARE = 0.5;

/**
 * A layout wrapper whose class merely mentions boilerplate (`content has-sidebar`, `widget-area
 * main`): it holds most of the page's paragraph prose. Unmistakable names (comments, share,
 * related) stay boilerplate whatever they hold. So is a `<header>` holding most of the page's
 * prose: site builders put a whole post in one (Webflow's `header.section_blog-post5-content`),
 * lists and tables among its paragraphs, so it need not read as a prose section.
 */
function isLayoutWrapper(node: HtmlNode, s: Stats, pageProse: number): boolean {
  return pageProse > 0 && s.proseChars >= WRAPPER_PROSE_SHARE * pageProse && (tagOf(node) === 'header' || !isBoilerplateElement(node, 'strong', s));
}

function linkDensity(s: Stats): number {
  return s.chars ? s.linkChars / s.chars : 0;
}

function classWeight(node: HtmlNode): number {
  const names = namesOf(node);
  if (!names) return 0;
  let weight = 0;
  if (NEGATIVE_NAMES.test(names)) weight -= 25;
  if (POSITIVE_NAMES.test(names)) weight += 25;
  return weight;
}

function baseScore(node: HtmlNode): number {
  const tag = tagOf(node);
  let score = classWeight(node);
  if (tag === 'div' || tag === 'article' || tag === 'section' || tag === 'main') score += 5;
  else if (tag === 'pre' || tag === 'td' || tag === 'blockquote') score += 3;
  else if (['address', 'ol', 'ul', 'dl', 'dd', 'dt', 'li', 'form'].includes(tag)) score -= 3;
  else if (isHeading(tag) || tag === 'th') score -= 5;
  return score;
}

/** Levels above a scored block where the reference list holding it may be named (`div.reflist > ol.references`). */
const REFERENCE_LEVELS = 2;

/** A block of a reference list (see REFERENCE_NAMES), or the list. */
function isReferenceList(node: HtmlNode): boolean {
  let level = 0;
  for (let current: HtmlNode | null | undefined = node; current && level <= REFERENCE_LEVELS; current = current.parent, level++)
    if (REFERENCE_NAMES.test(namesOf(current))) return true;
  return false;
}

/** Paragraph-like: a paragraph tag, or a div/section holding text but no block-level children. */
function isParagraph(node: HtmlNode, s: Stats): boolean {
  const tag = tagOf(node);
  return PARAGRAPH_TAGS.has(tag) || ((tag === 'div' || tag === 'section' || tag === 'span') && s.blockChildren === 0);
}

/** Close runners-up sharing an ancestor this often mean the story is split across blocks (Readability). */
const SHARED_ANCESTOR_VOTES = 3;
const RUNNER_UP_SHARE = 0.75;
/** A shared ancestor more link than text is the page's frame around the story and its menus. */
const MAX_SHARED_ANCESTOR_LINK_DENSITY = 0.5;

/**
 * Readability's promotion of the top candidate: to an ancestor shared by several close
 * runners-up, then up the parents while their score holds up and rises.
 */
function promote(
  top: HtmlNode,
  topScore: number,
  ranked: Array<[HtmlNode, number]>,
  scores: Map<HtmlNode, number>,
  stats: Map<HtmlNode, Stats>,
  root: HtmlNode,
): HtmlNode {
  const runnersUp = ranked
    .slice(1, 5)
    .filter(([, score]) => score / topScore >= RUNNER_UP_SHARE)
    .map(([node]) => node);
  if (runnersUp.length >= SHARED_ANCESTOR_VOTES) {
    const votes = new Map<HtmlNode, number>();
    for (const node of runnersUp) for (const ancestor of ancestors(node)) votes.set(ancestor, (votes.get(ancestor) ?? 0) + 1);
    // Runners-up alike the top (same tag and class: a list's teasers, a carousel's texts) make
    // their ancestor the list. Other runners-up beside a story are menus and widgets: an ancestor
    // that is mostly links is then the page's frame, not the story (the page would be refused as
    // a list of links), and the top stays.
    const alike = runnersUp.filter((node) => tagOf(node) === tagOf(top) && node.attribs?.class === top.attribs?.class).length;
    for (const ancestor of ancestors(top)) {
      if (ancestor === root) break;
      if ((votes.get(ancestor) ?? 0) >= SHARED_ANCESTOR_VOTES) {
        if (alike >= SHARED_ANCESTOR_VOTES || linkDensity(stats.get(ancestor)!) <= MAX_SHARED_ANCESTOR_LINK_DENSITY) top = ancestor;
        break;
      }
    }
  }
  let lastScore = scores.get(top) ?? topScore;
  const threshold = lastScore / 3;
  for (let parent = top.parent; parent && parent !== root; parent = parent.parent) {
    const parentScore = scores.get(parent);
    if (parentScore === undefined) continue;
    if (parentScore < threshold) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
  }
  return top;
}

/** The story container and the sibling blocks that belong with it, by Readability's scoring. */
function scoreCandidates(page: Page, excluded: Set<HtmlNode>, cms: HtmlNode | undefined): HtmlNode[] {
  const { order, stats, root } = page;
  const scores = new Map<HtmlNode, number>();
  for (const node of order) {
    const s = stats.get(node)!;
    if (excluded.has(node) || s.chars < MIN_PARAGRAPH_CHARS || !isParagraph(node, s)) continue;
    // A block split by <br> runs scores as the paragraphs it holds (Readability's replaceBrs).
    const paragraphs = 1 + s.breaks;
    const contentScore = paragraphs + s.commas + Math.min(Math.floor(s.chars / 100), 3 * paragraphs);
    // A paragraph straight in the page's root (a damaged copy whose <head> was reopened as the body,
    // a plain page of <p>s in <body>) scores the root, as Readability scores <body>: its only parent.
    if (node.parent === root) scores.set(root, (scores.get(root) ?? baseScore(root)) + contentScore);
    let level = 0;
    for (let ancestor = node.parent; ancestor && ancestor !== root && level < 5; ancestor = ancestor.parent, level++) {
      if (!stats.has(ancestor)) break;
      const score = scores.get(ancestor) ?? baseScore(ancestor);
      scores.set(ancestor, score + contentScore / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
    }
  }
  let ranked: Array<[HtmlNode, number]> = [];
  for (const [node, score] of scores) {
    const final = score * (1 - linkDensity(stats.get(node)!));
    scores.set(node, final);
    if (!excluded.has(node)) ranked.push([node, final]);
  }
  if (!ranked.length) return cms ? [cms] : [];
  ranked.sort((a, b) => b[1] - a[1]);
  // A reference list scores high (every citation is a comma-rich list item) but is never the story
  // it cites: the best candidate outside one is the top, and the list may still join it as a sibling.
  let [top, topScore] = ranked.find(([node]) => !isReferenceList(node)) ?? ranked[0];
  const besideStream = cms ? undefined : storyBesideStream(top, topScore, ranked, stats, page.site);
  if (besideStream) {
    ranked = besideStream;
    [top, topScore] = ranked[0];
  }
  if (cms) {
    // A known CMS container is the story; scoring only decides which of its siblings join it.
    top = cms;
    topScore = scores.get(cms) ?? topScore;
  } else {
    top = promote(top, topScore, ranked, scores, stats, root);
    topScore = Math.max(topScore, scores.get(top) ?? topScore);
  }
  // The root holding the story's paragraphs itself is the story: nothing above it is the page's.
  if (top === root) return [root];
  // A table row or row group is part of a layout or data table, never a story on its own.
  while (TABLE_PARTS.has(tagOf(top)) && top.parent && top.parent !== root) top = top.parent;
  // A wrapper with a single element child adds nothing; its parent may hold the story's other parts.
  while (top.parent && top.parent !== root && (top.parent.children ?? []).filter(isElement).length === 1) top = top.parent;
  // Old pages put the story's paragraphs straight in <body>: siblings are joined there too.
  const parent = top.parent;
  if (!parent || !stats.has(parent)) return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs?.class ?? '';
  const chosen: HtmlNode[] = [];
  for (const sibling of parent.children ?? []) {
    const s = stats.get(sibling);
    if (!s || (sibling !== top && excluded.has(sibling))) continue;
    const bonus = topClass && sibling.attribs?.class === topClass ? topScore * 0.2 : 0;
    const density = linkDensity(s);
    const isP = tagOf(sibling) === 'p';
    if (
      sibling === top ||
      (scores.get(sibling) ?? -Infinity) + bonus >= threshold ||
      ((bonus > 0 || isPreformattedPart(sibling, top)) && isUnscoredPart(sibling, top, s)) ||
      ((isP || isProseBlock(sibling, s)) && s.chars > 80 && density < 0.25) ||
      (isP && s.chars > 0 && s.chars <= 80 && density === 0 && /[.!?。]$/.test(textOf(sibling)))
    ) {
      chosen.push(sibling);
    }
  }
  chosen.push(...repeatedBlocks(parent, stats, excluded, root));
  chosen.push(...openingParts(top, chosen, page, excluded));
  return chosen;
}

/** A stream of teasers: this many items at least, this share of them headed by a link to another page of the site. */
const MIN_STREAM_ITEMS = 3;
const STREAM_TEASER_SHARE = 0.5;
/** A candidate whose text is this much a stream's is the stream (its wrapper). */
const STREAM_TEXT_SHARE = 0.8;
/** The story beside a stream scores at least this share of the stream's score: a sidebar does not. */
const STREAM_RIVAL_SHARE = 0.5;
/** Top candidates looked at for streams: the one holding the top is among the first. */
const STREAM_CANDIDATES = 10;

/** Items of a list of other stories: most of its element children open with a heading that links to another page of the site. */
function isTeaserStream(node: HtmlNode, site: string | undefined): boolean {
  const items = (node.children ?? []).filter(isElement);
  return items.length >= MIN_STREAM_ITEMS && items.filter((item) => isTeaserHeaded(item, site)).length >= STREAM_TEASER_SHARE * items.length;
}

/**
 * A stream of other stories' teasers (a portal's `ul#Stream` beside the story, a research area's
 * project teasers below its text) outscores the story: every item's summary is a scored paragraph.
 * When the top candidate is such a stream (or its wrapper), the candidates outside it, best first,
 * are returned: the best is the story when it scores at least half as much as the stream, and its
 * runners-up are the stream's neighbours, not its parts. Otherwise the stream is the page's content
 * (a listing, which detection judges) and nothing is returned.
 */
function storyBesideStream(
  top: HtmlNode,
  topScore: number,
  ranked: Array<[HtmlNode, number]>,
  stats: Map<HtmlNode, Stats>,
  site: string | undefined,
): Array<[HtmlNode, number]> | undefined {
  const streams = ranked
    .slice(0, STREAM_CANDIDATES)
    .map(([node]) => node)
    .filter((node) => isTeaserStream(node, site));
  const isStream = (node: HtmlNode) =>
    streams.some((stream) => contains(stream, node) || (contains(node, stream) && stats.get(stream)!.chars >= STREAM_TEXT_SHARE * stats.get(node)!.chars));
  if (!isStream(top)) return undefined;
  const outside = ranked.filter(([node]) => !isReferenceList(node) && !isStream(node));
  return outside.length && outside[0][1] >= STREAM_RIVAL_SHARE * topScore ? outside : undefined;
}

/**
 * A sibling block shaped as the container (same block tag and class: a story split into sections
 * around figures or pull quotes) holding prose is a part of the story, even when it has no score:
 * scores reach five levels up from a paragraph, and a section's paragraphs can sit deeper.
 */
function isUnscoredPart(sibling: HtmlNode, top: HtmlNode, s: Stats): boolean {
  return BLOCK_TAGS.has(tagOf(top)) && tagOf(sibling) === tagOf(top) && holdsPart(s);
}

/**
 * A preformatted story (an RFC or a plain-text document, as rfcmarkup prints it) is split over
 * `<pre>` blocks, one per printed page; the first page's block often lacks the others' class.
 * Beside a `<pre>` story, another `<pre>` is more of the same document whatever its class.
 */
function isPreformattedPart(sibling: HtmlNode, top: HtmlNode): boolean {
  return tagOf(top) === 'pre' && tagOf(sibling) === 'pre';
}

/** Enough text with few links for a block shaped as the story's to be a part of it. */
function holdsPart(s: Stats): boolean {
  return s.chars >= MIN_REPEAT_CHARS && linkDensity(s) < 0.25;
}

/** Levels above the story container whose same-class siblings are further parts of it. */
const REPEAT_LEVELS = 2;
const MIN_REPEAT_CHARS = 100;
/**
 * Page builders (Divi rows, HubSpot modules, a review's sections) nest each part of a story a
 * few levels deeper: same-class siblings are looked for up to this many levels, the further
 * ones only when they hold a part's worth of prose with almost no links (a call to action or a
 * teaser row of the same class holds less, or more links).
 */
const DEEP_REPEAT_LEVELS = 4;
const MIN_DEEP_REPEAT_CHARS = 500;
const MAX_DEEP_REPEAT_LINK_DENSITY = 0.1;

/**
 * The class a block shares with its repeated siblings: page builders and CSS modules number or
 * hash each row or element (`et_pb_row et_pb_row_7`, `elementor-element-0290371`), so class names
 * holding a digit are left out.
 */
function rowClass(node: HtmlNode): string {
  return (node.attribs?.class ?? '')
    .split(/\s+/)
    .filter((name) => name && !/\d/.test(name))
    .join(' ');
}

/**
 * Further parts of a story split over repeated blocks (entries of a glossary or a press-release
 * page, posts of a thread, a page builder's rows): siblings of the container's ancestors with the
 * same tag and class (numbered names aside), holding prose with few links. Beyond the first
 * levels, the page's own top-level sections (children of <main> or <body>: an FAQ, related posts)
 * are not parts.
 */
function repeatedBlocks(parent: HtmlNode, stats: Map<HtmlNode, Stats>, excluded: Set<HtmlNode>, root: HtmlNode): HtmlNode[] {
  const found: HtmlNode[] = [];
  let block = parent;
  for (let level = 0; level < DEEP_REPEAT_LEVELS && block.parent && block.parent !== root; level++, block = block.parent) {
    const deep = level >= REPEAT_LEVELS;
    if (deep && PAGE_LEVEL_TAGS.has(tagOf(block.parent))) break;
    const cls = rowClass(block);
    if (!cls) continue;
    for (const sibling of block.parent.children ?? []) {
      if (sibling === block || tagOf(sibling) !== tagOf(block) || rowClass(sibling) !== cls) continue;
      const s = stats.get(sibling);
      if (!s || excluded.has(sibling)) continue;
      const part = deep ? s.chars >= MIN_DEEP_REPEAT_CHARS && linkDensity(s) < MAX_DEEP_REPEAT_LINK_DENSITY : holdsPart(s);
      if (part) found.push(sibling);
    }
  }
  return found;
}

/**
 * The opening of a story split over copies of its body block: blocks with the container's tag and
 * class (numbered names aside) between the page's headline and the container, up to
 * DEEP_REPEAT_LEVELS above it, holding a part's worth of text with few links (a story's first
 * paragraph in its own `detail-body first-paragraph` section, a layout row holding the body block's
 * first copy above an ad). Only between the headline and the story, where the page says the story
 * has begun: such blocks after the story are as often an author box, a disclosure or a sidebar
 * widget of the same class. A copy of text the story already holds (a lead printed twice) is not
 * a part.
 */
function openingParts(top: HtmlNode, chosen: HtmlNode[], page: Page, excluded: Set<HtmlNode>): HtmlNode[] {
  const { order, index, headline, stats, root } = page;
  const cls = rowClass(top);
  const end = index.get(top) ?? 0;
  if (!cls || headline < 0 || headline >= end) return [];
  let scope = top;
  for (let level = 0; level < DEEP_REPEAT_LEVELS && scope.parent && scope.parent !== root && !PAGE_LEVEL_TAGS.has(tagOf(scope.parent)); level++)
    scope = scope.parent;
  const parts: HtmlNode[] = [];
  let storyText: string | undefined;
  for (let i = Math.max(headline, index.get(scope) ?? 0) + 1; i < end; i++) {
    const node = order[i];
    if (tagOf(node) !== tagOf(top) || rowClass(node) !== cls || excluded.has(node) || !contains(scope, node) || !holdsPart(stats.get(node)!)) continue;
    if (contains(node, top) || parts.some((part) => contains(part, node)) || chosen.some((block) => contains(block, node))) continue;
    storyText ??= chosen.map(textOf).join(' ');
    if (!storyText.includes(textOf(node))) parts.push(node);
  }
  return parts;
}

const textLength = (paragraphs: string[]) => paragraphs.reduce((sum, p) => sum + p.length, 0);

/** Text ending a sentence, closing quotes and brackets allowed. */
const SENTENCE_END = /[.!?。！？]["'”“»«)’]?\s*$/;

/** A div or section of running text beside the story (a standfirst, an intro): sentences, few links. */
function isProseBlock(node: HtmlNode, s: Stats): boolean {
  const tag = tagOf(node);
  return (tag === 'div' || tag === 'section') && s.blockChildren <= 2 && SENTENCE_END.test(textOf(node));
}

/** Levels above the story container searched for its standfirst. */
const LEAD_LEVELS = 5;
const MIN_LEAD_CHARS = 40;
/** A standfirst is a sentence or a few, not a second story. */
const MAX_LEAD_CHARS = 1500;
const MAX_LEAD_LINK_DENSITY = 0.2;
const HEADER_PROSE_CHARS = 80;

/** Whether an element between `node` and `scope` marks boilerplate; the article's own <header> does not. */
function insideBoilerplate(node: HtmlNode, scope: HtmlNode, strictness: Strictness): boolean {
  for (let current: HtmlNode | null | undefined = node; current && current !== scope; current = current.parent) {
    if (tagOf(current) !== 'header' && isBoilerplateElement(current, strictness)) return true;
  }
  return false;
}

function inHeader(node: HtmlNode, scope: HtmlNode): boolean {
  for (let current = node.parent; current && current !== scope; current = current.parent) if (tagOf(current) === 'header') return true;
  return false;
}

/** Tailwind's line-height utilities (`leading-tight`, `leading-[18px]`): styling, not a lead's name. */
const LINE_HEIGHT_UTILITY = /(^|\s)leading-(none|tight|snug|normal|relaxed|loose|\d+|\[[^\]\s]*\])(?=\s|$)/g;

/**
 * Whether a node is a standfirst: named as one, or a prose paragraph of the article's header
 * (`inHeader`). `utilityNames` says whether a Tailwind line-height class counts as a lead's name.
 */
function isLead(node: HtmlNode, s: Stats, inHeader: boolean, utilityNames: boolean): boolean {
  if (s.chars < MIN_LEAD_CHARS || s.chars > MAX_LEAD_CHARS || linkDensity(s) > MAX_LEAD_LINK_DENSITY) return false;
  const names = utilityNames ? namesOf(node) : namesOf(node).replace(LINE_HEIGHT_UTILITY, ' ');
  if (LEAD_NAMES.test(names) || LEAD_ITEMPROPS.test(node.attribs?.itemprop?.trim() ?? '')) return true;
  return inHeader && isHeaderProse(node, s);
}

/** A prose paragraph long enough to be a header's lede: a sentence, few links, not the body's length. */
function isHeaderProse(node: HtmlNode, s: Stats): boolean {
  return (
    tagOf(node) === 'p' &&
    s.chars >= HEADER_PROSE_CHARS &&
    s.chars <= MAX_LEAD_CHARS &&
    linkDensity(s) <= MAX_LEAD_LINK_DENSITY &&
    SENTENCE_END.test(textOf(node))
  );
}

/**
 * The standfirst before the story: CMSs often put the lead (named lead, intro, teaser, sapo, …, or
 * a prose paragraph in the article's <header>) a few levels away from the body, where sibling
 * joining does not reach. Searched in document order between an ancestor a few levels above the
 * story and its first block that holds prose (a byline or date block joined before the body says
 * nothing of where the story begins: Euronews's `contributors-publication-date` above its summary).
 * And when the story's container holds the article's own <header> (the headline's), which renders
 * as page furniture, the lead inside it (`p.preface` under the h1 on MDR's and NDR's pages).
 */
function leadBlocks(chosen: HtmlNode[], page: Page, strictness: Strictness): HtmlNode[] {
  const { order, index, stats, root } = page;
  const first = chosen[0];
  if (!first) return [];
  const opening = chosen.find((node) => stats.get(node)!.proseParagraphs > 0) ?? first;
  let scope = first;
  for (let level = 0; level < LEAD_LEVELS && scope.parent && scope.parent !== root && tagOf(scope.parent) !== 'body'; level++) scope = scope.parent;
  const leads: HtmlNode[] = [];
  const start = index.get(first) ?? 0;
  const end = index.get(opening) ?? 0;
  for (let i = (index.get(scope) ?? end) + 1; i < end; i++) {
    const node = order[i];
    if (leads.length && contains(leads[leads.length - 1], node)) continue;
    if (chosen.some((block) => contains(block, node) || contains(node, block))) continue;
    // Past the first chosen block, only a block the page names as a lead: not a line-height
    // utility, not a span (a photo's caption line named `subtitle-2`).
    const beyond = i > start;
    if (beyond && !BLOCK_TAGS.has(tagOf(node))) continue;
    if (isLead(node, stats.get(node)!, inHeader(node, scope), !beyond) && !insideBoilerplate(node, scope, strictness)) leads.push(node);
  }
  // A header printed twice (desktop and mobile variants) or a lead found both ways is read once.
  const texts = new Set(leads.map((lead) => collapse(textOf(lead))));
  for (const lead of ownHeaderLeads(chosen, page, strictness)) {
    const text = collapse(textOf(lead));
    if (texts.has(text) || leads.some((found) => contains(found, lead) || contains(lead, found))) continue;
    texts.add(text);
    leads.push(lead);
  }
  return leads;
}

/**
 * The lede inside the article's own <header> (the one holding the headline), when the story's
 * container holds that header and leaves it out as furniture (`p.preface` under the h1 on MDR's and
 * NDR's pages). Only prose paragraphs, not blocks named as leads: inside such a header those are as
 * often a disclosure or a short deck (`subtitle-2`, Tailwind's `leading-tight`); and not an author's
 * description under the byline ("By Lauren Dragan" / "Lauren Dragan writes about …").
 */
function ownHeaderLeads(chosen: HtmlNode[], page: Page, strictness: Strictness): HtmlNode[] {
  const { order, index, stats } = page;
  const headline = order[page.headline];
  if (!headline) return [];
  let header: HtmlNode | null | undefined = headline.parent;
  while (header && tagOf(header) !== 'header') header = header.parent;
  if (!header || !chosen.some((block) => contains(block, header!)) || !isBoilerplateElement(header, strictness, stats.get(header))) return [];
  if (![...ancestors(header)].some((ancestor) => tagOf(ancestor) === 'article')) return [];
  const leads: HtmlNode[] = [];
  for (let i = (index.get(header) ?? 0) + 1; i < order.length && contains(header, order[i]); i++) {
    const node = order[i];
    if (!isHeaderProse(node, stats.get(node)!)) continue;
    const before = elementSibling(node, -1);
    if ((before && BYLINE_OPENING.test(collapse(textOf(before)))) || insideBoilerplate(node, header, strictness)) continue;
    leads.push(node);
  }
  return leads;
}

/** Rows, row groups and cells: judged with their table when it is a data table. */
const TABLE_INNER = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot']);
const dataTables = new WeakMap<HtmlNode, boolean>();

/** Whether the table around a cell or row holds data: no cell of it holds block elements. */
function isDataTable(inner: HtmlNode, stats: Map<HtmlNode, Stats>): boolean {
  let table = inner.parent;
  while (table && tagOf(table) !== 'table') table = table.parent;
  if (!table) return false;
  let data = dataTables.get(table);
  if (data === undefined) {
    data = true;
    for (const element of elements(table)) {
      const tag = tagOf(element);
      if ((tag === 'td' || tag === 'th') && (stats.get(element)?.blockChildren ?? 0) > 0) {
        data = false;
        break;
      }
    }
    dataTables.set(table, data);
  }
  return data;
}

/** The nearest block-level ancestor of an inline element. */
function enclosingBlock(node: HtmlNode): HtmlNode | undefined {
  let block = node.parent;
  while (block && isElement(block) && !BLOCK_TAGS.has(tagOf(block))) block = block.parent;
  return block && isElement(block) ? block : undefined;
}

/** Blocks of running text whose inline parts are part of their sentences. */
const RUNNING_TEXT_BLOCKS = new Set(['p', 'dd', 'dt', 'blockquote']);

/**
 * An inline element (`<span>`, `<strong>`, `<em>` around a link) inside a paragraph of running
 * text is part of its sentence, however much of it is link: judged alone as a link list, it would
 * cut the sentence in two ("According to the <span><a>study</a></span>, published in …"). A
 * paragraph that is mostly links ("Read also: <strong><a>…</a></strong>") is judged as a whole.
 */
function inRunningText(block: HtmlNode | undefined, stats: Map<HtmlNode, Stats>): boolean {
  // A heading is judged whole (see isLinkList): its inline parts go or stay with it.
  if (block && isHeading(tagOf(block))) return true;
  const s = block && RUNNING_TEXT_BLOCKS.has(tagOf(block)) ? stats.get(block) : undefined;
  return s !== undefined && linkDensity(s) < 0.5;
}

/**
 * A lone pointer to another site inside the story ("See the event on Facebook", a source's title
 * linking to it): a link-only paragraph whose links all leave the site, between paragraphs that
 * are not link paragraphs too. A run of link paragraphs is a list of links, and links to the
 * site's own pages are navigation or other stories' teasers.
 */
function isExternalPointer(node: HtmlNode, stats: Map<HtmlNode, Stats>, site: string | undefined): boolean {
  return externalLinks(node, site) > 0 && !isLinkParagraph(elementSibling(node, -1), stats) && !isLinkParagraph(elementSibling(node, 1), stats);
}

const externalLinkCounts = new WeakMap<HtmlNode, { site: string; links: number }>();

/**
 * How many links the block holds when every one of them leaves the site (absolute, another
 * host); 0 when any link is relative or on the page's own host. Counted once per block: every
 * inline part of a list item asks about its list.
 */
function externalLinks(node: HtmlNode, site: string | undefined): number {
  if (!site) return 0;
  const counted = externalLinkCounts.get(node);
  if (counted?.site === site) return counted.links;
  let links = 0;
  for (const element of elements(node)) {
    if (tagOf(element) !== 'a') continue;
    const href = element.attribs?.href?.trim() ?? '';
    if (!/^https?:\/\//i.test(href) || isSameSiteStory(href, site)) {
      links = 0;
      break;
    }
    links++;
  }
  externalLinkCounts.set(node, { site, links });
  return links;
}

function isLinkParagraph(node: HtmlNode | undefined, stats: Map<HtmlNode, Stats>): boolean {
  const s = node && tagOf(node) === 'p' ? stats.get(node) : undefined;
  return s !== undefined && linkDensity(s) > 0.8;
}

/** The nearest element sibling before (-1) or after (1) a node. */
function elementSibling(node: HtmlNode, step: 1 | -1): HtmlNode | undefined {
  const siblings = node.parent?.children ?? [];
  for (let i = siblings.indexOf(node) + step; i >= 0 && i < siblings.length; i += step) if (isElement(siblings[i])) return siblings[i];
  return undefined;
}

/** Lists, menus and "read more" blocks: mostly link text, little prose. */
function isLinkList(node: HtmlNode, s: Stats, stats: Map<HtmlNode, Stats>, site?: string): boolean {
  if (!s.chars) return false;
  const density = linkDensity(s);
  const tag = tagOf(node);
  if (tag === 'a') return false;
  if (!BLOCK_TAGS.has(tag)) {
    const block = enclosingBlock(node);
    const blockStats = block && tagOf(block) === 'li' ? stats.get(block) : undefined;
    // In a list item (a product named by its link, a source) it goes or stays with its item.
    if (block && blockStats) return isLinkList(block, blockStats, stats, site);
    if (inRunningText(block, stats)) return false;
  }
  if (tag === 'p') return density > 0.8 && s.chars < 120 && !isExternalPointer(node, stats, site);
  // A data table is judged whole (trafilatura's table test): a cell or row of links is part of
  // its data. A layout table's cells (holding blocks: menus, columns) are judged one by one.
  if (TABLE_INNER.has(tag) && isDataTable(node, stats)) return false;
  if (tag === 'table') return s.chars >= 200 && density > (s.chars < 1000 ? 0.8 : 0.5);
  // A listicle's numbered item heading ("2. Stanford GSB", "20) Faces Places") heads its section whatever it links to.
  if (isHeading(tag) && tag !== 'h1' && (isSectionHeadingLink(node, site) || NUMBERED_HEADING.test(textOf(node)))) return false;
  // A list in the story (gear, steps, resources) often names each item by a link: it is a list
  // of links only when links are nearly all of its text (trafilatura's link-density threshold).
  if (LIST_TAGS.has(tag)) {
    // An item is judged with its list (as trafilatura judges lists): an item that is one link in a
    // list that is not a list of links (a tool, a resource, a city among described ones) stays.
    const list = tag === 'li' ? node.parent : undefined;
    const listStats = list && LIST_TAGS.has(tagOf(list)) ? stats.get(list) : undefined;
    if (list && listStats) return isLinkList(list, listStats, stats, site);
    return s.commas < 10 && density > LIST_LINK_DENSITY && !isResourceList(s, externalLinks(node, site));
  }
  return s.commas < 10 && density > 0.5;
}

const LIST_TAGS = new Set(['ul', 'ol', 'li']);
const LIST_LINK_DENSITY = 0.8;
/** Below this much text per link a list of other sites' links is a row of icons' words (Facebook, Instagram). */
const MIN_RESOURCE_LINK_CHARS = 10;

/**
 * A list whose links all leave the site names things the story points to (the products of a
 * packing list, a report's sources, tools): part of the story however much of it is link text.
 * Lists of the site's own pages are its menus and other stories.
 */
function isResourceList(s: Stats, externalLinkCount: number): boolean {
  return externalLinkCount > 0 && s.chars >= MIN_RESOURCE_LINK_CHARS * externalLinkCount;
}

/**
 * A section heading that is a link: each of its links is the heading's own anchor (`<h3 id="x"><a
 * href="#x">`, `<a name="x">`) or points to a page of another site (a numbered product or tool named
 * by its link). It heads the story's next paragraphs; a heading linking to the site's own pages is
 * another story's headline, and one linking to a phone number or an address is a call to act.
 */
function isSectionHeadingLink(node: HtmlNode, site: string | undefined): boolean {
  for (const element of elements(node)) {
    if (tagOf(element) !== 'a') continue;
    const href = element.attribs?.href?.trim() ?? '';
    if (href && !href.startsWith('#') && !(/^https?:\/\//i.test(href) && !isSameSiteStory(href, site))) return false;
  }
  return true;
}

/** A teaser card: a linked headline and a standfirst of a sentence or two, no more. */
const MAX_CARD_CHARS = 400;
const MIN_CARD_HEADLINE_CHARS = 15;
/** Elements of a card looked at for its headline: cards are small, a big subtree is not one. */
const MAX_CARD_ELEMENTS = 60;

/**
 * Another story's teaser (a "more from", "most read" or related card): a small block whose
 * headline (h2–h6) is wholly a link to another page of the same site, with at most a short
 * standfirst, a date or a thumbnail beside it. A story's own section headings are not links, and
 * a link roundup's headlines point to other sites, so both stay.
 */
function isTeaserCard(node: HtmlNode, s: Stats, site: string | undefined): boolean {
  if (s.chars > MAX_CARD_CHARS || s.blockChildren === 0 || !s.linkChars) return false;
  const tag = tagOf(node);
  return tag !== 'p' && !isHeading(tag) && isTeaserHeaded(node, site);
}

/** The link an element sits in, below `scope`. */
function linkAround(element: HtmlNode, scope: HtmlNode): HtmlNode | undefined {
  for (let current = element.parent; current && current !== scope; current = current.parent) if (tagOf(current) === 'a') return current;
  return undefined;
}

/** The item's first h2–h6 (within its first elements) is wholly a link to another page of the site: a teaser's headline. */
function isTeaserHeaded(item: HtmlNode, site: string | undefined): boolean {
  let seen = 0;
  for (const element of elements(item)) {
    if (++seen > MAX_CARD_ELEMENTS) return false;
    if (!/^h[2-6]$/.test(tagOf(element))) continue;
    const text = textOf(element);
    if (text.length < MIN_CARD_HEADLINE_CHARS) return false;
    const inner = onlyLink(element);
    const link = linkAround(element, item) ?? (inner && textOf(inner) === text ? inner : undefined);
    return link !== undefined && isSameSiteStory(link.attribs?.href ?? '', site);
  }
  return false;
}

/** The single link inside an element, if it has exactly one. */
function onlyLink(element: HtmlNode): HtmlNode | undefined {
  let found: HtmlNode | undefined;
  for (const inner of elements(element)) {
    if (tagOf(inner) !== 'a') continue;
    if (found) return undefined;
    found = inner;
  }
  return found;
}

/** A link to another page of the site: relative, or absolute on the page's own host. */
function isSameSiteStory(href: string, site: string | undefined): boolean {
  const target = href.trim();
  if (!target || target.startsWith('#') || /^(mailto|tel|javascript):/i.test(target)) return false;
  if (!/^([a-z][a-z0-9+.-]*:)?\/\//i.test(target)) return true;
  if (!site) return false;
  try {
    return new URL(target, 'http://x/').hostname.replace(/^www\./, '') === site;
  } catch {
    return false;
  }
}

/** How far above a credit its `<figure>` may be (the picture's wrappers). */
const FIGURE_CREDIT_DEPTH = 4;
const QUOTED_TAGS = new Set(['blockquote', 'q', 'table', 'pre', 'code']);

/**
 * A picture's credit inside its `<figure>` (see FIGURE_CREDIT_NAMES). In a figure holding a
 * quote, a table or code (a pull quote), `<cite>` names the speaker or the source: kept.
 */
function isFigureCredit(node: HtmlNode, tag: string): boolean {
  if (!FIGURE_CREDIT_TAGS.has(tag) && !FIGURE_CREDIT_NAMES.test(namesOf(node))) return false;
  let depth = 0;
  for (const ancestor of ancestors(node)) {
    if (tagOf(ancestor) === 'figure') return ![...elements(ancestor)].some((e) => QUOTED_TAGS.has(tagOf(e)));
    if (++depth >= FIGURE_CREDIT_DEPTH) return false;
  }
  return false;
}

/** A short block that is page furniture by its wording (see BOILERPLATE_LINES), or a notice of its own (NOTICE_LINES). */
function isBoilerplateLine(text: string): boolean {
  if (text.length <= BOILERPLATE_LINE_CHARS && BOILERPLATE_LINES.some((rule) => matchesLine(rule, text))) return true;
  return text.length <= NOTICE_LINE_CHARS && NOTICE_LINES.some((rule) => matchesLine(rule, text));
}

/** A block that only introduces what follows: a heading, or a short line ending in a colon. */
function isLeadIn(text: string, tag: string): boolean {
  return isHeading(tag) || (text.length < 60 && /[:：]$/.test(text));
}

/**
 * Renders the chosen nodes to paragraphs (one string per block), leaving out skipped tags, h1 (the
 * title is kept apart), captions, boilerplate and link lists below them, and a heading left
 * dangling by a removed block ("Read more:" before a removed link list).
 */
/** Teaser cards to leave out: the page's host, and the characters of the cards left out. */
interface TeaserRule {
  site: string | undefined;
  droppedChars: number;
}

const SECTION_END = Symbol('end of a prose section');
const DATA_CELL_END = Symbol('end of a table cell or list item');

/** Characters of the kept prose sections (weakly named blocks of prose, see isProseSection), each counted once (not again inside another). */
function keptProseChars(kept: Set<HtmlNode>, stats: Map<HtmlNode, Stats>): number {
  let chars = 0;
  for (const node of kept) if (![...ancestors(node)].some((ancestor) => kept.has(ancestor))) chars += stats.get(node)!.chars;
  return chars;
}

function renderBlocks(
  nodes: HtmlNode[],
  stats: Map<HtmlNode, Stats>,
  strictness: Strictness,
  teasers?: TeaserRule,
  leadsStory = false,
  /** Collects the weakly named blocks of prose kept as parts of the story (see isProseSection). */
  proseSections?: Set<HtmlNode>,
): string[] {
  const blocks: string[] = [];
  /** Whether each block only introduces the next one. */
  const leadIns: boolean[] = [];
  let line: string[] = [];
  let lineTag = '';
  /** The block element the current line and each rendered block come from. */
  let lineNode: HtmlNode | undefined;
  const blockNodes: Array<HtmlNode | undefined> = [];
  /** A block named as the standfirst (a `subheadline` heading) leads the story, never a removed list. */
  let lineIsLead = false;
  /** The last block is a heading whose note (see isHeadingNote) was removed: it stays if its section's text follows. */
  let notedHeading = false;
  /** Table cells and list items open around the current line. */
  let dataCells = 0;
  const flush = () => {
    const text = collapse(line.join(''));
    // A furniture line is left out alone: the heading before it may head the story's next lines.
    if (text && !isBoilerplateLine(text) && !(dataCells === 0 && DATE_STAMP_LINE.test(text))) {
      const leadIn = !lineIsLead && isLeadIn(text, lineTag);
      // A heading kept over its note stays when its section's text follows it, in a later
      // sibling of the heading; another heading, or text elsewhere, leaves it dangling.
      if (notedHeading) {
        notedHeading = false;
        const heading = blockNodes[blockNodes.length - 1]!;
        if (leadIn || lineNode === undefined || ![lineNode, ...ancestors(lineNode)].some((n) => n.parent === heading.parent && n !== heading)) {
          blocks.pop();
          leadIns.pop();
          blockNodes.pop();
        }
      }
      blocks.push(text);
      leadIns.push(leadIn);
      blockNodes.push(lineNode);
    }
    line = [];
  };
  /** `removed`: the block whose removal leaves the last one dangling, when it may be a heading's note. */
  const dropDanglingLeadIn = (removed?: HtmlNode) => {
    flush();
    const heading = blockNodes[blockNodes.length - 1];
    if (removed && heading && leadIns[leadIns.length - 1] && isHeadingNote(removed, heading)) {
      notedHeading = true;
      return;
    }
    notedHeading = false;
    if (leadIns[leadIns.length - 1]) {
      blocks.pop();
      leadIns.pop();
      blockNodes.pop();
    }
  };
  const chosen = new Set(nodes);
  const sectionH1s = sectionHeadlines(nodes);
  /** Blocks rendered from prose sections, as [first, end) ranges of `blocks`. */
  const sections: Array<[number, number]> = [];
  // Stack entries: a node to enter, null marking the end of a block element, or the end of a prose section or a data cell.
  const stack: Array<HtmlNode | null | typeof SECTION_END | typeof DATA_CELL_END> = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]);
  while (stack.length) {
    const node = stack.pop()!;
    if (node === SECTION_END) {
      flush();
      sections[sections.length - 1][1] = blocks.length;
      continue;
    }
    if (node === DATA_CELL_END) {
      dataCells--;
      continue;
    }
    if (node === null) {
      flush();
      lineTag = '';
      lineNode = undefined;
      lineIsLead = false;
      continue;
    }
    if (node.type === 'text') {
      line.push(node.data ?? '');
      continue;
    }
    if (!isElement(node)) continue;
    const tag = tagOf(node);
    const s = stats.get(node);
    // An h1 is the title, kept apart, unless broken markup left the story inside it or it heads
    // one of the story's sections after its running text has begun (an h1 before it is the
    // headline printed again).
    if (
      SKIP_TAGS.has(tag) ||
      CAPTION_TAGS.has(tag) ||
      isFigureCredit(node, tag) ||
      (tag === 'h1' && !s?.blockChildren && !(sectionH1s.has(node) && blocks.some((block) => block.length >= PROSE_PARAGRAPH_CHARS))) ||
      (s && isNoscriptNotice(node, s))
    )
      continue;
    const teaser = teasers !== undefined && s !== undefined && !chosen.has(node) && isTeaserCard(node, s, teasers.site);
    if (teaser) teasers.droppedChars += s.chars;
    const linkList = s !== undefined && !chosen.has(node) && isLinkList(node, s, stats, teasers?.site);
    const named = s !== undefined && !chosen.has(node) && isBoilerplateElement(node, strictness, s);
    const proseSection = named && proseSections !== undefined && isProseSection(s) && !isBoilerplateElement(node, 'strong', s);
    if (proseSection && !sections.some(([, end]) => end < 0)) {
      proseSections.add(node);
      flush();
      sections.push([blocks.length, -1]);
      stack.push(SECTION_END);
    }
    const furniture = named && !proseSection;
    if (s && !chosen.has(node) && (teaser || furniture || linkList)) {
      // A hidden inline element (a heading's `#` permalink, Hugo's and markdown-it-anchor's
      // `aria-hidden` anchors) is no removed block: the line around it goes on, and a heading it
      // sits in is not left dangling by it.
      if (!BLOCK_TAGS.has(tag) && isHidden(node)) continue;
      // A heading before an ad slot, a photo credit or an empty widget slot still heads the
      // story's next paragraphs; so does a heading right above its section's image whose only
      // text is a linked caption ("Source", judged a link list): captions are never rendered.
      if (s.chars > 0 && (teaser || linkList || isBoilerplateElement(node, 'strong', s)) && !isSectionImage(node, s) && !isConsentPlaceholder(node))
        dropDanglingLeadIn(linkList && !teaser ? node : undefined);
      else flush();
      continue;
    }
    if (tag === 'br' || tag === 'hr') {
      flush();
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      flush();
      lineTag = tag;
      lineNode = node;
      lineIsLead = LEAD_NAMES.test(namesOf(node));
      if (DATA_CELL_TAGS.has(tag)) {
        dataCells++;
        stack.push(DATA_CELL_END);
      }
      stack.push(null);
    }
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  // A standfirst heading (a deck) leads into the story rendered after it.
  if (leadsStory) flush();
  else dropDanglingLeadIn();
  // A prose section is a part of the story when the story goes on after it; one that ends it is
  // as likely an appeal, a letter to readers or a block of teasers after the story.
  const last = sections[sections.length - 1];
  if (last && last[1] >= blocks.length) {
    blocks.length = last[0];
    leadIns.length = last[0];
  }
  return blocks;
}

/** The first h1 of each document, its headline (found once per document). */
const headlines = new WeakMap<HtmlNode, HtmlNode | null>();

function headlineOf(node: HtmlNode): HtmlNode | null {
  let root = node;
  for (const ancestor of ancestors(node)) root = ancestor;
  let found = headlines.get(root);
  if (found === undefined) {
    found = null;
    for (const element of elements(root))
      if (tagOf(element) === 'h1') {
        found = element;
        break;
      }
    headlines.set(root, found);
  }
  return found;
}

/** A story's sections headed by alike h1s: this many at least, the page's headline not counted. */
const MIN_SECTION_H1S = 2;

/**
 * The h1s inside the story that head its sections: Medium posts, Markdown and DocBook books write
 * section titles as h1, each one alike the others (same class). The page's headline is not one,
 * and a lone h1 after the story is as often page furniture ("While you are here…",
 * "Pressekontakt:", "Upcoming Events") as a section: alike h1s are what marks a story's sections.
 */
function sectionHeadlines(nodes: HtmlNode[]): Set<HtmlNode> {
  const byClass = new Map<string, HtmlNode[]>();
  const headline = nodes.length ? headlineOf(nodes[0]) : null;
  for (const node of nodes)
    for (const element of elements(node))
      if (tagOf(element) === 'h1' && element !== headline) {
        const cls = element.attribs?.class ?? '';
        const alike = byClass.get(cls);
        if (alike) alike.push(element);
        else byClass.set(cls, [element]);
      }
  return new Set([...byClass.values()].filter((alike) => alike.length >= MIN_SECTION_H1S).flat());
}

/** A heading's note is one short line of a few links. */
const MAX_NOTE_CHARS = 100;
const MAX_NOTE_LINKS = 3;

/**
 * A short line of links right after a heading, before its section's text: Wikipedia's "Main
 * article: …" hatnote, a venue's map link, a product's price buttons. Judged a link list and
 * removed, it leaves the heading above the section's text, not dangling. A byline after a title
 * is no note: the title is another story's, or the page's own printed again.
 */
function isHeadingNote(removed: HtmlNode, heading: HtmlNode): boolean {
  if (!isHeading(tagOf(heading)) || elementSibling(heading, 1) !== removed) return false;
  const text = collapse(textOf(removed));
  return (
    text.length <= MAX_NOTE_CHARS && !BYLINE_OPENING.test(text) && [...elements(removed)].filter((element) => tagOf(element) === 'a').length <= MAX_NOTE_LINKS
  );
}

/**
 * A consent manager's placeholder standing in for an embedded post, video or map (Business
 * Insider's `sourcepoint__social-placeholder` after each numbered heading, Borlabs' content
 * blocker): the embed is the section's content the reader has not let in, so the heading above it
 * is not left dangling by its removal; what follows decides. The placeholder's own element or one
 * holding all of its text carries the vendor's name.
 */
function isConsentPlaceholder(node: HtmlNode): boolean {
  if (CONSENT_PLACEHOLDER_NAMES.test(namesOf(node))) return true;
  const chars = collapse(textOf(node)).length;
  for (const element of elements(node)) if (CONSENT_PLACEHOLDER_NAMES.test(namesOf(element))) return collapse(textOf(element)).length >= chars;
  return false;
}

/**
 * An image under its section's heading (the heading its previous element) whose only text is its
 * caption. A captioned image after other lines (a gallery of the site's posts after "Up next" and
 * a call to follow) says nothing about a heading above them.
 */
function isSectionImage(node: HtmlNode, s: Stats): boolean {
  const previous = elementSibling(node, -1);
  return s.chars === s.captionChars && previous !== undefined && isHeading(tagOf(previous));
}

const CMS_RANK = new Map(CMS_CONTAINER_CLASSES.map((name, i) => [name, i + 1]));

/** The page marks the element as its story (itemprop=articleBody). */
function isMarkedStory(node: HtmlNode): boolean {
  return node.attribs?.itemprop?.toLowerCase() === 'articlebody';
}

/** The first known CMS story container holding enough running text: itemprop=articleBody, then by class. */
function cmsContainer(order: HtmlNode[], stats: Map<HtmlNode, Stats>, excluded: Set<HtmlNode>): HtmlNode | undefined {
  let best: HtmlNode | undefined;
  let bestRank = Infinity;
  for (const node of order) {
    const attribs = node.attribs;
    if (!attribs) continue;
    let rank = isMarkedStory(node) ? 0 : Infinity;
    if (rank && attribs.class) for (const token of attribs.class.split(/\s+/)) rank = Math.min(rank, CMS_RANK.get(token) ?? Infinity);
    if (rank >= bestRank) continue;
    const s = stats.get(node)!;
    if (!excluded.has(node) && s.chars >= MIN_CMS_CHARS && linkDensity(s) < 0.5) {
      best = node;
      bestRank = rank;
    }
  }
  return best;
}

export interface MainText {
  /** Paragraphs of the story, boilerplate removed, its standfirst first. */
  paragraphs: string[];
  /**
   * Characters of the story's paragraphs without the standfirst: whether the story was found is
   * judged on this, so a found lead does not hide a body that a looser attempt would find.
   */
  storyChars: number;
  /** The standfirst's paragraphs (also first in `paragraphs`). */
  leads: string[];
  /** Characters of the chosen container's text and the share of it inside links. */
  chars: number;
  linkDensity: number;
  /** The deepest element holding every chosen block (the story's container), when any was chosen. */
  container?: HtmlNode;
}

/**
 * A story split over containers deeper than scoring reaches (sections of a health page, an entry
 * whose paragraphs sit in another block than its first lines): when the page holds, outside the
 * chosen blocks, twice as much paragraph prose as the chosen blocks hold text, the story is the
 * nearest ancestor holding both, unless it is mostly links (then the prose outside is other
 * stories). Only in the strict attempt: the looser ones keep comment sections the prose may be.
 */
const WIDEN_SHARE = 2;
const MIN_WIDEN_CHARS = 500;
const MIN_WIDEN_PARAGRAPHS = 3;
const MAX_WIDEN_LINK_DENSITY = 0.2;

function widenedStory(story: HtmlNode[], order: HtmlNode[], stats: Map<HtmlNode, Stats>, excluded: Set<HtmlNode>, root: HtmlNode): HtmlNode[] | undefined {
  if (!story.length) return undefined;
  const outside: HtmlNode[] = [];
  let outsideChars = 0;
  for (const node of order) {
    if (tagOf(node) !== 'p' || excluded.has(node)) continue;
    const s = stats.get(node)!;
    if (s.proseChars < PROSE_PARAGRAPH_CHARS || linkDensity(s) > MAX_WIDEN_LINK_DENSITY || story.some((chosen) => contains(chosen, node))) continue;
    outside.push(node);
    outsideChars += s.proseChars;
  }
  const inside = story.reduce((sum, chosen) => sum + stats.get(chosen)!.chars - stats.get(chosen)!.linkChars, 0);
  if (outsideChars <= WIDEN_SHARE * inside || outsideChars < MIN_WIDEN_CHARS || outside.length < MIN_WIDEN_PARAGRAPHS) return undefined;
  for (const ancestor of ancestors(story[0])) {
    if (ancestor === root || tagOf(ancestor) === 'body' || tagOf(ancestor) === 'html') return undefined;
    if (story.every((chosen) => contains(ancestor, chosen)) && outside.every((node) => contains(ancestor, node)))
      return linkDensity(stats.get(ancestor)!) < MAX_WIDEN_LINK_DENSITY ? [ancestor] : undefined;
  }
  return undefined;
}

/** The page as every attempt reads it. */
interface Page {
  root: HtmlNode;
  /** Elements in document order, their positions in it and their text statistics. */
  order: HtmlNode[];
  index: Map<HtmlNode, number>;
  stats: Map<HtmlNode, Stats>;
  /** Position of the first h1, the headline, in `order` (-1 without one). */
  headline: number;
  site: string | undefined;
  /** The opening words of the page's own summary (its meta description), when it has one. */
  summaryOpening: string | undefined;
}

function attempt(page: Page, strictness: Strictness): MainText {
  const { root, order, index, stats, site } = page;
  const excluded = excludedSet(order, stats, root, strictness);
  let story = scoreCandidates(page, excluded, cmsContainer(order, stats, excluded));
  if (strictness === 'names') story = widenedStory(story, order, stats, excluded, root) ?? story;
  story.sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
  const leads = leadBlocks(story, page, strictness);
  const summary = summaryParagraph(page, story, leads, excluded);
  if (summary) {
    leads.push(summary);
    leads.sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
  }
  const teasers: TeaserRule = { site, droppedChars: 0 };
  const proseSections = new Set<HtmlNode>();
  let storyParagraphs = renderBlocks(story, stats, strictness, teasers, false, proseSections);
  // Cards holding most of the container's text are not beside the story: they are the page's
  // content (a listing, a digest), which detection judges; leaving them out would empty it.
  if (teasers.droppedChars > textLength(storyParagraphs)) storyParagraphs = renderBlocks(story, stats, strictness, undefined, false, proseSections);
  // Prose sections complete a story found without them; they must not make a container that
  // holds too little without them pass as the story (a looser attempt finds the real one).
  if (proseSections.size && textLength(storyParagraphs) - keptProseChars(proseSections, stats) < ENOUGH_CHARS)
    storyParagraphs = renderBlocks(story, stats, strictness, teasers.droppedChars > 0 ? undefined : teasers);
  const leadParagraphs = renderBlocks(leads, stats, strictness, { site, droppedChars: 0 }, true);
  const paragraphs = [...leadParagraphs, ...storyParagraphs];
  const nodes = [...leads, ...story];
  let chars = 0;
  let linkChars = 0;
  for (const node of nodes) {
    const s = stats.get(node)!;
    chars += s.chars;
    linkChars += s.linkChars;
  }
  return {
    paragraphs,
    storyChars: textLength(storyParagraphs),
    leads: leadParagraphs,
    chars,
    linkDensity: chars ? linkChars / chars : 0,
    container: commonAncestor(nodes),
  };
}

/** The deepest element holding all the nodes. */
function commonAncestor(nodes: HtmlNode[]): HtmlNode | undefined {
  if (!nodes.length) return undefined;
  for (const candidate of [nodes[0], ...ancestors(nodes[0])]) if (nodes.every((node) => contains(candidate, node))) return candidate;
  return undefined;
}

/** A summary shorter than this is a slogan or a site's name, not the story's opening. */
const MIN_SUMMARY_CHARS = 60;
/** Characters of the summary looked for on the page: CMSs cut or end descriptions their own way. */
const SUMMARY_OPENING_CHARS = 50;

function summaryOpening(summary: string | undefined): string | undefined {
  const text = summary && collapse(summary);
  return text && text.length >= MIN_SUMMARY_CHARS ? text.slice(0, SUMMARY_OPENING_CHARS).replace(/\s\S*$/, '') : undefined;
}

/** Depth of the deepest element holding both nodes. */
function sharedDepth(a: HtmlNode, b: HtmlNode): number {
  for (const ancestor of [a, ...ancestors(a)]) if (contains(ancestor, b)) return [...ancestors(ancestor)].length;
  return 0;
}

/**
 * The story's opening paragraph, when the page's own summary says where the story begins: the
 * paragraph between the headline and the story that opens with the summary's words (CMSs fill the
 * meta description with the lede: an abstract, a `sommario`, a first paragraph in a block of its
 * own), nearer the story than the headline. A deck printed beside the headline holds the summary
 * as often, and Zyte's and WCXB's golds leave decks out of the body: so not a heading, and not in
 * the headline's own block.
 */
function summaryParagraph(page: Page, story: HtmlNode[], leads: HtmlNode[], excluded: Set<HtmlNode>): HtmlNode | undefined {
  const { order, index, stats, headline, summaryOpening: opening } = page;
  const first = story.length ? (index.get(story[0]) ?? 0) : 0;
  if (!opening || headline < 0 || headline >= first || [...leads, ...story].some((node) => textOf(node).includes(opening))) return undefined;
  let found: HtmlNode | undefined;
  for (let i = headline + 1; i < first; i++) {
    const node = order[i];
    const s = stats.get(node)!;
    if (!PARAGRAPH_TAGS.has(tagOf(node)) || excluded.has(node) || s.chars > MAX_LEAD_CHARS || linkDensity(s) > MAX_LEAD_LINK_DENSITY) continue;
    if (textOf(node).includes(opening)) found = node;
  }
  if (!found || leads.some((lead) => contains(lead, found) || contains(found, lead))) return undefined;
  return sharedDepth(found, story[0]) >= sharedDepth(found, order[headline]) ? found : undefined;
}

/**
 * Extracts the main text below `root`, preferring a known CMS container when it holds the story.
 * When the strictest attempt yields little text, a looser one is taken only if it finds at least
 * twice as much: a few more lines are usually the boilerplate the strict attempt left out.
 * `summary` is the page's own summary (its meta description): where the story's lede sits apart,
 * it says which paragraph opens the story (see summaryParagraph).
 */
export function extractMainText(root: HtmlNode, pageUrl?: string, summary?: string): MainText {
  const { order, stats } = computeStats(root);
  const page: Page = {
    root,
    order,
    index: new Map(order.map((node, i) => [node, i])),
    stats,
    headline: order.findIndex((node) => tagOf(node) === 'h1'),
    site: hostOf(pageUrl),
    summaryOpening: summaryOpening(summary),
  };
  const attempts: MainText[] = [];
  for (const strictness of ATTEMPTS) {
    const main = attempt(page, strictness);
    if (main.storyChars >= ENOUGH_CHARS) return main;
    attempts.push(main);
  }
  const longest = Math.max(...attempts.map((main) => main.storyChars));
  return attempts.find((main) => main.storyChars * 2 >= longest) ?? attempts[0];
}

/** The page's host without `www.`, to tell the site's own links from others'. */
function hostOf(pageUrl: string | undefined): string | undefined {
  if (!pageUrl) return undefined;
  try {
    return new URL(pageUrl).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** Paragraphs of an already isolated story (e.g. Readability's output), rendered as ours are. */
export function renderParagraphs(root: HtmlNode): string[] {
  const { stats } = computeStats(root);
  return renderBlocks(root.children ?? [], stats, 'tags');
}
