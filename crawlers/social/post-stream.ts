import type { RawItem } from '../../core/types.ts';
import type { SocialContext } from './context.ts';

/** One post of a page: its position in the stream, and the item to ingest (none for deleted/non-public posts). */
export interface StreamEntry {
  /** Sorts like the stream's order: a larger key is newer. */
  key: string;
  item?: RawItem;
}

export interface StreamPage {
  entries: StreamEntry[];
  /** Token of the next (older) page; absent at the end of the stream. */
  next?: string;
}

/**
 * A paginated, newest-first stream of posts (a hashtag timeline, a search, an author feed).
 * `fetchPage(undefined, until)` is the newest page; `until` is the key of the newest post seen
 * before, which an API may use to filter (since_id, since).
 */
export interface StreamSource {
  /** Part of the state key; unique within the source. */
  id: string;
  /** What the report names when the stream fails. */
  location: string;
  fetchPage(next: string | undefined, until: string | undefined): Promise<StreamPage>;
}

/** What is kept between runs for one stream. */
export interface StreamState extends Record<string, unknown> {
  /** Key of the newest post seen. */
  newest?: string;
  /**
   * Stretches not read yet because a run hit its page budget before reaching the posts of the
   * previous run: continue from `next` down to `until` (exclusive).
   */
  gaps?: Array<{ next: string; until: string }>;
}

const MAX_GAPS = 10;

interface WalkResult {
  /** The stream went on past the budget: where to continue. */
  capped?: string;
  pages: number;
}

/**
 * Reads one stream incrementally: the new posts since the last run (down to the saved `newest`),
 * then older stretches a previous run could not finish, within `maxPages` requests. Items are
 * ingested oldest first, and the cursor is saved only after all of them are stored, so a crash
 * makes the next run fetch them again rather than lose them. A failure keeps the old cursor
 * (or only the progress made before it) and is reported; the caller goes on with other streams.
 */
export async function runStream(ctx: SocialContext, stream: StreamSource, maxPages: number): Promise<void> {
  const stateKey = `social:${ctx.source.id}:${stream.id}`;
  const state: StreamState = ctx.run.state.get<StreamState>(stateKey) ?? {};
  const collected = new Map<string, RawItem>();
  let budget = maxPages;
  let newestSeen: string | undefined;
  let failure: Error | undefined;

  const walk = async (start: string | undefined, until: string | undefined, trackNewest: boolean): Promise<WalkResult> => {
    let token = start;
    let pages = 0;
    for (;;) {
      if (budget <= 0) return { capped: token, pages };
      const page = await stream.fetchPage(token, until);
      budget--;
      pages++;
      let reached = false;
      for (const entry of page.entries) {
        if (until !== undefined && entry.key <= until) {
          reached = true;
          continue;
        }
        if (trackNewest && (newestSeen === undefined || entry.key > newestSeen)) newestSeen = entry.key;
        if (entry.item && ctx.accepts(entry.item.url)) collected.set(entry.key, entry.item);
      }
      ctx.run.progress(ctx.report);
      if (reached || !page.entries.length || !page.next) return { pages };
      token = page.next;
    }
  };

  let gaps = [...(state.gaps ?? [])];
  let headDone = false;
  try {
    const head = await walk(undefined, state.newest, true);
    headDone = true;
    // A first run that stops at the budget is a bounded backfill, not a gap.
    if (head.capped !== undefined && state.newest !== undefined) gaps.unshift({ next: head.capped, until: state.newest });
    const remaining: typeof gaps = [];
    for (const gap of gaps) {
      if (budget <= 0) {
        remaining.push(gap);
        continue;
      }
      const filled = await walk(gap.next, gap.until, false);
      if (filled.capped !== undefined) remaining.push({ next: filled.capped, until: gap.until });
    }
    gaps = remaining.slice(0, MAX_GAPS);
  } catch (error) {
    failure = error as Error;
  }

  // Oldest first, so that insertion order follows publication order.
  for (const key of [...collected.keys()].sort()) {
    const item = collected.get(key)!;
    ctx.report.extracted++;
    ctx.report.recordOutcome(item.url, await ctx.run.pipeline.ingest(item));
    ctx.run.progress(ctx.report);
  }

  if (headDone) {
    const newest = newestSeen !== undefined && (state.newest === undefined || newestSeen > state.newest) ? newestSeen : state.newest;
    const next: StreamState = { ...state, newest };
    if (gaps.length) next.gaps = gaps;
    else delete next.gaps;
    ctx.run.state.set(stateKey, next);
  }
  if (failure) throw failure;
}

/**
 * Runs each stream in turn, each to `ctx.maxPages`; a stream that fails is reported at its
 * location and the others go on.
 */
export async function runStreams(ctx: SocialContext, streams: Iterable<StreamSource>): Promise<void> {
  for (const stream of streams) {
    try {
      await runStream(ctx, stream, ctx.maxPages);
    } catch (error) {
      ctx.fail(stream.location, error);
    }
  }
}
