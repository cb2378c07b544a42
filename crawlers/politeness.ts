import { setTimeout as sleep } from 'node:timers/promises';
import { RobotsTxtFile } from '@crawlee/utils';
import { fetchResource, type FetchOptions } from './fetch.ts';

/**
 * Spaces requests to each host so that no host gets more than its allowed requests per minute,
 * across every crawler and feed reader of one run.
 */
export class HostRateLimiter {
  private readonly nextSlot = new Map<string, number>();

  async acquire(url: string, requestsPerMinute: number): Promise<void> {
    const host = new URL(url).host;
    const interval = 60_000 / requestsPerMinute;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, slot + interval);
    if (slot > now) await sleep(slot - now);
  }
}

/** robots.txt per origin, fetched once per run with our own User-Agent. */
export class RobotsCache {
  private readonly files = new Map<string, Promise<RobotsTxtFile>>();

  constructor(private readonly fetchOptions: FetchOptions) {}

  get(url: string): Promise<RobotsTxtFile> {
    const robotsUrl = new URL('/robots.txt', url).href;
    let file = this.files.get(robotsUrl);
    if (!file) {
      // Missing robots.txt (4xx) allows everything; a server error or timeout means we cannot
      // know the rules, so the host is not crawled at all (as search engines do).
      file = fetchResource(robotsUrl, this.fetchOptions).then((response) => {
        if (response.status >= 500) throw new Error(`robots.txt answered HTTP ${response.status}; not crawling ${new URL(url).host}`);
        return RobotsTxtFile.from(robotsUrl, response.status === 200 ? response.text : '');
      });
      this.files.set(robotsUrl, file);
    }
    return file;
  }

  async isAllowed(url: string): Promise<boolean> {
    return (await this.get(url)).isAllowed(url, this.fetchOptions.userAgent);
  }
}
