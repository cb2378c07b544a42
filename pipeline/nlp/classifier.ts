/**
 * The NLP stage: topic relevance (the 2020 Party congresses), distortion likelihood and
 * official-facts contradictions, each score with its explanations (term, weight, offsets into
 * the exact title/text passed in).
 */
import type { Classification, Explanation } from '../../core/types.ts';
import type { ItemClassifier } from '../ingest.ts';
import { MatchBuffer, Vocabulary } from './automaton.ts';
import { FactChecker, type FactPhrase, type FactsFile, type FieldView } from './facts.ts';
import { longestNonOverlapping, PhraseMatcher, PhraseSet, type CuesFile, type PhraseHit, type TopicFile } from './lexicon.ts';
import { AbbreviationTable, AccentCache, StreamBuffers, type AbbreviationEntry } from './stream.ts';
import { foldedSyllables, prepareText, TextBuffers, TOK_UPPER, tokenSpan, tokenText, type PreparedText } from './text.ts';

type Field = 'title' | 'text';

type TopicPhrase =
  | { kind: 'pos'; role: 'strong' | 'anchor' | 'context'; weight: number; note?: string }
  | { kind: 'neg'; scope: 'near' | 'item'; weight: number; note?: string };

type CuePhrase =
  | { kind: 'cue'; group: number }
  | { kind: 'negator' }
  | { kind: 'verb' }
  | { kind: 'vague' };

interface CompiledTopic {
  file: TopicFile;
  phrases: PhraseSet<TopicPhrase>;
  /** Index of the phrase set in the classifier's shared matcher. */
  set: number;
}

interface CompiledCues {
  file: CuesFile;
  phrases: PhraseSet<CuePhrase>;
  set: number;
  acronyms: Set<string>;
  emoji: string[];
  /** Smallest first code unit of the alarm emoji: a text whose largest code unit is below has none. */
  emojiMin: number;
  /** Runs of ! and ? (style.exclamation.minRun or more). */
  runRe: RegExp;
}

interface View extends FieldView {
  field: Field;
  /** Candidate matches of every phrase set in this field (one pass of the shared automaton). */
  raw: MatchBuffer;
}

/** Arrays reused from one item to the next for one field (classify is synchronous, views never outlive it). */
class Workspace {
  readonly text = new TextBuffers();
  readonly stream = new StreamBuffers();
  readonly raw = new MatchBuffer();
}

type ExplanationCore = Omit<Explanation, 'field' | 'start' | 'end' | 'matched'>;
/** An explanation before offsets are resolved: tokens first..last, or raw original offsets. */
interface Item {
  view: View;
  first: number;
  last: number;
  raw?: [number, number];
  e: ExplanationCore;
}

export interface ClassifierSources {
  topics: TopicFile[];
  cues: CuesFile[];
  abbreviations: AbbreviationEntry[];
  facts: FactsFile;
  thresholds: { congress: number; distortion: number };
}

function saturate(raw: number, atHalf: number): number {
  if (raw <= 0) return 0;
  return Math.round((1 - Math.pow(2, -raw / atHalf)) * 1000) / 1000;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Below this share of diacritic letters, a text counts as typed without diacritics. */
export const LENIENT_BELOW = 0.08;

const QUOTE_CLOSE: Record<string, string> = { '"': '"', '“': '”', '«': '»', '„': '“' };
const QUOTE_ANY = /["“«„]/g;

/** Quotation spans [open, close) in a text: “...”, «...», and "..." paired in order. */
export function quotations(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  QUOTE_ANY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTE_ANY.exec(text))) {
    const i = m.index;
    const close = QUOTE_CLOSE[m[0]];
    let end = text.indexOf(close, i + 1);
    const para = text.indexOf('\n', i + 1);
    if (end < 0 || (para >= 0 && para < end)) end = para >= 0 ? para : text.length;
    out.push([i, end]);
    QUOTE_ANY.lastIndex = end + 1;
  }
  return out;
}
const ROMAN = /^[ivxlc]+$/;
const VOWELS = /[aeiouy]/;

