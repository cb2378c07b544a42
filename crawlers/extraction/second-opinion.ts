// Mozilla Readability (on a linkedom DOM) as a second opinion for pages where block scoring finds
// little text: measured on the development half, it recovers stories split in ways our scoring
// misses, while running it on every page would cost most of the speed (docs/extraction.md). It is also
// asked, on our story's container alone, when either end of our story is a short line that is no
// sentence: such lines stay only if Readability keeps them too (`trimEdges`, thirty-seventh pass).
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import * as cheerio from 'cheerio';
import { renderParagraphs } from './main-text.ts';
import { collapse, contains, isElement, tagOf, namesOf, type HtmlNode } from './tree.ts';
import {
  EDGE_BLOCK_TAGS,
  EDGE_LINE_MAX_WORDS,
  EDGE_RISK_ATTRIBUTES,
  EDGE_RISK_ATTRIBUTE_VALUES,
  EDGE_RISK_NAMES,
  EDGE_RISK_TAGS,
  EDGE_SHARED_SHARE,
  SENTENCE_END,
  SKIP_TAGS,
} from './rules.ts';

/**
 * Readability's story paragraphs, or none when it finds nothing or fails on the page. `charThreshold`
 * (Readability's own default: 500 characters) is the text below which it reads the page again with
 * fewer flags, up to four times, and then takes its longest attempt.
 */
export function readabilityParagraphs(html: string, charThreshold?: number): string[] {
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as Document, charThreshold === undefined ? {} : { charThreshold }).parse();
    if (!article?.content) return [];
    const $ = cheerio.load(article.content, { xml: { xmlMode: false, decodeEntities: true } });
    return renderParagraphs($.root()[0] as HtmlNode);
  } catch {
    // Readability walks some structures recursively; on pathological pages our own text stands.
    return [];
  }
}

const WORD = /[\p{L}\p{N}]+/gu;
const normal = (line: string) => line.replace(/\s+/g, ' ').trim();

/** A line that may be furniture at the story's edge: a few words, no sentence. */
export function isEdgeCandidate(line: string): boolean {
  return (line.match(WORD)?.length ?? 0) <= EDGE_LINE_MAX_WORDS && !SENTENCE_END.test(line);
}

/** Whether either end of the story is such a line, so that asking Readability may trim it. */
export function hasEdgeCandidate(paragraphs: string[]): boolean {
  return paragraphs.length > 1 && (isEdgeCandidate(paragraphs[0]) || isEdgeCandidate(paragraphs[paragraphs.length - 1]));
}

/**
 * Our story with its edges trimmed where Readability's copy of the same container disagrees: from
 * each end, the run of short lines that are no sentence and whose text Readability does not keep is
 * dropped (bylines with dates, time stamps, category and tag lines, related headlines), when it
 * reaches a line both copies keep: a story's closing list after a paragraph Readability left out
 * stays. Only when the two copies are of the same container (half of our lines in Readability's
 * text); lines inside the span both copies share are never touched.
 */
export function trimEdges(paragraphs: string[], readability: string[]): string[] {
  if (!readability.length || paragraphs.length < 2) return paragraphs;
  const theirs = readability.map(normal).join('\n');
  const kept = paragraphs.map((line) => theirs.includes(normal(line)));
  if (kept.filter(Boolean).length < EDGE_SHARED_SHARE * paragraphs.length) return paragraphs;
  const drop = (i: number) => !kept[i] && isEdgeCandidate(paragraphs[i]);
  // A run is trimmed only up to a line both copies keep: the lines beyond the span they share.
  let start = 0;
  while (start < paragraphs.length && drop(start)) start++;
  if (!kept[start]) start = 0;
  let end = paragraphs.length;
  while (end > start && drop(end - 1)) end--;
  if (!kept[end - 1]) end = paragraphs.length;
  return start === 0 && end === paragraphs.length ? paragraphs : paragraphs.slice(start, end);
}

/** Text nodes of the subtree in document order, skipped tags left out, blank ones too. */
function textNodes(root: HtmlNode): HtmlNode[] {
  const out: HtmlNode[] = [];
  const stack: HtmlNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      if (node.data && /\S/.test(node.data)) out.push(node);
      continue;
    }
    if (node !== root && isElement(node) && SKIP_TAGS.has(tagOf(node))) continue;
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/** The text node where each line starts, walking the container's text from one end (undefined when not found). */
function locate(lines: string[], texts: HtmlNode[], fromEnd: boolean): Array<HtmlNode | undefined> {
  const found: Array<HtmlNode | undefined> = [];
  let cursor = fromEnd ? texts.length - 1 : 0;
  for (const line of lines) {
    const wanted = normal(line);
    let hit: HtmlNode | undefined;
    for (; fromEnd ? cursor >= 0 : cursor < texts.length; cursor += fromEnd ? -1 : 1) {
      const text = collapse(texts[cursor].data ?? '');
      if (text && wanted.includes(text)) {
        hit = texts[cursor];
        cursor += fromEnd ? -1 : 1;
        break;
      }
    }
    found.push(hit);
    if (!hit) break;
  }
  return found;
}

const blockOf = (node: HtmlNode, container: HtmlNode): HtmlNode => {
  let current = node.parent ?? container;
  while (current !== container && !EDGE_BLOCK_TAGS.has(tagOf(current)) && current.parent) current = current.parent;
  return current;
};

/** Whether an element marks what it holds for Readability's removal (tag, class/id, attribute). */
function marked(node: HtmlNode): boolean {
  if (EDGE_RISK_TAGS.has(tagOf(node))) return true;
  const names = namesOf(node);
  if (names && EDGE_RISK_NAMES.test(names)) return true;
  for (const [name, value] of Object.entries(node.attribs ?? {})) if (EDGE_RISK_ATTRIBUTES.test(name) && EDGE_RISK_ATTRIBUTE_VALUES.test(value)) return true;
  return false;
}

/**
 * Whether Readability could drop an edge line of the story (so that asking it is worth its cost): a
 * run of short non-sentence lines at either end may fall unless each of its lines sits inside the
 * parent of the story's nearest paragraph (Readability's top candidate holds it) with nothing between
 * that marks it for removal (EDGE_RISK_* in rules.ts), and no link unless its block is a paragraph.
 */
export function edgeMayFall(paragraphs: string[], container: HtmlNode | undefined): boolean {
  if (!container) return true;
  const texts = textNodes(container);
  for (const fromEnd of [false, true]) {
    const order = fromEnd ? [...paragraphs].reverse() : paragraphs;
    let run = 0;
    while (run < order.length && isEdgeCandidate(order[run])) run++;
    if (!run) continue;
    if (run === order.length) return true;
    const found = locate(order.slice(0, run + 1), texts, fromEnd);
    const ref = found[run];
    if (!ref) return true;
    const refParent = blockOf(ref, container).parent ?? container;
    for (const start of found.slice(0, run)) {
      if (!start || !contains(refParent, start)) return true;
      const block = blockOf(start, container);
      for (let node = start.parent; node && node !== refParent; node = node.parent) {
        if (marked(node)) return true;
        if (tagOf(node) === 'a' && tagOf(block) !== 'p') return true;
      }
    }
  }
  return false;
}
