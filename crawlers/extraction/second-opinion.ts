// Mozilla Readability (on a linkedom DOM) as a second opinion for pages where block scoring finds
// little text: measured on the development half, it recovers stories split in ways our scoring
// misses, while running it on every page would cost most of the speed (docs/extraction.md). It is also
// asked, on our story's container alone, when either end of our story is a short line that is no
// sentence: such lines stay only if Readability keeps them too (`trimEdges`, thirty-seventh pass).
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import * as cheerio from 'cheerio';
import { renderParagraphs } from './main-text.ts';
import type { HtmlNode } from './tree.ts';
import { EDGE_LINE_MAX_WORDS, EDGE_SHARED_SHARE, SENTENCE_END } from './rules.ts';

/** Readability's story paragraphs, or none when it finds nothing or fails on the page. */
export function readabilityParagraphs(html: string): string[] {
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as Document).parse();
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
