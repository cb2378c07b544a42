// Workflow databases written by earlier versions open in this one with nothing lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../core/sqlite.ts';
import { openWorkflowDb, WORKFLOW_MIGRATIONS } from '../../features/workflow/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'mediawatch-workflow-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('workflow database migrations', () => {
  it('keeps responses and their items when the responses table is rebuilt for withdrawn drafts', () => {
    const path = join(dir, 'workflow.db');
    const before = openSqlite(path, { foreignKeys: true, migrations: WORKFLOW_MIGRATIONS.slice(0, -1) });
    before
      .prepare(
        `INSERT INTO responses (id, status, version, title, body, item_id, cluster_id, fact_ids, created_by, created_at, updated_by, updated_at,
                                published_by, published_at, published_url)
         VALUES ('r1', 'published', 3, 'Đại hội không hoãn', 'Nội dung', NULL, 'c-hoan', '["GL-DATE"]', 'hoa', '2020-10-15T08:00:00Z', 'hoa',
                 '2020-10-15T09:00:00Z', 'hoa', '2020-10-15T09:00:00Z', 'https://gialai.example/dinh-chinh')`,
      )
      .run();
    before.prepare(`INSERT INTO response_items (response_id, item_id) VALUES ('r1', 'item-a'), ('r1', 'item-b')`).run();
    before.close();

    const after = openWorkflowDb(path);
    try {
      expect(after.prepare('SELECT * FROM responses').all()).toEqual([
        expect.objectContaining({ id: 'r1', status: 'published', version: 3, published_url: 'https://gialai.example/dinh-chinh', withdrawn_by: null }),
      ]);
      expect(after.prepare('SELECT item_id FROM response_items ORDER BY item_id').pluck().all()).toEqual(['item-a', 'item-b']);
      expect(after.pragma('foreign_key_check')).toEqual([]);
      // The rebuilt table still guards its links.
      expect(() => after.prepare(`INSERT INTO response_items (response_id, item_id) VALUES ('nope', 'item-c')`).run()).toThrow(/FOREIGN KEY/);
    } finally {
      after.close();
    }
  });
});
