import { setTimeout as sleep } from 'node:timers/promises';
import { RobotsTxtFile } from '@crawlee/utils';
import robotsParserModule from 'robots-parser';
import { fetchResource, type FetchOptions } from './fetch.ts';

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

/** robots.txt per origin, fetched once per run with our own User-Agent. */
export class RobotsCache {
  private readonly files = new Map<string, Promise<RobotsTxtFile>>();

  /** With a limiter, robots.txt requests count against the host's rate and its Crawl-delay is applied. */
  constructor(
    private readonly fetchOptions: FetchOptions,
    private readonly politeness?: { limiter: HostRateLimiter; requestsPerMinute: number },
  ) {}

  get(url: string): Promise<RobotsTxtFile> {
    const robotsUrl = new URL('/robots.txt', url).href;
    let file = this.files.get(robotsUrl);
    if (!file) {
      // Missing robots.txt (4xx) allows everything; a server error or timeout means we cannot
      // know the rules, so the host is not crawled at all (as search engines do).
      const { politeness } = this;
      file = (politeness ? politeness.limiter.acquire(robotsUrl, politeness.requestsPerMinute) : Promise.resolve())
        // A kept-alive connection the host closed while idle resets the first request that reuses
        // it (a crawl under serve comes back to a host after a pause): one more try on a new one.
        .then(() => fetchResource(robotsUrl, this.fetchOptions).catch((error: Error) => {
          if (!/connection reset/.test(error.message)) throw error;
          return fetchResource(robotsUrl, this.fetchOptions);
        }))
        .then((response) => {
          if (response.status >= 500) throw new Error(`robots.txt answered HTTP ${response.status}; not crawling ${new URL(url).host}`);
          const text = response.status === 200 ? response.text : '';
          const delay = robotsParser(robotsUrl, text).getCrawlDelay(this.fetchOptions.userAgent);
          if (politeness && delay) politeness.limiter.setCrawlDelay(robotsUrl, delay);
          return RobotsTxtFile.from(robotsUrl, text);
        });
      this.files.set(robotsUrl, file);
    }
    return file;
  }

  async isAllowed(url: string): Promise<boolean> {
    return (await this.get(url)).isAllowed(url, this.fetchOptions.userAgent);
  }
}
