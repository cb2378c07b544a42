// Mozilla Readability (on a linkedom DOM) as a second opinion for pages where block scoring finds
// little text: measured on the development half, it recovers stories split in ways our scoring
// misses, while running it on every page would cost most of the speed (docs/extraction.md).
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import * as cheerio from 'cheerio';
import { renderParagraphs } from './main-text.ts';
import type { HtmlNode } from './tree.ts';

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
