// The data that flows one way through mediawatch:
// source → RawItem → NormalisedItem → ScoredItem → Store → API / dashboard / digest.

export type ItemKind = 'news' | 'rss' | 'social' | 'epaper' | 'broadcast';

/** What a crawler or connector hands to the pipeline, before any cleaning. */
export interface RawItem {
  sourceId: string;
  kind: ItemKind;
  /** URL the content was fetched from (or the post permalink). */
  url: string;
  /** Canonical URL declared by the page, if any; dedupe keys on it. */
  canonicalUrl?: string;
  title: string;
  text: string;
  /** Public byline for news; for social items, already pseudonymised by the connector. */
  author?: string;
  /** ISO 8601 with offset when known. */
  publishedAt?: string;
  fetchedAt: string;
  /** Social platform name (mastodon, bluesky, ...) for kind "social". */
  platform?: string;
  engagement?: { likes?: number; shares?: number; replies?: number; views?: number };
  /** Images of the article or post whose text is read by OCR in the background (absolute URLs). */
  imageUrls?: string[];
  /** Text recognised in the item's images (or in a scanned e-paper page), scored like the text; set when OCR is done. */
  ocrText?: string;
  /** Per image: where its text lies in `ocrText`, or why none was read. */
  ocrImages?: OcrImage[];
  /** A page of a print edition (kind "epaper"). */
  epaper?: EpaperPage;
  /**
   * Broadcast items: the video a moment is opened in, and where each subtitle cue starts in `text`
   * ([character offset, seconds into the video], in text order), so a passage maps to a time code.
   */
  timecodes?: { videoUrl: string; cues: Array<[offset: number, seconds: number]> };
}

export interface OcrImage {
  url: string;
  /** [start, end) of this image's text in the item's ocrText; absent when none was read. */
  start?: number;
  end?: number;
  /** Why no text was read (not an image, too large, no text found, timed out, ...). */
  reason?: string;
}

export interface EpaperPage {
  edition: string;
  /** Date of the edition (YYYY-MM-DD). */
  date: string;
  /** 1-based page number inside the PDF. */
  page: number;
  pages: number;
  pdfUrl: string;
  /** Where the page text came from: the PDF's text layer, or OCR of the rendered page (then in ocrText). */
  textFrom: 'text-layer' | 'ocr';
}

/** RawItem after Unicode/whitespace cleaning, with the keys used for dedupe and search. */
export interface NormalisedItem extends RawItem {
  /** Stable id derived from the canonical URL: re-crawling the same page yields the same id. */
  id: string;
  canonicalUrl: string;
  /** Lowercased title + text without diacritics (đ→d), indexed for accent-insensitive search. */
  foldedText: string;
  /** Hash of the folded, whitespace-collapsed body: catches the same story under another URL. */
  contentHash: string;
}

/** "rumour": the passage repeats an item the office already decided on (see docs/nlp.md, Known rumours). */
export type ExplanationKind = 'congress' | 'distortion' | 'negative' | 'fact' | 'rumour';

/** One reason behind a score, precise enough for the UI to highlight it. */
export interface Explanation {
  kind: ExplanationKind;
  /** Lexicon entry or cue id that matched. */
  term: string;
  /** Text as it appears in the item. */
  matched: string;
  weight: number;
  /** "ocr": the item's ocrText (text recognised in its images). */
  field: 'title' | 'text' | 'ocr';
  /** Character offsets [start, end) in the NFC field named by `field`. */
  start: number;
  end: number;
  note?: string;
  /** For kind "fact": the official fact this passage contradicts. */
  factId?: string;
  /** For kind "fact": that fact's statement, as the facts sheet words it (the note ends with it too, among other words). */
  statement?: string;
  /**
   * For kind "fact": the item cites this claim without asserting it (it answers the claim or asks
   * which version is right). Shown where it was said and weighs nothing in the item's score; the
   * check before publishing still holds a draft on it (an answer must not repeat a wrong figure).
   */
  cited?: boolean;
}

export interface Classification {
  congress: boolean;
  distortion: boolean;
  scores: { congress: number; distortion: number };
  /** Topic ids of the lexicons that matched (e.g. "congress-2020"). */
  topics: string[];
  explanations: Explanation[];
  /** Version of the learned model that combined its score with the lexicons'; absent: lexicons only. */
  modelVersion?: string;
}

