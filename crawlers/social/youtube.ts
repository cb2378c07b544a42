import Parser from 'rss-parser';
import type { YoutubeSourceConfig } from '../../core/config.ts';
import type { RawItem } from '../../core/types.ts';
import type { SocialContext } from './context.ts';
import { HttpStatusError, MalformedResponseError } from './http.ts';
import { isoDate, parseCount, tidyText } from './text.ts';

/** xml2js shape of <media:group> in YouTube's Atom feeds (media RSS namespace). */
interface MediaGroup {
  'media:title'?: string[];
  'media:description'?: Array<string | { _?: string }>;
  'media:community'?: Array<{
    'media:starRating'?: Array<{ $?: { count?: string } }>;
    'media:statistics'?: Array<{ $?: { views?: string } }>;
  }>;
}

interface YoutubeEntry {
  title?: string;
  link?: string;
  isoDate?: string;
  author?: string;
  videoId?: string;
  channelId?: string;
  mediaGroup?: MediaGroup;
}

const parser = new Parser<Record<string, unknown>, YoutubeEntry>({
  customFields: {
    feed: ['yt:channelId', 'yt:playlistId'],
    item: [
      ['yt:videoId', 'videoId'],
      ['yt:channelId', 'channelId'],
      ['media:group', 'mediaGroup'],
    ],
  },
});

interface FeedState extends Record<string, unknown> {
  etag?: string;
  lastModified?: string;
  /** Key (published time + video id) of the newest video ingested. */
  newest?: string;
}

function description(group: MediaGroup | undefined): string {
  const value = group?.['media:description']?.[0];
  return tidyText(typeof value === 'string' ? value : (value?._ ?? ''));
}

/**
 * One channel or playlist feed: a conditional GET (an unchanged feed costs a 304), then the
 * videos newer than the last run. The feed lists only the latest 15 videos and has no pages.
 */
async function readFeed(ctx: SocialContext, source: YoutubeSourceConfig, id: string, param: 'channel_id' | 'playlist_id'): Promise<void> {
  const base = source.baseUrl.replace(/\/+$/, '');
  const url = `${base}/feeds/videos.xml?${param}=${encodeURIComponent(id)}`;
  const stateKey = `social:${source.id}:${param === 'channel_id' ? 'channel' : 'playlist'}:${id}`;
  const state = ctx.run.state.get<FeedState>(stateKey) ?? {};
  if (!(await ctx.run.robots.isAllowed(url))) throw new Error(`${url}: disallowed by robots.txt; not fetched`);
  const headers: Record<string, string> = { accept: 'application/atom+xml, application/xml;q=0.9' };
  if (state.etag) headers['if-none-match'] = state.etag;
  if (state.lastModified) headers['if-modified-since'] = state.lastModified;
  let response;
  try {
    response = await ctx.http.get(url, headers);
  } catch (error) {
    if (error instanceof HttpStatusError && error.status === 404)
      throw new Error(`${url}: feed not found (HTTP 404): the ${param === 'channel_id' ? 'channel' : 'playlist'} was deleted, made private or never existed`, {
        cause: error,
      });
    throw error;
  }
  if (response.status === 304) {
    ctx.report.notModified++;
    return;
  }
  let feed;
  try {
    feed = await parser.parseString(response.text);
  } catch (error) {
    throw new MalformedResponseError(`${url}: malformed feed: ${(error as Error).message.split('\n')[0]}`);
  }

  const fresh: Array<{ key: string; item: RawItem }> = [];
  let newest = state.newest;
  for (const entry of feed.items) {
    const videoId = typeof entry.videoId === 'string' ? entry.videoId : undefined;
    const publishedAt = isoDate(entry.isoDate);
    if (!videoId || !publishedAt) {
      ctx.fail(url, `feed entry "${entry.title ?? '(untitled)'}" has no yt:videoId or date; skipped`);
      continue;
    }
    const key = `${publishedAt}|${videoId}`;
    if (state.newest !== undefined && key <= state.newest) continue;
    if (newest === undefined || key > newest) newest = key;
    const title = tidyText(entry.title ?? entry.mediaGroup?.['media:title']?.[0] ?? '');
    const text = ctx.pseudonyms.mentionsInText('youtube', description(entry.mediaGroup));
    const itemUrl = entry.link ?? `${base}/watch?v=${encodeURIComponent(videoId)}`;
    if (!ctx.accepts(itemUrl)) continue;
    const community = entry.mediaGroup?.['media:community']?.[0];
    const channelId = (typeof entry.channelId === 'string' && entry.channelId) || (param === 'channel_id' ? id : `playlist:${id}`);
    const official = ctx.pseudonyms.isOfficial('youtube', { id: channelId, aliases: entry.author ? [entry.author] : [] });
    fresh.push({
      key,
      item: {
        sourceId: source.id,
        kind: 'social',
        platform: 'youtube',
        url: itemUrl,
        title,
        text: text || title,
        // Channels have no handle in the feed: an official channel keeps its name, others get a pseudonym.
        author: official && entry.author ? entry.author : ctx.pseudonyms.author('youtube', { id: channelId }),
        publishedAt,
        fetchedAt: ctx.fetchedAt,
        engagement: {
          views: parseCount(community?.['media:statistics']?.[0]?.$?.views),
          likes: parseCount(community?.['media:starRating']?.[0]?.$?.count),
        },
      },
    });
  }
  fresh.sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const { item } of fresh) {
    ctx.report.extracted++;
    ctx.report.recordOutcome(item.url, await ctx.run.pipeline.ingest(item));
    ctx.run.progress(ctx.report);
  }
  // Saved once every video is stored (see crawlers/rss.ts).
  ctx.run.state.set(stateKey, {
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
    newest,
  });
}

/** YouTube channel and playlist Atom feeds: each video's title and description become an item. */
export async function crawlYoutube(ctx: SocialContext, source: YoutubeSourceConfig): Promise<void> {
  const base = source.baseUrl.replace(/\/+$/, '');
  const feeds = [
    ...source.channels.map((id) => ({ id, param: 'channel_id' as const })),
    ...source.playlists.map((id) => ({ id, param: 'playlist_id' as const })),
  ];
  for (const { id, param } of feeds) {
    try {
      await readFeed(ctx, source, id, param);
    } catch (error) {
      ctx.fail(`${base}/feeds/videos.xml?${param}=${id}`, error);
    }
  }
}
