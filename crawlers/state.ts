import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Small durable key-value memory between runs (feed validators, connector cursors).
 * Written atomically (temp file + rename) so a crash never leaves it half-written.
 */
export class CrawlState {
  private data: Record<string, Record<string, unknown>>;

  constructor(private readonly path: string) {
    this.data = {};
    if (!existsSync(path)) return;
    try {
      this.data = JSON.parse(readFileSync(path, 'utf8')) as typeof this.data;
    } catch (error) {
      // Losing validators only costs full refetches, so keep the bad file for inspection and go on.
      renameSync(path, `${path}.corrupt`);
      process.emitWarning(`crawl state ${path} was unreadable (${(error as Error).message}); moved to ${path}.corrupt, starting fresh`);
    }
  }

  get<T extends Record<string, unknown>>(key: string): T | undefined {
    return this.data[key] as T | undefined;
  }

  set(key: string, value: Record<string, unknown>): void {
    this.data[key] = value;
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.data, null, 2));
    renameSync(temp, this.path);
  }
}
