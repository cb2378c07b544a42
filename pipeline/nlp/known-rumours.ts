/**
 * Known-rumour matching: does a new item repeat an item the office already decided on (confirmed as
 * distortion, or dismissed)? Pure, in memory; the decided items come from the review workflow
 * (features/workflow/known-rumours.ts).
 *
 * Features: hashed shingles of three consecutive syllables of the title and of the text, read from
 * the classifier's own preparation (folding, đ→d, i/y spelling, abbreviations and teencode expanded:
 * "ĐH" and "dai hoi" give the same shingles as "Đại hội"), so reposts, texts typed without
 * diacritics and teencode variants share shingles with the original. Each shingle is weighted by a
 * smoothed inverse document frequency over every item seen (a count-min sketch: bounded memory), so
 * the vocabulary every congress item shares ("đại hội đảng bộ tỉnh") weighs little and what is
 * particular to the rumour weighs much. The similarity is the weighted share of the known item's
 * shingles found in the new item (containment): words inserted, a new title, sentences reordered
 * or a comment added around a repost keep it high.
 */
import { VIETNAM_OFFSET_MS } from '../../core/time.ts';
import type { Explanation, KnownRumourRef } from '../../core/types.ts';
import { Vocabulary } from './automaton.ts';
import { fnv1a } from './cluster.ts';
import { cueKey } from './explanations.ts';
import { AbbreviationTable, type AbbreviationEntry } from './stream.ts';
import { foldedSyllables, prepareText, tokenSpan } from './text.ts';

/** What the office decided on an earlier item, and its published response if any. */
export type RumourDecisionInfo = Omit<KnownRumourRef, 'similarity'>;

/** A passage of the new item that repeats the earlier item: [start, end) in the NFC field. */
export interface RumourPassage {
  field: 'title' | 'text';
  start: number;
  end: number;
  matched: string;
}

export interface RumourMatch extends RumourDecisionInfo {
  /** Weighted share of the earlier item's shingles found in the new item, 0..1. */
  similarity: number;
  /** Longest matching passages first. */
  passages: RumourPassage[];
}

export interface KnownRumourOptions {
  abbreviations?: AbbreviationEntry[];
  /** Similarity at or above which an item repeats a known one. Default 0.35 (measured: docs/nlp.md, Known rumours). */
  threshold?: number;
  /** A match needs at least this many shared shingles (very short posts match only near-verbatim). Default 4. */
  minShared?: number;
  /** Weight documents by inverse document frequency. Default true. */
  idf?: boolean;
  /** At most this many passages are reported. Default 3. */
  maxPassages?: number;
  /** At most this many known items (those sharing the largest share of their shingles) are scored per item. Default 16. */
  maxCandidates?: number;
  /**
   * Shingles of more known items than this (boilerplate every rumour repeats) do not nominate
   * candidates; they still count in the similarity. Default 50.
   */
  maxPosting?: number;
}

const SHINGLE = 3;
const SKETCH_BITS = 18;
const SKETCH_MASK = (1 << SKETCH_BITS) - 1;

/** Shingles of one field, each with the original [start, end) it covers. */
interface FieldShingles {
  field: 'title' | 'text';
  source: string;
  hashes: Uint32Array;
  starts: Int32Array;
  ends: Int32Array;
}

/** The shingles of an item, per field and as a set. */
export interface RumourFingerprint {
  fields: FieldShingles[];
  /** Distinct shingles, sorted. */
  set: Uint32Array;
}

/**
 * Document frequencies of shingles in a count-min sketch (two rows of 2^18 counters, 2 MB): an
 * estimate never below the true count, in memory that does not grow with the corpus.
 */
class ShingleFrequencies {
  private readonly rows = new Uint32Array(2 << SKETCH_BITS);
  documents = 0;

  add(set: Uint32Array): void {
    this.documents++;
    for (const h of set) {
      this.rows[h & SKETCH_MASK]++;
      this.rows[(1 << SKETCH_BITS) + ((h >>> 14) & SKETCH_MASK)]++;
    }
  }

  count(h: number): number {
    return Math.min(this.rows[h & SKETCH_MASK], this.rows[(1 << SKETCH_BITS) + ((h >>> 14) & SKETCH_MASK)]);
  }
}

export interface RumourCandidate {
  info: RumourDecisionInfo;
  similarity: number;
  /** Shingles in common. */
  shared: number;
}

