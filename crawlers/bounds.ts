import { Tokenizer } from 'htmlparser2';

/**
 * Caps on the markup of one page, applied before it is parsed into a tree. A real news page stays
 * far inside them; a hostile or corrupted one would otherwise cost a tree of its whole size (and
 * parsers whose work grows with the square of the nesting).
 */
export interface MarkupLimits {
  /** Elements nested deeper lose their tags, not their text. */
  maxDepth: number;
  /** Attributes of one tag beyond this count are dropped. */
  maxAttributes: number;
  /** An attribute value longer than this is dropped (no attribute the extractor reads is this long). */
  maxAttributeChars: number;
  /** One run of text (outside script and style) is cut at this length. */
  maxTextChars: number;
}

export const DEFAULT_MARKUP_LIMITS: MarkupLimits = { maxDepth: 1_000, maxAttributes: 256, maxAttributeChars: 16_384, maxTextChars: 200_000 };

export interface BoundedMarkup {
  html: string;
  /** What was cut, by cap; all zero when the page is returned unchanged. */
  trimmed: { depth: number; attributes: number; text: number };
}

/** Elements that never have a closing tag, so never add a level. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Raw-text elements: their content is code or data, never cut. */
const RAW = new Set(['script', 'style']);
/** A closing tag matches an open element this near the top of the stack, else it is stray. */
const CLOSE_SEARCH = 32;

/**
 * Applies the caps in one linear pass over the tokens, copying everything else byte for byte: a page
 * inside the caps comes back as the same string. Tags beyond the depth cap are removed with their
 * closing tags, so their text joins the element at the cap.
 */
export function boundMarkup(html: string, limits: MarkupLimits = DEFAULT_MARKUP_LIMITS): BoundedMarkup {
  const trimmed = { depth: 0, attributes: 0, text: 0 };
  /** Ranges [from, to) to remove, in document order. */
  const cuts: Array<[number, number]> = [];
  const stack: Array<{ name: string; dropped: boolean }> = [];
  let tag = { start: 0, name: '', attributes: 0, cutsBefore: 0 };
  let attribute = { start: 0, chars: 0 };
  let textRun = { start: -1, chars: 0 };
  let raw = '';
  const endText = () => (textRun = { start: -1, chars: 0 });

  const openTag = (end: number, selfClosing: boolean) => {
    if (selfClosing || VOID.has(tag.name)) return;
    const dropped = stack.length >= limits.maxDepth;
    stack.push({ name: tag.name, dropped });
    if (dropped) {
      cuts.length = tag.cutsBefore; // the whole tag goes, attribute cuts included
      cuts.push([tag.start, end + 1]);
      trimmed.depth++;
    }
    if (RAW.has(tag.name)) raw = tag.name;
  };

  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      onopentagname(start, end) {
        endText();
        tag = { start: start - 1, name: html.slice(start, end).toLowerCase(), attributes: 0, cutsBefore: cuts.length };
      },
      onattribname(start) {
        attribute = { start, chars: 0 };
        tag.attributes++;
      },
      onattribdata(start, end) {
        attribute.chars += end - start;
      },
      onattribend(_quote, end) {
        if (tag.attributes > limits.maxAttributes || attribute.chars > limits.maxAttributeChars) {
          cuts.push([attribute.start, end]);
          trimmed.attributes++;
        }
      },
      onopentagend: (end) => openTag(end, false),
      onselfclosingtag: (end) => openTag(end, true),
      onclosetag(start, end) {
        endText();
        const name = html.slice(start, end).toLowerCase();
        if (raw === name) raw = '';
        for (let i = stack.length - 1; i >= Math.max(0, stack.length - CLOSE_SEARCH); i--) {
          if (stack[i].name !== name) continue;
          const { dropped } = stack[i];
          stack.length = i;
          if (dropped) {
            const close = html.indexOf('>', end);
            cuts.push([start - 2, close === -1 ? html.length : close + 1]);
          }
          return;
        }
      },
      ontext(start, end) {
        if (raw) return;
        if (textRun.start === -1) textRun.start = start;
        const room = limits.maxTextChars - textRun.chars;
        textRun.chars += end - start;
        if (room <= 0) cuts.push([start, end]);
        else if (end - start > room) cuts.push([start + room, end]);
        else return;
        trimmed.text++;
      },
      oncomment: endText,
      oncdata: endText,
      ondeclaration: endText,
      onprocessinginstruction: endText,
      onattribentity() {},
      ontextentity() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  if (!cuts.length) return { html, trimmed };
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of cuts) {
    if (from > at) parts.push(html.slice(at, from));
    at = Math.max(at, to);
  }
  parts.push(html.slice(at));
  return { html: parts.join(''), trimmed };
}
