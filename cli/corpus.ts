import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ItemCategory, LabelledItem } from '../pipeline/nlp/evaluate.ts';
import { UserError } from './errors.ts';

/** Reads a labelled JSON-lines corpus; malformed lines are reported (by line number) and skipped. */
export function readCorpus(file: string): { items: LabelledItem[]; problems: string[] } {
  if (!existsSync(file)) throw new UserError(`corpus file not found: ${file}`);
  const items: LabelledItem[] = [];
  const problems: string[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (!line.trim()) return;
      const where = `${file}:${index + 1}`;
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line) as Record<string, unknown>;
      } catch (error) {
        problems.push(`${where}: not valid JSON (${(error as Error).message})`);
        return;
      }
      const labels = o?.labels as Record<string, unknown> | undefined;
      if (
        !o ||
        typeof o !== 'object' ||
        typeof o.text !== 'string' ||
        !labels ||
        typeof labels.congress !== 'boolean' ||
        typeof labels.distortion !== 'boolean'
      ) {
        problems.push(`${where}: expected {id, title, text, labels: {congress: boolean, distortion: boolean}}`);
        return;
      }
      items.push({
        id: String(o.id ?? `line-${index + 1}`),
        title: typeof o.title === 'string' ? o.title : '',
        text: o.text,
        kind: typeof o.kind === 'string' ? o.kind : undefined,
        labels: { congress: labels.congress, distortion: labels.distortion },
      });
    });
  return { items, problems };
}

/**
 * Reads a categories sidecar (`<name>.categories.tsv`): `id<TAB>category[<TAB>family]` a line, an
 * optional header line (`id<TAB>category…`). Lines without an id and a category are reported (by
 * line number) and skipped; an id given twice is reported and the first line kept.
 */
export function readCategories(file: string): { categories: Map<string, ItemCategory>; problems: string[] } {
  const categories = new Map<string, ItemCategory>();
  const problems: string[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (!line.trim()) return;
      const [id = '', category = '', family = ''] = line.split('\t').map((cell) => cell.trim());
      if (index === 0 && id.toLowerCase() === 'id' && category.toLowerCase() === 'category') return;
      const where = `${file}:${index + 1}`;
      if (!id || !category) {
        problems.push(`${where}: expected id<TAB>category[<TAB>family]`);
        return;
      }
      if (categories.has(id)) {
        problems.push(`${where}: id "${id}" given twice (the first line is kept)`);
        return;
      }
      categories.set(id, family ? { category, family } : { category });
    });
  return { categories, problems };
}

/** The help of a `--corpus` option: the syntax parseCorpusSpec reads. */
export const CORPUS_HELP =
  'labelled corpora (JSON lines, e.g. tests/fixtures/dev-corpus.jsonl); FILE#odd or FILE#even takes the items whose id ends in an odd or even number; ' +
  'a corpus with a facts sheet beside it (<name>.facts.json for <name>.jsonl) is judged under that sheet; ' +
  'a categories sidecar beside it (<name>.categories.tsv: id, category, optional family) gives eval figures per category and family';

/** One `--corpus` argument: a file, an optional half by id parity (`FILE#odd`, `FILE#even`). */
export interface CorpusSpec {
  file: string;
  half?: 'odd' | 'even';
  /** The corpus's own facts sheet: `<name>.facts.json` beside `<name>.jsonl`, when present. */
  facts?: string;
  /** Its categories sidecar: `<name>.categories.tsv` beside `<name>.jsonl`, when present. */
  categories?: string;
}

/** Parses `FILE[#odd|#even]` and finds the sidecars of FILE (facts sheet, categories). */
export function parseCorpusSpec(spec: string): CorpusSpec {
  const m = /^(.*)#(odd|even)$/.exec(spec);
  const file = resolve(m ? m[1] : spec);
  const sidecar = (suffix: string) => {
    const path = file.replace(/\.jsonl?$/i, '') + suffix;
    return existsSync(path) ? path : undefined;
  };
  const facts = sidecar('.facts.json');
  const categories = sidecar('.categories.tsv');
  return { file, ...(m ? { half: m[2] as 'odd' | 'even' } : {}), ...(facts ? { facts } : {}), ...(categories ? { categories } : {}) };
}

/** The items of one half: the parity of the number that ends each id (an id without one is an error). */
export function selectHalf(items: LabelledItem[], half: 'odd' | 'even', file: string): LabelledItem[] {
  return items.filter((item) => {
    const digits = /(\d+)$/.exec(item.id);
    if (!digits) throw new UserError(`${file}#${half}: item id "${item.id}" does not end in a number, so it has no parity`);
    return (Number(digits[1]) % 2 === 1) === (half === 'odd');
  });
}

/** Whether two corpus names (`FILE` or `FILE#half`) share items: the same file, unless they name opposite halves of it. */
export function corporaOverlap(a: string, b: string): boolean {
  const [fileA, halfA] = basename(a).split('#');
  const [fileB, halfB] = basename(b).split('#');
  return fileA === fileB && (!halfA || !halfB || halfA === halfB);
}
