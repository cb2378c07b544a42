// YouTube connector against fixture channel/playlist Atom feeds (yt:videoId, media:group with
// media:description and media:community), with ETag revalidation between runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import type { ScoredItem } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { Pseudonymiser } from '../../crawlers/social/pseudonym.ts';
import { errorsOf, fixture, Harness, PSEUDONYM_KEY, query, rateLimitedOnce, startSite } from './helpers.ts';

const CHANNEL = 'UCgl4iLaiTV0nLineQ9x2abc';
const REVIEW_CHANNEL = 'UCpn8PleikuReview7yTq1wZ';
const PLAYLIST = 'PLgl4iLaiDaiHoi2020xYz0aB';
const GONE = 'UCdeletedChannel000000aa';
const BROKEN = 'UCbrokenFeed0000000000bb';

let site: StaticSite;
let harness: Harness;
let first: SourceReport[];
let items: ScoredItem[];
let version = 1;

const atom = { 'content-type': 'application/atom+xml; charset=UTF-8' };

beforeAll(async () => {
  const playlist = rateLimitedOnce('1', (_req, res) => res.writeHead(200, atom).end(fixture('youtube/playlist-daihoi.xml')));
  site = await startSite({
    '/feeds/videos.xml': (req, res, s) => {
      const q = query(req);
      if (q.get('playlist_id') === PLAYLIST) return playlist(req, res, s);
      const channel = q.get('channel_id');
      if (channel === BROKEN) return res.writeHead(200, atom).end(fixture('youtube/channel-truncated.xml'));
      if (channel !== CHANNEL) return res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Error 404</body></html>');
      const etag = `"v${version}"`;
      if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
      res.writeHead(200, { ...atom, etag }).end(fixture(version === 1 ? 'youtube/channel-gialaitv.xml' : 'youtube/channel-gialaitv-v2.xml'));
    },
  });
  harness = await new Harness({
    privacy: { pseudonymKey: PSEUDONYM_KEY, keepHandlesFor: { youtube: [CHANNEL] } },
    sources: [{ id: 'yt', kind: 'youtube', baseUrl: site.url, channels: [CHANNEL, GONE, BROKEN], playlists: [PLAYLIST], requestsPerMinute: 6000 }],
  }).init();
  first = await harness.crawl();
  items = await harness.items('yt');
}, 60_000);

afterAll(async () => {
  await site?.stop();
  await harness?.close();
});

const video = (id: string) => items.find((item) => item.url.endsWith(`v=${id}`));

describe('YouTube connector', () => {
  it('turns each feed entry into an item: title, description, link, time, views and likes', () => {
    expect(items.map((item) => item.url).sort()).toEqual([
      'https://www.youtube.com/watch?v=Qx7dAiHoi01',
      'https://www.youtube.com/watch?v=Qx7dAiHoi02',
      'https://www.youtube.com/watch?v=Rv9PleiKu01',
    ]);
    expect(video('Qx7dAiHoi01')).toMatchObject({
      kind: 'social',
      platform: 'youtube',
      title: 'Khai mạc Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI',
      publishedAt: '2020-10-14T03:00:00.000Z',
      engagement: { views: 78814, likes: 1431 },
    });
    expect(video('Qx7dAiHoi01')!.text).toBe(
      'Sáng 14/10, Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI, nhiệm kỳ 2020-2025 khai mạc tại Trung tâm Hội nghị tỉnh.\nTheo dõi kênh để cập nhật tin tức.',
    );
  });

  it('keeps the name of a listed official channel and pseudonymises the others', () => {
    expect(video('Qx7dAiHoi01')!.author).toBe('Gia Lai TV');
    expect(video('Rv9PleiKu01')!.author).toBe(new Pseudonymiser(PSEUDONYM_KEY).pseudonym('youtube', REVIEW_CHANNEL));
    expect(harness.rawDocuments()).not.toContain('Pleiku Review');
  });

  it('retries a playlist feed after a 429 with Retry-After', () => {
    const playlist = site.requests.filter((r) => r.path.includes('playlist_id='));
    expect(playlist.map((r) => r.status)).toEqual([429, 200]);
  });

  it('reads robots.txt before the feeds', () => {
    expect(site.requests[0].path).toBe('/robots.txt');
  });

  it('reports a deleted channel (404) and a malformed feed, and goes on', () => {
    const errors = errorsOf(first, 'yt');
    expect(errors.find((e) => e.url.includes(GONE))?.reason).toMatch(/feed not found \(HTTP 404\)/);
    expect(errors.find((e) => e.url.includes(BROKEN))?.reason).toMatch(/malformed feed/);
    expect(errors).toHaveLength(2);
  });

  it('revalidates with the ETag: an unchanged feed costs a 304 and adds nothing', async () => {
    const before = site.requests.length;
    const reports = await harness.crawl();
    const channel = site.requests.slice(before).filter((r) => r.path.includes(`channel_id=${CHANNEL}`));
    expect(channel.map((r) => r.status)).toEqual([304]);
    expect(reports[0].notModified).toBe(1);
    expect(reports[0].new).toBe(0);
  });

  it('ingests only the videos newer than the last run when the feed changes', async () => {
    version = 2;
    const reports = await harness.crawl();
    expect(reports[0].new).toBe(1);
    expect(reports[0].extracted).toBe(1);
    expect((await harness.items('yt')).find((item) => item.url.endsWith('v=Qx7dAiHoi03'))?.title).toMatch(/^Bế mạc Đại hội/);
    expect(harness.state()[`social:yt:channel:${CHANNEL}`]).toMatchObject({ etag: '"v2"', newest: '2020-10-16T10:00:00.000Z|Qx7dAiHoi03' });
  });
});
