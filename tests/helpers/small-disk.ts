// A real, small filesystem (tmpfs) to fill up: SQLite and Node then fail with the genuine
// "database or disk is full" / ENOSPC, through every layer, as on a production disk. Mounting
// needs root (CI runs as root); elsewhere the tests that need it say so loudly (see reportNoDisk).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';

export class SmallDisk {
  private constructor(readonly path: string) {}

  /** Mounts a tmpfs of `sizeMb` on a new folder; throws with mount's message when it cannot. */
  static mount(sizeMb: number): SmallDisk {
    const path = mkdtempSync(join(tmpdir(), 'mediawatch-small-disk-'));
    const run = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', path], { encoding: 'utf8' });
    if (run.status !== 0) {
      rmSync(path, { recursive: true, force: true });
      throw new Error(`cannot mount a tmpfs: ${(run.stderr || run.error?.message || `exit ${run.status}`).trim()}`);
    }
    return new SmallDisk(path);
  }

  /** Whether this machine lets the tests mount one, and why not. */
  static probe(): { ok: true } | { ok: false; reason: string } {
    try {
      SmallDisk.mount(1).unmount();
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  get freeBytes(): number {
    const stats = statfsSync(this.path);
    return stats.bavail * stats.bsize;
  }

  /** Takes all free space but about `leaveBytes` with a filler file (page by page: others may be writing too). */
  fill(leaveBytes = 0): void {
    mkdirSync(join(this.path, '.filler'), { recursive: true });
    const fd = openSync(join(this.path, '.filler', `f${Date.now()}`), 'w');
    const page = Buffer.alloc(4096);
    try {
      while (this.freeBytes > leaveBytes) writeSync(fd, page);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      closeSync(fd);
    }
  }

  /** Gives back the space taken by fill(). */
  free(): void {
    rmSync(join(this.path, '.filler'), { recursive: true, force: true });
  }

  unmount(): void {
    spawnSync('umount', ['-l', this.path]);
    rmSync(this.path, { recursive: true, force: true });
  }
}

/**
 * When no small disk can be mounted: a banner nobody can miss and, when CI is set, a failing
 * test instead of a silent skip (as for the Elasticsearch suite).
 */
export function reportNoDisk(suite: string, reason: string): void {
  process.stderr.write(`\n!!! DISK-FULL TESTS DID NOT RUN: ${suite}\n!!! ${reason}\n!!! They mount a tmpfs, which needs root.\n\n`);
  if (process.env.CI) {
    it(`mounting a small tmpfs is required in CI (${suite})`, () => {
      throw new Error(`${suite}: ${reason}`);
    });
  }
}
