/**
 * Broadcast sources (báo hình): a station's video listing pages and video feeds. Each video becomes
 * an item with its title, description and, where the station publishes one, its transcript read
 * from a subtitle track (WebVTT, SRT) or YouTube's published captions (timedtext), one cue per
 * line, with the time code of each cue kept in `timecodes` so a flagged passage opens the video at
 * that moment. A video whose track is missing, malformed or too large is still stored with its
 * title and description, and the report says why it has no transcript.
 */
import Parser from 'rss-parser';
import type { BroadcastSourceConfig } from '../../core/config.ts';
import type { RawItem } from '../../core/types.ts';
import { cleanWhitespace, toNfc } from '../../core/text.ts';
import { fetchResource, type FetchedResource } from '../fetch.ts';
import type { SourceReport } from '../report.ts';
import type { CrawlRun } from '../crawl-run.ts';
import { sourceLocation } from '../social/index.ts';
import { passesPatterns } from '../urls.ts';
import { parseSubtitles, SubtitleError, type Cue } from './subtitles.ts';
import { pickTrack, readVideoPage, videoLinks, youtubeIdOf, type VideoPage } from './video-page.ts';

/** A video found in a feed or on a listing page, before its page is read. */
interface FoundVideo {
  link: string;
  title?: string;
  description?: string;
  publishedAt?: string;
  youtubeId?: string;
}

interface FeedEntry {
  title?: string;
  link?: string;
  isoDate?: string;
  contentSnippet?: string;
  videoId?: string;
  mediaGroup?: { 'media:description'?: Array<string | { _?: string }> };
}

const feedParser = new Parser<Record<string, unknown>, FeedEntry>({
  customFields: {
    item: [
      ['yt:videoId', 'videoId'],
      ['media:group', 'mediaGroup'],
    ],
  },
});

/**
 * The item text: the description, a blank line, then one line per cue; and where each cue's line
 * starts. Each piece is cleaned as the pipeline cleans text (NFC, whitespace), so the offsets still
 * hold in the stored item. Repeated lines of rolling captions are kept once.
 */
export function transcriptText(description: string, cues: Cue[]): { text: string; cues: Array<[number, number]> } {
  const lead = cleanWhitespace(toNfc(description));
  const lines: Array<[string, number]> = [];
  for (const cue of cues) {
    const line = cleanWhitespace(toNfc(cue.text)).replace(/\n+/g, ' ');
    if (line && line !== lines.at(-1)?.[0]) lines.push([line, Math.round(cue.start * 1000) / 1000]);
  }
  let text = lead;
  const offsets: Array<[number, number]> = [];
  for (const [line, start] of lines) {
    if (text) text += offsets.length ? '\n' : '\n\n';
    offsets.push([text.length, start]);
    text += line;
  }
  return { text, cues: offsets };
}

class BroadcastCrawl {
  private readonly pattern: RegExp;
  private readonly rpm: number;

  constructor(
    private readonly source: BroadcastSourceConfig,
    private readonly run: CrawlRun,
    private readonly report: SourceReport,
  ) {
    this.pattern = new RegExp(source.videoPattern);
    this.rpm = source.requestsPerMinute ?? run.config.crawler.requestsPerMinute;
  }

  /** A polite GET (robots.txt, rate limit): the resource, or why there is none (worded for the report). */
  private async get(url: string, maxBytes = this.run.config.crawler.maxPageBytes, what = 'page'): Promise<FetchedResource | { reason: string }> {
    if (!(await this.run.robots.isAllowed(url))) return { reason: `${what} disallowed by robots.txt; not fetched` };
    await this.run.limiter.acquire(url, this.rpm);
    try {
      const resource = await fetchResource(url, { ...this.run.fetchOptions, maxBytes });
      this.report.fetched++;
      this.run.progress(this.report);
      return resource.status === 200 ? resource : { reason: `${what} answered HTTP ${resource.status}` };
    } catch (error) {
      return { reason: `${what}: ${(error as Error).message}` };
    }
  }

  /** `get`, with a failure recorded against `url`. */
  private async getOrReport(url: string, maxBytes?: number, what?: string): Promise<FetchedResource | null> {
    const got = await this.get(url, maxBytes, what);
    if ('reason' in got) {
      this.report.recordError(url, got.reason);
      return null;
    }
    return got;
  }

