import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { configRelative, loadConfig, parseConfig, resolveConfigPath, type LoadedConfig, type StoreConfig } from '../../core/config.ts';
import type { Store, UpsertResult } from '../../core/types.ts';
import type { ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import { elasticsearchStoreFromConfig } from '../../pipeline/store/index.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { UserError } from '../errors.ts';

const ENGINES = ['sqlite', 'elasticsearch'] as const;
type EngineName = (typeof ENGINES)[number];
type ElasticsearchStoreConfig = Extract<StoreConfig, { engine: 'elasticsearch' }>;

export interface ReindexOptions {
  config?: string;
  from: string;
  to: string;
  sqlitePath?: string;
  esNode?: string[];
  esIndex?: string;
  batchSize: number;
}

export interface ReindexReport {
  source: { engine: string; where: string; count: number };
  target: { engine: string; where: string; before: number; after: number };
  copied: number;
  inserted: number;
  updated: number;
  errors: UpsertResult['errors'];
  seconds: number;
  ok: boolean;
}

function engineName(value: string, flag: string): EngineName {
  if (!(ENGINES as readonly string[]).includes(value)) throw new UserError(`${flag} must be one of ${ENGINES.join(', ')}, got "${value}"`);
  return value as EngineName;
}

function parseBatchSize(value: string): number {
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 10_000) throw new UserError(`--batch-size must be 1..10000, got "${value}"`);
  return size;
}

/** The config file when there is one; reindex also works from flags alone. */
function loadOptionalConfig(explicit?: string): LoadedConfig {
  if (explicit || existsSync(resolveConfigPath())) return loadConfig(explicit);
  return parseConfig({}, '<defaults>', resolve('config'));
}

/** Where the SQLite store lives: --sqlite-path, else the config's store.path, else the default. */
function sqliteSide(config: LoadedConfig, options: ReindexOptions): { store: SqliteStore; where: string } {
  const path = options.sqlitePath
    ? resolve(options.sqlitePath)
    : configRelative(config, config.store.engine === 'sqlite' ? config.store.path : '../data/mediawatch.db');
  return { store: new SqliteStore({ path }), where: path };
}

/** The cluster: the config's store section (auth, TLS) with --es-node / --es-index on top. */
function elasticsearchSide(config: LoadedConfig, options: ReindexOptions): { store: ElasticsearchStore; where: string } {
  const base = config.store.engine === 'elasticsearch' ? config.store : undefined;
  const node = options.esNode?.length ? options.esNode : base?.node;
  if (!node) {
    throw new UserError(`no Elasticsearch to use: pass --es-node URL, or set store.engine: elasticsearch (with store.node) in ${config.configPath}`);
  }
  for (const url of [node].flat()) {
    if (!/^https?:\/\/[^/]/.test(url)) throw new UserError(`--es-node must be an http(s) URL, got "${url}"`);
  }
  const index = options.esIndex ?? base?.index ?? 'mediawatch';
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(index)) throw new UserError(`--es-index must be lowercase letters, digits, "_" or "-", got "${index}"`);
  const storeConfig: ElasticsearchStoreConfig = {
    engine: 'elasticsearch',
    outboxPath: '../data/es-outbox.db',
    requestTimeoutMs: 60_000,
    ...base,
    node,
    index,
  };
  // No outbox: an outage must stop the copy (and fail the count check), not buffer silently.
  const store = elasticsearchStoreFromConfig(config, storeConfig, { outbox: false });
  return { store, where: `${[node].flat().join(', ')} (alias ${store.names.alias})` };
}

