/**
 * Near-duplicate clustering: the same story or rumour reposted with small edits (words changed or
 * added, punctuation, diacritics removed, ĐH for đại hội) gets the same cluster id.
 *
 * Features: syllables and syllable bigrams of the folded text (after common chat shorthand is
 * expanded and function words dropped), with numbers and roman numerals counted several times
 * (reposts keep them; different stories with the same template do not).
 * Candidates come from MinHash LSH (bands of rows), and are verified with a bottom-k sketch, whose
 * Jaccard estimate is exact for short texts (fewer features than k). An item joins the cluster of
 * its most similar earlier item when the similarity reaches `threshold`; otherwise it starts a
 * cluster named after itself ("c-<id>"). Pure, in memory; ~1 KB per item.
 */
import { foldVietnamese } from './fold.ts';

export interface NearDuplicateOptions {
  /** Jaccard similarity at or above which two items are near-duplicates. Default 0.45. */
  threshold?: number;
  /** MinHash functions; must be bands × rows. Default 64. */
  numHashes?: number;
  /** LSH bands. Default 32 (2 rows each: pairs at Jaccard 0.3 are candidates with p ≈ 0.95). */
  bands?: number;
  /** Bottom-k sketch size for verification. Default 128. */
  sketchSize?: number;
  /** Extra copies of number/roman-numeral features. Default 3. */
  numberWeight?: number;
  /** Items with fewer features than this only join clusters of identical feature sets. Default 4. */
  minFeatures?: number;
  /** At most this many members of a band bucket are considered (newest first). Default 200. */
  maxBucketChecks?: number;
  /** At most this many candidates (those sharing the most bands) are verified per item. Default 64. */
  maxCandidates?: number;
  /** Shorthand expansions on folded syllables. Default: common chat shorthand (dh → dai hoi ...). */
  expansions?: Record<string, string>;
  /** Folded function words ignored. Default: a small Vietnamese stop list. */
  stopwords?: string[];
  /** Cluster id for an item starting a cluster. Default `c-${id}`. */
  clusterIdFor?: (id: string) => string;
}

const DEFAULT_EXPANSIONS: Record<string, string> = {
  dh: 'dai hoi',
  bch: 'ban chap hanh',
  tw: 'trung uong',
  bct: 'bo chinh tri',
  btv: 'ban thuong vu',
  ko: 'khong',
  k: 'khong',
  kh: 'khong',
  hok: 'khong',
  dc: 'duoc',
  dk: 'duoc',
  mn: 'moi nguoi',
  ae: 'anh em',
  j: 'gi',
  z: 'vay',
  v: 'vay',
  r: 'roi',
  vs: 'voi',
  ib: 'inbox',
  tp: 'thanh pho',
};

const DEFAULT_STOPWORDS = (
  'va la cua co cho cac nhung mot da se bi duoc thi ma de voi tu trong tren nay do vi nen cung roi nhe nha oi ' + 'thoi luon di a o khi nay ay the vay nhe'
).split(' ');

const ROMAN = /^[ivxl]+$/;

/** 32-bit FNV-1a hash of a string (also for known-rumour shingles). */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 32-bit mixer (murmur3 finaliser) for MinHash permutations. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

interface Entry {
  cluster: string;
  sketch: Uint32Array;
  size: number;
}

export class NearDuplicateIndex {
  private readonly threshold: number;
  private readonly numHashes: number;
  private readonly bands: number;
  private readonly rows: number;
  private readonly sketchSize: number;
  private readonly numberWeight: number;
  private readonly minFeatures: number;
  private readonly maxBucketChecks: number;
  private readonly maxCandidates: number;
  private readonly expansions: Map<string, string[]>;
  private readonly stopwords: Set<string>;
  private readonly clusterIdFor: (id: string) => string;
  private readonly seeds: Uint32Array;
  private readonly entries = new Map<string, Entry>();
  private readonly order: string[] = [];
  private readonly buckets = new Map<string, number[]>();
  private readonly firstSeen = new Map<string, { id: string; seenAt: string }>();

  constructor(options: NearDuplicateOptions = {}) {
    this.threshold = options.threshold ?? 0.45;
    this.numHashes = options.numHashes ?? 64;
    this.bands = options.bands ?? 32;
    if (this.numHashes % this.bands) throw new Error('numHashes must be a multiple of bands');
    this.rows = this.numHashes / this.bands;
    this.sketchSize = options.sketchSize ?? 128;
    this.numberWeight = options.numberWeight ?? 3;
    this.minFeatures = options.minFeatures ?? 4;
    this.maxBucketChecks = options.maxBucketChecks ?? 200;
    this.maxCandidates = options.maxCandidates ?? 64;
    this.expansions = new Map(Object.entries(options.expansions ?? DEFAULT_EXPANSIONS).map(([k, v]) => [k, v.split(/\s+/)]));
    this.stopwords = new Set(options.stopwords ?? DEFAULT_STOPWORDS);
    this.clusterIdFor = options.clusterIdFor ?? ((id) => `c-${id}`);
    this.seeds = new Uint32Array(this.numHashes);
    let s = 0x9e3779b9;
    for (let i = 0; i < this.numHashes; i++) {
      s = mix(s + i, 0x7f4a7c15);
      this.seeds[i] = s;
    }
  }

