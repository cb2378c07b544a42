// What OCR keeps between crawl rounds (one SQLite file, `ocr.statePath`): results by image hash, so
// a reposted image is never read twice; which hash an image URL had; and the queue of items
// waiting for OCR, so work the time budget left over is done by the next round, not lost.
import type Database from 'better-sqlite3';
import { openSqlite } from '../../core/sqlite.ts';

export const OCR_STATE_MIGRATIONS = [
  `CREATE TABLE results (
     sha256 TEXT PRIMARY KEY,
     text TEXT,
     confidence REAL,
     -- Why no text was read (no text in the image, unreadable image); NULL when text was read.
     reason TEXT,
     ms INTEGER NOT NULL,
     read_at TEXT NOT NULL
   );
   CREATE TABLE urls (url TEXT PRIMARY KEY, sha256 TEXT NOT NULL, seen_at TEXT NOT NULL);
   CREATE TABLE jobs (
     item_id TEXT PRIMARY KEY,
     source_id TEXT NOT NULL,
     -- JSON: {"images": [url, ...]} or {"pdf": file, "page": n, "pdfUrl": url}
     work TEXT NOT NULL,
     enqueued_at TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0
   );`,
];

export interface CachedResult {
  text?: string;
  confidence?: number;
  reason?: string;
}

export type OcrWork = { images: string[] } | { pdf: string; page: number; pdfUrl: string };

export interface OcrJob {
  itemId: string;
  sourceId: string;
  work: OcrWork;
  attempts: number;
}

export class OcrState {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    this.db = openSqlite(path, { migrations: OCR_STATE_MIGRATIONS });
  }

  result(sha256: string): CachedResult | undefined {
    const row = this.db
      .prepare<[string], { text: string | null; confidence: number | null; reason: string | null }>(
        'SELECT text, confidence, reason FROM results WHERE sha256 = ?',
      )
      .get(sha256);
    return row ? { text: row.text ?? undefined, confidence: row.confidence ?? undefined, reason: row.reason ?? undefined } : undefined;
  }

  saveResult(sha256: string, result: CachedResult, ms: number): void {
    this.db
      .prepare('INSERT OR REPLACE INTO results (sha256, text, confidence, reason, ms, read_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(sha256, result.text ?? null, result.confidence ?? null, result.reason ?? null, Math.round(ms), new Date().toISOString());
  }

  hashOfUrl(url: string): string | undefined {
    return this.db.prepare<[string], { sha256: string }>('SELECT sha256 FROM urls WHERE url = ?').get(url)?.sha256;
  }

  rememberUrl(url: string, sha256: string): void {
    this.db.prepare('INSERT OR REPLACE INTO urls (url, sha256, seen_at) VALUES (?, ?, ?)').run(url, sha256, new Date().toISOString());
  }

  /** Queues an item's OCR; a newer request for the same item replaces an older one. */
  enqueue(itemId: string, sourceId: string, work: OcrWork): void {
    this.db
      .prepare('INSERT OR REPLACE INTO jobs (item_id, source_id, work, enqueued_at, attempts) VALUES (?, ?, ?, ?, 0)')
      .run(itemId, sourceId, JSON.stringify(work), new Date().toISOString());
  }

  /** The oldest queued jobs, fewest attempts first. */
  next(limit: number, skip: ReadonlySet<string> = new Set()): OcrJob[] {
    const rows = this.db
      .prepare<[number], { item_id: string; source_id: string; work: string; attempts: number }>(
        'SELECT item_id, source_id, work, attempts FROM jobs ORDER BY attempts, enqueued_at, item_id LIMIT ?',
      )
      .all(limit + skip.size);
    return rows
      .filter((row) => !skip.has(row.item_id))
      .slice(0, limit)
      .map((row) => ({ itemId: row.item_id, sourceId: row.source_id, work: JSON.parse(row.work) as OcrWork, attempts: row.attempts }));
  }

  /** Counts an attempt before the work starts: a job that crashes the process is not retried forever first. */
  attempt(itemId: string): void {
    this.db.prepare('UPDATE jobs SET attempts = attempts + 1 WHERE item_id = ?').run(itemId);
  }

  finish(itemId: string): void {
    this.db.prepare('DELETE FROM jobs WHERE item_id = ?').run(itemId);
  }

  pending(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM jobs').get() as { n: number }).n;
  }

  /** PDF files still needed by queued jobs (the rest can be deleted). */
  pdfsInUse(): Set<string> {
    const rows = this.db.prepare<[], { work: string }>('SELECT work FROM jobs WHERE work LIKE \'{"pdf"%\'').all();
    return new Set(rows.map((row) => (JSON.parse(row.work) as { pdf: string }).pdf));
  }

  get open(): boolean {
    return this.db.open;
  }

  close(): void {
    this.db.close();
  }
}
