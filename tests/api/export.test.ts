// Bulk export of items: GET /api/items/export and `mediawatch export`. CSV is read back with a
// real CSV parser, so quoting, line breaks and Vietnamese text are checked as a spreadsheet would see them.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.ts';
import type { ScoredItem } from '../../core/types.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import type { Workflow } from '../../features/workflow/index.ts';
import { makeItem } from '../helpers/items.ts';
import { PASSWORDS, testWorkflow } from '../workflow/helpers.ts';
import { ApiClient } from './client.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

/** Crawled titles that a spreadsheet would run as formulas if written as they are. */
const FORMULA_TITLES = ['=HYPERLINK("https://x.example","bấm vào")', '+84 905 000 000 gọi ngay', '-1 ghế trong Ban Chấp hành', '@SUM(A1:A9)'];

function items(): ScoredItem[] {
  const base = Date.parse('2020-10-10T00:00:00Z');
  const plain = Array.from({ length: 2_345 }, (_, i) =>
    makeItem(
      {
        url: `https://bao-a.example/bai-${i}.html`,
        title: `Bài ${i}: Đại hội Đảng bộ tỉnh, "phiên thứ ${i % 3}"`,
        text: `Dòng một của bài ${i}.\nDòng hai, có dấu phẩy; và "ngoặc kép".`,
        sourceId: i % 2 ? 'bao-a' : 'bao-b',
        // Ties on the timestamp, across batch boundaries.
        publishedAt: new Date(base + Math.floor(i / 3) * 60_000).toISOString(),
      },
      { congress: i % 2 === 0, distortion: i % 5 === 0, scores: { congress: 0.9, distortion: (i % 10) / 10 } },
    ),
  );
  const formulas = FORMULA_TITLES.map((title, i) =>
    makeItem({ url: `https://forum.example/p/${i}`, title, text: 'Nội dung', publishedAt: '2020-11-01T00:00:00Z' }),
  );
  return [...plain, ...formulas];
}

const all = items();
let store: SqliteStore;
let workflow: Workflow;
let api: RunningServer;
let dir: string;

/** The raw download (fetch's text() would drop the BOM that is under test). */
async function download(client: ApiClient, path: string): Promise<{ status: number; type: string | null; disposition: string | null; text: string }> {
  const response = await fetch(`${client.baseUrl}${path}`, { headers: { cookie: client.cookie! } });
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-export-'));
  store = new SqliteStore({ path: join(dir, 'items.db') });
  await store.init();
  await store.upsertItems(all);
  workflow = await testWorkflow({ store, withUsers: true, path: join(dir, 'workflow.db') });
  api = await startServer({ store, workflow, host: '127.0.0.1', port: 0 });
}, 60_000);
afterAll(async () => {
  await api.close();
  workflow.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/items/export', () => {
  it('streams every matching item as CSV with a BOM, a header and Vietnamese intact', async () => {
    const analyst = new ApiClient(api.url);
    await analyst.login('analyst', PASSWORDS.analyst);
    const file = await download(analyst, '/api/items/export?format=csv&source=bao-a&congress=false');
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toMatch(/^attachment; filename="mediawatch-items-\d{8}-\d{6}\.csv"$/);
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(file.text.slice(1), { columns: true }) as Array<Record<string, string>>;
    const expected = all
      .filter((item) => item.sourceId === 'bao-a' && !item.congress)
      .sort((a, b) => (a.publishedAt! < b.publishedAt! ? 1 : a.publishedAt! > b.publishedAt! ? -1 : a.id < b.id ? -1 : 1));
    expect(rows.map((row) => row.id)).toEqual(expected.map((item) => item.id));
    const plain = expected.find((item) => item.title.startsWith('Bài'))!;
    expect(rows.find((row) => row.id === plain.id)).toMatchObject({
      title: plain.title,
      text: plain.text,
      source: 'bao-a',
      url: plain.url,
      review_status: 'new',
    });
  });

  it('neutralises cells that a spreadsheet would run as formulas', async () => {
    const analyst = new ApiClient(api.url);
    await analyst.login('analyst', PASSWORDS.analyst);
    const file = await download(analyst, '/api/items/export?source=bao-a&from=2020-11-01');
    const rows = parse(file.text.slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.title).sort()).toEqual(FORMULA_TITLES.map((title) => `'${title}`).sort());
  });

  it('streams NDJSON of whole items in the requested time order', async () => {
    const spokesperson = new ApiClient(api.url);
    await spokesperson.login('spokesperson', PASSWORDS.spokesperson);
    const file = await download(spokesperson, '/api/items/export?format=ndjson&flagged=true&sort=oldest');
    expect(file.type).toBe('application/x-ndjson; charset=utf-8');
    const lines = file.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ScoredItem);
    const flagged = all.filter((item) => item.flagged);
    expect(lines).toHaveLength(flagged.length);
    expect(new Set(lines.map((item) => item.id))).toEqual(new Set(flagged.map((item) => item.id)));
    expect(lines.map((item) => item.publishedAt)).toEqual([...lines.map((item) => item.publishedAt)].sort());
    expect(lines[0]).not.toHaveProperty('foldedText');
    expect(lines[0].text).toContain('Dòng hai');
  });

  it('records each export in the audit log with its filters and count', async () => {
    const admin = new ApiClient(api.url);
    await admin.login('admin', PASSWORDS.admin);
    await download(admin, '/api/items/export?format=ndjson&source=bao-b');
    const audit = await admin.get('/api/audit?action=items.export');
    expect(audit.body.items[0]).toMatchObject({
      actor: 'admin',
      action: 'items.export',
      detail: { format: 'ndjson', filters: { source: 'bao-b' }, items: all.filter((i) => i.sourceId === 'bao-b').length, complete: true },
    });
  });

  it('is for analysts, spokespeople and admins: viewers get 403, anonymous callers 401', async () => {
    const viewer = new ApiClient(api.url);
    await viewer.login('viewer', PASSWORDS.viewer);
    expect((await viewer.get('/api/items/export')).status).toBe(403);
    expect((await new ApiClient(api.url).get('/api/items/export')).status).toBe(401);
  });

  it.each([
    ['format=xlsx', 'format'],
    ['sort=distortion', 'sort'],
    ['page=2', 'page'],
    ['from=2020-13-01', 'from'],
  ])('refuses %s with a 400 naming %s', async (queryString, parameter) => {
    const analyst = new ApiClient(api.url);
    await analyst.login('analyst', PASSWORDS.analyst);
    const answer = await analyst.get(`/api/items/export?${queryString}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.parameter).toBe(parameter);
  });
});

describe('mediawatch export', () => {
  it('writes the same rows to a file through the command line, with progress on stderr', async () => {
    const configPath = join(dir, 'mediawatch.yaml');
    writeFileSync(configPath, ['store:', '  engine: sqlite', '  path: items.db', 'workflow:', '  path: workflow.db', ''].join('\n'));
    const out = join(dir, 'flagged.csv');
    const { stderr } = await run(process.execPath, [join(ROOT, 'bin/mediawatch.js'), 'export', '--config', configPath, '--flagged', '--out', out], {
      cwd: dir,
    });
    const flagged = all.filter((item) => item.flagged);
    expect(stderr).toContain(`Exported ${flagged.length.toLocaleString('en')} items as CSV to ${out}`);
    const rows = parse(readFileSync(out, 'utf8').slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.id).sort()).toEqual(flagged.map((item) => item.id).sort());
    const failed = await run(process.execPath, [join(ROOT, 'bin/mediawatch.js'), 'export', '--config', configPath, '--format', 'xlsx'], { cwd: dir }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('--format') });
  }, 60_000);
});
