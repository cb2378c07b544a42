// Readable unified diffs of line lists (the rendered stable parts of a page). Pure.

type Op = { type: ' ' | '-' | '+'; line: string; a: number; b: number };

/** Lines compared beyond this are summarised rather than aligned (stable parts are short). */
const MAX_CELLS = 4_000_000;

/** Edit script between two line lists: longest common subsequence, common prefix/suffix first. */
function editScript(before: string[], after: string[]): Op[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const a = before.slice(prefix, before.length - suffix);
  const b = after.slice(prefix, after.length - suffix);
  const ops: Op[] = [];
  for (let i = 0; i < prefix; i++) ops.push({ type: ' ', line: before[i], a: i, b: i });
  if (a.length * b.length > MAX_CELLS) {
    a.forEach((line, i) => ops.push({ type: '-', line, a: prefix + i, b: prefix }));
    b.forEach((line, j) => ops.push({ type: '+', line, a: prefix + a.length, b: prefix + j }));
  } else {
    // lengths[i][j]: LCS of a[i..] and b[j..]
    const width = b.length + 1;
    const lengths = new Uint32Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        ops.push({ type: ' ', line: a[i], a: prefix + i, b: prefix + j });
        i++;
        j++;
      } else if (i < a.length && (j === b.length || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])) {
        // Deletions before insertions, as diff(1) prints them.
        ops.push({ type: '-', line: a[i], a: prefix + i, b: prefix + j });
        i++;
      } else {
        ops.push({ type: '+', line: b[j], a: prefix + i, b: prefix + j });
        j++;
      }
    }
  }
  for (let k = 0; k < suffix; k++) {
    const ai = before.length - suffix + k;
    const bi = after.length - suffix + k;
    ops.push({ type: ' ', line: before[ai], a: ai, b: bi });
  }
  return ops;
}

export interface DiffOptions {
  /** Header names of the two sides. */
  fromLabel?: string;
  toLabel?: string;
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
  /** Longest diff body in lines; the rest is cut with a note (default 200). */
  maxLines?: number;
}

/** A unified diff ("--- / +++ / @@" hunks); empty when the lists are equal. */
export function unifiedDiff(before: string[], after: string[], options: DiffOptions = {}): string {
  const context = options.context ?? 3;
  const ops = editScript(before, after);
  const changed = ops.map((op, index) => (op.type === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (!changed.length) return '';
  // Group changes whose context windows touch into hunks.
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(ops.length - 1, index + context);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else hunks.push([start, end]);
  }
  const out = [`--- ${options.fromLabel ?? 'baseline'}`, `+++ ${options.toLabel ?? 'now'}`];
  for (const [start, end] of hunks) {
    const slice = ops.slice(start, end + 1);
    const aLines = slice.filter((op) => op.type !== '+').length;
    const bLines = slice.filter((op) => op.type !== '-').length;
    const aStart = aLines ? slice.find((op) => op.type !== '+')!.a + 1 : slice[0].a;
    const bStart = bLines ? slice.find((op) => op.type !== '-')!.b + 1 : slice[0].b;
    out.push(`@@ -${aStart},${aLines} +${bStart},${bLines} @@`);
    for (const op of slice) out.push(`${op.type}${op.line}`);
  }
  const maxLines = options.maxLines ?? 200;
  if (out.length > maxLines + 2) {
    const hidden = out.length - (maxLines + 2);
    return [...out.slice(0, maxLines + 2), `… ${hidden} more diff line${hidden === 1 ? '' : 's'} not shown`].join('\n');
  }
  return out.join('\n');
}

/** A two-line before → after for single values (title, status, favicon). */
export function valueDiff(label: string, before: string | undefined, after: string | undefined): string {
  return [`--- baseline ${label}`, `+++ now ${label}`, `-${before ?? '(none)'}`, `+${after ?? '(none)'}`].join('\n');
}
