// Index layout of the Elasticsearch engine. Bump MAPPING_VERSION whenever the settings or
// mappings change: the store then builds "<prefix>-items-v<N+1>", copies the documents over
// and moves the alias, so readers never see a half-built index.
import type { estypes } from '@elastic/elasticsearch';

export const MAPPING_VERSION = 4;

/**
 * The oldest index version this code's queries answer correctly (v3 added the count keys the
 * counts read). `serve` keeps answering from such an index while it migrates; older ones are
 * migrated before it answers.
 */
export const READABLE_FROM_VERSION = 3;

export interface IndexNames {
  /** What every read and write goes through. */
  alias: string;
  /** Index template name; its pattern matches every version of the items index. */
  template: string;
  pattern: string;
  versioned(version: number): string;
}

export function indexNames(prefix: string): IndexNames {
  return {
    alias: `${prefix}-items`,
    template: `${prefix}-items`,
    pattern: `${prefix}-items-v*`,
    versioned: (version) => `${prefix}-items-v${version}`,
  };
}

/** "<prefix>-items-v7" → 7; anything else → undefined. */
export function versionOf(prefix: string, index: string): number | undefined {
  const match = index.startsWith(`${prefix}-items-v`) ? /^(\d+)$/.exec(index.slice(`${prefix}-items-v`.length)) : null;
  return match ? Number(match[1]) : undefined;
}

const keyword: estypes.MappingProperty = { type: 'keyword' };
const notIndexedKeyword: estypes.MappingProperty = { type: 'keyword', index: false, doc_values: false };

/**
 * Vietnamese text, one analysed field (v4): each word is indexed folded (case, diacritics and
 * đ→d, a letter of its own rather than d plus a mark) and, when folding changed it, also as
 * written, at the same position. Searches fold the query (mw_folded), so "dai hoi dang" finds
 * "Đại hội Đảng"; a second clause searches the words as typed (mw_exact), so a query typed with
 * accents ranks the exact spelling first. Until v3 the spelling went to a ".exact" sub-field, a
 * second tokenisation of every text. Overlapping tokens do not count in the length norm, so
 * ranking by length is as before. Only frequencies are kept, no positions: no query uses word
 * positions (no phrase search, like SQLite's full-text index, `detail=none`).
 */
const vietnameseText: estypes.MappingProperty = {
  type: 'text',
  analyzer: 'mw_indexed',
  search_analyzer: 'mw_folded',
  index_options: 'freqs',
};

/** How the items index is spread over the cluster (config: store.shards, store.replicas). */
export interface ShardLayout {
  shards: number;
  /** A fixed count, or an auto-expanding range such as "0-1" or "1-all". */
  replicas: number | string;
}

/** One shard; no replica on a one-node cluster (stays green), one as soon as there is a second node. */
export const DEFAULT_LAYOUT: ShardLayout = { shards: 1, replicas: '0-1' };

/** The replica settings of a layout, in the flat form getSettings returns them. */
export function replicaSettings(replicas: ShardLayout['replicas']): { 'index.auto_expand_replicas': string; 'index.number_of_replicas'?: number } {
  return typeof replicas === 'number'
    ? { 'index.auto_expand_replicas': 'false', 'index.number_of_replicas': replicas }
    : { 'index.auto_expand_replicas': replicas };
}

export function indexSettings(layout: ShardLayout): estypes.IndicesIndexSettings {
  return { number_of_shards: layout.shards, ...replicaSettings(layout.replicas), ...INDEX_SETTINGS };
}

/** How soon a write is searchable (a migration turns refreshes off while it copies, then restores this). */
export const INDEX_REFRESH_INTERVAL = '1s';

const INDEX_SETTINGS: estypes.IndicesIndexSettings = {
  refresh_interval: INDEX_REFRESH_INTERVAL,
  analysis: {
    filter: {
      // Folds đ/Đ to d/D too, so the `mapping` char filter (đ => d) analysers once ran first is
      // gone: same tokens (older indices need no migration), ~8% less node CPU per indexed item.
      mw_ascii: { type: 'asciifolding', preserve_original: false },
      mw_ascii_and_original: { type: 'asciifolding', preserve_original: true },
    },
    analyzer: {
      mw_indexed: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'mw_ascii_and_original'] },
      mw_folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'mw_ascii'] },
      mw_exact: { type: 'custom', tokenizer: 'standard', filter: ['lowercase'] },
    },
  },
};

export const INDEX_MAPPINGS: estypes.MappingTypeMapping = {
  // Unknown fields are kept in _source (getItem returns them) but not indexed.
  dynamic: false,
  _meta: { mappingVersion: MAPPING_VERSION, managedBy: 'mediawatch' },
  properties: {
    id: keyword,
    sourceId: keyword,
    kind: keyword,
    platform: keyword,
    url: notIndexedKeyword,
    canonicalUrl: keyword,
    contentHash: keyword,
    title: vietnameseText,
    text: vietnameseText,
    /** Text read from the item's images (OCR), searched like the text. */
    ocrText: vietnameseText,
    author: keyword,
    // Feeds carry malformed dates; they stay in _source, mw.ts falls back to fetchedAt.
    publishedAt: { type: 'date', ignore_malformed: true },
    fetchedAt: { type: 'date', ignore_malformed: true },
    congress: { type: 'boolean' },
    distortion: { type: 'boolean' },
    flagged: { type: 'boolean' },
    scores: { properties: { congress: { type: 'double' }, distortion: { type: 'double' } } },
    topics: keyword,
    clusterId: keyword,
    engagement: {
      properties: { likes: { type: 'long' }, shares: { type: 'long' }, replies: { type: 'long' }, views: { type: 'long' } },
    },
    review: {
      properties: { status: keyword, assignee: keyword, priority: keyword, tags: keyword },
    },
    // foldedText is not stored since v3 (derived again on read); search runs on title/text.
    // Stored for the UI's highlighting, never searched.
    explanations: { type: 'object', enabled: false },
    // Bookkeeping written by the store, stripped from what it returns.
    mw: {
      properties: {
        /** Sort/bucket instant: publishedAt, else fetchedAt. */
        ts: { type: 'date' },
        /** Order of first insertion (for scans and "first item with this content"). */
        seq: { type: 'long' },
        /** Review status with the implied "new". */
        status: keyword,
        /** When this copy was written (epoch ms): lets a migration catch up on late writes. */
        writtenAt: { type: 'date', format: 'epoch_millis' },
        /** The item's term entries (common.ts termEntries), for the top-terms aggregation. */
        terms: keyword,
        // v3: the count keys the trends page asks for, written with the item (see countKeys in
        // elasticsearch.ts), so each count is one terms aggregation instead of a date_histogram
        // with terms under every day: 2-4x less work per count at 2M items.
        /** The Vietnam day of mw.ts ("2020-10-16"). */
        day: keyword,
        /** common.ts platformOf: the social platform, "social" or "web". */
        platform: keyword,
        /** "<day>\u001f<sourceId>", "<day>\u001f<topic>" (one per topic, "" for none), "<day>\u001f<platform>". */
        daySource: keyword,
        dayTopic: keyword,
        dayPlatform: keyword,
      },
    },
  },
};