  /** Number of items assigned. */
  get size(): number {
    return this.entries.size;
  }

  /** Cluster of an already assigned item. */
  clusterOf(id: string): string | undefined {
    return this.entries.get(id)?.cluster;
  }

  /** First-seen item of a cluster (as far as this index has seen). */
  firstSeenOf(clusterId: string): { id: string; seenAt: string } | undefined {
    return this.firstSeen.get(clusterId);
  }

  /** Feature hashes of a text (deduplicated). */
  features(foldedText: string): Uint32Array {
    const words: string[] = [];
    for (const raw of foldVietnamese(foldedText).match(/[\p{L}\p{N}]+/gu) ?? []) {
      const expanded = this.expansions.get(raw);
      if (expanded) {
        for (const w of expanded) if (!this.stopwords.has(w)) words.push(w);
      } else if (!this.stopwords.has(raw)) words.push(raw);
    }
    const set = new Set<number>();
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      set.add(fnv1a(w));
      if (i + 1 < words.length) set.add(fnv1a(`${w} ${words[i + 1]}`));
      if (/^\d/.test(w) || ROMAN.test(w)) for (let r = 0; r < this.numberWeight; r++) set.add(fnv1a(`#${r}:${w}`));
    }
    return Uint32Array.from(set);
  }

  /** Assigns an item to a cluster and returns the cluster id; the same id always gets the same cluster. */
  assign(id: string, foldedText: string, seenAt: string): string {
    const known = this.entries.get(id);
    if (known) return known.cluster;
    const features = this.features(foldedText);
    const sketch = this.bottomK(features);
    const signature = this.minhash(features);
    const keys = this.bandKeys(signature);
    let best: { sim: number; cluster: string } | null = null;
    if (features.length) {
      // candidates sharing more bands are likelier near-duplicates: verify those first
      const hits = new Map<number, number>();
      for (const key of keys) {
        const bucket = this.buckets.get(key);
        if (!bucket) continue;
        for (let b = bucket.length - 1, n = 0; b >= 0 && n < this.maxBucketChecks; b--, n++) hits.set(bucket[b], (hits.get(bucket[b]) ?? 0) + 1);
      }
      const ranked = [...hits].sort((x, y) => y[1] - x[1] || y[0] - x[0]).slice(0, this.maxCandidates);
      for (const [index] of ranked) {
        const other = this.entries.get(this.order[index])!;
        const small = Math.min(features.length, other.size) < this.minFeatures;
        const sim = this.jaccard(sketch, other.sketch);
        if (small && sim < 1) continue;
        if (sim >= this.threshold && (!best || sim > best.sim)) best = { sim, cluster: other.cluster };
      }
    }
    const cluster = best ? best.cluster : this.clusterIdFor(id);
    if (!best) this.firstSeen.set(cluster, { id, seenAt });
    const index = this.order.length;
    this.order.push(id);
    this.entries.set(id, { cluster, sketch, size: features.length });
    if (features.length) {
      for (const key of keys) {
        let bucket = this.buckets.get(key);
        if (!bucket) this.buckets.set(key, (bucket = []));
        bucket.push(index);
        // only the newest maxBucketChecks members are ever read: keep memory bounded
        if (bucket.length > this.maxBucketChecks * 2) bucket.splice(0, bucket.length - this.maxBucketChecks);
      }
    }
    return cluster;
  }

  /** Estimated Jaccard similarity of two texts (exact when both have fewer features than the sketch size). */
  similarity(a: string, b: string): number {
    return this.jaccard(this.bottomK(this.features(a)), this.bottomK(this.features(b)));
  }

  private minhash(features: Uint32Array): Uint32Array {
    const sig = new Uint32Array(this.numHashes).fill(0xffffffff);
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      for (let h = 0; h < this.numHashes; h++) {
        const v = mix(f, this.seeds[h]);
        if (v < sig[h]) sig[h] = v;
      }
    }
    return sig;
  }

  private bandKeys(sig: Uint32Array): string[] {
    const keys: string[] = [];
    for (let b = 0; b < this.bands; b++) {
      let key = `${b}`;
      for (let r = 0; r < this.rows; r++) key += `:${sig[b * this.rows + r].toString(36)}`;
      keys.push(key);
    }
    return keys;
  }

  private bottomK(features: Uint32Array): Uint32Array {
    const hashed = new Uint32Array(features.length);
    for (let i = 0; i < features.length; i++) hashed[i] = mix(features[i], 0x2545f491);
    hashed.sort();
    return hashed.slice(0, this.sketchSize);
  }

  /** Bottom-k Jaccard estimate: share of the k smallest hashes of the union present in both. */
  private jaccard(a: Uint32Array, b: Uint32Array): number {
    if (!a.length || !b.length) return 0;
    const k = this.sketchSize;
    let i = 0;
    let j = 0;
    let taken = 0;
    let both = 0;
    while (taken < k && (i < a.length || j < b.length)) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) {
        // a's value: below b's largest sketched value or b's sketch is complete
        if (b.length === k && a[i] > b[b.length - 1]) break;
        i++;
      } else if (i >= a.length || b[j] < a[i]) {
        if (a.length === k && b[j] > a[a.length - 1]) break;
        j++;
      } else {
        both++;
        i++;
        j++;
      }
      taken++;
    }
    return taken ? both / taken : 0;
  }
}
