// A provincial TV station on 127.0.0.1 serving tests/fixtures/broadcast (see its README): video
// pages, subtitle tracks, a channel feed and a timedtext endpoint, plus a generated huge track.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { loadConfig, parseConfig } from '../../core/config.ts';
import type { ScoredItem } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlSources } from '../../crawlers/run.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';

const REPO = join(import.meta.dirname, '../..');

export const STATION_DIR = join(import.meta.dirname, '../fixtures/broadcast');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export interface Station {
  base: string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the station; `hugeTrackBytes` is the size of /sub/huge.vtt. */
export async function startStation(hugeTrackBytes = 3_000_000): Promise<Station> {
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(`${url.pathname}${url.search}`);
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    if (url.pathname === '/sub/huge.vtt') {
      const cue = (i: number) =>
        `\n${String(Math.floor(i / 3600)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000 --> ${String(Math.floor(i / 3600)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.900\nBản tin tổng hợp, dòng ${i}\n`;
      let body = 'WEBVTT\n';
      for (let i = 0; body.length < hugeTrackBytes; i++) body += cue(i);
      return void res.writeHead(200, { 'content-type': TYPES['.vtt'] }).end(body);
    }
    // YouTube answers 200 with an empty body for a video without published captions.
    const file =
      url.pathname === '/api/timedtext'
        ? ['.json', '.xml'].map((ext) => join(STATION_DIR, 'timedtext', `${url.searchParams.get('v') ?? ''}${ext}`)).find((path) => existsSync(path))
        : join(STATION_DIR, normalize(url.pathname).replace(/^[/\\]+/, ''));
    if (url.pathname === '/api/timedtext' && !file) return void res.writeHead(200, { 'content-type': 'text/xml' }).end('');
    if (!file || !file.startsWith(STATION_DIR) || !existsSync(file) || !extname(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file, 'utf8').replaceAll('{{BASE}}', base));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Crawls the station's listing page and channel feed once as a broadcast source, with the
 * configured classifier, into a temporary store: the report and every stored item (by URL).
 */
export async function crawlStation(station: Station, maxTrackBytes = 1_000_000): Promise<{ report: SourceReport; items: Map<string, ScoredItem> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mediawatch-broadcast-'));
  try {
    const config = parseConfig(
      {
        store: { engine: 'sqlite', path: join(dir, 'db.sqlite') },
        statePath: join(dir, 'state.json'),
        sources: [
          {
            id: 'ptth-pho-nui',
            kind: 'broadcast',
            listingUrls: [`${station.base}/video/index.html`],
            feeds: [`${station.base}/feeds/videos.xml`],
            timedtextUrl: `${station.base}/api/timedtext?v={videoId}&lang=vi`,
            maxTrackBytes,
            requestsPerMinute: 6000,
          },
        ],
      },
      '<station>',
      dir,
    );
    const classifier = loadClassifier(classifierOptionsFromConfig(loadConfig(join(REPO, 'config/mediawatch.yaml'))));
    const store = new SqliteStore({ path: join(dir, 'db.sqlite') });
    await store.init();
    const [report] = await crawlSources(new CrawlRun(config, new IngestPipeline(store, classifier)), config.sources);
    const items = new Map<string, ScoredItem>();
    for await (const batch of store.scanItems()) for (const item of batch) items.set(item.url, item);
    await store.close();
    return { report, items };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