/** The NLP stage as the pipeline sees it (see pipeline/nlp). */
export interface ItemClassifier {
  classify(input: { title: string; text: string; kind?: string }): Classification;
}

/** What became of a raw item handed to the ingest pipeline. */
export type IngestOutcome =
  | { status: 'new'; item: ScoredItem }
  | { status: 'updated'; item: ScoredItem }
  | { status: 'duplicate'; item: ScoredItem; duplicateOf: string }
  | { status: 'error'; reason: string };

export type ReviewStatus = 'new' | 'in_review' | 'dismissed' | 'confirmed' | 'response_drafted' | 'responded';

/**
 * The review workflow's view of an item, mirrored into the store so queues can filter on it.
 * The workflow module owns it (with versions and history); crawls never overwrite it.
 */
export interface ItemReview {
  status: ReviewStatus;
  assignee?: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  tags?: string[];
}

export type ScoredItem = NormalisedItem &
  Classification & {
    /** True when the item needs an analyst's eye (congress-related and likely distorted). */
    flagged: boolean;
    /** Near-duplicate cluster id, when the pipeline assigned one. */
    clusterId?: string;
    /** Absent until someone acts on the item (then "new" is implied). */
    review?: ItemReview;
    /** The earlier item this one repeats, which the office had confirmed as distortion or dismissed. */
    knownRumour?: KnownRumourRef;
    /** Earlier versions of the text, oldest first, kept when a re-fetch found it edited (evidence of silent edits). */
    revisions?: ItemRevision[];
  };

/** An earlier version of an item and what changed when it was replaced. */
export interface ItemRevision {
  title: string;
  text: string;
  contentHash: string;
  /** When this version was fetched. */
  fetchedAt: string;
  /** When the crawler found it replaced by the next version. */
  replacedAt: string;
  changes: RevisionChanges;
}

/** What an edit changed: the title, and sentences added or removed (in text order). */
export interface RevisionChanges {
  title?: { from: string; to: string };
  addedSentences: string[];
  removedSentences: string[];
}

/**
 * A match with an item the office already decided on. Stored with the item when it is ingested;
 * the API fills `decision`, `decidedAt` and `response` with their present values.
 */
export interface KnownRumourRef {
  itemId: string;
  decision: 'confirmed' | 'dismissed';
  decidedAt: string;
  /** The published response to the earlier item, if any. */
  response?: { id: string; publishedAt: string; url?: string; title?: string };
  /** Weighted share of the earlier item's text found in this one, 0..1. */
  similarity: number;
}

export interface ItemQuery {
  flagged?: boolean;
  congress?: boolean;
  q?: string;
  topic?: string;
  source?: string;
  kind?: ItemKind;
  /**
   * Social platform (mastodon, bluesky, youtube, telegram, reddit, or a file import's name), or
   * a derived one: "web" (news sites and feeds) or "social" (social items without a platform).
   */
  platform?: string;
  clusterId?: string;
  /** Review status; "new" also matches items nobody has touched. */
  status?: ReviewStatus[];
  assignee?: string;
  from?: string;
  to?: string;
  /** Lowest distortion / congress score (0..1, included). */
  minDistortion?: number;
  minCongress?: number;
  /** Default "newest" (by published time, else fetch time). */
  sort?: ItemSort;
  page: number;
  pageSize: number;
}

export type ItemSort = 'newest' | 'oldest' | 'distortion';

/**
 * An item query without paging: every match, for exports. Exports come in time order (a
 * spreadsheet sorts by score itself), which both engines walk by index at any size.
 */
export type ItemStreamQuery = Omit<ItemQuery, 'page' | 'pageSize' | 'sort'> & { sort?: 'newest' | 'oldest' };

export type ItemSummary = Omit<ScoredItem, 'text' | 'foldedText' | 'explanations' | 'revisions'> & { snippet: string };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CountBucket {
  key: string;
  count: number;
}

export interface Stats {
  total: number;
  flagged: number;
  congress: number;
  byDay: Array<CountBucket & { flagged: number }>;
  bySource: Array<CountBucket & { flagged: number }>;
  byTopic: CountBucket[];
}

