/**
 * Style features of one field: shouting (all-caps words that are not acronyms), runs of ! and ?,
 * alarm emoji. Outside quotations: a quoted headline's capitals are not the writer's.
 */
import { type CompiledCues, core, type Item, item, type View } from './classifier-types.ts';
import { explainRaw } from './explanations.ts';
import { originalOffset } from './offsets.ts';
import { within } from './quotations.ts';
import { TOK_UPPER, tokenText } from './text.ts';

const ROMAN = /^[ivxlc]+$/;

const VOWELS = /[aeiouy]/;

/** Style features of one field: shouting, runs of ! and ?, alarm emoji. */
export function scoreStyle(cues: CompiledCues, v: View, items: Item[], raw: number, quoted: Array<[number, number]>): number {
  const file = cues.file;
  // shouting (all-caps words that are not acronyms)
  const sh = file.style.shouting;
  let shouted = 0;
  for (let t = 0; t < v.prepared.count; t++) {
    if (!(v.prepared.tokFlags[t] & TOK_UPPER) || within(quoted, originalOffset(v.prepared, v.prepared.tokStart[t]))) continue;
    const word = tokenText(v.prepared, t);
    if (word.length < 3 || !VOWELS.test(word) || ROMAN.test(word) || cues.acronyms.has(word)) continue;
    const w = Math.min(sh.perWord, sh.max - shouted);
    if (w <= 0) break;
    shouted += w;
    raw += w;
    items.push(item(v, t, t, core('distortion', 'style: all caps', w, 'words shouted in capitals')));
  }
  // runs of ! / ?
  const ex = file.style.exclamation;
  let exTotal = 0;
  const runRe = cues.runRe;
  runRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = runRe.exec(v.prepared.original))) {
    if (within(quoted, m.index)) continue;
    const w = Math.min(ex.perRun, ex.max - exTotal);
    if (w <= 0) break;
    exTotal += w;
    raw += w;
    const start = m.index;
    explainRaw(items, v, start, start + m[0].length, core('distortion', 'style: exclamation run', w, 'alarm punctuation (a run of ! or ?)'));
  }
  runRe.lastIndex = 0;
  // alarm emoji
  const em = file.style.alarmEmoji;
  let emTotal = 0;
  if (cues.emoji.length && v.prepared.maxCode >= cues.emojiMin) {
    const original = v.prepared.original;
    const found: Array<[number, string]> = [];
    for (const e of cues.emoji) {
      let at = original.indexOf(e);
      while (at >= 0) {
        found.push([at, e]);
        at = original.indexOf(e, at + e.length);
      }
    }
    found.sort(byPosition);
    for (const [at, e] of found) {
      if (within(quoted, at)) continue;
      const w = Math.min(em.perEmoji, em.max - emTotal);
      if (w <= 0) break;
      emTotal += w;
      raw += w;
      explainRaw(items, v, at, at + e.length, core('distortion', `style: alarm emoji ${e}`, w, 'an alarm emoji'));
    }
  }
  return raw;
}

function byPosition(a: [number, string], b: [number, string]): number {
  return a[0] - b[0];
}
