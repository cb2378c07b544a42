import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DiskFullError, isDiskFull } from '../core/disk.ts';

/**
 * Small durable key-value memory between runs (feed validators, connector cursors).
 * Written atomically (temp file + rename) so a crash never leaves it half-written.
 */
export class CrawlState {
  private data: Record<string, Record<string, unknown>>;
  private frozen = false;
  private diskFullPath: string | undefined;

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

  /** This file, when its disk was too full to save it. */
  get diskFull(): string | undefined {
    return this.diskFullPath;
  }

  /**
   * Keeps later changes in memory only. Called once items could not be stored: saving a feed's
   * validators or a cursor now would make the next run skip what was never stored.
   */
  freeze(): void {
    this.frozen = true;
  }

  get<T extends Record<string, unknown>>(key: string): T | undefined {
    return this.data[key] as T | undefined;
  }

  set(key: string, value: Record<string, unknown>): void {
    this.data[key] = value;
    if (this.frozen) return;
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temp, JSON.stringify(this.data, null, 2));
      renameSync(temp, this.path);
    } catch (error) {
      // The file in place is the previous complete version; only the partial temp file goes.
      rmSync(temp, { force: true });
      if (!isDiskFull(error)) throw error;
      this.diskFullPath = this.path;
      throw new DiskFullError(this.path, { cause: error });
    }
  }
}
