import { htmlToText } from './social/text.ts';
import { TagStream, type TagStreamLimits } from './tag-stream.ts';
import { quoteUrl } from '../core/urls.ts';
import { normalizeCrawlUrl } from './urls.ts';

export interface FeedEntry {
  link: string;
  title: string;
  summary: string;
  author?: string;
  /** ISO date, only when the feed's date parsed. */
  publishedAt?: string;
  /** When the feed says the entry last changed (Atom <updated>, <dc:modified>), ISO; an edited entry's page is fetched again. */
  updatedAt?: string;
}

export interface FeedReading {
  /** The entries kept, in the feed's order. */
  entries: FeedEntry[];
  /** Complete entries with a usable link found in the feed (kept or not). */
  total: number;
  /** What was skipped or could not be read, worded for the crawl report. */
  problems: string[];
}

/** Longest text kept from one field of an entry: a summary is only the fallback for the page's text. */
const MAX_FIELD_CHARS = 100_000;
/** Entries skipped one by one are named up to this many times, then counted. */
const NAMED_SKIPS = 10;

const ENTRY = new Set(['item', 'entry']);
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf']);
/** Fields by the element that carries them; earlier names win when an entry has several. */
const FIELDS: Record<string, readonly string[]> = {
  title: ['title'],
  link: ['link'],
  guid: ['guid', 'id'],
  date: ['pubdate', 'published', 'dc:date', 'issued'],
  updated: ['updated', 'modified', 'dc:modified', 'dcterms:modified'],
  summary: ['description', 'content', 'content:encoded', 'summary'],
  author: ['dc:creator', 'author'],
};
const FIELD_OF = new Map(Object.entries(FIELDS).flatMap(([field, names]) => names.map((name) => [name, field] as const)));
const RANK = new Map(Object.values(FIELDS).flatMap((names) => names.map((name, rank) => [name, rank] as const)));

interface OpenField {
  field: string;
  depth: number;
  /** Atom's <author> has a <name> child: only its text is the author (not the e-mail beside it). */
  named?: boolean;
  inName?: boolean;
}

interface RankedEntry {
  entry: FeedEntry;
  /** Feed date in ms; an undated entry takes the date of the dated entry above it (feeds list newest first). */
  time: number;
  order: number;
}

const newestFirst = (a: RankedEntry, b: RankedEntry) => b.time - a.time || a.order - b.order;

function isoDate(text: string): string | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const tidy = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const quoted = (title: string) => `"${title.length > 80 ? `${title.slice(0, 80)}…` : title || '(untitled)'}"`;

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF) or Atom feed as a stream of text pieces and keeps the newest
 * `maxEntries` entries, so a feed of any length is read in bounded memory. Malformed markup is
 * read as far as it goes: every complete entry before a fault is kept.
 */
