import { readFileSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Default config file, relative to the working directory. */
export const DEFAULT_CONFIG_PATH = 'config/mediawatch.yaml';

export const DEFAULT_USER_AGENT =
  'mediawatch/0.1 (press-office media monitor; public content only; honours robots.txt)';

const regexString = z.string().refine(
  (pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), { message: 'must be an http(s) URL' });

/** Politeness and limits shared by every crawl; a source may override some of them. */
const crawlerSchema = z
  .object({
    userAgent: z.string().min(8).default(DEFAULT_USER_AGENT),
    /** Requests per minute to one host. */
    requestsPerMinute: z.number().int().positive().default(60),
    maxPages: z.number().int().positive().default(500),
    timeoutSecs: z.number().positive().default(20),
    maxRetries: z.number().int().min(0).max(10).default(2),
    /** Pages larger than this are recorded as errors and not parsed. */
    maxPageBytes: z.number().int().positive().default(5_000_000),
  })
  .strict()
  .default({});

const sourceBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, ".", "_" or "-"'),
  name: z.string().optional(),
  enabled: z.boolean().default(true),
  include: z.array(regexString).default([]),
  exclude: z.array(regexString).default([]),
  maxPages: z.number().int().positive().optional(),
  requestsPerMinute: z.number().int().positive().optional(),
};

const newsSourceSchema = z
  .object({
    ...sourceBase,
    kind: z.literal('news'),
    startUrls: z.array(httpUrl).min(1),
    /** Read /sitemap.xml (and sitemaps named in robots.txt) to discover articles. */
    sitemaps: z.boolean().default(true),
  })
  .strict();

const rssSourceSchema = z
  .object({
    ...sourceBase,
    kind: z.literal('rss'),
    url: httpUrl,
    /** Fetch each entry's page for the full text (the feed usually carries only a summary). */
    fetchArticles: z.boolean().default(true),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('kind', [newsSourceSchema, rssSourceSchema]);

const sqliteStoreSchema = z
  .object({
    engine: z.literal('sqlite'),
    path: z.string().min(1).default('../data/mediawatch.db'),
  })
  .strict();

const elasticsearchStoreSchema = z
  .object({
    engine: z.literal('elasticsearch'),
    node: z.union([httpUrl, z.array(httpUrl).min(1)]),
    auth: z
      .union([
        z.object({ apiKey: z.string().min(1) }).strict(),
        z.object({ username: z.string().min(1), password: z.string().min(1) }).strict(),
      ])
      .optional(),
    tls: z.object({ caFile: z.string().min(1) }).strict().optional(),
    index: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "_" or "-"').default('mediawatch'),
    /** Local SQLite file that buffers writes while Elasticsearch is unreachable. */
    outboxPath: z.string().min(1).default('../data/es-outbox.db'),
  })
  .strict();

export const configSchema = z
  .object({
    store: z
      .discriminatedUnion('engine', [sqliteStoreSchema, elasticsearchStoreSchema])
      .default({ engine: 'sqlite', path: '../data/mediawatch.db' }),
    crawler: crawlerSchema,
    sources: z.array(sourceSchema).default([]),
    /** Feed validators and connector cursors kept between runs. */
    statePath: z.string().min(1).default('../data/crawl-state.json'),
    /** Topic lexicon files (YAML). */
    topics: z.array(z.string().min(1)).min(1).default(['topics/congress-2020.yaml']),
    /** Distortion cue files (YAML). */
    distortionCues: z.array(z.string().min(1)).default(['topics/distortion-cues.yaml']),
    abbreviations: z.string().min(1).default('abbreviations.yaml'),
    officialFacts: z.string().min(1).default('official-facts.yaml'),
    thresholds: z
      .object({
        congress: z.number().min(0).max(1).default(0.5),
        distortion: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .default({}),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
      })
      .strict()
      .default({}),
  })
  .strict();

export type MediawatchConfig = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type NewsSourceConfig = z.infer<typeof newsSourceSchema>;
export type RssSourceConfig = z.infer<typeof rssSourceSchema>;
export type CrawlerConfig = z.infer<typeof crawlerSchema>;
export type StoreConfig = MediawatchConfig['store'];

/** Raised for any problem with the config file; the message names the file and the key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface LoadedConfig extends MediawatchConfig {
  /** Absolute path of the file the config was read from (or "<defaults>"). */
  configPath: string;
  /** Directory that relative paths in the config are resolved against. */
  baseDir: string;
}

function formatPath(path: Array<string | number>): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

/** Validates an already-parsed config object; `where` names its origin in error messages. */
export function parseConfig(raw: unknown, where: string, baseDir: string): LoadedConfig {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = formatPath(issue.path) || '(top level)';
      const detail =
        issue.code === 'unrecognized_keys' ? `unknown key(s): ${issue.keys.join(', ')}` : issue.message;
      return `  - ${key}: ${detail}`;
    });
    throw new ConfigError(`Invalid config ${where}:\n${lines.join('\n')}`);
  }
  const ids = new Set<string>();
  result.data.sources.forEach((source, index) => {
    if (ids.has(source.id)) throw new ConfigError(`Invalid config ${where}:\n  - sources[${index}].id: duplicate id "${source.id}"`);
    ids.add(source.id);
  });
  return { ...result.data, configPath: where, baseDir };
}

/** Picks the config file: explicit flag, then MEDIAWATCH_CONFIG, then config/mediawatch.yaml. */
export function resolveConfigPath(explicit?: string): string {
  return resolve(explicit ?? process.env.MEDIAWATCH_CONFIG ?? DEFAULT_CONFIG_PATH);
}

export function loadConfig(explicit?: string): LoadedConfig {
  const path = resolveConfigPath(explicit);
  if (!existsSync(path)) throw new ConfigError(`Config file not found: ${path}`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid YAML: ${(error as Error).message}`);
  }
  return parseConfig(raw, path, dirname(path));
}

/** Resolves a path from the config relative to the config file's directory. */
export function configRelative(config: Pick<LoadedConfig, 'baseDir'>, path: string): string {
  return isAbsolute(path) ? path : resolve(config.baseDir, path);
}