interface Entry {
  info: RumourDecisionInfo;
  set: Uint32Array;
  /** Sum of the weights of `set`, as of `totalAt` documents (weights drift slowly: see total()). */
  total: number;
  totalAt: number;
}

export class KnownRumourMatcher {
  private readonly vocabulary = new Vocabulary();
  private readonly abbreviations: AbbreviationTable;
  private readonly threshold: number;
  private readonly minShared: number;
  private readonly idf: boolean;
  private readonly maxPassages: number;
  private readonly frequencies = new ShingleFrequencies();
  private readonly maxCandidates: number;
  private readonly maxPosting: number;
  private readonly entries = new Map<string, Entry>();
  /** Known items by slot (null: removed), for cheap counting. */
  private readonly slots: Array<Entry | null> = [];
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  /** shingle → slots of the known items that have it. */
  private readonly postings = new Map<number, number[]>();
  private counts = new Int32Array(0);

  constructor(options: KnownRumourOptions = {}) {
    this.abbreviations = new AbbreviationTable(options.abbreviations ?? [], foldedSyllables);
    this.abbreviations.bind(this.vocabulary);
    this.threshold = options.threshold ?? 0.35;
    this.minShared = options.minShared ?? 4;
    this.idf = options.idf ?? true;
    this.maxPassages = options.maxPassages ?? 3;
    this.maxCandidates = options.maxCandidates ?? 16;
    this.maxPosting = options.maxPosting ?? 50;
  }

  /** Number of known (decided) items. */
  get size(): number {
    return this.entries.size;
  }

  has(itemId: string): boolean {
    return this.entries.has(itemId);
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  fingerprint(title: string, text: string): RumourFingerprint {
    const fields = [this.fieldShingles('title', title), this.fieldShingles('text', text)];
    const all = new Set<number>();
    for (const f of fields) for (const h of f.hashes) all.add(h);
    return { fields, set: Uint32Array.from(all).sort() };
  }

  /** Counts an item's shingles in the document frequencies (every stored item, once). */
  observe(fingerprint: RumourFingerprint): void {
    this.frequencies.add(fingerprint.set);
  }

  /** Adds or replaces a decided item. */
  put(info: RumourDecisionInfo, fingerprint: RumourFingerprint): void {
    this.remove(info.itemId);
    const entry: Entry = { info, set: fingerprint.set, total: 0, totalAt: -1 };
    const slot = this.freeSlots.pop() ?? this.slots.length;
    this.slots[slot] = entry;
    this.slotOf.set(info.itemId, slot);
    this.entries.set(info.itemId, entry);
    for (const h of fingerprint.set) {
      const slots = this.postings.get(h);
      if (slots) slots.push(slot);
      else this.postings.set(h, [slot]);
    }
  }

  /** Updates what is known about a decided item (a response published) without its text. */
  update(info: RumourDecisionInfo): boolean {
    const entry = this.entries.get(info.itemId);
    if (!entry) return false;
    entry.info = info;
    return true;
  }

  remove(itemId: string): void {
    const entry = this.entries.get(itemId);
    if (!entry) return;
    const slot = this.slotOf.get(itemId)!;
    this.entries.delete(itemId);
    this.slotOf.delete(itemId);
    this.slots[slot] = null;
    this.freeSlots.push(slot);
    for (const h of entry.set) {
      const slots = this.postings.get(h)!.filter((s) => s !== slot);
      if (slots.length) this.postings.set(h, slots);
      else this.postings.delete(h);
    }
  }

  /**
   * The known item the new one repeats most closely (similarity ≥ threshold), or null. A confirmed
   * distortion wins over a dismissal at equal similarity. `excludeId`: the item itself, re-crawled.
   */
  match(fingerprint: RumourFingerprint, excludeId?: string): RumourMatch | null {
    let best: RumourCandidate | null = null;
    for (const candidate of this.similarities(fingerprint, excludeId)) {
      if (candidate.similarity < this.threshold) continue;
      const better =
        !best ||
        candidate.similarity > best.similarity + 1e-9 ||
        (candidate.similarity >= best.similarity - 1e-9 && candidate.info.decision === 'confirmed' && best.info.decision !== 'confirmed');
      if (better) best = candidate;
    }
    if (!best) return null;
    return { ...best.info, similarity: Math.min(1, best.similarity), passages: this.passages(fingerprint, this.entries.get(best.info.itemId)!.set) };
  }

  /**
   * Every known item sharing at least `minShared` shingles with the new one, with its similarity
   * (also for measuring thresholds).
   */
  similarities(fingerprint: RumourFingerprint, excludeId?: string): RumourCandidate[] {
    // Count shared shingles per known item (integers only), then score exactly the items that
    // share the largest share of their own shingles.
    if (this.counts.length < this.slots.length) this.counts = new Int32Array(this.slots.length * 2);
    const counts = this.counts;
    const touched: number[] = [];
    for (const h of fingerprint.set) {
      const slots = this.postings.get(h);
      if (!slots || slots.length > this.maxPosting) continue;
      for (const slot of slots) if (counts[slot]++ === 0) touched.push(slot);
    }
    const excluded = excludeId === undefined ? -1 : (this.slotOf.get(excludeId) ?? -1);
    const ranked: Array<{ entry: Entry; count: number; share: number }> = [];
    for (const slot of touched) {
      const count = counts[slot];
      counts[slot] = 0;
      // most known items share a few common shingles with any congress item: skip them cheaply
      if (count < this.minShared || slot === excluded) continue;
      const entry = this.slots[slot]!;
      ranked.push({ entry, count, share: count / entry.set.length });
    }
    ranked.sort((a, b) => b.share - a.share);
    return ranked.slice(0, this.maxCandidates).map(({ entry, count }) => {
      const total = this.total(entry);
      return { info: entry.info, similarity: total ? this.sharedWeight(fingerprint.set, entry.set) / total : 0, shared: count };
    });
  }

  /** Weight of the shingles in both sorted sets. */
  private sharedWeight(a: Uint32Array, b: Uint32Array): number {
    let weight = 0;
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else {
        weight += this.weight(a[i]);
        i++;
        j++;
      }
    }
    return weight;
  }

