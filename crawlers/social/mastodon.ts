import * as cheerio from 'cheerio';
import { z } from 'zod';
import type { MastodonSourceConfig } from '../../core/config.ts';
import type { RawItem } from '../../core/types.ts';
import type { SocialContext } from './context.ts';
import { MalformedResponseError } from './http.ts';
import { runStream, runStreams, type StreamEntry, type StreamSource } from './post-stream.ts';
import { isoDate, nodesToText, padKey } from './text.ts';

// Field names follow the Mastodon REST API entities (docs.joinmastodon.org/entities/Status, /Account).
const accountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    acct: z.string(),
    display_name: z.string().optional(),
    url: z.string().nullish(),
    suspended: z.boolean().optional(),
  })
  .passthrough();

const statusSchema = z
  .object({
    id: z.string().regex(/^\d+$/),
    created_at: z.string(),
    uri: z.string(),
    url: z.string().nullish(),
    content: z.string(),
    spoiler_text: z.string().default(''),
    visibility: z.string(),
    language: z.string().nullish(),
    account: accountSchema,
    reblog: z.unknown().nullish(),
    mentions: z.array(z.object({ url: z.string(), acct: z.string() }).passthrough()).default([]),
    replies_count: z.number().optional(),
    reblogs_count: z.number().optional(),
    favourites_count: z.number().optional(),
    media_attachments: z.array(z.object({ type: z.string(), url: z.string().nullish() }).passthrough()).default([]),
  })
  .passthrough();

type Status = z.infer<typeof statusSchema>;

/** Statuses anyone may see; private and direct ones never reach an unauthenticated client, but check anyway. */
const PUBLIC_VISIBILITY = new Set(['public', 'unlisted']);

/** URL of rel="next" in a Link header (`<...?max_id=1>; rel="next", <...?min_id=2>; rel="prev"`). */
export function linkRel(header: string | null, rel: string): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]+)>\s*;\s*rel="?([^",;]+)"?/g)) {
    if (match[2].split(/\s+/).includes(rel)) return match[1];
  }
  return undefined;
}

const unpad = (key: string) => key.replace(/^0+(?=\d)/, '');

class MastodonReader {
  private readonly base: string;
  private readonly host: string;

  constructor(
    private readonly ctx: SocialContext,
    private readonly source: MastodonSourceConfig,
  ) {
    this.base = source.baseUrl.replace(/\/+$/, '');
    this.host = new URL(this.base).host;
  }

  /** "user" on this server → "user@server", so one account has one pseudonym wherever it is seen. */
  private fullAcct(acct: string): string {
    return acct.includes('@') ? acct : `${acct}@${this.host}`;
  }

  private text(status: Status): string {
    const $ = cheerio.load(status.content, null, false);
    const byUrl = new Map(status.mentions.map((mention) => [mention.url, mention.acct]));
    $('a.mention').each((_, element) => {
      const link = $(element);
      if (link.hasClass('hashtag')) return;
      const href = link.attr('href') ?? '';
      let acct = byUrl.get(href);
      if (!acct) {
        const match = /^https?:\/\/([^/]+)\/@([^/?#]+)/.exec(href);
        if (!match) return;
        acct = match[2].includes('@') ? match[2] : `${match[2]}@${match[1]}`;
      }
      link.replaceWith(this.ctx.pseudonyms.mention('mastodon', this.fullAcct(acct)));
    });
    return nodesToText($.root().toArray());
  }

  toEntry(raw: unknown): StreamEntry | undefined {
    const parsed = statusSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown })?.id;
      this.ctx.fail(
        `${this.base} status ${typeof id === 'string' ? id : '(no id)'}`,
        `status skipped: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`,
      );
      return undefined;
    }
    const status = parsed.data;
    const key = padKey(status.id);
    // Boosts are someone else's post (counted in its reblogs_count); non-public posts are not ours to read.
    if (status.reblog || !PUBLIC_VISIBILITY.has(status.visibility)) return { key };
    const text = this.text(status);
    // Images are read by OCR: a post that is only a screenshot is kept for its text.
    const imageUrls = status.media_attachments.flatMap((media) => (media.type === 'image' && media.url ? [media.url] : []));
    if (!text && !status.spoiler_text && !imageUrls.length) return { key };
    const acct = this.fullAcct(status.account.acct);
    const item: RawItem = {
      sourceId: this.source.id,
      kind: 'social',
      platform: 'mastodon',
      url: status.url || status.uri,
      // Posts have no title; a content warning is the closest thing. (The dev corpus scores social posts with an empty title.)
      title: status.spoiler_text,
      text: text || status.spoiler_text,
      author: this.ctx.pseudonyms.author('mastodon', { id: acct, handle: acct, aliases: status.account.url ? [status.account.url] : [] }),
      publishedAt: isoDate(status.created_at),
      fetchedAt: this.ctx.fetchedAt,
      engagement: { replies: status.replies_count, shares: status.reblogs_count, likes: status.favourites_count },
      imageUrls: imageUrls.length ? imageUrls : undefined,
    };
    return { key, item };
  }

  /** A timeline endpoint as a stream: pages follow rel="next" (max_id); since_id stops at the last run's newest. */
  stream(id: string, path: string, params: Record<string, string>): StreamSource {
    const location = `${this.base}${path}`;
    return {
      id,
      location,
      fetchPage: async (next, until) => {
        const url = new URL(location);
        for (const [name, value] of Object.entries({ ...params, limit: String(this.source.limit) })) url.searchParams.set(name, value);
        if (next) url.searchParams.set('max_id', next);
        if (until) url.searchParams.set('since_id', unpad(until));
        const { data, response } = await this.ctx.http.getJson(url.href);
        if (!Array.isArray(data)) throw new MalformedResponseError(`${url.href}: expected an array of statuses, got ${typeof data}`);
        const entries = data.map((raw) => this.toEntry(raw)).filter((entry): entry is StreamEntry => entry !== undefined);
        const nextUrl = linkRel(response.headers.get('link'), 'next');
        const maxId = nextUrl ? (new URL(nextUrl, url).searchParams.get('max_id') ?? undefined) : undefined;
        return { entries, next: maxId };
      },
    };
  }

  async account(acct: string): Promise<string> {
    const url = `${this.base}/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`;
    const { data } = await this.ctx.http.getJson(url);
    const account = accountSchema.safeParse(data);
    if (!account.success) throw new MalformedResponseError(`${url}: not an Account entity`);
    if (account.data.suspended) throw new Error(`${url}: account ${acct} is suspended; not read`);
    return account.data.id;
  }
}

/** Public hashtag timelines and public account statuses of a Mastodon-API server. */
export async function crawlMastodon(ctx: SocialContext, source: MastodonSourceConfig): Promise<void> {
  const reader = new MastodonReader(ctx, source);
  const base = source.baseUrl.replace(/\/+$/, '');
  await runStreams(
    ctx,
    source.hashtags.map((tag) =>
      reader.stream(`tag:${tag.toLowerCase()}`, `/api/v1/timelines/tag/${encodeURIComponent(tag)}`, source.localOnly ? { local: 'true' } : {}),
    ),
  );
  for (const acct of source.accounts) {
    let location = `${base}/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`;
    try {
      const id = await reader.account(acct);
      const stream = reader.stream(`account:${acct.toLowerCase()}`, `/api/v1/accounts/${encodeURIComponent(id)}/statuses`, { exclude_reblogs: 'true' });
      location = stream.location;
      await runStream(ctx, stream, ctx.maxPages);
    } catch (error) {
      ctx.fail(location, error);
    }
  }
}