export class FeedReader {
  private readonly stream: TagStream;
  private kept: RankedEntry[] = [];
  private total = 0;
  private lastTime = Number.POSITIVE_INFINITY;
  private rootName: string | undefined;
  private readonly skipped: string[] = [];
  private skippedUnnamed = 0;
  /** The entry being read: its depth, the fields read so far and the field element open in it. */
  private entry: { depth: number; values: Map<string, { text: string; rank: number }>; open?: OpenField } | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly maxEntries: number,
    limits?: TagStreamLimits,
  ) {
    this.stream = new TagStream(
      {
        onOpen: (name, attributes, depth) => this.open(name, attributes, depth),
        onClose: (name, depth) => this.close(name, depth),
        onText: (text) => this.text(text),
      },
      limits,
    );
  }

  /** Reads the next piece of the feed; false once reading has stopped (see the problems at end). */
  write(text: string): boolean {
    return this.stream.write(text);
  }

  end(): FeedReading {
    const cutInEntry = this.entry !== undefined;
    this.stream.end();
    const problems = [...this.skipped];
    if (this.skippedUnnamed) problems.push(`${this.skippedUnnamed} more feed entries without a valid link skipped`);
    if (this.stream.stopped) problems.push(`feed: ${this.stream.stopped}; kept the ${this.total} entries read before`);
    else if (cutInEntry) problems.push(`feed is cut off inside an entry; kept the ${this.total} complete entries before it`);
    if (!this.rootName) problems.push('not a feed: the document has no elements');
    else if (!this.total && !FEED_ROOTS.has(this.rootName)) {
      // A mangled first tag is not worth quoting.
      const root = /^[\w:.-]{1,40}$/.test(this.rootName) ? `the document is <${this.rootName}>` : 'its first element is garbled';
      problems.push(`not an RSS or Atom feed (${root})`);
    }
    if (!this.total && !problems.length) problems.push('feed lists no entries');
    this.prune();
    if (this.total > this.kept.length) {
      problems.push(`feed has ${this.total} entries; kept the newest ${this.kept.length}, skipped ${this.total - this.kept.length}`);
    }
    return { entries: this.kept.sort((a, b) => a.order - b.order).map((ranked) => ranked.entry), total: this.total, problems };
  }

  private open(name: string, attributes: Record<string, string>, depth: number): void {
    this.rootName ??= name;
    const entry = this.entry;
    if (!entry) {
      if (ENTRY.has(name)) this.entry = { depth, values: new Map() };
      return;
    }
    if (entry.open) {
      if (entry.open.field === 'author' && name === 'name' && depth === entry.open.depth + 1) {
        entry.values.get('author')!.text = '';
        entry.open.named = entry.open.inName = true;
      }
      return;
    }
    const field = depth === entry.depth + 1 ? FIELD_OF.get(name) : undefined;
    if (!field) return;
    const rank = RANK.get(name)!;
    const current = entry.values.get(field);
    if (current && current.text.trim() && current.rank <= rank) return;
    if (field === 'link' && attributes.href !== undefined) {
      // Atom: the alternate link is the entry's page; self, edit, enclosure links are not.
      if (!attributes.rel || attributes.rel === 'alternate') entry.values.set('link', { text: attributes.href, rank });
      return;
    }
    entry.values.set(field, { text: '', rank });
    entry.open = { field, depth };
  }

  private text(text: string): void {
    const open = this.entry?.open;
    if (!open) return;
    if (open.field === 'author' && !(open.named ? open.inName : this.stream.depth === open.depth)) return;
    const value = this.entry!.values.get(open.field)!;
    if (value.text.length < MAX_FIELD_CHARS) value.text += text.slice(0, MAX_FIELD_CHARS - value.text.length);
  }

  private close(name: string, depth: number): void {
    const entry = this.entry;
    if (!entry) return;
    if (entry.open?.inName && name === 'name' && depth === entry.open.depth + 1) entry.open.inName = false;
    if (entry.open && depth === entry.open.depth) entry.open = undefined;
    if (depth === entry.depth) {
      this.entry = undefined;
      this.finish(entry.values);
    }
  }

  private finish(values: Map<string, { text: string }>): void {
    const value = (field: string) => values.get(field)?.text ?? '';
    const title = tidy(value('title'));
    const guid = value('guid').trim();
    const href = value('link').trim() || (/^https?:\/\//i.test(guid) ? guid : '');
    const checked = href ? normalizeCrawlUrl(href, this.baseUrl) : undefined;
    if (!checked?.ok) {
      if (this.skipped.length < NAMED_SKIPS) {
        this.skipped.push(`feed entry ${quoted(title)} ${checked ? `has an invalid link ${quoteUrl(href)} (${checked.reason})` : 'has no link'}; skipped`);
      } else this.skippedUnnamed++;
      return;
    }
    const link = checked.url;
    const updatedAt = isoDate(value('updated').trim());
    // An entry with only an update date (some Atom feeds) is dated by it.
    const publishedAt = isoDate(value('date').trim()) ?? updatedAt;
    const author = tidy(value('author'));
    const summary = htmlToText(value('summary')).normalize('NFC');
    const entry: FeedEntry = { link, title, summary, author: author || undefined, publishedAt, ...(updatedAt ? { updatedAt } : {}) };
    if (publishedAt) this.lastTime = Date.parse(publishedAt);
    this.kept.push({ entry, time: this.lastTime, order: this.total++ });
    // Sorting once per `maxEntries` entries keeps memory at twice the cap and the cost at n log n.
    if (this.kept.length >= 2 * this.maxEntries) this.prune();
  }

  private prune(): void {
    if (this.kept.length <= this.maxEntries) return;
    this.kept.sort(newestFirst);
    this.kept.length = this.maxEntries;
  }
}

/** Reads a whole feed held in memory; see FeedReader. */
export function parseFeed(text: string, baseUrl: string, maxEntries: number, limits?: TagStreamLimits): FeedReading {
  const reader = new FeedReader(baseUrl, maxEntries, limits);
  reader.write(text);
  return reader.end();
}