export class Classifier implements ItemClassifier {
  readonly vocabulary = new Vocabulary();
  readonly abbreviations: AbbreviationTable;
  private readonly topics: CompiledTopic[];
  private readonly cues: CompiledCues[];
  readonly factChecker: FactChecker;
  readonly thresholds: { congress: number; distortion: number };
  /** Every phrase set (topics, cues, facts) in one automaton: one pass per field. */
  private readonly matcher: PhraseMatcher;
  private readonly factSet: number;
  private readonly workspaces = [new Workspace(), new Workspace()];

  constructor(sources: ClassifierSources) {
    this.thresholds = sources.thresholds;
    this.abbreviations = new AbbreviationTable(sources.abbreviations, foldedSyllables);
    const sets: Array<PhraseSet<any>> = [];
    this.topics = sources.topics.map((file) => {
      const phrases = new PhraseSet<TopicPhrase>(this.vocabulary);
      for (const t of file.terms) phrases.add(t.term, { kind: 'pos', role: t.role, weight: t.weight, note: t.note });
      for (const n of file.negatives) phrases.add(n.term, { kind: 'neg', scope: n.scope, weight: n.weight, note: n.note });
      return { file, phrases, set: sets.push(phrases) - 1 };
    });
    const abbrForms = new Set<string>();
    for (const a of sources.abbreviations) for (const f of a.forms) abbrForms.add(foldedSyllables(f).join(''));
    this.cues = sources.cues.map((file) => {
      const phrases = new PhraseSet<CuePhrase>(this.vocabulary);
      file.groups.forEach((g, group) => g.terms.forEach((t) => phrases.add(t, { kind: 'cue', group })));
      for (const n of file.negators) phrases.add(n, { kind: 'negator' });
      for (const v of file.style.quote.verbs) phrases.add(v, { kind: 'verb' });
      for (const v of file.style.quote.vagueSpeakers) phrases.add(v, { kind: 'vague' });
      const acronyms = new Set([...abbrForms, ...file.style.shouting.acronyms.map((a) => foldedSyllables(a).join(''))]);
      const runRe = new RegExp(`[!?！？]{${file.style.exclamation.minRun},}`, 'g');
      const emoji = file.style.alarmEmoji.chars;
      const emojiMin = Math.min(...emoji.map((e) => e.charCodeAt(0)));
      return { file, phrases, set: sets.push(phrases) - 1, acronyms, emoji, emojiMin, runRe };
    });
    this.factChecker = new FactChecker(sources.facts, this.vocabulary);
    this.factSet = sets.push(this.factChecker.phraseSet) - 1;
    // Abbreviation syllables get ids too, so the stream is built from the ids found while tokenising.
    this.abbreviations.bind(this.vocabulary);
    // Every phrase set shares the vocabulary: build the automaton once it is complete.
    this.matcher = new PhraseMatcher(sets, this.vocabulary);
    this.vocabulary.trie();
  }

  private view(field: Field, text: string, ws: Workspace): View {
    const prepared = prepareText(text, this.vocabulary.trie(), ws.text);
    const stream = this.abbreviations.stream(prepared, this.vocabulary, ws.stream);
    return { field, prepared, stream, accents: new AccentCache(prepared), suppressed: new Set(), raw: ws.raw };
  }