  /**
   * Total weight of a known item's shingles. Recomputed once the corpus has grown by 5 % since:
   * one more document moves every weight by less than that.
   */
  private total(entry: Entry): number {
    const n = this.frequencies.documents;
    if (entry.totalAt < 0 || n > entry.totalAt * 1.05 + 1) {
      let total = 0;
      for (const h of entry.set) total += this.weight(h);
      entry.total = total;
      entry.totalAt = n;
    }
    return entry.total;
  }

  /** Smoothed IDF: ln(1 + N/df). A shingle of every item weighs ln 2, one of a single item ln(1 + N). */
  private weight(h: number): number {
    if (!this.idf) return 1;
    const n = this.frequencies.documents;
    return Math.log(1 + (n + 1) / (this.frequencies.count(h) + 1));
  }

  /** Runs of the new item's shingles found in the known item, merged into passages, longest first. */
  private passages(fingerprint: RumourFingerprint, known: Uint32Array): RumourPassage[] {
    const set = new Set(known);
    const out: RumourPassage[] = [];
    for (const f of fingerprint.fields) {
      let runStart = -1;
      let runEnd = -1;
      const close = () => {
        if (runStart >= 0) out.push({ field: f.field, start: runStart, end: runEnd, matched: f.source.slice(runStart, runEnd) });
        runStart = -1;
      };
      for (let i = 0; i < f.hashes.length; i++) {
        if (!set.has(f.hashes[i])) continue;
        if (runStart >= 0 && f.starts[i] <= runEnd) runEnd = Math.max(runEnd, f.ends[i]);
        else {
          close();
          runStart = f.starts[i];
          runEnd = f.ends[i];
        }
      }
      close();
    }
    return out.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start).slice(0, this.maxPassages);
  }

  private fieldShingles(field: 'title' | 'text', text: string): FieldShingles {
    const source = text.normalize('NFC');
    const prepared = prepareText(source);
    const stream = this.abbreviations.stream(prepared, this.vocabulary);
    const words = stream.text;
    // One hash per syllable, then three combined per shingle; clause breaks are skipped, so
    // shingles run across punctuation edits.
    const syllables = new Uint32Array(stream.length);
    const first = new Int32Array(stream.length);
    const last = new Int32Array(stream.length);
    let count = 0;
    for (let k = 0; k < stream.length; k++) {
      if (stream.tokFirst[k] < 0) continue;
      syllables[count] = fnv1a(words[k]);
      first[count] = stream.tokFirst[k];
      last[count] = stream.tokLast[k];
      count++;
    }
    const n = Math.max(0, count - SHINGLE + 1);
    const hashes = new Uint32Array(n);
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      hashes[i] = mix(mix(mix(0x9e3779b9, syllables[i]), syllables[i + 1]), syllables[i + 2]);
      [starts[i], ends[i]] = tokenSpan(prepared, first[i], last[i + SHINGLE - 1]);
    }
    return { field, source, hashes, starts, ends };
  }
}

