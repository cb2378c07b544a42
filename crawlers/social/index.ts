import { configRelative, SOCIAL_KINDS, type SocialSourceConfig, type SourceConfig } from '../../core/config.ts';
import type { SourceReport } from '../report.ts';
import type { CrawlRun } from '../crawl-run.ts';
import { crawlBluesky } from './bluesky.ts';
import { SocialContext } from './context.ts';
import { importFiles } from './files.ts';
import { crawlMastodon } from './mastodon.ts';
import { Pseudonymiser, resolvePseudonymKey } from './pseudonym.ts';
import { crawlReddit } from './reddit.ts';
import { crawlTelegram } from './telegram.ts';
import { crawlYoutube } from './youtube.ts';

export { Pseudonymiser, resolvePseudonymKey, PSEUDONYM_PREFIX } from './pseudonym.ts';

export function isSocialSource(source: SourceConfig): source is SocialSourceConfig {
  return (SOCIAL_KINDS as readonly string[]).includes(source.kind);
}

/** Platform name a source's items carry (`platform` of RawItem); undefined for news and RSS. */
export function sourcePlatform(source: SourceConfig): string | undefined {
  if (source.kind === 'file') return source.platform;
  return isSocialSource(source) ? source.kind : undefined;
}

/** Where a source lives, for error reports: its first URL, API base or import path. */
export function sourceLocation(source: SourceConfig, run?: Pick<CrawlRun, 'config'>): string {
  switch (source.kind) {
    case 'news':
      return source.startUrls[0];
    case 'rss':
      return source.url;
    case 'broadcast':
      return source.listingUrls[0] ?? source.feeds[0];
    case 'file':
      return run ? configRelative(run.config, source.path) : source.path;
    case 'epaper':
      return source.indexUrl ?? source.urlPattern ?? source.edition;
    default:
      return source.baseUrl;
  }
}

/**
 * Reads one social source: each of its streams (hashtag, search, account, channel, file) in turn;
 * a failing stream is reported in `report` and the others go on.
 */
export async function crawlSocialSource(source: SocialSourceConfig, run: CrawlRun, report: SourceReport): Promise<void> {
  const pseudonyms = new Pseudonymiser(resolvePseudonymKey(run.config.privacy), run.config.privacy);
  const ctx = new SocialContext(run, report, source, pseudonyms);
  switch (source.kind) {
    case 'mastodon':
      return crawlMastodon(ctx, source);
    case 'bluesky':
      return crawlBluesky(ctx, source);
    case 'youtube':
      return crawlYoutube(ctx, source);
    case 'telegram':
      return crawlTelegram(ctx, source);
    case 'reddit':
      return crawlReddit(ctx, source);
    case 'file':
      return importFiles(ctx, source);
  }
}