  classify(input: { title: string; text: string; kind?: string }): Classification {
    const views: View[] = [this.view('title', input.title ?? '', this.workspaces[0]), this.view('text', input.text ?? '', this.workspaces[1])];
    // Text typed without diacritics: bare syllables may stand for accented ones.
    const letters = views[0].prepared.letters + views[1].prepared.letters;
    const marked = views[0].prepared.diacriticLetters + views[1].prepared.diacriticLetters;
    const lenient = letters > 0 && marked / letters < LENIENT_BELOW;
    for (const v of views) {
      v.accents.lenient = lenient;
      this.matcher.scan(v.stream, v.raw);
    }
    const explanations: Explanation[] = [];
    const explain = (v: View, first: number, last: number, e: ExplanationCore, raw?: [number, number]) => {
      const [start, end] = raw ?? tokenSpan(v.prepared, first, last);
      explanations.push(explanation(e, v.prepared.original.slice(start, end), v.field, start, end));
    };

    // ---- topics
    let congressScore = 0;
    const topics: string[] = [];
    for (const topic of this.topics) {
      const { score, items } = this.scoreTopic(topic, views);
      for (const it of items) explain(it.view, it.first, it.last, it.e, it.raw);
      if (topic.file.feeds === 'congress') congressScore = Math.max(congressScore, score);
      if (score >= this.thresholds.congress) topics.push(topic.file.id);
    }

    // ---- distortion cues
    let distortionRaw = 0;
    let atHalf = 2;
    for (const cues of this.cues) {
      const { raw, items } = this.scoreCues(cues, views);
      distortionRaw += raw;
      atHalf = cues.file.scoring.evidenceAtHalf;
      for (const it of items) explain(it.view, it.first, it.last, it.e, it.raw);
    }

    // ---- official facts (about the congress: only checked for congress-related items)
    const congress = congressScore >= this.thresholds.congress;
    const contradictions = congress
      ? this.factChecker.check(views, (fv) => this.matcher.hits<FactPhrase>(this.factSet, (fv as View).raw, fv.stream, fv.accents))
      : [];
    const perFact = new Map<string, number>();
    const contradictionWeight = this.cues[0]?.file.scoring.contradictionWeight ?? 2.5;
    const decay = this.cues[0]?.file.scoring.repeatDecay ?? 0.5;
    let factIndex = 0;
    for (const c of contradictions) {
      const v = views.find((x) => x.field === c.field)!;
      const seen = perFact.get(c.factId) ?? 0;
      perFact.set(c.factId, seen + 1);
      const weight = seen ? 0 : contradictionWeight * Math.pow(decay, factIndex++);
      distortionRaw += weight;
      const fact = this.factChecker.facts.find((f) => f.id === c.factId)!;
      explain(v, c.tokFirst, c.tokLast, { kind: 'fact', term: c.factId, weight, factId: c.factId, note: `${c.note} — contradicts ${fact.id}: ${fact.statement}` });
    }

    const distortionScore = saturate(distortionRaw, atHalf);
    explanations.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
    return {
      congress,
      distortion: congress && distortionScore >= this.thresholds.distortion,
      scores: { congress: congressScore, distortion: distortionScore },
      topics,
      explanations,
    };
  }

