// A small generated news site on a loopback address for incremental-crawl tests and the bench:
// home and one section page, article pages that answer ETag / If-None-Match with 304, a Google
// News sitemap (lastmod, publication date, title), an RSS feed with Cache-Control, robots.txt.
// Every request is logged, so tests can count exactly what a crawl asked for.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SiteArticle {
  slug: string;
  title: string;
  paragraphs: string[];
  publishedAt: string;
  /** Set by edit(): what the sitemap and feed give as its last change. */
  updatedAt?: string;
}

export interface NewsSiteOptions {
  host?: string;
  /** Article pages send ETag and Last-Modified and answer conditional requests with 304. Default true. */
  validators?: boolean;
  /** Sent with the feed. Default "max-age=300". */
  feedCacheControl?: string;
  /** Articles the home page links to (the section page links to all). Default 5. */
  homeLinks?: number;
  /** Milliseconds every answer waits (a realistic server). Default 0. */
  delayMs?: number;
  /** Home and section pages list the articles. Default true; false: only the sitemap and feed name them. */
  listed?: boolean;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const page = (title: string, body: string, head = '') =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escape(title)}</title>${head}</head><body>${body}</body></html>`;

export class CountingNewsSite {
  readonly articles: SiteArticle[] = [];
  /** Paths requested, in order, with the answer's status. */
  readonly requests: Array<{ path: string; status: number }> = [];
  private server: Server | undefined;
  private origin = '';

  constructor(private readonly options: NewsSiteOptions = {}) {}

  get url(): string {
    return this.origin;
  }

  /** Requests whose path matches, e.g. count(/^\/bai\//). */
  count(pattern: RegExp = /./, status?: number): number {
    return this.requests.filter((r) => pattern.test(r.path) && (status === undefined || r.status === status)).length;
  }

  publish(article: SiteArticle): void {
    this.articles.unshift(article);
  }

  edit(slug: string, change: Partial<Pick<SiteArticle, 'title' | 'paragraphs'>>, at: string): void {
    const article = this.articles.find((candidate) => candidate.slug === slug);
    if (!article) throw new Error(`no article ${slug}`);
    Object.assign(article, change, { updatedAt: at });
  }

  articleUrl(article: SiteArticle): string {
    return `${this.origin}/bai/${article.slug}.html`;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      res.on('finish', () => this.requests.push({ path: req.url ?? '/', status: res.statusCode }));
      const answer = () => this.handle(req, res);
      if (this.options.delayMs) setTimeout(answer, this.options.delayMs);
      else answer();
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const { address, port } = server.address() as AddressInfo;
    this.origin = `http://${address}:${port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    const xml = (body: string, headers: Record<string, string> = {}) =>
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', ...headers }).end(body);
    const links = (list: SiteArticle[]) => list.map((a) => `<li><a href="/bai/${a.slug}.html">${escape(a.title)}</a></li>`).join('');
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nDisallow: /rieng/\nSitemap: ${this.origin}/sitemap.xml\n`);
    } else if (path === '/') {
      const listed = this.options.listed ?? true;
      html(
        page(
          'Tin Thử',
          listed
            ? `<nav><a href="/chuyen-muc/thoi-su">Thời sự</a></nav><ul>${links(this.articles.slice(0, this.options.homeLinks ?? 5))}</ul>`
            : '<p>Tin Thử</p>',
        ),
      );
    } else if (path === '/chuyen-muc/thoi-su') {
      html(page('Thời sự', `<nav><a href="/">Trang chủ</a></nav><ul>${links(this.articles)}</ul>`));
    } else if (path === '/sitemap.xml') {
      const urls = this.articles
        .map(
          (a) =>
            `<url><loc>${this.articleUrl(a)}</loc><lastmod>${a.updatedAt ?? a.publishedAt}</lastmod><news:news><news:publication><news:name>Tin Thử</news:name><news:language>vi</news:language></news:publication><news:publication_date>${a.publishedAt}</news:publication_date><news:title>${escape(a.title)}</news:title></news:news></url>`,
        )
        .join('');
      xml(
        `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${urls}</urlset>`,
      );
    } else if (path === '/rss.xml') {
      const items = this.articles
        .map(
          (a) =>
            `<item><title>${escape(a.title)}</title><link>${this.articleUrl(a)}</link><guid>${this.articleUrl(a)}</guid><pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>${a.updatedAt ? `<dc:modified>${a.updatedAt}</dc:modified>` : ''}<description>${escape(a.paragraphs[0])}</description></item>`,
        )
        .join('');
      xml(
        `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Tin Thử</title>${items}</channel></rss>`,
        {
          'cache-control': this.options.feedCacheControl ?? 'max-age=300',
        },
      );
    } else if (path.startsWith('/bai/')) {
      const article = this.articles.find((a) => path === `/bai/${a.slug}.html`);
      if (!article) return void res.writeHead(404, { 'content-type': 'text/html' }).end(page('Không tìm thấy', '<p>Không có trang này.</p>'));
      const body = page(
        article.title,
        `<article><h1>${escape(article.title)}</h1><time datetime="${article.publishedAt}">${article.publishedAt}</time>${article.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</article>`,
        `<meta property="og:type" content="article"><meta property="article:published_time" content="${article.publishedAt}"><link rel="canonical" href="${this.articleUrl(article)}">`,
      );
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
      if (this.options.validators ?? true) {
        const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
        headers.etag = etag;
        headers['last-modified'] = new Date(article.updatedAt ?? article.publishedAt).toUTCString();
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      }
      res.writeHead(200, headers).end(body);
    } else {
      res.writeHead(404, { 'content-type': 'text/html' }).end(page('Không tìm thấy', '<p>Không có trang này.</p>'));
    }
  }
}

/** Article n of a generated site (`place` tells sites apart): a few sentences of plain Vietnamese news text. */
export function sampleArticle(n: number, publishedAt: string, place = 'tỉnh'): SiteArticle {
  return {
    slug: `tin-so-${n}`,
    title: `Tin số ${n}: ${place} tổ chức hội nghị về phát triển nông nghiệp`,
    publishedAt,
    paragraphs: [
      `Sáng nay, Ủy ban nhân dân ${place} tổ chức hội nghị lần thứ ${n} bàn về phát triển nông nghiệp bền vững trên địa bàn.`,
      `Tham dự hội nghị có đại diện các sở, ban, ngành và lãnh đạo các huyện, thị xã, thành phố trong tỉnh.`,
      `Theo báo cáo, diện tích cây công nghiệp dài ngày tiếp tục tăng, sản lượng cà phê và hồ tiêu ổn định so với cùng kỳ.`,
      `Các đại biểu đề xuất nhiều giải pháp về giống, thủy lợi và liên kết tiêu thụ sản phẩm cho nông dân trong thời gian tới.`,
    ],
  };
}