/** Order-dependent 32-bit combination (murmur3 mixing step). */
function mix(h: number, k: number): number {
  let x = Math.imul(k, 0xcc9e2d51);
  x = Math.imul((x << 15) | (x >>> 17), 0x1b873593);
  const y = (h ^ x) >>> 0;
  return (Math.imul((y << 13) | (y >>> 19), 5) + 0xe6546b64) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Scoring

/** What a known-rumour match changes on a scored item. */
export interface RumourScored {
  congress: boolean;
  distortion: boolean;
  scores: { congress: number; distortion: number };
  explanations: Explanation[];
}

/** How much a repeat of a confirmed distortion adds (probabilistic OR with the text's own score). */
export const CONFIRMED_BOOST = 0.8;

/** Calendar day DD/MM/YYYY in Vietnam time (the office's dates). */
export function vietnamDate(iso: string): string {
  const d = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** The explanation wording an analyst reads: the earlier decision, and the published answer if any. */
export function describeRumourMatch(match: RumourDecisionInfo): string {
  if (match.decision === 'dismissed') return `resembles an item the office dismissed on ${vietnamDate(match.decidedAt)} (item ${match.itemId})`;
  const answer = match.response
    ? `; answered on ${vietnamDate(match.response.publishedAt)}: ${[match.response.title, match.response.url].filter(Boolean).join(' ') || match.response.id}`
    : '; not answered yet';
  return `repeats a rumour the office confirmed as distortion on ${vietnamDate(match.decidedAt)} (item ${match.itemId})${answer}`;
}

const NO_GROUPS: ReadonlySet<string> = new Set();

/**
 * The item reads as a rebuttal: a cue of a rebutting group (`rebuts: true` in the cue file:
 * "sai sự thật", "bác bỏ", "là tin giả") counted in it, and its own text is not judged a distortion.
 */
function rebuts(item: RumourScored, rebuttalGroups: ReadonlySet<string>): boolean {
  if (item.distortion || !rebuttalGroups.size) return false;
  return item.explanations.some((e) => e.kind === 'distortion' && e.weight < 0 && rebuttalGroups.has(cueKey(e.term)));
}

/**
 * Applies a match to a scored item. A repeat of a confirmed distortion raises the distortion score
 * (1 − (1 − s)(1 − 0.8 × similarity)) and makes the item congress-related (the office's confirmed
 * items are about the congresses); a resemblance to a dismissed item changes no score — a
 * dismissal says the earlier text was harmless, not that an edited repost is — and is shown as
 * information. A rebuttal that quotes a confirmed rumour is not raised either (see rebuts). Every matching passage (longest first) becomes an explanation with its offsets.
 */
export function applyRumourMatch(
  item: RumourScored,
  match: RumourMatch,
  thresholds: { congress: number; distortion: number },
  rebuttalGroups: ReadonlySet<string> = NO_GROUPS,
): RumourScored {
  const confirmed = match.decision === 'confirmed';
  // A rebuttal quotes the rumour it answers, often at length: it repeats it without spreading it.
  const quoted = confirmed && rebuts(item, rebuttalGroups);
  const note = quoted ? `${describeRumourMatch(match)}; quoted in a rebuttal, not raised` : describeRumourMatch(match);
  const boost = confirmed && !quoted ? CONFIRMED_BOOST * match.similarity : 0;
  const distortionScore = 1 - (1 - item.scores.distortion) * (1 - boost);
  const congressScore = confirmed ? Math.max(item.scores.congress, thresholds.congress) : item.scores.congress;
  const congress = confirmed || item.congress;
  // The raise counts once, on the longest passage; the others show where else the text repeats.
  const explanations = match.passages.map((p, i) => ({
    kind: 'rumour' as const,
    term: `${match.decision}:${match.itemId}`,
    matched: p.matched,
    weight: i === 0 ? round(boost) : 0,
    field: p.field,
    start: p.start,
    end: p.end,
    note,
  }));
  return {
    congress,
    distortion: congress && distortionScore >= thresholds.distortion,
    scores: { congress: round(congressScore), distortion: round(distortionScore) },
    explanations: [...item.explanations, ...explanations],
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
