/**
 * Figures for the check before publishing: labelled drafts built from a facts sheet (each template
 * filled with the sheet's value, and with values that differ from it, numbers and dates in digits
 * and in words), and the precision and recall of "held" on them. Pure: the facts and the templates
 * in, drafts and figures out (scripts/eval-check.ts does the reading and printing).
 */
import { z } from 'zod';
import { rng } from '../../core/random.ts';
import type { TextChecker } from './check.ts';
import type { FactsFile, OfficialFact } from './facts-sheet.ts';

export const draftTemplatesSchema = z
  .object({
    /** By fact topic: sentences with {event} and {n}, the count's unit right after {n}. */
    number: z.record(z.array(z.string().min(1)).min(1)),
    /** Sentences with {event} and {date}. */
    date: z.array(z.string().min(1)).min(1),
    /** Sentences with {event} and {venue}, {city} or {place}. */
    venue: z.array(z.string().min(1)).min(1),
  })
  .strict();
export type DraftTemplates = z.infer<typeof draftTemplatesSchema>;

export interface LabelledDraft {
  text: string;
  factId: string;
  /** What the draft states: the sheet's value, or another one. */
  label: 'correct' | 'wrong';
  what: 'number' | 'date' | 'venue';
  form: 'digits' | 'words';
}

const UNITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** 0 ≤ n < 1000 in words; `inside`: a group after a higher one ("không trăm", "linh"). */
function hundreds(n: number, inside: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const out: string[] = [];
  if (h || inside) out.push(UNITS[h], 'trăm');
  if (t === 0 && u && (h || inside)) out.push('linh');
  if (t === 1) out.push('mười');
  else if (t > 1) out.push(UNITS[t], 'mươi');
  if (u) out.push(u === 5 && t ? 'lăm' : u === 1 && t > 1 ? 'mốt' : UNITS[u]);
  return out.join(' ');
}

/** A whole number in Vietnamese words: 350 → "ba trăm năm mươi", 1587 → "một nghìn năm trăm tám mươi bảy". */
export function vietnameseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new RangeError(`${n}: only whole numbers below a million`);
  if (n === 0) return UNITS[0];
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (!thousands) return hundreds(rest, false);
  return rest ? `${hundreds(thousands, false)} nghìn ${hundreds(rest, true)}` : `${hundreds(thousands, false)} nghìn`;
}

function dayOf(iso: string, shiftDays: number): Date {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + shiftDays);
  return date;
}

function dateText(date: Date, form: 'digits' | 'words'): string {
  const [d, m, y] = [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear()];
  return form === 'digits' ? `ngày ${d}/${m}/${y}` : `ngày ${d} tháng ${m} năm ${y}`;
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);

/**
 * Whether a number template counts what the check counts: the word after {n} is one of the
 * check's units (a fact can hold several counts, e.g. delegates and the party members they
 * stand for, under one topic).
 */
function countsWhatCheckCounts(template: string, units: readonly string[] | undefined): boolean {
  const after = template.match(/\{n\}\s+(.*)$/)?.[1]?.toLowerCase();
  return !units?.length || (after !== undefined && units.some((unit) => after.startsWith(unit.toLowerCase())));
}

/**
 * Drafts for every fact of the sheet that has a count, a period or a venue: each template with the
 * sheet's value (correct) and with three values that differ (wrong), in digits and in words.
 * `seed` picks the other places named in wrong venues.
 */
export function buildDrafts(facts: FactsFile, templates: DraftTemplates, seed = 20201014): LabelledDraft[] {
  const random = rng(seed);
  const drafts: LabelledDraft[] = [];
  const eventOf = (fact: OfficialFact) => (facts.scopes[fact.scope]?.name ?? fact.scope).replace(/\s*\([^)]*\)\s*$/, '');
  for (const fact of facts.facts) {
    const event = eventOf(fact);
    for (const check of fact.checks) {
      if (check.kind === 'number' && templates.number[fact.topic]) {
        const wrong = [Math.round(check.value * 1.2), check.value + 10, Math.max(1, check.value - 2)].filter(
          (n) => Math.abs(n - check.value) > check.tolerance * check.value,
        );
        for (const template of templates.number[fact.topic].filter((t) => countsWhatCheckCounts(t, check.units))) {
          for (const form of ['digits', 'words'] as const) {
            const say = (n: number) => (form === 'digits' ? String(n) : vietnameseNumber(n));
            drafts.push({ text: fill(template, { event, n: say(check.value) }), factId: fact.id, label: 'correct', what: 'number', form });
            for (const n of wrong) drafts.push({ text: fill(template, { event, n: say(n) }), factId: fact.id, label: 'wrong', what: 'number', form });
          }
        }
      }
      if (check.kind === 'dates') {
        const outside = [dayOf(check.start, -7), dayOf(check.end, 5), dayOf(check.start, 61)];
        for (const template of templates.date) {
          for (const form of ['digits', 'words'] as const) {
            drafts.push({
              text: fill(template, { event, date: dateText(dayOf(check.start, 0), form) }),
              factId: fact.id,
              label: 'correct',
              what: 'date',
              form,
            });
            for (const day of outside)
              drafts.push({ text: fill(template, { event, date: dateText(day, form) }), factId: fact.id, label: 'wrong', what: 'date', form });
          }
        }
      }
      if (check.kind === 'place') {
        const venue = String(fact.values.venue ?? check.places[0]);
        const city = String(fact.values.city ?? check.places[0]);
        const official = new Set(check.places.map((p) => p.toLowerCase()));
        const others = facts.places.filter((p) => !official.has(p.toLowerCase()));
        const pick = () => others[Math.floor(random() * others.length)];
        for (const template of templates.venue) {
          drafts.push({ text: fill(template, { event, venue, city, place: city }), factId: fact.id, label: 'correct', what: 'venue', form: 'words' });
          for (let k = 0; k < 3; k++) {
            const place = pick();
            drafts.push({ text: fill(template, { event, venue, city: place, place }), factId: fact.id, label: 'wrong', what: 'venue', form: 'words' });
          }
        }
      }
    }
  }
  return drafts;
}

export interface HoldFigures {
  drafts: number;
  /** Wrong drafts held / correct drafts held / wrong drafts passed / correct drafts passed. */
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  /** Drafts the check got wrong, for reading. */
  errors: Array<LabelledDraft & { held: boolean; reasons: string[] }>;
}

/** Precision and recall of "held" for wrong drafts. */
export function holdFigures(checker: TextChecker, drafts: LabelledDraft[]): HoldFigures {
  const f: HoldFigures = { drafts: drafts.length, tp: 0, fp: 0, fn: 0, tn: 0, precision: 0, recall: 0, errors: [] };
  for (const draft of drafts) {
    const verdict = checker.check({ text: draft.text });
    const wrong = draft.label === 'wrong';
    if (verdict.held && wrong) f.tp++;
    else if (verdict.held) f.fp++;
    else if (wrong) f.fn++;
    else f.tn++;
    if (verdict.held !== wrong) f.errors.push({ ...draft, held: verdict.held, reasons: verdict.reasons.map((r) => r.message) });
  }
  f.precision = f.tp + f.fp ? f.tp / (f.tp + f.fp) : 1;
  f.recall = f.tp + f.fn ? f.tp / (f.tp + f.fn) : 1;
  return f;
}
