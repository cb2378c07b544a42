import { existsSync, readFileSync } from 'node:fs';
import type { LabelledItem } from '../pipeline/nlp/evaluate.ts';
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
