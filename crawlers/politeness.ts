import { setTimeout as sleep } from 'node:timers/promises';
import { RobotsTxtFile } from '@crawlee/utils';
import robotsParserModule from 'robots-parser';
import { fetchResource, type FetchOptions } from './fetch.ts';
import type { RobotsMemory } from './memory.ts';

// robots-parser is CommonJS whose typings declare an ES default export; at run time the module is the function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/**
 * Share of a host's allowed rate the limiter hands out: a request granted its slot can still leave
 * late on a busy machine and arrive close behind the next one, so slots keep 10% in reserve and no
 * 60-second window at the host sees more than its limit.
 */
const RATE_HEADROOM = 0.9;

/**
 * Spaces requests to each host so that no host gets more than its allowed requests per minute,
 * across every crawler and feed reader of one run.
 */
export class HostRateLimiter {
  private readonly nextSlot = new Map<string, number>();
  private readonly lastSlot = new Map<string, number>();
  /** Crawl-delay a host's robots.txt asks of us (ms), when longer than our own spacing. */
  private readonly crawlDelay = new Map<string, number>();

  /** Sources crawled side by side share this limiter, so a host's rate holds whatever reaches it. */
  async acquire(url: string, requestsPerMinute: number): Promise<void> {
    const host = new URL(url).host;
    const interval = Math.max(60_000 / (requestsPerMinute * RATE_HEADROOM), this.crawlDelay.get(host) ?? 0);
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, slot + interval);
    this.lastSlot.set(host, slot);
    if (slot > now) await sleep(slot - now);
  }

  /** Applies from the request after the one that fetched robots.txt. */
  setCrawlDelay(url: string, seconds: number): void {
    const host = new URL(url).host;
    this.crawlDelay.set(host, seconds * 1000);
    const last = this.lastSlot.get(host);
    if (last !== undefined) this.nextSlot.set(host, Math.max(this.nextSlot.get(host) ?? 0, last + seconds * 1000));
  }
}

/** Where robots.txt answers outlive a run (CrawlMemory): fetched once per host per lifetime. */
export interface RobotsStore {
  robots(origin: string): RobotsMemory | undefined;
  saveRobots(origin: string, status: number, body: string): void;
}

/**
 * robots.txt per origin with our own User-Agent: fetched once per run, and once per `ttlMs`
 * across runs when a store is given (Google likewise caches it for up to 24 hours).
 */
export class RobotsCache {
  private readonly files = new Map<string, Promise<RobotsTxtFile>>();

  /**
   * With a store, answers outlive the run for `ttlMs`; with a limiter, robots.txt requests count
   * against the host's rate and its Crawl-delay is applied.
   */
  constructor(
    private readonly fetchOptions: FetchOptions,
    private readonly options: {
      persisted?: { store: RobotsStore; ttlMs: number; now?: () => number };
      politeness?: { limiter: HostRateLimiter; requestsPerMinute: number };
    } = {},
  ) {}

  get(url: string): Promise<RobotsTxtFile> {
    const robotsUrl = new URL('/robots.txt', url).href;
    let file = this.files.get(robotsUrl);
    if (!file) {
      file = this.load(robotsUrl);
      this.files.set(robotsUrl, file);
    }
    return file;
  }

  private async load(robotsUrl: string): Promise<RobotsTxtFile> {
    const { persisted, politeness } = this.options;
    const origin = new URL(robotsUrl).origin;
    const now = persisted?.now?.() ?? Date.now();
    const kept = persisted?.store.robots(origin);
    let body: string;
    if (kept && now - kept.fetchedAt < persisted!.ttlMs) {
      body = kept.body;
    } else {
      if (politeness) await politeness.limiter.acquire(robotsUrl, politeness.requestsPerMinute);
      // A kept-alive connection the host closed while idle resets the first request that reuses
      // it (a crawl under serve comes back to a host after a pause): one more try on a new one.
      const response = await fetchResource(robotsUrl, this.fetchOptions).catch((error: Error) => {
        if (!/connection reset/.test(error.message)) throw error;
        return fetchResource(robotsUrl, this.fetchOptions);
      });
      // Missing robots.txt (4xx) allows everything; a server error or timeout means we cannot
      // know the rules, so the host is not crawled at all (as search engines do), and asked again next round.
      if (response.status >= 500) throw new Error(`robots.txt answered HTTP ${response.status}; not crawling ${new URL(robotsUrl).host}`);
      body = response.status === 200 ? response.text : '';
      try {
        persisted?.store.saveRobots(origin, response.status, body);
      } catch (error) {
        // Not remembering it only costs a fetch next round.
        process.emitWarning(`robots.txt of ${origin} not remembered: ${(error as Error).message}`);
      }
    }
    const delay = robotsParser(robotsUrl, body).getCrawlDelay(this.fetchOptions.userAgent);
    if (politeness && delay) politeness.limiter.setCrawlDelay(robotsUrl, delay);
    return RobotsTxtFile.from(robotsUrl, body);
  }

  async isAllowed(url: string): Promise<boolean> {
    return (await this.get(url)).isAllowed(url, this.fetchOptions.userAgent);
  }
}
