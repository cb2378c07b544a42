import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configRelative, loadConfig, ocrStatePath, type LoadedConfig } from '../../core/config.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlMemoryPath } from '../../crawlers/memory.ts';
import { crawlSources } from '../../crawlers/run.ts';
import { sourceRunsPath } from '../../crawlers/source-runs.ts';
import { backupRoot } from '../../features/backup/index.ts';
import { openPipeline } from '../../features/crawl-job/open-pipeline.ts';

const PROJECT = resolve(import.meta.dirname, '../..');
const CONFIG_DIR = join(PROJECT, 'config');
let root: string;

/** A config file in its own folder outside the project, with the project's topic files beside it. */
function configOutside(yaml: string): LoadedConfig {
  root = mkdtempSync(join(tmpdir(), 'mw-data-dir-'));
  const dir = join(root, 'etc');
  mkdirSync(join(dir, 'topics'), { recursive: true });
  for (const file of ['topics/congress-2020.yaml', 'topics/distortion-cues.yaml', 'abbreviations.yaml', 'official-facts.yaml']) {
    writeFileSync(join(dir, file), readFileSync(join(CONFIG_DIR, file)));
  }
  writeFileSync(join(dir, 'mediawatch.yaml'), yaml);
  return loadConfig(join(dir, 'mediawatch.yaml'));
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('dataDir', () => {
  it('puts every state file of a config outside the project under its dataDir', async () => {
    const config = configOutside('dataDir: ../state\n');
    const state = join(root, 'state');
    const paths = {
      crawlState: configRelative(config, config.statePath),
      crawlMemory: crawlMemoryPath(config),
      sourceRuns: sourceRunsPath(config),
      ocr: ocrStatePath(config),
      items: configRelative(config, config.store.engine === 'sqlite' ? config.store.path : config.store.outboxPath),
      workflow: configRelative(config, config.workflow.path),
      alerts: configRelative(config, config.alerts.statePath),
      portals: configRelative(config, config.portalWatch.statePath),
      backups: backupRoot(config),
    };
    for (const [name, path] of Object.entries(paths)) expect(path.startsWith(state + '/'), `${name}: ${path}`).toBe(true);

    // The files a crawl round opens are really written there, and nothing lands in the project.
    const { pipeline, close } = await openPipeline(config);
    const run = new CrawlRun(config, pipeline);
    try {
      await crawlSources(run, []);
    } finally {
      run.close();
      await close();
    }
    const written = readdirSync(state);
    expect(written).toEqual(expect.arrayContaining(['mediawatch.db', 'mediawatch.search.db', 'workflow.db', 'crawl-memory.db']));
    expect(existsSync(join(root, 'data'))).toBe(false);
  }, 60_000);

  it('defaults to ../data beside the config file, and a state file named on its own stays relative to the config', () => {
    const config = configOutside('workflow: { path: users/workflow.db }\n');
    expect(configRelative(config, config.statePath)).toBe(join(root, 'data', 'crawl-state.json'));
    expect(backupRoot(config)).toBe(join(root, 'data', 'backups'));
    expect(configRelative(config, config.workflow.path)).toBe(join(root, 'etc', 'users', 'workflow.db'));
  });
});
