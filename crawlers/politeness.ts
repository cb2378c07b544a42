import { setTimeout as sleep } from 'node:timers/promises';
import { RobotsTxtFile } from '@crawlee/utils';
import { fetchResource, type FetchOptions } from './fetch.ts';
import type { RobotsMemory } from './memory.ts';

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

  constructor(
    private readonly fetchOptions: FetchOptions,
    private readonly persisted?: { store: RobotsStore; ttlMs: number; now?: () => number },
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
    const origin = new URL(robotsUrl).origin;
    const now = this.persisted?.now?.() ?? Date.now();
    const kept = this.persisted?.store.robots(origin);
    if (kept && now - kept.fetchedAt < this.persisted!.ttlMs) return RobotsTxtFile.from(robotsUrl, kept.body);
    const response = await fetchResource(robotsUrl, this.fetchOptions);
    // Missing robots.txt (4xx) allows everything; a server error or timeout means we cannot
    // know the rules, so the host is not crawled at all (as search engines do), and asked again next round.
    if (response.status >= 500) throw new Error(`robots.txt answered HTTP ${response.status}; not crawling ${new URL(robotsUrl).host}`);
    const body = response.status === 200 ? response.text : '';
    try {
      this.persisted?.store.saveRobots(origin, response.status, body);
    } catch (error) {
      // Not remembering it only costs a fetch next round.
      process.emitWarning(`robots.txt of ${origin} not remembered: ${(error as Error).message}`);
    }
    return RobotsTxtFile.from(robotsUrl, body);
  }

  async isAllowed(url: string): Promise<boolean> {
    return (await this.get(url)).isAllowed(url, this.fetchOptions.userAgent);
  }
}