async function countItems(store: Store): Promise<number> {
  return (await store.queryItems({ page: 1, pageSize: 1 })).total;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Copies every item of one engine into the other, then checks the counts. */
export async function reindex(options: ReindexOptions, out: NodeJS.WriteStream = process.stderr): Promise<ReindexReport> {
  const from = engineName(options.from, '--from');
  const to = engineName(options.to, '--to');
  if (from === to) throw new UserError(`--from and --to are both "${from}"; reindex copies between two engines`);
  const config = loadOptionalConfig(options.config);
  const open = (engine: EngineName) => (engine === 'sqlite' ? sqliteSide(config, options) : elasticsearchSide(config, options));
  const source = open(from);
  const target = open(to);
  if (from === 'sqlite' && !existsSync(source.where)) throw new UserError(`no SQLite store at ${source.where} (use --sqlite-path)`);

  await source.store.init();
  try {
    await target.store.init();
  } catch (error) {
    await source.store.close();
    throw error;
  }
  try {
    const sourceCount = await countItems(source.store);
    const before = await countItems(target.store);
    out.write(`reindex: ${fmt(sourceCount)} item(s) from ${from} ${source.where}\n`);
    out.write(`reindex:   into ${to} ${target.where} (${fmt(before)} item(s) there now)\n`);
    const started = Date.now();
    let lastLine = started;
    const report: ReindexReport = {
      source: { engine: from, where: source.where, count: sourceCount },
      target: { engine: to, where: target.where, before, after: before },
      copied: 0,
      inserted: 0,
      updated: 0,
      errors: [],
      seconds: 0,
      ok: false,
    };
    const progress = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastLine < (out.isTTY ? 250 : 5000)) return;
      lastLine = now;
      const seconds = Math.max((now - started) / 1000, 0.001);
      const percent = sourceCount ? Math.floor((100 * report.copied) / sourceCount) : 100;
      const line =
        `reindex: ${fmt(report.copied)}/${fmt(sourceCount)} (${percent}%), ` +
        `${fmt(Math.round(report.copied / seconds))} items/s, ${report.errors.length} error(s)`;
      out.write(out.isTTY ? `\r\x1b[2K${line}${force ? '\n' : ''}` : `${line}\n`);
    };
    for await (const batch of source.store.scanItems(options.batchSize)) {
      const result = await target.store.upsertItems(batch);
      report.copied += batch.length;
      report.inserted += result.inserted;
      report.updated += result.updated;
      report.errors.push(...result.errors);
      progress(false);
    }
    progress(true);
    report.seconds = (Date.now() - started) / 1000;
    report.target.after = await countItems(target.store);
    const expected = before + report.inserted;
    report.ok = report.copied === sourceCount && report.errors.length === 0 && report.target.after === expected && report.target.after >= sourceCount;
    const check = report.ok
      ? `count check OK: ${to} holds ${fmt(report.target.after)} item(s), ${from} ${fmt(sourceCount)}`
      : `count check FAILED: copied ${fmt(report.copied)} of ${fmt(sourceCount)}, ${to} holds ${fmt(report.target.after)} ` +
        `(expected ${fmt(expected)}), ${report.errors.length} error(s)`;
    out.write(`reindex: ${fmt(report.inserted)} inserted, ${fmt(report.updated)} updated in ${report.seconds.toFixed(1)}s; ${check}\n`);
    for (const error of report.errors.slice(0, 10)) out.write(`  ${error.id}: ${error.reason}\n`);
    if (report.errors.length > 10) out.write(`  ... and ${report.errors.length - 10} more\n`);
    return report;
  } finally {
    await source.store.close();
    await target.store.close();
  }
}

export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('copy every stored item from one engine into the other (sqlite ⇄ elasticsearch), with a count check')
    .requiredOption('--from <engine>', 'engine to read: sqlite or elasticsearch')
    .requiredOption('--to <engine>', 'engine to write: sqlite or elasticsearch')
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml, if present)')
    .option('--sqlite-path <file>', 'SQLite store (default: store.path from the config, else data/mediawatch.db)')
    .option('--es-node <url...>', 'Elasticsearch node URL(s) (default: store.node from the config)')
    .option('--es-index <prefix>', 'index prefix (default: store.index from the config, else "mediawatch")')
    .option('--batch-size <n>', 'items per batch (1..10000)', parseBatchSize, 2000)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  mediawatch reindex --from sqlite --to elasticsearch --es-node http://127.0.0.1:9200\n' +
        '  mediawatch reindex --from elasticsearch --to sqlite --sqlite-path /tmp/copy.db -c config/prod.yaml\n' +
        "Auth and TLS for Elasticsearch come from the config's store section when it names the elasticsearch engine.\n" +
        'Exits with status 1 when the count check fails.',
    )
    .action(async (options: ReindexOptions) => {
      const report = await reindex(options);
      if (!report.ok) process.exitCode = 1;
    });
}
