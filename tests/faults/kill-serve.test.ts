// kill -9 during review writes: the real `mediawatch serve` process takes a stream of review
// notes through the API from several concurrent writers and is killed with SIGKILL at seeded
// random moments, then restarted. Every write it acknowledged (2xx) must be there afterwards,
// the workflow database intact and the audit log's hash chain unbroken.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig } from '../../features/workflow/index.ts';
import { makeItem } from '../helpers/items.ts';
import { seededRandom, startCli, writeCliConfig, type CliProcess } from '../helpers/cli.ts';

const KILLS = 3;
const WRITERS = 4;
const ITEMS = ['k1', 'k2', 'k3'];
const random = seededRandom(2107);

let dir: string;
let configPath: string;
let token: string;
const running: CliProcess[] = [];

async function startServe(): Promise<{ process: CliProcess; url: string }> {
  const serve = startCli(['serve', '--config', configPath, '--port', '0']);
  running.push(serve);
  const [, url] = await serve.waitForStderr(/dashboard on (http:\/\/[^\s]+?)\/ /, 60_000);
  return { process: serve, url };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-kill-serve-'));
  configPath = writeCliConfig(dir, {
    store: { engine: 'sqlite', path: join(dir, 'mediawatch.db') },
    statePath: join(dir, 'crawl-state.json'),
    workflow: { path: join(dir, 'workflow.db') },
    security: { scryptCost: 14, rateLimits: { apiPerMinute: 1_000_000 } },
  });
  const config = loadConfig(configPath);
  const store = await openStore(config);
  await store.upsertItems(ITEMS.map((id) => ({ ...makeItem({ title: `Tin ${id}`, text: `Nội dung ${id}` }), id })));
  const workflow = openWorkflow(workflowOptionsFromConfig(config, { store }));
  await workflow.users.create({ username: 'analyst', role: 'analyst', password: 'Kiem-tra-Gia-Lai-7', mustChangePassword: false }, SYSTEM_ACTOR);
  token = workflow.auth.createToken('analyst', { name: 'kill test' }, SYSTEM_ACTOR).token;
  workflow.close();
  await store.close();
});

afterAll(() => {
  for (const serve of running) serve.child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('serve killed with SIGKILL during review writes', () => {
  it('keeps every acknowledged write, and the audit chain verifies', async () => {
    /** note id → [item, text] of every write answered 201. */
    const acknowledged = new Map<number, [string, string]>();
    let sent = 0;
    for (let round = 0; round < KILLS; round++) {
      const { process: serve, url } = await startServe();
      const killAfter = acknowledged.size + 100 + Math.floor(random() * 400);
      let stop = false;
      const writer = async (w: number) => {
        for (let n = 0; !stop; n++) {
          const item = ITEMS[(w + n) % ITEMS.length];
          const text = `ghi chú ${round}-${w}-${n}`;
          sent++;
          try {
            const response = await fetch(`${url}/api/items/${item}/review/notes`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ text }),
            });
            const body = (await response.json()) as { id: number };
            if (response.status === 201) acknowledged.set(body.id, [item, text]);
            else throw new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
          } catch (error) {
            // The server died under this request: it was never acknowledged.
            if (!stop) throw error;
            return;
          }
          if (acknowledged.size >= killAfter && !stop) {
            stop = true;
            serve.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      await serve.exited;
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILLS * 100);

    const db = new Database(join(dir, 'workflow.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    // After a restart the API answers with every acknowledged note.
    const { process: serve, url } = await startServe();
    const stored = new Map<number, [string, string]>();
    for (const item of ITEMS) {
      const response = await fetch(`${url}/api/items/${item}/review`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const detail = (await response.json()) as { notes: Array<{ id: number; itemId: string; text: string }> };
      for (const note of detail.notes) stored.set(note.id, [note.itemId, note.text]);
    }
    serve.child.kill('SIGTERM');
    await serve.exited;
    for (const [id, write] of acknowledged) expect(stored.get(id), `note ${id}`).toEqual(write);
    expect(stored.size).toBeLessThanOrEqual(sent);

    const workflow = openWorkflow(workflowOptionsFromConfig(loadConfig(configPath)));
    try {
      const chain = workflow.audit.verify();
      expect(chain.ok, `audit chain broken at entry ${chain.brokenAt}`).toBe(true);
      expect(chain.entries).toBeGreaterThanOrEqual(acknowledged.size);
    } finally {
      workflow.close();
    }
  }, 150_000);
});
