import { z } from 'zod';
import type { BlueskySourceConfig } from '../../core/config.ts';
import type { RawItem } from '../../core/types.ts';
import type { SocialContext } from './context.ts';
import { MalformedResponseError } from './http.ts';
import { runStreams, type StreamEntry, type StreamSource } from './post-stream.ts';
import { isoDate, tidyText } from './text.ts';

// Shapes from the app.bsky lexicons: app.bsky.feed.defs#postView, #feedViewPost, app.bsky.feed.post,
// app.bsky.richtext.facet, app.bsky.feed.searchPosts and app.bsky.feed.getAuthorFeed outputs.
const labelSchema = z.object({ val: z.string() }).passthrough();

const facetSchema = z
  .object({
    index: z.object({ byteStart: z.number().int().min(0), byteEnd: z.number().int().min(0) }),
    features: z.array(z.object({ $type: z.string(), did: z.string().optional() }).passthrough()),
  })
  .passthrough();

const postViewSchema = z
  .object({
    uri: z.string().regex(/^at:\/\/[^/]+\/app\.bsky\.feed\.post\/[^/]+$/),
    cid: z.string(),
    author: z
      .object({ did: z.string().startsWith('did:'), handle: z.string(), displayName: z.string().optional(), labels: z.array(labelSchema).optional() })
      .passthrough(),
    record: z
      .object({
        $type: z.literal('app.bsky.feed.post'),
        text: z.string(),
        createdAt: z.string(),
        langs: z.array(z.string()).optional(),
        facets: z.array(facetSchema).optional(),
      })
      .passthrough(),
    replyCount: z.number().optional(),
    repostCount: z.number().optional(),
    likeCount: z.number().optional(),
    quoteCount: z.number().optional(),
    indexedAt: z.string(),
    labels: z.array(labelSchema).optional(),
    // app.bsky.embed.images#view (alone, or as the media of a post quoting another).
    embed: z
      .object({
        images: z.array(z.object({ fullsize: z.string() }).passthrough()).optional(),
        media: z
          .object({ images: z.array(z.object({ fullsize: z.string() }).passthrough()).optional() })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

type PostView = z.infer<typeof postViewSchema>;

const searchOutputSchema = z.object({ cursor: z.string().optional(), hitsTotal: z.number().optional(), posts: z.array(z.unknown()) }).passthrough();
const authorFeedOutputSchema = z.object({ cursor: z.string().optional(), feed: z.array(z.unknown()) }).passthrough();
const feedViewPostSchema = z
  .object({
    post: z.unknown(),
    reason: z.object({ $type: z.string(), indexedAt: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

/** Self-label of accounts that asked apps not to show them to logged-out viewers: we are one. */
const NO_UNAUTHENTICATED = '!no-unauthenticated';

/** Feed order key: the lexicons' "sortAt", the earlier of createdAt and indexedAt, then the URI. */
function sortKey(createdAt: string | undefined, indexedAt: string, uri: string): string {
  const times = [createdAt, indexedAt].map((value) => (value ? Date.parse(value) : NaN)).filter((time) => !Number.isNaN(time));
  const sortAt = times.length ? new Date(Math.min(...times)).toISOString() : indexedAt;
  return `${sortAt}|${uri}`;
}

class BlueskyReader {
  private readonly base: string;
  private readonly web: string;

  constructor(
    private readonly ctx: SocialContext,
    private readonly source: BlueskySourceConfig,
  ) {
    this.base = source.baseUrl.replace(/\/+$/, '');
    this.web = source.webUrl.replace(/\/+$/, '');
  }

  /** Post text with each mention facet (UTF-8 byte range) replaced by the mentioned account's pseudonym. */
  private text(post: PostView): string {
    const bytes = Buffer.from(post.record.text, 'utf8');
    const mentions = (post.record.facets ?? [])
      .map((facet) => ({ ...facet.index, did: facet.features.find((f) => f.$type === 'app.bsky.richtext.facet#mention')?.did }))
      .filter((m): m is { byteStart: number; byteEnd: number; did: string } => !!m.did && m.byteStart < m.byteEnd && m.byteEnd <= bytes.length)
      .sort((a, b) => a.byteStart - b.byteStart);
    let text = '';
    let at = 0;
    for (const mention of mentions) {
      if (mention.byteStart < at) continue; // overlapping facets: keep the first
      const written = bytes.subarray(mention.byteStart, mention.byteEnd).toString('utf8').replace(/^@/, '');
      text += bytes.subarray(at, mention.byteStart).toString('utf8');
      text += this.ctx.pseudonyms.author('bluesky', { id: mention.did, handle: written });
      at = mention.byteEnd;
    }
    text += bytes.subarray(at).toString('utf8');
    return tidyText(this.ctx.pseudonyms.mentionsInText('bluesky', text));
  }

  postEntry(raw: unknown, where: string): StreamEntry | undefined {
    const parsed = postViewSchema.safeParse(raw);
    if (!parsed.success) {
      const uri = (raw as { uri?: unknown })?.uri;
      const issue = parsed.error.issues[0];
      this.ctx.fail(typeof uri === 'string' ? uri : where, `post skipped: ${issue.path.join('.') || '(post)'} ${issue.message}`);
      return undefined;
    }
    const post = parsed.data;
    const key = sortKey(post.record.createdAt, post.indexedAt, post.uri);
    if (post.author.labels?.some((label) => label.val === NO_UNAUTHENTICATED)) return { key };
    const text = this.text(post);
    // Images are read by OCR: a post that is only a screenshot is kept for its text.
    const imageUrls = (post.embed?.images ?? post.embed?.media?.images ?? []).map((image) => image.fullsize);
    if (!text && !imageUrls.length) return { key };
    const rkey = post.uri.split('/').pop()!;
    const { did, handle } = post.author;
    const item: RawItem = {
      sourceId: this.source.id,
      kind: 'social',
      platform: 'bluesky',
      // The DID form of the permalink stays valid when the author changes handle, and keeps the handle out of the store.
      url: `${this.web}/profile/${did}/post/${rkey}`,
      title: '',
      text,
      author: this.ctx.pseudonyms.author('bluesky', { id: did, handle: handle === 'handle.invalid' ? did : handle, aliases: [handle] }),
      publishedAt: isoDate(post.record.createdAt) ?? isoDate(post.indexedAt),
      fetchedAt: this.ctx.fetchedAt,
      engagement: {
        replies: post.replyCount,
        shares: post.repostCount === undefined && post.quoteCount === undefined ? undefined : (post.repostCount ?? 0) + (post.quoteCount ?? 0),
        likes: post.likeCount,
      },
      imageUrls: imageUrls.length ? imageUrls : undefined,
    };
    return { key, item };
  }

  search(query: string): StreamSource {
    const location = `${this.base}/xrpc/app.bsky.feed.searchPosts?q=${encodeURIComponent(query)}`;
    return {
      id: `search:${query}`,
      location,
      fetchPage: async (next, until) => {
        const url = new URL(`${this.base}/xrpc/app.bsky.feed.searchPosts`);
        url.searchParams.set('q', query);
        url.searchParams.set('sort', 'latest');
        url.searchParams.set('limit', String(this.source.limit));
        if (this.source.lang) url.searchParams.set('lang', this.source.lang);
        if (until) url.searchParams.set('since', until.split('|')[0]);
        if (next) url.searchParams.set('cursor', next);
        const { data } = await this.ctx.http.getJson(url.href);
        const output = searchOutputSchema.safeParse(data);
        if (!output.success)
          throw new MalformedResponseError(
            `${url.href}: not a searchPosts output (${output.error.issues[0].path.join('.')} ${output.error.issues[0].message})`,
          );
        const entries = output.data.posts.map((post) => this.postEntry(post, url.href)).filter((e): e is StreamEntry => !!e);
        return { entries, next: output.data.cursor || undefined };
      },
    };
  }

  authorFeed(actor: string): StreamSource {
    const location = `${this.base}/xrpc/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(actor)}`;
    return {
      id: `author:${actor.toLowerCase()}`,
      location,
      fetchPage: async (next) => {
        const url = new URL(`${this.base}/xrpc/app.bsky.feed.getAuthorFeed`);
        url.searchParams.set('actor', actor);
        url.searchParams.set('limit', String(this.source.limit));
        url.searchParams.set('filter', this.source.authorFilter);
        if (next) url.searchParams.set('cursor', next);
        const { data } = await this.ctx.http.getJson(url.href);
        const output = authorFeedOutputSchema.safeParse(data);
        if (!output.success)
          throw new MalformedResponseError(
            `${url.href}: not a getAuthorFeed output (${output.error.issues[0].path.join('.')} ${output.error.issues[0].message})`,
          );
        const entries: StreamEntry[] = [];
        for (const raw of output.data.feed) {
          const view = feedViewPostSchema.safeParse(raw);
          if (!view.success) {
            this.ctx.fail(url.href, 'feed entry skipped: not a feedViewPost');
            continue;
          }
          const { reason, post } = view.data;
          if (reason?.$type === 'app.bsky.feed.defs#reasonPin') continue; // an old post shown on top
          if (reason) {
            // A repost: someone else's post, ordered by the time of the repost; counted in its repostCount.
            const uri = (post as { uri?: string })?.uri ?? '';
            if (reason.indexedAt) entries.push({ key: `${isoDate(reason.indexedAt) ?? reason.indexedAt}|${uri}` });
            continue;
          }
          // A reply whose parent was deleted carries a #notFoundPost parent: the reply itself is still public.
          const entry = this.postEntry(post, url.href);
          if (entry) entries.push(entry);
        }
        return { entries, next: output.data.cursor || undefined };
      },
    };
  }
}

/** Bluesky post searches and author feeds through the public AppView (no login). */
export async function crawlBluesky(ctx: SocialContext, source: BlueskySourceConfig): Promise<void> {
  const reader = new BlueskyReader(ctx, source);
  const streams = [...source.searches.map((q) => reader.search(q)), ...source.authors.map((actor) => reader.authorFeed(actor))];
  await runStreams(ctx, streams);
}