  private scoreTopic(topic: CompiledTopic, views: View[]) {
    const s = topic.file.scoring;
    type Hit = PhraseHit<TopicPhrase> & { view: View; sent: number };
    const pos: Hit[] = [];
    const neg: Hit[] = [];
    let tokens = 0;
    for (const v of views) {
      tokens += v.prepared.count;
      const hits = this.matcher.hits<TopicPhrase>(topic.set, v.raw, v.stream, v.accents);
      const located = (h: PhraseHit<TopicPhrase>): Hit => ({
        spec: h.spec,
        first: h.first,
        last: h.last,
        tokFirst: h.tokFirst,
        tokLast: h.tokLast,
        view: v,
        sent: v.prepared.tokSent[h.tokFirst],
      });
      for (const h of longestNonOverlapping(hits.filter((h) => h.spec.data.kind === 'pos'))) pos.push(located(h));
      for (const h of hits) if (h.spec.data.kind === 'neg') neg.push(located(h));
    }
    const near = neg.filter((n) => n.spec.data.kind === 'neg' && n.spec.data.scope === 'near');
    const nearBySent = new Map<string, Hit[]>();
    for (const n of near) {
      const k = `${n.view.field}:${n.sent}`;
      const list = nearBySent.get(k);
      if (list) list.push(n);
      else nearBySent.set(k, [n]);
    }
    const cancelledBy = new Map<Hit, Hit>();
    for (const p of pos) {
      const d = p.spec.data;
      if (d.kind !== 'pos' || d.role === 'context') continue;
      // a phrase never spans a sentence: overlapping and close negatives are in the same sentence
      for (const n of nearBySent.get(`${p.view.field}:${p.sent}`) ?? []) {
        const overlaps = n.first <= p.last && p.first <= n.last;
        const close = n.sent === p.sent && (n.tokFirst > p.tokLast ? n.tokFirst - p.tokLast : p.tokFirst - n.tokLast) <= s.nearWindow;
        if (overlaps || (d.role === 'anchor' && close)) {
          cancelledBy.set(p, n);
          break;
        }
      }
    }
    const isRole = (h: Hit, role: string) => h.spec.data.kind === 'pos' && h.spec.data.role === role;
    const hasStrong = pos.some((p) => isRole(p, 'strong') && !cancelledBy.has(p));
    if (!hasStrong && near.length) {
      for (const p of pos) if (isRole(p, 'anchor') && !cancelledBy.has(p)) cancelledBy.set(p, near[0]);
    }
    const active = pos.filter((p) => !cancelledBy.has(p));
    const hasAnchor = active.some((p) => isRole(p, 'anchor'));
    const contextBySent = new Map<string, Hit[]>();
    for (const c of active) {
      if (!isRole(c, 'context')) continue;
      const k = `${c.view.field}:${c.sent}`;
      const list = contextBySent.get(k);
      if (list) list.push(c);
      else contextBySent.set(k, [c]);
    }
    const items: Item[] = [];
    let raw = 0;
    const seen = new Map<string, number>();
    const repeat = (key: string) => {
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      return Math.pow(s.repeatDecay, n);
    };
    let contextTotal = 0;
    let anchorIndex = 0;
    for (const p of active) {
      const d = p.spec.data;
      if (d.kind !== 'pos') continue;
      const title = p.view.field === 'title' ? s.titleWeight : 1;
      if (d.role === 'context') {
        if (!hasStrong && !hasAnchor) continue;
        let w = d.weight * title * repeat(p.spec.text);
        w = Math.max(0, Math.min(w, s.contextCap - contextTotal));
        contextTotal += w;
        raw += w;
        items.push({ view: p.view, first: p.tokFirst, last: p.tokLast, e: { kind: 'congress', term: p.spec.text, weight: w, note: 'context' } });
        continue;
      }
      const w = d.weight * title * repeat(p.spec.text);
      raw += w;
      items.push({ view: p.view, first: p.tokFirst, last: p.tokLast, e: { kind: 'congress', term: p.spec.text, weight: w, note: d.role === 'strong' ? 'strong term' : 'anchor' } });
      if (d.role === 'anchor') {
        // co-occurrence: distinct context terms in the same sentence within the window
        const nearTerms = new Set<string>();
        for (const c of contextBySent.get(`${p.view.field}:${p.sent}`) ?? []) {
          const dist = c.tokFirst > p.tokLast ? c.tokFirst - p.tokLast : p.tokFirst - c.tokLast;
          if (dist <= s.nearWindow) nearTerms.add(c.spec.text);
        }
        if (nearTerms.size) {
          const bonus = s.nearBonus * Math.min(2, nearTerms.size) * Math.pow(s.repeatDecay, anchorIndex++);
          raw += bonus;
          items.push({
            view: p.view,
            first: p.tokFirst,
            last: p.tokLast,
            e: { kind: 'congress', term: `${p.spec.text} + ${[...nearTerms].join(', ')}`, weight: bonus, note: 'co-occurrence' },
          });
        }
      }
    }
    for (const [p, n] of cancelledBy) {
      const d = p.spec.data;
      items.push({
        view: n.view,
        first: n.tokFirst,
        last: n.tokLast,
        e: { kind: 'negative', term: n.spec.text, weight: -(d.kind === 'pos' ? d.weight : 0), note: `cancels "${p.spec.text}"${n.spec.data.note ? ` (${n.spec.data.note})` : ''}` },
      });
    }
    for (const n of neg) {
      const d = n.spec.data;
      if (d.kind !== 'neg' || d.scope !== 'item') continue;
      const w = d.weight * repeat(`neg:${n.spec.text}`);
      raw -= w;
      items.push({ view: n.view, first: n.tokFirst, last: n.tokLast, e: { kind: 'negative', term: n.spec.text, weight: -w, note: d.note } });
    }
    // density: a long body with a single passing mention and nothing in the title is damped
    const evidence = active.filter((p) => !isRole(p, 'context')).length;
    const inTitle = active.some((p) => p.view.field === 'title' && !isRole(p, 'context'));
    if (raw > 0 && !inTitle && tokens > 400) {
      const density = (evidence * 1000) / tokens;
      if (density < s.minDensity) raw *= Math.max(0.4, density / s.minDensity);
    }
    return { score: saturate(raw, s.evidenceAtHalf), items };
  }

