import type { AnyNode } from 'domhandler';
import { TagStream } from '../tag-stream.ts';
import { cleanWhitespace } from '../../core/text.ts';
import { HEADING_TAGS } from '../extraction/rules.ts';

const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'blockquote', 'pre', ...HEADING_TAGS, 'section', 'article', 'header', 'footer', 'table', 'tr']);
const SKIP = new Set(['script', 'style', 'template', 'noscript']);

/** Collapses spaces within lines and keeps paragraph breaks: the same cleaning as the pipeline's. */
export const tidyText = cleanWhitespace;

/** Plain text of an HTML fragment: <br> becomes a line break, block elements become paragraphs. */
export function nodesToText(nodes: AnyNode[]): string {
  let out = '';
  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      out += (node as unknown as { data: string }).data;
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const element = node as unknown as { name?: string; children: AnyNode[] };
    const name = element.name?.toLowerCase();
    if (name && SKIP.has(name)) return;
    if (name === 'br') {
      out += '\n';
      return;
    }
    const block = name !== undefined && BLOCK.has(name);
    if (block) out += '\n\n';
    for (const child of element.children ?? []) walk(child);
    if (block) out += '\n\n';
  };
  nodes.forEach(walk);
  return tidyText(out);
}

/**
 * Plain text of an HTML fragment, like nodesToText, read as a stream of tags: no tree is built, so
 * a fragment nested thousands of levels deep cannot exhaust the stack.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return tidyText(html);
  let out = '';
  let skipping = 0;
  const stream = new TagStream({
    onOpen(name) {
      if (SKIP.has(name)) skipping++;
      else if (name === 'br') out += '\n';
      else if (BLOCK.has(name)) out += '\n\n';
    },
    onClose(name) {
      if (SKIP.has(name)) skipping--;
      else if (BLOCK.has(name)) out += '\n\n';
    },
    onText(text) {
      if (!skipping) out += text;
    },
  });
  stream.write(html);
  stream.end();
  return tidyText(out);
}

/** "1,234", "1.2K", "3,4 N" (Vietnamese "nghìn"), "2M" → number; undefined when absent or not a count. */
export function parseCount(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  const text = String(value).trim().replace(/\s+/g, '');
  if (!text) return undefined;
  const match = /^(\d+(?:[.,]\d+)*)([KkMmBbN]|Tr)?$/.exec(text);
  if (!match) return undefined;
  const [, digits, suffix] = match;
  let number: number;
  if (suffix) {
    number = Number(digits.replace(',', '.'));
    const factor = { k: 1e3, n: 1e3, m: 1e6, tr: 1e6, b: 1e9 }[suffix.toLowerCase()] ?? 1;
    number *= factor;
  } else {
    // Without a suffix, "," and "." are thousands separators ("1,234" / "1.234").
    number = Number(digits.replace(/[.,]/g, ''));
  }
  return Number.isFinite(number) ? Math.round(number) : undefined;
}

/** Left-pads a numeric id so that string order is numeric order. */
export function padKey(value: string | number, width = 24): string {
  return String(value).padStart(width, '0');
}

/** ISO 8601 in UTC, or undefined when the value is not a date. */
export function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const time = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
