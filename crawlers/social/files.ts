import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { configRelative, type FileSourceConfig } from '../../core/config.ts';
import type { RawItem } from '../../core/types.ts';
import type { SocialContext } from './context.ts';
import { parseCsv, parseJsonLines, parseJsonRecords, type LineError, type LineRecord } from './records.ts';
import { parseCount, tidyText } from './text.ts';

const EXTENSIONS: Record<string, 'csv' | 'json' | 'jsonl'> = { '.csv': 'csv', '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

/** Bad rows listed one by one per file; beyond this, one summary line. */
const MAX_ROW_ERRORS = 50;

type Field = keyof FileSourceConfig['columns'];

interface FilesState extends Record<string, unknown> {
  /** SHA-256 of each file's content when it was last imported, by path relative to the source path. */
  imported?: Record<string, string>;
}

/** Reads a dotted path ("stats.likes") in a JSON record. */
function getPath(record: unknown, path: string): unknown {
  if (record && typeof record === 'object' && path in (record as Record<string, unknown>)) return (record as Record<string, unknown>)[path];
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(?:\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$/i;

/**
 * Export dates: epoch seconds or milliseconds, ISO 8601, "YYYY-MM-DD HH:mm[:ss]" and the
 * day-first "DD/MM/YYYY[ HH:mm[:ss]]" common in Vietnamese spreadsheets; a date without an
 * offset is read in `timezone`. Returns undefined for anything else or an impossible date.
 */
export function parseExportDate(value: unknown, timezone: string): string | undefined {
  if (typeof value === 'number') return epoch(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{10}(\.\d+)?$|^\d{13}$/.test(text)) return epoch(Number(text));
  let parts: { y: string; mo: string; d: string; h?: string; mi?: string; s?: string; frac?: string; zone?: string } | undefined;
  const iso = LOCAL_ISO.exec(text);
  const dayFirst = DAY_FIRST.exec(text);
  if (iso) parts = { y: iso[1], mo: iso[2], d: iso[3], h: iso[4], mi: iso[5], s: iso[6], frac: iso[7], zone: iso[8] };
  else if (dayFirst)
    parts = {
      y: dayFirst[3],
      mo: dayFirst[2].padStart(2, '0'),
      d: dayFirst[1].padStart(2, '0'),
      h: dayFirst[4]?.padStart(2, '0'),
      mi: dayFirst[5],
      s: dayFirst[6],
    };
  if (!parts) return undefined;
  const month = Number(parts.mo);
  const day = Number(parts.d);
  const probe = new Date(Date.UTC(Number(parts.y), month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  let zone = parts.zone?.toUpperCase() ?? timezone;
  if (zone === 'UTC' || zone === 'GMT') zone = 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const time = `${parts.h ?? '00'}:${parts.mi ?? '00'}:${parts.s ?? '00'}${parts.frac ?? ''}`;
  const parsed = Date.parse(`${parts.y}-${parts.mo}-${parts.d}T${time}${zone}`);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

function epoch(value: number): string | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  return new Date(value < 1e12 ? value * 1000 : value).toISOString();
}

class RowError extends Error {}

function str(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** One export row (a CSV record turned into {column: value}, or a JSON object) → item. */
function rowItem(ctx: SocialContext, source: FileSourceConfig, get: (field: Field) => unknown): RawItem {
  const url = str(get('url'));
  if (!url) throw new RowError(`no URL in column "${source.columns.url}"`);
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new RowError(`"${url.slice(0, 80)}" is not a URL`);
  }
  if (!/^https?:$/.test(parsedUrl.protocol)) throw new RowError(`"${url.slice(0, 80)}" is not an http(s) URL`);
  const platform = (str(get('platform')) ?? source.platform).toLowerCase();
  const rawText = tidyText(str(get('text')) ?? '');
  const rawTitle = tidyText(str(get('title')) ?? '');
  if (!rawText && !rawTitle) throw new RowError(`empty text (column "${source.columns.text}")`);
  const text = ctx.pseudonyms.mentionsInText(platform, rawText || rawTitle);
  const title = rawTitle && rawText ? ctx.pseudonyms.mentionsInText(platform, rawTitle) : '';
  let publishedAt: string | undefined;
  const date = get('publishedAt');
  if (str(date) !== undefined) {
    publishedAt = parseExportDate(typeof date === 'number' ? date : str(date), source.timezone);
    if (!publishedAt) throw new RowError(`"${str(date)}" in column "${source.columns.publishedAt}" is not a date`);
  }
  const engagement: NonNullable<RawItem['engagement']> = {};
  for (const field of ['likes', 'shares', 'replies', 'views'] as const) {
    const value = get(field);
    if (str(value) === undefined) continue;
    const count = parseCount(value);
    if (count === undefined) throw new RowError(`"${str(value)}" in column "${source.columns[field]}" is not a count`);
    engagement[field] = count;
  }
  const author = str(get('author'));
  return {
    sourceId: source.id,
    kind: 'social',
    platform,
    url: parsedUrl.href,
    title,
    text,
    author: author ? ctx.pseudonyms.author(platform, { id: author, handle: author }) : undefined,
    publishedAt,
    fetchedAt: ctx.fetchedAt,
    engagement,
  };
}

/** Rows of one file as field getters, with their line numbers; a header problem is fatal for the file. */
function readRows(
  source: FileSourceConfig,
  file: string,
  format: 'csv' | 'json' | 'jsonl',
  content: string,
): { rows: Array<LineRecord<(field: Field) => unknown>>; errors: LineError[]; warnings: string[] } {
  const columns = source.columns;
  const warnings: string[] = [];
  if (format === 'csv') {
    const { records, errors } = parseCsv(content, source.delimiter);
    const header = records.shift();
    if (!header) throw new Error(`${file}: empty CSV (no header row)`);
    const names = header.value.map((name) => name.trim());
    const index = new Map<string, number>();
    names.forEach((name, i) => {
      if (!index.has(name)) index.set(name, i);
      if (!index.has(name.toLowerCase())) index.set(name.toLowerCase(), i);
    });
    const position: Partial<Record<Field, number>> = {};
    for (const [field, column] of Object.entries(columns) as Array<[Field, string | undefined]>) {
      if (column === undefined) continue;
      const at = index.get(column) ?? index.get(column.toLowerCase());
      if (at === undefined) {
        if (field === 'url' || field === 'text') throw new Error(`${file}: column "${column}" (${field}) is not in the header (${names.join(', ')})`);
        warnings.push(`${file}: column "${column}" (${field}) is not in the header; left empty`);
        continue;
      }
      position[field] = at;
    }
    const rows: Array<LineRecord<(field: Field) => unknown>> = [];
    for (const record of records) {
      if (record.value.length !== names.length) {
        errors.push({ line: record.line, reason: `${record.value.length} fields where the header has ${names.length}` });
        continue;
      }
      rows.push({ line: record.line, value: (field) => (position[field] === undefined ? undefined : record.value[position[field]!]) });
    }
    return { rows, errors: errors.filter((e) => e.line !== header.line), warnings };
  }
  const parsed = format === 'jsonl' ? parseJsonLines(content) : parseJsonRecords(content, source.recordsPath);
  if ('fatal' in parsed && parsed.fatal) throw new Error(`${file}: ${parsed.fatal}`);
  const rows: Array<LineRecord<(field: Field) => unknown>> = [];
  const errors = [...parsed.errors];
  for (const record of parsed.records) {
    if (!record.value || typeof record.value !== 'object' || Array.isArray(record.value)) {
      errors.push({ line: record.line, reason: 'record is not a JSON object' });
      continue;
    }
    rows.push({ line: record.line, value: (field) => (columns[field] === undefined ? undefined : getPath(record.value, columns[field]!)) });
  }
  return { rows, errors, warnings };
}

function listFiles(path: string): string[] {
  const info = statSync(path);
  if (!info.isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => EXTENSIONS[extname(name).toLowerCase()] && !name.startsWith('.'))
    .sort()
    .map((name) => join(path, name));
}

/**
 * Imports CSV / JSON / JSON Lines exports (a platform's research tool, a partner's data set): the
 * configured columns become items. Bad rows are reported with their line and skipped; the good
 * rows of the same file are kept. A file is imported again only when its content changed.
 */
export async function importFiles(ctx: SocialContext, source: FileSourceConfig): Promise<void> {
  const root = configRelative(ctx.run.config, source.path);
  let files: string[];
  try {
    files = listFiles(root);
  } catch (error) {
    throw new Error(`${root}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`, { cause: error });
  }
  const stateKey = `social:${source.id}:files`;
  for (const file of files) {
    const name = relative(root, file) || basename(file);
    try {
      const format = source.format ?? EXTENSIONS[extname(file).toLowerCase()];
      if (!format) throw new Error(`${file}: unknown format; set "format" (csv, json or jsonl)`);
      const buffer = readFileSync(file);
      const hash = createHash('sha256').update(buffer).digest('hex');
      const state = ctx.run.state.get<FilesState>(stateKey) ?? {};
      ctx.report.fetched++;
      if (state.imported?.[name] === hash) {
        ctx.report.notModified++;
        continue;
      }
      const { rows, errors, warnings } = readRows(source, file, format, buffer.toString('utf8'));
      warnings.forEach((warning) => ctx.fail(file, warning));
      const bad: LineError[] = [...errors];
      for (const row of rows) {
        let item: RawItem;
        try {
          item = rowItem(ctx, source, row.value);
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          bad.push({ line: row.line, reason: error.message });
          continue;
        }
        if (!ctx.accepts(item.url)) continue;
        ctx.report.extracted++;
        ctx.report.recordOutcome(`${file}:${row.line}`, await ctx.run.pipeline.ingest(item));
        ctx.run.progress(ctx.report);
      }
      bad.sort((a, b) => a.line - b.line);
      for (const error of bad.slice(0, MAX_ROW_ERRORS)) ctx.fail(`${file}:${error.line}`, `bad row skipped: ${error.reason}`);
      if (bad.length > MAX_ROW_ERRORS)
        ctx.fail(
          file,
          `${bad.length - MAX_ROW_ERRORS} more bad rows skipped (lines ${bad
            .slice(MAX_ROW_ERRORS)
            .map((e) => e.line)
            .slice(0, 20)
            .join(', ')}…)`,
        );
      // Re-read state: other files of this source may have been saved since.
      const latest = ctx.run.state.get<FilesState>(stateKey) ?? {};
      ctx.run.state.set(stateKey, { ...latest, imported: { ...latest.imported, [name]: hash } });
    } catch (error) {
      ctx.fail(file, error);
    }
  }
}
