/**
 * Checklist fact-checks (cues `checklist`): an item whose lines each give a claim and its verdict
 * rebuts the claims; it weighs as a checklist, once, rather than by the claims' cues.
 */
import { escapeRegExp } from '../../core/text.ts';
import { type CompiledCues, core, type Item, item, type View } from './classifier-types.ts';
import { stripDiacritics } from './fold.ts';
import type { CuesFile } from './lexicon.ts';
import { originalOffset } from './offsets.ts';

/**
 * A verdict line: a verdict alone after a dash or colon at the end of a clause ("… — SAI.",
 * "…: sai"), a verdict opening the line before a dash or colon ("FAKE – …"), a crossing mark
 * opening it ("✗ …"), or a label heading the quoted claim it answers ('❌ TIN SAI: "…"').
 */
export function verdictLineRegExp(checklist: CuesFile['checklist']): RegExp | null {
  if (!checklist.verdicts.length) return null;
  // verdicts typed without diacritics as well ("sai su that")
  const either = (words: string[]) => `(?:${[...new Set(words.flatMap((v) => [v, stripDiacritics(v)]))].map(escapeRegExp).join('|')})`;
  const verdict = either(checklist.verdicts);
  const marks = checklist.marks.map(escapeRegExp).join('|');
  const mark = checklist.marks.length ? `|^[ \\t]*(?:${marks})` : '';
  // a label heading the quoted claim it answers ('❌ TIN SAI: "…"'), tried first at the start of its line
  const label = checklist.labels.length ? `(?<label>^[ \\t]*(?:(?:${marks || '(?!)'})[ \\t]*)?${either(checklist.labels)}[ \\t]*[—–:→-][ \\t]*["“”'‘’«])|` : '';
  // a verdict right after the quotation it closes ('"…" — SAI', '"…" → không đúng, …') is tried
  // first: it starts at the closing mark, left of the dash the plain form would start at
  const quoted = `(?<quoted>["”’'»][ \\t]*[—–:→-][ \\t]*${verdict}[ \\t]*(?:[.!,;]|$))`;
  // no leading ".*": the scan stays linear, and the match is widened to its line afterwards
  return new RegExp(`${label}${quoted}|[—–:→-][ \\t]*${verdict}[ \\t]*(?:[.!]|$)|^[ \\t]*(?:[-•*][ \\t]*)?${verdict}[ \\t]*[—–:→-]${mark}`, 'gimu');
}

/** A checklist's entry: its line's span [start, end), and whether its verdict follows (or, a label, heads) a quoted claim. */
interface VerdictLine {
  span: [number, number];
  quoted: boolean;
}

/** A text's verdict lines (a checklist's entries), one per line. */
export function verdictLines(cues: CompiledCues, text: string): VerdictLine[] {
  const re = cues.verdictLineRe;
  if (!re) return [];
  const lines: VerdictLine[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = text.lastIndexOf('\n', m.index - 1);
    const newline = text.indexOf('\n', m.index + m[0].length);
    const end = newline < 0 ? text.length : newline;
    lines.push({ span: [start, end], quoted: m.groups?.quoted !== undefined || m.groups?.label !== undefined });
    re.lastIndex = end;
  }
  return lines;
}

/** Whether the verdict lines make the item a checklist: enough lines, or enough after quoted claims. */
export function isChecklist(checklist: CuesFile['checklist'], lines: VerdictLine[]): boolean {
  return lines.length >= checklist.minLines || lines.filter((l) => l.quoted).length >= (checklist.quotedMinLines ?? checklist.minLines);
}

/** A checklist's own weight, at the first token of its first verdict line. */
export function scoreChecklist(cues: CompiledCues, views: View[], checklists: VerdictLine[][], items: Item[], raw: number): number {
  const index = checklists[0].length ? 0 : 1;
  const v = views[index];
  const p = v.prepared;
  const start = checklists[index][0].span[0];
  let tok = 0;
  while (tok < p.count - 1 && originalOffset(p, p.tokStart[tok]) <= start) tok++;
  const { weight, note } = cues.file.checklist;
  items.push(item(v, tok, tok, core('distortion', 'rebuttal: checklist of verdicts', weight, note)));
  return raw + weight;
}
