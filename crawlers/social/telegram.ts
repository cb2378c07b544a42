import * as cheerio from 'cheerio';
import type { TelegramSourceConfig } from '../../core/config.ts';
import type { RawItem } from '../../core/types.ts';
import type { SocialContext } from './context.ts';
import { MalformedResponseError } from './http.ts';
import { runStreams, type StreamEntry, type StreamSource } from './post-stream.ts';
import { isoDate, nodesToText, padKey, parseCount } from './text.ts';

const KEY_WIDTH = 12;

/**
 * Parses one page of a channel's web preview (t.me/s/<channel>): the `.tgme_widget_message`
 * blocks, oldest first, and the "load older" link (`.tme_messages_more[data-before]`).
 */
export function parsePreviewPage(
  html: string,
  channel: string,
): {
  messages: Array<{ id: number; text: string; publishedAt?: string; views?: number; reactions?: number; service: boolean }>;
  before?: string;
  isChannelPage: boolean;
} {
  const $ = cheerio.load(html);
  const isChannelPage = $('.tgme_channel_info, .tgme_widget_message').length > 0;
  const messages = $('.tgme_widget_message[data-post]')
    .toArray()
    .flatMap((element) => {
      const message = $(element);
      const [postChannel, postId] = (message.attr('data-post') ?? '').split('/');
      if (!postId || !/^\d+$/.test(postId) || postChannel.toLowerCase() !== channel.toLowerCase()) return [];
      // The message's own text, not the quoted text of the message it replies to.
      const textNodes = message.find('.tgme_widget_message_text').not('.tgme_widget_message_reply .tgme_widget_message_text').first();
      textNodes.find('.tgme_widget_message_reply').remove();
      const reactions = message
        .find('.tgme_reaction')
        .toArray()
        .map((reaction) => parseCount($(reaction).clone().children().remove().end().text()))
        .reduce<number | undefined>((sum, count) => (count === undefined ? sum : (sum ?? 0) + count), undefined);
      return [
        {
          id: Number(postId),
          text: nodesToText(textNodes.contents().toArray()),
          publishedAt: isoDate(
            message.find('.tgme_widget_message_date time[datetime]').attr('datetime') ?? message.find('time[datetime]').first().attr('datetime'),
          ),
          views: parseCount(message.find('.tgme_widget_message_views').first().text()),
          reactions,
          service: message.hasClass('service_message'),
        },
      ];
    });
  const before = $('.tme_messages_more[data-before]').first().attr('data-before');
  return { messages, before: before && /^\d+$/.test(before) ? before : undefined, isChannelPage };
}

function channelStream(ctx: SocialContext, source: TelegramSourceConfig, channel: string): StreamSource {
  const base = source.baseUrl.replace(/\/+$/, '');
  const location = `${base}/s/${channel}`;
  return {
    id: `channel:${channel.toLowerCase()}`,
    location,
    fetchPage: async (next) => {
      const url = next ? `${location}?before=${next}` : location;
      if (!(await ctx.run.robots.isAllowed(url))) throw new Error(`${url}: disallowed by robots.txt; not fetched`);
      const response = await ctx.http.get(url, { accept: 'text/html' });
      // A channel without a public preview (private, deleted, previews off) redirects to t.me/<channel>.
      if (!new URL(response.url).pathname.startsWith('/s/')) {
        throw new Error(`${url}: redirected to ${response.url}: the channel does not exist, is private, or has no public preview`);
      }
      const page = parsePreviewPage(response.text, channel);
      if (!page.isChannelPage) throw new MalformedResponseError(`${url}: not a channel preview page (no .tgme_channel_info or .tgme_widget_message)`);
      const official = ctx.pseudonyms.isOfficial('telegram', { id: channel });
      const author = official ? `@${channel.toLowerCase()}` : ctx.pseudonyms.pseudonym('telegram', channel);
      const entries: StreamEntry[] = page.messages.map((message) => {
        const key = padKey(message.id, KEY_WIDTH);
        // Service messages ("channel photo updated") and media without a caption carry nothing to score.
        if (message.service || !message.text) return { key };
        const text = ctx.pseudonyms.mentionsInText('telegram', message.text);
        const item: RawItem = {
          sourceId: source.id,
          kind: 'social',
          platform: 'telegram',
          url: `${base}/${channel}/${message.id}`,
          title: '',
          text,
          // The channel is the account; a signature (.tgme_widget_message_from_author) is a person's name and is not kept.
          author,
          publishedAt: message.publishedAt,
          fetchedAt: ctx.fetchedAt,
          engagement: { views: message.views, likes: message.reactions },
        };
        return { key, item };
      });
      const smallest = page.messages.length ? Math.min(...page.messages.map((m) => m.id)) : undefined;
      const before = page.before ?? (smallest !== undefined && smallest > 1 ? String(smallest) : undefined);
      return { entries, next: before };
    },
  };
}

/** Public Telegram channels through their web previews (t.me/s/<channel>, older pages with ?before=). */
export async function crawlTelegram(ctx: SocialContext, source: TelegramSourceConfig): Promise<void> {
  await runStreams(
    ctx,
    source.channels.map((channel) => channelStream(ctx, source, channel)),
  );
}
