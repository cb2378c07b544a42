/**
 * A station's video page and its listing pages, read with cheerio: the video's title,
 * description, date, the address a moment is opened at, and the subtitle tracks or transcript
 * links it publishes. Pure: HTML in, fields out.
 */
import * as cheerio from 'cheerio';
import { normalizeCrawlUrl } from '../urls.ts';

export interface TrackLink {
  url: string;
  /** BCP-47 tag from srclang / hreflang / lang=, lowercased; "" when the page does not say. */
  lang: string;
}

export interface VideoPage {
  title: string;
  description: string;
  publishedAt?: string;
  /** The player's own address when the page has one (a media file or a YouTube watch page), else the page. */
  videoUrl: string;
  /** YouTube id of an embedded player, for published captions (timedtext). */
  youtubeId?: string;
  tracks: TrackLink[];
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** The YouTube video id of a watch, short or embed address. */
export function youtubeIdOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.replace(/^(www|m)\./, '');
  const id =
    host === 'youtu.be'
      ? parsed.pathname.slice(1)
      : host === 'youtube.com' || host === 'youtube-nocookie.com'
        ? (parsed.searchParams.get('v') ?? /^\/(?:embed|shorts|live)\/([^/?]+)/.exec(parsed.pathname)?.[1])
        : undefined;
  return id && YOUTUBE_ID.test(id) ? id : undefined;
}

function absolute(raw: string | undefined, base: string): string | undefined {
  if (!raw) return undefined;
  const checked = normalizeCrawlUrl(raw, base);
  return checked.ok ? checked.url : undefined;
}

/** JSON-LD VideoObject fields, if the page declares one. */
function jsonLdVideo($: cheerio.CheerioAPI): { name?: string; description?: string; uploadDate?: string; contentUrl?: string } {
  for (const script of $('script[type="application/ld+json"]').toArray()) {
    let data: unknown;
    try {
      data = JSON.parse($(script).text());
    } catch {
      continue;
    }
    const nodes = (Array.isArray(data) ? data : [data, ...((data as { '@graph'?: unknown[] })?.['@graph'] ?? [])]) as Array<Record<string, unknown>>;
    const video = nodes.find((node) => node && typeof node === 'object' && node['@type'] === 'VideoObject');
    if (video) {
      const text = (key: string) => (typeof video[key] === 'string' ? (video[key] as string) : undefined);
      return { name: text('name'), description: text('description'), uploadDate: text('uploadDate'), contentUrl: text('contentUrl') };
    }
  }
  return {};
}

const TRACK_FILE = /\.(vtt|srt)(?:$|[?#])/i;

export function readVideoPage(html: string, pageUrl: string): VideoPage {
  const $ = cheerio.load(html);
  const meta = (selector: string) => $(selector).first().attr('content')?.trim() || undefined;
  const ld = jsonLdVideo($);
  const title = meta('meta[property="og:title"]') ?? ld.name ?? ($('h1').first().text().trim() || $('title').first().text().trim());
  const description = meta('meta[property="og:description"]') ?? ld.description ?? meta('meta[name="description"]') ?? '';
  const publishedAt =
    meta('meta[property="article:published_time"]') ??
    meta('meta[itemprop="uploadDate"]') ??
    ld.uploadDate ??
    ($('time[datetime]').first().attr('datetime') || undefined);

  const embed = $('iframe[src]')
    .toArray()
    .map((el) => absolute($(el).attr('src'), pageUrl))
    .find((src) => src && youtubeIdOf(src));
  const youtubeId = embed ? youtubeIdOf(embed) : undefined;
  const mediaSrc = absolute(
    $('video[src]').first().attr('src') ?? $('video source[src]').first().attr('src') ?? ld.contentUrl ?? meta('meta[property="og:video"]'),
    pageUrl,
  );
  const videoUrl = youtubeId ? `https://www.youtube.com/watch?v=${youtubeId}` : (mediaSrc ?? pageUrl);

  const tracks: TrackLink[] = [];
  const add = (url: string | undefined, lang: string | undefined) => {
    if (url && !tracks.some((t) => t.url === url)) tracks.push({ url, lang: (lang ?? '').trim().toLowerCase() });
  };
  $('track[src]').each((_, el) => {
    const kind = ($(el).attr('kind') ?? 'subtitles').toLowerCase();
    if (kind === 'subtitles' || kind === 'captions') add(absolute($(el).attr('src'), pageUrl), $(el).attr('srclang'));
  });
  // Transcript links: "Phụ đề (.vtt)", "tải phụ đề SRT".
  $('a[href]').each((_, el) => {
    const url = absolute($(el).attr('href'), pageUrl);
    if (!url || !TRACK_FILE.test(new URL(url).pathname)) return;
    add(url, $(el).attr('hreflang') ?? new URL(url).searchParams.get('lang') ?? undefined);
  });
  return { title, description, publishedAt, videoUrl, youtubeId, tracks };
}

/** Links on a listing page to video pages of the same site matching `pattern`, in page order, once each. */
export function videoLinks(html: string, pageUrl: string, pattern: RegExp): string[] {
  const $ = cheerio.load(html);
  const origin = new URL(pageUrl).origin;
  const found = new Set<string>();
  $('a[href]').each((_, el) => {
    const url = absolute($(el).attr('href'), pageUrl);
    if (url && url !== pageUrl && new URL(url).origin === origin && pattern.test(url)) found.add(url);
  });
  return [...found];
}

/** The track to read: the first of the preferred languages; a track without a language counts as the first language. */
export function pickTrack(tracks: TrackLink[], languages: string[]): TrackLink | undefined {
  for (const [index, language] of languages.entries()) {
    const wanted = language.toLowerCase();
    const match = tracks.find((t) => t.lang === wanted || t.lang.startsWith(`${wanted}-`) || (index === 0 && t.lang === ''));
    if (match) return match;
  }
  return undefined;
}
