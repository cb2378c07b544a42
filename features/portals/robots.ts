// robots.txt for the portal checks, with the same rules as the news crawler (crawlers/politeness.ts:
// missing = everything allowed, 5xx or no answer = the host is not crawled), but fetched with the
// portal fetcher so that a portal on a private CA (caFile) can be read too.
import { RobotsTxtFile } from '@crawlee/utils';
import { fetchPage, type PageFetchOptions } from './portal-fetch.ts';

export interface RobotsRules {
  get(url: string): Promise<RobotsTxtFile>;
  isAllowed(url: string): Promise<boolean>;
}

export class PortalRobots implements RobotsRules {
  private readonly files = new Map<string, Promise<RobotsTxtFile>>();

  constructor(private readonly options: Omit<PageFetchOptions, 'beforeRequest'> & { throttle?: (url: string) => Promise<void> }) {}

  get(url: string): Promise<RobotsTxtFile> {
    const robotsUrl = new URL('/robots.txt', url).href;
    let file = this.files.get(robotsUrl);
    if (!file) {
      const { throttle, ...fetchOptions } = this.options;
      file = fetchPage(robotsUrl, {
        ...fetchOptions,
        beforeRequest: async (hop) => {
          await throttle?.(hop);
          return true;
        },
      }).then((response) => {
        if (response.status >= 500) throw new Error(`robots.txt answered HTTP ${response.status}; not crawling ${new URL(url).host}`);
        const text = response.status === 200 && !response.offsiteRedirect ? response.body.toString('utf8') : '';
        return RobotsTxtFile.from(robotsUrl, text);
      });
      this.files.set(robotsUrl, file);
    }
    return file;
  }

  async isAllowed(url: string): Promise<boolean> {
    return (await this.get(url)).isAllowed(url, this.options.userAgent);
  }
}
