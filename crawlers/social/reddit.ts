import { z } from 'zod';
import type { RedditSourceConfig } from '../../core/config.ts';
import type { RawItem } from '../../core/types.ts';
import type { SocialContext } from './context.ts';
import { MalformedResponseError } from './http.ts';
import { runStreams, type StreamEntry, type StreamSource } from './post-stream.ts';
import { isoDate, padKey, tidyText } from './text.ts';

// Reddit's JSON listings: {kind: "Listing", data: {after, before, dist, children: [{kind: "t3", data: Link}]}}.
const listingSchema = z.object({
  kind: z.literal('Listing'),
  data: z
    .object({
      after: z.string().nullable().optional(),
      children: z.array(z.object({ kind: z.string(), data: z.unknown() }).passthrough()),
    })
    .passthrough(),
});

const linkSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+$/),
    name: z.string(),
    title: z.string(),
    selftext: z.string().default(''),
    author: z.string(),
    created_utc: z.number(),
    permalink: z.string().startsWith('/'),
    url: z.string().optional(),
    is_self: z.boolean().optional(),
    score: z.number().optional(),
    num_comments: z.number().optional(),
    num_crossposts: z.number().optional(),
    view_count: z.number().nullable().optional(),
    removed_by_category: z.string().nullable().optional(),
    subreddit: z.string().optional(),
  })
  .passthrough();

const GONE_TEXT = new Set(['[deleted]', '[removed]']);

function listingStream(ctx: SocialContext, source: RedditSourceConfig, id: string, path: string, params: Record<string, string>): StreamSource {
  const base = source.baseUrl.replace(/\/+$/, '');
  const location = `${base}${path}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`;
  return {
    id,
    location,
    fetchPage: async (next) => {
      const url = new URL(`${base}${path}`);
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      url.searchParams.set('limit', String(source.limit));
      // Without raw_json, text fields come HTML-escaped ("&amp;").
      url.searchParams.set('raw_json', '1');
      if (next) url.searchParams.set('after', next);
      const { data } = await ctx.http.getJson(url.href);
      const listing = listingSchema.safeParse(data);
      if (!listing.success)
        throw new MalformedResponseError(`${url.href}: not a Listing (${listing.error.issues[0].path.join('.')} ${listing.error.issues[0].message})`);
      const entries: StreamEntry[] = [];
      for (const child of listing.data.data.children) {
        if (child.kind !== 't3') continue;
        const parsed = linkSchema.safeParse(child.data);
        if (!parsed.success) {
          ctx.fail(url.href, `post skipped: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
          continue;
        }
        const post = parsed.data;
        const key = `${padKey(Math.floor(post.created_utc), 12)}:${padKey(post.id, 13)}`;
        // Deleted by its author or removed by moderators/admins: not kept.
        if (post.removed_by_category || post.author === '[deleted]' || GONE_TEXT.has(post.selftext.trim())) {
          entries.push({ key });
          continue;
        }
        const selftext = tidyText(post.selftext);
        const linked = !post.is_self && post.url && !post.url.includes(post.permalink) ? post.url : '';
        const text = ctx.pseudonyms.mentionsInText('reddit', selftext || linked || post.title);
        const item: RawItem = {
          sourceId: source.id,
          kind: 'social',
          platform: 'reddit',
          url: new URL(post.permalink, `${base}/`).href,
          title: ctx.pseudonyms.mentionsInText('reddit', tidyText(post.title)),
          text,
          author: ctx.pseudonyms.author('reddit', { id: post.author, handle: post.author }),
          publishedAt: isoDate(post.created_utc * 1000),
          fetchedAt: ctx.fetchedAt,
          engagement: { likes: post.score, replies: post.num_comments, shares: post.num_crossposts, views: post.view_count ?? undefined },
        };
        entries.push({ key, item });
      }
      return { entries, next: listing.data.data.after ?? undefined };
    },
  };
}

/** Subreddit "new" listings and searches (newest first), paginated with `after`. */
export async function crawlReddit(ctx: SocialContext, source: RedditSourceConfig): Promise<void> {
  const streams = [
    ...source.subreddits.map((sub) => listingStream(ctx, source, `new:${sub.toLowerCase()}`, `/r/${sub}/new.json`, {})),
    ...source.searches.map(({ query, subreddit }) =>
      subreddit
        ? listingStream(ctx, source, `search:${subreddit.toLowerCase()}:${query}`, `/r/${subreddit}/search.json`, { q: query, restrict_sr: '1', sort: 'new' })
        : listingStream(ctx, source, `search:${query}`, '/search.json', { q: query, sort: 'new' }),
    ),
  ];
  await runStreams(ctx, streams);
}
