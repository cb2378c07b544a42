import { createHash } from 'node:crypto';
import { cleanWhitespace, toNfc } from '../core/text.ts';
import type { NormalisedItem, RawItem } from '../core/types.ts';
import { canonicalizeUrl } from '../crawlers/urls.ts';
import { foldVietnamese } from './nlp/fold.ts';

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

function foldedBodyOf(text: string): string {
  return foldVietnamese(text).replace(WHITESPACE_TO_COLLAPSE, ' ');
}

/** The folded search text of a normalised title, text and OCR text (what `normaliseItem` puts in foldedText). */
export function foldedTextOf(title: string, text: string, ocrText?: string): string {
  const folded = `${foldVietnamese(title)}\n${foldedBodyOf(text)}`;
  return ocrText ? `${folded}\n${foldedBodyOf(ocrText)}` : folded;
}

/** Stable item id: the same canonical URL always yields the same id, in every store. */
export function itemIdFor(canonicalUrl: string): string {
  return sha1(canonicalUrl).slice(0, 20);
}

/** Cleans a raw item and derives its identity (id, content hash) and its folded search text. */
export function normaliseItem(raw: RawItem): NormalisedItem {
  const title = cleanWhitespace(toNfc(raw.title));
  const text = cleanWhitespace(toNfc(raw.text));
  const canonicalUrl = canonicalizeUrl(raw.canonicalUrl ?? raw.url);
  return {
    ...raw,
    title,
    text,
    author: raw.author ? cleanWhitespace(toNfc(raw.author)) : undefined,
    canonicalUrl,
    // The pages of one e-paper PDF share its URL: each page is an item of its own.
    id: itemIdFor(raw.epaper ? `${canonicalUrl}#page=${raw.epaper.page}` : canonicalUrl),
    foldedText: foldedTextOf(title, text, raw.ocrText),
    contentHash: sha1(foldedBodyOf(text)),
  };
}