  private scoreCues(cues: CompiledCues, views: View[]) {
    const file = cues.file;
    const sc = file.scoring;
    const items: Item[] = [];
    const groupTotals = new Map<number, number>();
    const seen = new Map<string, number>();
    let raw = 0;
    for (const v of views) {
      const hits = this.matcher.hits<CuePhrase>(cues.set, v.raw, v.stream, v.accents);
      const negators = hits.filter((h) => h.spec.data.kind === 'negator');
      const cueHits = longestNonOverlapping(hits.filter((h) => h.spec.data.kind === 'cue'));
      // sentences that rebut/report a claim
      for (const h of cueHits) {
        const d = h.spec.data;
        if (d.kind === 'cue' && file.groups[d.group].suppressSentence) v.suppressed.add(v.prepared.tokSent[h.tokFirst]);
      }
      for (const h of cueHits) {
        const d = h.spec.data;
        if (d.kind !== 'cue') continue;
        const group = file.groups[d.group];
        const sent = v.prepared.tokSent[h.tokFirst];
        if (group.weight > 0 && v.suppressed.has(sent)) continue;
        const isNegated = negators.some(
          (n) => n.tokLast < h.tokFirst && n.tokLast >= h.tokFirst - 2 && v.prepared.tokClause[n.tokFirst] === v.prepared.tokClause[h.tokFirst],
        );
        if (isNegated && group.weight > 0) continue;
        const n = seen.get(h.spec.text) ?? 0;
        seen.set(h.spec.text, n + 1);
        const title = v.field === 'title' ? sc.titleWeight : 1;
        let w = group.weight * title * Math.pow(sc.repeatDecay, n);
        const cap = Math.abs(group.weight) * 2;
        const total = groupTotals.get(d.group) ?? 0;
        if (Math.abs(total + w) > cap) w = Math.sign(w) * Math.max(0, cap - Math.abs(total));
        if (!w) continue;
        groupTotals.set(d.group, total + w);
        raw += w;
        items.push({ view: v, first: h.tokFirst, last: h.tokLast, e: { kind: 'distortion', term: `${group.id}: ${h.spec.text}`, weight: w, note: group.note } });
      }
      // fabricated-quote pattern: a quotation introduced by a verb of saying, worse with a vague speaker
      const quote = file.style.quote;
      const verbs = hits.filter((h) => h.spec.data.kind === 'verb');
      if (verbs.length) {
        const vague = hits.filter((h) => h.spec.data.kind === 'vague');
        let quotes = 0;
        for (const [qStart, qEnd] of quotations(v.prepared.folded)) {
          if (quotes >= 2) break;
          const tokAfter = firstTokenAtOrAfter(v.prepared, qStart);
          if (tokAfter < 0 || v.prepared.tokStart[tokAfter] >= qEnd || v.suppressed.has(v.prepared.tokSent[tokAfter])) continue;
          // a quotation, not a scare-quoted word: at least four syllables inside
          let inside = 0;
          for (let t = tokAfter; t < v.prepared.count && v.prepared.tokStart[t] < qEnd; t++) inside++;
          if (inside < 4) continue;
          const sent = v.prepared.tokSent[tokAfter];
          const verb = verbs.find((h) => h.tokLast < tokAfter && h.tokLast >= tokAfter - 8 && v.prepared.tokSent[h.tokFirst] === sent);
          if (!verb) continue;
          const speaker = vague.find((h) => h.tokLast < verb.tokFirst && v.prepared.tokSent[h.tokFirst] === sent);
          const w = speaker ? quote.vagueWeight : quote.weight;
          if (!w) continue;
          quotes++;
          raw += w;
          items.push({
            view: v,
            first: speaker ? speaker.tokFirst : verb.tokFirst,
            last: verb.tokLast,
            e: { kind: 'distortion', term: speaker ? 'quote-vague-speaker' : 'quote', weight: w, note: speaker ? `quotation attributed to "${speaker.spec.text}"` : 'direct quotation' },
          });
        }
      }
      // shouting (all-caps words that are not acronyms)
      const sh = file.style.shouting;
      let shouted = 0;
      for (let t = 0; t < v.prepared.count; t++) {
        if (!(v.prepared.tokFlags[t] & TOK_UPPER)) continue;
        const word = tokenText(v.prepared, t);
        if (word.length < 3 || !VOWELS.test(word) || ROMAN.test(word) || cues.acronyms.has(word)) continue;
        const w = Math.min(sh.perWord, sh.max - shouted);
        if (w <= 0) break;
        shouted += w;
        raw += w;
        items.push({ view: v, first: t, last: t, e: { kind: 'distortion', term: 'style: all caps', weight: w } });
      }
      // runs of ! / ?
      const ex = file.style.exclamation;
      let exTotal = 0;
      for (const m of v.prepared.original.matchAll(cues.runRe)) {
        const w = Math.min(ex.perRun, ex.max - exTotal);
        if (w <= 0) break;
        exTotal += w;
        raw += w;
        const start = m.index!;
        explainRaw(items, v, start, start + m[0].length, { kind: 'distortion', term: 'style: exclamation run', weight: w });
      }
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
        found.sort((a, b) => a[0] - b[0]);
        for (const [at, e] of found) {
          const w = Math.min(em.perEmoji, em.max - emTotal);
          if (w <= 0) break;
          emTotal += w;
          raw += w;
          explainRaw(items, v, at, at + e.length, { kind: 'distortion', term: `style: alarm emoji ${e}`, weight: w });
        }
      }
    }
    return { raw, items };
  }
}

/**
 * An explanation object. Each combination of the optional keys has its own object literal, so that
 * every explanation is created with its final shape (adding keys afterwards makes the engine
 * create transient object shapes that a full GC drops, throwing away optimised code with them).
 */
function explanation(e: ExplanationCore, matched: string, field: Field, start: number, end: number): Explanation {
  const { kind, term, note, factId } = e;
  const weight = round(e.weight);
  if (note === undefined) {
    if (factId === undefined) return { kind, term, matched, weight, field, start, end };
    return { kind, term, matched, weight, field, start, end, factId };
  }
  if (factId === undefined) return { kind, term, matched, weight, field, start, end, note };
  return { kind, term, matched, weight, field, start, end, note, factId };
}

/** An explanation at raw offsets of the original string (style features). */
function explainRaw(items: Item[], view: View, start: number, end: number, e: ExplanationCore) {
  items.push({ view, first: -1, last: -1, e, raw: [start, end] });
}

function firstTokenAtOrAfter(p: PreparedText, pos: number): number {
  let lo = 0;
  let hi = p.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.tokStart[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < p.count ? lo : -1;
}
