// The defacement / gambling / phishing lexicon of the portal watch (config/portal-defacement.yaml)
// and its matcher. Pure apart from loading the file.
import { z } from 'zod';
import { escapeRegExp } from '../../core/text.ts';
import { foldVietnamese } from '../../pipeline/nlp/fold.ts';
import { loadYamlFile } from '../../pipeline/nlp/lexicon.ts';

export type TermStrength = 'strong' | 'weak';

/** Where on the page a term was seen; decides whether a weak term counts (see `raisesIncident`). */
export type TermPlace = 'stable' | 'body' | 'changing' | 'hidden' | 'title' | 'meta';

export interface LexiconTerm {
  /** As written in the lexicon (NFC, lowercase). */
  term: string;
  category: string;
  categoryLabel: string;
  strength: TermStrength;
}

export interface DefacementLexicon {
  terms: LexiconTerm[];
}

export interface TermMatch {
  term: string;
  category: string;
  strength: TermStrength;
  /** The words as they appear on the page, with some context. */
  snippet: string;
}

const termList = z.array(z.string().trim().min(1)).default([]);

const lexiconSchema = z
  .object({
    categories: z.record(
      z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a category id: lowercase letters, digits, "_" or "-"'),
      z.object({ label: z.string().min(1), strong: termList, weak: termList }).strict(),
    ),
  })
  .strict();

/** Builds a lexicon from its parsed YAML form (also what tests use). */
export function parseDefacementLexicon(raw: unknown, where = 'portal lexicon'): DefacementLexicon {
  const result = lexiconSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`Invalid ${where}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const terms: LexiconTerm[] = [];
  const seen = new Set<string>();
  for (const [category, entry] of Object.entries(result.data.categories)) {
    for (const strength of ['strong', 'weak'] as const) {
      for (const written of entry[strength]) {
        const term = written.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
        if (seen.has(term)) continue;
        seen.add(term);
        terms.push({ term, category, categoryLabel: entry.label, strength });
      }
    }
  }
  return { terms };
}

export function loadDefacementLexicon(file: string): DefacementLexicon {
  return parseDefacementLexicon(loadYamlFile(file, lexiconSchema, 'portal lexicon'), file);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

interface CompiledTerm extends LexiconTerm {
  folded: string;
  pattern: RegExp;
}

const compiled = new WeakMap<DefacementLexicon, CompiledTerm[]>();

function compile(lexicon: DefacementLexicon): CompiledTerm[] {
  let terms = compiled.get(lexicon);
  if (!terms) {
    terms = lexicon.terms.map((entry) => {
      const folded = foldVietnamese(entry.term);
      // Spaces in a term match any run of white space; the boundaries are checked by hand
      // (JavaScript's \b does not know Vietnamese letters).
      const body = folded.split(' ').map(escapeRegExp).join('\\s+');
      return { ...entry, folded, pattern: new RegExp(body, 'g') };
    });
    compiled.set(lexicon, terms);
  }
  return terms;
}

/**
 * A match found in the folded text counts when the original words carry the lexicon's accents,
 * or carry none at all (spam is often typed without them). "cả cuộc" folds like "cá cược" but
 * has accents of its own, so it does not count.
 */
function accentsAgree(original: string, term: string): boolean {
  const words = original.toLowerCase().split(/\s+/);
  const expected = term.split(' ');
  if (words.length !== expected.length) return false;
  return words.every((word, i) => word === expected[i] || word === foldVietnamese(word));
}

/** Distinct lexicon terms in a text, longest first; a term inside a longer match ("nhà cái" in "nhà cái uy tín") is not repeated. */
export function findTerms(text: string, lexicon: DefacementLexicon): TermMatch[] {
  const original = text.normalize('NFC');
  const folded = foldVietnamese(original);
  const spans: Array<{ start: number; end: number; entry: CompiledTerm }> = [];
  for (const entry of compile(lexicon)) {
    entry.pattern.lastIndex = 0;
    for (let match = entry.pattern.exec(folded); match; match = entry.pattern.exec(folded)) {
      const start = match.index;
      const end = start + match[0].length;
      if (start > 0 && LETTER_OR_DIGIT.test(folded[start - 1])) continue;
      if (end < folded.length && LETTER_OR_DIGIT.test(folded[end])) continue;
      if (!accentsAgree(original.slice(start, end), entry.term)) continue;
      spans.push({ start, end, entry });
    }
  }
  spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: typeof spans = [];
  for (const span of spans) {
    if (kept.some((other) => span.start < other.end && other.start < span.end)) continue;
    kept.push(span);
  }
  const byTerm = new Map<string, TermMatch>();
  for (const { start, end, entry } of kept.sort((a, b) => a.start - b.start)) {
    if (byTerm.has(entry.term)) continue;
    const from = Math.max(0, start - 40);
    const to = Math.min(original.length, end + 40);
    const snippet = `${from > 0 ? '…' : ''}${original.slice(from, to).replace(/\s+/g, ' ').trim()}${to < original.length ? '…' : ''}`;
    byTerm.set(entry.term, { term: entry.term, category: entry.category, strength: entry.strength, snippet });
  }
  return [...byTerm.values()];
}

/**
 * Whether a term seen at a place is worth an incident: strong terms anywhere; weak ones only
 * where a news item cannot explain them (the stable parts, hidden text, the title, meta tags,
 * and the rest of the page outside the changing parts).
 */
export function raisesIncident(strength: TermStrength, place: TermPlace): boolean {
  return strength === 'strong' || place !== 'changing';
}
