// L3S-GN1 (Kohlschütter, Fankhauser, Nejdl, WSDM 2010; research use only): 621 English news pages of
// 408 sites found through Google News in 2008, mostly small and regional papers, each with a copy in
// which assessors labelled every text block. A readable development set (issue #15, twenty-third
// pass), fetched by scripts/l3s-gn1-fetch.sh. The gold is the article as the combined web content
// extraction benchmark (Bevendorff et al., SIGIR 2023) reads it — full text and supplemental blocks
// (`x-nc-sel2`, `x-nc-sel3`: captions, datelines) — without the headline (`x-nc-sel1`), as we score the
// body alone; scored as Zyte's evaluate.py (`article-benchmark.ts`: 4-token shingles). Pages also in one
// of our other sets are left out by `scripts/l3s-gn1-overlap.ts`, recorded as salted hashes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { BenchmarkPage } from './article-benchmark.ts';
import { excludedHashes, type OtherSet } from './set-overlap.ts';

const DATA = 'L3S-GN1-20100130203947-00001';
export const L3S_EXCLUDED_FILE = new URL('./l3s-gn1-excluded.json', import.meta.url);

export function isL3sGn1(dir: string): boolean {
  return existsSync(join(dir, DATA, 'annotated')) && existsSync(join(dir, 'html'));
}

export const l3sPagePath = (dir: string, id: string) => join(dir, 'html', `${id}.html.gz`);

/** Every page of the set with the address it was fetched from (url-mapping.txt: `<urn:uuid:ID>\tURL`). */
export function l3sPages(dir: string): Array<{ id: string; url: string }> {
  const urls = new Map<string, string>();
  for (const line of readFileSync(join(dir, DATA, 'url-mapping.txt'), 'utf8').split('\n')) {
    const match = /^<urn:uuid:([0-9a-f-]+)>\s+(\S+)/.exec(line);
    if (match) urls.set(match[1], match[2]);
  }
  return readdirSync(join(dir, DATA, 'annotated'))
    .filter((name) => name.endsWith('.html'))
    .sort()
    .map((name) => name.slice(0, -'.html'.length))
    .map((id) => ({ id, url: urls.get(id) ?? `https://l3s-gn1.invalid/${id}` }));
}

/** Labels of the gold: full text and supplemental (the headline is scored apart, as the title). */
const GOLD_LABELS = ['x-nc-sel2', 'x-nc-sel3'];
const BLOCK_PARENTS =
  /^(?:address|article|aside|blockquote|dd|div|dl|dt|figcaption|figure|footer|form|h[1-6]|header|li|main|nav|ol|p|pre|section|table|td|th|tr|ul)$/i;

/**
 * The labelled text of an assessed page: the label spans that hold text directly (an annotation span
 * wrapping others would count their text twice), a line break before one whose parent is a block.
 */
export function goldText(annotatedHtml: string, labels: string[] = GOLD_LABELS): string {
  const { document } = parseHTML(annotatedHtml);
  let text = '';
  for (const span of document.querySelectorAll(labels.map((label) => `span.${label}`).join(', '))) {
    if (span.querySelector('[class^="x-nc-sel"]')) continue;
    if (BLOCK_PARENTS.test(span.parentElement?.tagName ?? '')) text += '\n';
    text += `${(span.textContent ?? '').trim()} `;
  }
  return text.trim();
}

/** Every page as another set a newer set's overlap script leaves out (by the address it was fetched from or its bytes). */
export function l3sOtherSet(dir: string): OtherSet {
  return { name: 'L3S-GN1', pages: l3sPages(dir).map(({ id, url }) => ({ url, path: l3sPagePath(dir, id) })) };
}

const EXCLUDED_SALT = 'mediawatch-l3s-gn1-overlap';
export const l3sExcludedKey = (id: string) => createHash('sha256').update(`${EXCLUDED_SALT}:${id}`).digest('hex');

/** The set's pages as Zyte-style benchmark pages; a string saying what is missing when it cannot be loaded. */
export function loadL3sGn1(dir: string): BenchmarkPage[] | string {
  const excluded = excludedHashes(L3S_EXCLUDED_FILE, 'scripts/l3s-gn1-overlap.ts');
  if (typeof excluded === 'string') return excluded;
  return l3sPages(dir)
    .filter((page) => !excluded.has(l3sExcludedKey(page.id)))
    .map((page) => ({ ...page, articleBody: goldText(readFileSync(join(dir, DATA, 'annotated', `${page.id}.html`), 'utf8')) }));
}