export interface StatsQuery {
  from?: string;
  to?: string;
  source?: string;
  clusterId?: string;
}

/** The filters of an item query, without paging or order: what aggregations count over. */
export type ItemFilter = Omit<ItemQuery, 'page' | 'pageSize' | 'sort'>;

/**
 * What counts can be grouped by. "day" is the calendar day in Vietnam (+07:00); "platform" is
 * the derived platform (the social platform, else "social" or "web"); "topic" counts an item
 * under each of its topics; "status" is the review status with the implied "new".
 */
export type CountKey = 'day' | 'topic' | 'source' | 'platform' | 'kind' | 'status' | 'cluster';

/**
 * One group of a count. `keys` follows the order of the `by` asked for; an item without a
 * topic or a cluster is counted under "" for that key.
 */
export interface CountRow {
  keys: string[];
  count: number;
  flagged: number;
}

/** A near-duplicate cluster's members matching a filter. */
export interface ClusterCount {
  clusterId: string;
  size: number;
  flagged: number;
  /** Earliest and latest member time (published, else fetched), ISO. */
  firstSeen: string;
  lastSeen: string;
}

/**
 * A term behind the scores (an explanation's `matched` text, lower-cased, NFC, spaces
 * collapsed), with the number of items carrying it; each item gives the form and kind of its
 * first mention of the term.
 */
export interface TermCount {
  term: string;
  items: number;
  forms: Array<{ form: string; kind: ExplanationKind; items: number }>;
}

export interface UpsertResult {
  /** Items whose id was not in the store before. */
  inserted: number;
  /** Items whose id existed; their content was replaced. */
  updated: number;
  errors: Array<{ id: string; reason: string }>;
  /**
   * Items a remote engine could not reach its cluster for and queued in its durable outbox
   * instead (Elasticsearch outage); they are written, in order, once the cluster answers again.
   */
  buffered?: number;
}

/**
 * Every storage engine implements this; tests/store/contract.test.ts runs the same
 * suite against each engine.
 */
export interface Store {
  readonly engine: string;
  init(): Promise<void>;
  upsertItems(items: ScoredItem[]): Promise<UpsertResult>;
  getItem(id: string): Promise<ScoredItem | null>;
  /** Id of a stored item with this content hash (another URL carrying the same story), if any. */
  findByContentHash(contentHash: string): Promise<string | null>;
  queryItems(query: ItemQuery): Promise<Page<ItemSummary>>;
  stats(query: StatsQuery): Promise<Stats>;
  /** Items matching a filter counted by up to two keys, computed by the engine (never by reading items). */
  counts(filter: ItemFilter, by: CountKey[]): Promise<CountRow[]>;
  /**
   * Clusters of at least two members matching the filter (a time range, optionally
   * `congress`), largest first, then latest member first, then by id.
   */
  topClusters(filter: Pick<ItemFilter, 'from' | 'to' | 'congress'>, limit: number): Promise<ClusterCount[]>;
  /** Every term of the items in a time range, most items first. */
  termCounts(filter: Pick<ItemFilter, 'from' | 'to'>): Promise<TermCount[]>;
  /** Every stored item in batches, in insertion order: for reindexing and rebuilding indexes. */
  scanItems(batchSize?: number): AsyncIterable<ScoredItem[]>;
  /**
   * Every item matching a query, whole, in batches and in the query's order (the order of
   * queryItems' pages): exports of any size, without holding them in memory.
   */
  streamItems(query: ItemStreamQuery, batchSize?: number): AsyncIterable<ScoredItem[]>;
  /**
   * Deletes items whose timestamp (published, else fetched) is before the cutoff, with their
   * search entries; returns how many went. Optional: the retention job skips engines without it.
   */
  deleteOlderThan?(cutoffIso: string): Promise<number>;
  /** Like deleteOlderThan, for items of these kinds only (social posts may be kept for less time). Optional. */
  deleteKindsOlderThan?(kinds: ItemKind[], cutoffIso: string): Promise<number>;
  /**
   * Resolves once everything written so far is visible to full-text search. Optional: engines
   * whose writes are searchable when upsertItems resolves need not have it.
   */
  refresh?(): Promise<void>;
  close(): Promise<void>;
}
