import { readFileSync } from 'node:fs';
import { shortenAtWord } from '../../core/text.ts';
import type { RouteHandler } from './static-site.ts';

export interface CorpusPost {
  id: string;
  kind: string;
  title: string;
  text: string;
  publishedAt?: string;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Public posts (feeds and social items) from a labelled JSONL corpus; labels are not read. */
export function readPublicPosts(corpusFile: string): CorpusPost[] {
  return readFileSync(corpusFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusPost)
    .filter((post) => post.kind !== 'news');
}

/**
 * An RSS 2.0 feed of a community forum, generated from corpus posts: it gives the demo the
 * rumours and reposts a real office sees, next to the newspaper articles of the static site.
 */
export function forumFeedRoute(posts: CorpusPost[]): RouteHandler {
  return (_req, res, site) => {
    const items = posts.map((post) =>
      [
        '<item>',
        `<title>${escapeXml(post.title || shortenAtWord(post.text, 80))}</title>`,
        `<link>${site.url}/dien-dan/bai-viet/${encodeURIComponent(post.id)}</link>`,
        `<guid isPermaLink="false">${escapeXml(post.id)}</guid>`,
        post.publishedAt ? `<pubDate>${new Date(post.publishedAt).toUTCString()}</pubDate>` : '',
        `<description>${escapeXml(post.text)}</description>`,
        '</item>',
      ].join(''),
    );
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>' +
      `<title>Diễn đàn Phố Núi</title><link>${site.url}/dien-dan/</link><description>Bài đăng công khai</description>` +
      `${items.join('')}</channel></rss>`;
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(xml);
  };
}