  async videosOfFeed(url: string): Promise<FoundVideo[]> {
    const feed = await this.getOrReport(url, this.run.config.crawler.maxFeedBytes, 'feed');
    if (!feed) return [];
    let entries: FeedEntry[];
    try {
      entries = (await feedParser.parseString(feed.text)).items;
    } catch (error) {
      this.report.recordError(url, `malformed feed: ${(error as Error).message.split('\n')[0]}`);
      return [];
    }
    return entries.flatMap((entry) => {
      if (!entry.link) {
        this.report.recordError(url, `feed entry "${entry.title ?? '(untitled)'}" has no link; skipped`);
        return [];
      }
      const raw = entry.mediaGroup?.['media:description']?.[0];
      const description = typeof raw === 'string' ? raw : (raw?._ ?? entry.contentSnippet);
      const youtubeId = (typeof entry.videoId === 'string' && entry.videoId) || youtubeIdOf(entry.link);
      return [{ link: entry.link, title: entry.title, description, publishedAt: entry.isoDate, youtubeId: youtubeId || undefined }];
    });
  }

  async videosOfListing(url: string): Promise<FoundVideo[]> {
    const page = await this.getOrReport(url, undefined, 'listing page');
    return page ? videoLinks(page.text, page.url, this.pattern).map((link) => ({ link })) : [];
  }

  /** The transcript's cues, or why there are none (worded for the report). */
  private async transcript(video: FoundVideo, page: VideoPage | null): Promise<{ cues: Cue[] } | { reason: string }> {
    const { languages, maxTrackBytes, maxCues, timedtextUrl } = this.source;
    const track = page ? pickTrack(page.tracks, languages) : undefined;
    const youtubeId = video.youtubeId ?? page?.youtubeId;
    let url: string;
    if (track) url = track.url;
    else if (youtubeId && timedtextUrl) url = timedtextUrl.replaceAll('{videoId}', encodeURIComponent(youtubeId));
    else if (page?.tracks.length)
      return {
        reason: `subtitle tracks only in other languages (${[...new Set(page.tracks.map((t) => t.lang || '?'))].join(', ')}), none in ${languages.join(', ')}`,
      };
    else return { reason: 'no subtitle track or transcript published for this video' };
    const resource = await this.get(url, maxTrackBytes, 'subtitle track');
    if ('reason' in resource) return resource;
    if (!resource.text.trim()) return { reason: `no captions published at ${url}` };
    try {
      const transcript = parseSubtitles(resource.text, maxCues);
      transcript.problems.forEach((problem) => this.report.recordError(url, problem));
      return { cues: transcript.cues };
    } catch (error) {
      if (error instanceof SubtitleError) return { reason: `${url}: ${error.message}` };
      throw error;
    }
  }

  async ingest(video: FoundVideo): Promise<void> {
    // A YouTube watch page is the player, not the station's page: the feed already gave its fields.
    const page = video.youtubeId && youtubeIdOf(video.link) ? null : await this.getOrReport(video.link, undefined, 'video page');
    const read = page ? readVideoPage(page.text, page.url) : null;
    const title = read?.title || video.title || '';
    const description = read?.description || video.description || '';
    const youtubeId = video.youtubeId ?? read?.youtubeId;
    const transcript = await this.transcript(video, read);
    const { text, cues } = transcriptText(description, 'cues' in transcript ? transcript.cues : []);
    if ('reason' in transcript) this.report.recordError(video.link, `${transcript.reason}; kept the video's title and description`);
    if (!title && !text) {
      this.report.recordError(video.link, 'video has no title, description or transcript; not stored');
      return;
    }
    this.report.extracted++;
    const item: RawItem = {
      sourceId: this.source.id,
      kind: 'broadcast',
      url: page?.url ?? video.link,
      title,
      text: text || title,
      publishedAt: read?.publishedAt ?? video.publishedAt,
      fetchedAt: new Date().toISOString(),
      ...(cues.length ? { timecodes: { videoUrl: read?.videoUrl ?? (youtubeId ? `https://www.youtube.com/watch?v=${youtubeId}` : video.link), cues } } : {}),
    };
    this.report.recordOutcome(video.link, await this.run.pipeline.ingest(item));
    this.run.progress(this.report);
  }
}

/** Reads a broadcast source once: its feeds, then its listing pages; each video at most once, up to maxPages videos. */
export async function crawlBroadcast(source: BroadcastSourceConfig, run: CrawlRun, report: SourceReport): Promise<void> {
  const crawl = new BroadcastCrawl(source, run, report);
  const videos = new Map<string, FoundVideo>();
  const found = [
    ...(await Promise.all(source.feeds.map((url) => crawl.videosOfFeed(url)))).flat(),
    ...(await Promise.all(source.listingUrls.map((url) => crawl.videosOfListing(url)))).flat(),
  ];
  for (const video of found) {
    if (!videos.has(video.link) && passesPatterns(video.link, source.include, source.exclude)) videos.set(video.link, video);
  }
  const max = source.maxPages ?? run.config.crawler.maxPages;
  if (videos.size > max) report.recordError(sourceLocation(source), `${videos.size} videos found; read the first ${max} (maxPages)`);
  for (const video of [...videos.values()].slice(0, max)) await crawl.ingest(video);
}
