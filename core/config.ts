import { readFileSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { validateDetailed as validateCron } from 'node-cron';

/** Default config file, relative to the working directory. */
export const DEFAULT_CONFIG_PATH = 'config/mediawatch.yaml';

export const DEFAULT_USER_AGENT = 'mediawatch/0.1 (press-office media monitor; public content only; honours robots.txt)';

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
    /**
     * Entries kept from one feed read: the newest ones (by date, else the first ones, as feeds list
     * newest first); the report says how many were skipped.
     */
    maxFeedEntries: z.number().int().positive().default(500),
    /** Feeds are read as a stream and may be larger than a page; reading stops at this size, keeping the entries read. */
    maxFeedBytes: z.number().int().positive().default(50_000_000),
    /**
     * Ages (hours since first fetch) at which a stored article is fetched again to catch silent
     * edits; after the last one it is re-checked at that interval until recheckForDays.
     */
    recheckAfterHours: z.array(z.number().positive()).min(1).default([1, 6, 24, 72]),
    /** Articles older than this (days since first fetch) are no longer re-checked. */
    recheckForDays: z.number().positive().default(7),
    /** Per-URL crawl memory (validators, content hash, next re-check) is forgotten after this many days without a fetch. */
    memoryDays: z.number().positive().default(30),
    /** robots.txt is fetched once per host for this long, across rounds. */
    robotsTtlHours: z.number().positive().default(24),
    /** Bounds of the poll interval suggested for a source (SourceReport.pollAfterMs) from how often it changes. */
    pollMinSecs: z.number().positive().default(60),
    pollMaxSecs: z.number().positive().default(1800),
    /** Sources crawled at the same time (each host still gets only its own rate); see README "Freshness". */
    maxConcurrentSources: z.number().int().min(1).max(256).default(16),
  })
  .strict()
  .default({});

/** A duration such as "90s", "2m" or "1h", in milliseconds; at least 5 seconds. */
export const duration = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(s|m|h)$/, 'a duration such as "90s", "2m" or "1h"')
  .transform((text) => Number.parseFloat(text) * { s: 1000, m: 60_000, h: 3_600_000 }[text.trim().slice(-1) as 's' | 'm' | 'h'])
  .refine((ms) => ms >= 5000, 'must be at least 5s');

const sourceBase = {
  /** How often `serve` crawls this source (overrides schedules.every and schedules.crawl). */
  every: duration.optional(),
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

/** Station video pages and channels (báo hình): titles, descriptions and published subtitles or transcripts (see docs/broadcast.md). */
const broadcastSourceSchema = z
  .object({
    ...sourceBase,
    kind: z.literal('broadcast'),
    /** Station pages listing videos; links to video pages on them are followed once (not further). */
    listingUrls: z.array(httpUrl).default([]),
    /** Video feeds (RSS/Atom, e.g. YouTube-style channel feeds with media:group). */
    feeds: z.array(httpUrl).default([]),
    /** A link on a listing page is a video page when it matches this (same site only). */
    videoPattern: regexString.default('/video'),
    /** Subtitle languages read, preferred first (track srclang, or lang= of a transcript link). */
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'a BCP-47 language tag such as "vi"'))
      .min(1)
      .default(['vi']),
    /**
     * Published captions of a video known by its YouTube id (feed entries with yt:videoId, pages
     * embedding a YouTube player): "{videoId}" is replaced; the answer is timedtext XML or json3.
     */
    timedtextUrl: z
      .string()
      .regex(/^https?:\/\/[^\s]*\{videoId\}/, 'an http(s) URL containing "{videoId}"')
      .optional(),
    /** Subtitle tracks larger than this are not read (the video keeps its title and description). */
    maxTrackBytes: z.number().int().positive().default(2_000_000),
    /** Cues read from one track; the rest are left out and the report says so. */
    maxCues: z.number().int().positive().default(20_000),
  })
  .strict();

// --- Social connectors (see docs/social.md). Each reads public posts only and keeps a cursor. ---

/** Platforms of the social connectors; a file import names its own (facebook, tiktok, ...). */
export const SOCIAL_KINDS = ['mastodon', 'bluesky', 'youtube', 'telegram', 'reddit', 'file'] as const;

const socialBase = {
  ...sourceBase,
  /** Longest Retry-After / rate-limit reset this crawl waits for; a longer one fails the stream until the next run. */
  maxWaitSecs: z.number().int().min(0).max(3600).default(120),
};

const mastodonSourceSchema = z
  .object({
    ...socialBase,
    kind: z.literal('mastodon'),
    /** Any server speaking the Mastodon REST API. */
    baseUrl: httpUrl.default('https://mastodon.social'),
    /** Public hashtag timelines, without "#". */
    hashtags: z
      .array(
        z
          .string()
          .regex(/^#?[\p{L}\p{N}_]+$/u, 'a hashtag: letters, digits, "_"')
          .transform((t) => t.replace(/^#/, '')),
      )
      .default([]),
    /** Public accounts ("user" on this server or "user@other.server"). */
    accounts: z
      .array(
        z
          .string()
          .regex(/^@?[A-Za-z0-9_.-]+(@[A-Za-z0-9.-]+(:\d+)?)?$/, 'an account: "user" or "user@server"')
          .transform((a) => a.replace(/^@/, '')),
      )
      .default([]),
    /** Only posts made on this server (hashtag timelines). */
    localOnly: z.boolean().default(false),
    /** Statuses per page (the API allows at most 40). */
    limit: z.number().int().min(1).max(40).default(40),
  })
  .strict();

const blueskySourceSchema = z
  .object({
    ...socialBase,
    kind: z.literal('bluesky'),
    /** Public AppView serving the app.bsky XRPC queries without a login. */
    baseUrl: httpUrl.default('https://public.api.bsky.app'),
    /** Web app the post permalinks point at. */
    webUrl: httpUrl.default('https://bsky.app'),
    /** app.bsky.feed.searchPosts queries (newest first). */
    searches: z.array(z.string().trim().min(1)).default([]),
    /** Author feeds: handles ("name.bsky.social") or DIDs. */
    authors: z.array(z.string().trim().min(3)).default([]),
    /** Only posts in this language (searches), e.g. "vi". */
    lang: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'a BCP-47 language tag such as "vi"')
      .optional(),
    authorFilter: z.enum(['posts_with_replies', 'posts_no_replies', 'posts_and_author_threads']).default('posts_with_replies'),
    /** Posts per page (1-100). */
    limit: z.number().int().min(1).max(100).default(100),
  })
  .strict();

const youtubeSourceSchema = z
  .object({
    ...socialBase,
    kind: z.literal('youtube'),
    /** Host of /feeds/videos.xml. */
    baseUrl: httpUrl.default('https://www.youtube.com'),
    /** Channel ids ("UC" + 22 characters). */
    channels: z.array(z.string().regex(/^UC[A-Za-z0-9_-]{22}$/, 'a channel id: "UC" followed by 22 characters')).default([]),
    /** Playlist ids. */
    playlists: z.array(z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'a playlist id')).default([]),
  })
  .strict();

const telegramSourceSchema = z
  .object({
    ...socialBase,
    kind: z.literal('telegram'),
    /** Host of the public web previews (/s/<channel>). */
    baseUrl: httpUrl.default('https://t.me'),
    /** Public channel usernames, without "@". */
    channels: z
      .array(
        z
          .string()
          .regex(/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/, 'a channel username')
          .transform((c) => c.replace(/^@/, '')),
      )
      .default([]),
  })
  .strict();

const subredditName = z
  .string()
  .regex(/^(r\/)?[A-Za-z0-9_]{2,21}$/, 'a subreddit name')
  .transform((s) => s.replace(/^r\//, ''));

const redditSourceSchema = z
  .object({
    ...socialBase,
    kind: z.literal('reddit'),
    baseUrl: httpUrl.default('https://www.reddit.com'),
    /** Subreddits whose "new" listing is read. */
    subreddits: z.array(subredditName).default([]),
    /** Searches, newest first; with `subreddit` restricted to it, else across Reddit. */
    searches: z.array(z.object({ query: z.string().trim().min(1), subreddit: subredditName.optional() }).strict()).default([]),
    /** Posts per page (the API allows at most 100). */
    limit: z.number().int().min(1).max(100).default(100),
  })
  .strict();

const columnName = z.string().min(1);

const fileSourceSchema = z
  .object({
    ...sourceBase,
    kind: z.literal('file'),
    /** An export file, or a folder whose .csv/.json/.jsonl files are imported (relative to the config file). */
    path: z.string().min(1),
    /** Default: from the file extension. */
    format: z.enum(['csv', 'json', 'jsonl']).optional(),
    /** Platform the material comes from (facebook, tiktok, ...), unless a `platform` column says so per row. */
    platform: z
      .string()
      .regex(/^[a-z][a-z0-9_-]*$/, 'lowercase letters, digits, "_" or "-"')
      .default('import'),
    /** Which column (CSV header, or dotted JSON path) holds each field. */
    columns: z
      .object({
        url: columnName,
        text: columnName,
        title: columnName.optional(),
        author: columnName.optional(),
        publishedAt: columnName.optional(),
        likes: columnName.optional(),
        shares: columnName.optional(),
        replies: columnName.optional(),
        views: columnName.optional(),
        platform: columnName.optional(),
      })
      .strict(),
    /** CSV field separator. */
    delimiter: z.string().length(1).default(','),
    /** JSON: dotted path of the array of records inside the top-level object (e.g. "data"). */
    recordsPath: z.string().min(1).optional(),
    /** Offset applied to dates written without one. */
    timezone: z
      .string()
      .regex(/^[+-]\d{2}:\d{2}$/, 'an offset such as "+07:00"')
      .default('+07:00'),
  })
  .strict();

/** E-paper (print edition as PDF): the day's PDFs from a URL pattern or an index page (see docs/ocr-epaper.md). */
const epaperSourceSchema = z
  .object({
    ...sourceBase,
    kind: z.literal('epaper'),
    /** Edition name shown in each page's title, e.g. "Báo Gia Lai". */
    edition: z.string().min(1),
    /** The day's PDF: placeholders {yyyy} {mm} {dd} (the edition's date) and {n} (1, 2, ... up to maxPdfs, for one PDF per page). */
    urlPattern: z
      .string()
      .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL with placeholders such as {yyyy}{mm}{dd}')
      .optional(),
    /** Or a page listing the day's PDFs (its URL may carry the same date placeholders). */
    indexUrl: z
      .string()
      .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
      .optional(),
    /** Links on the index page that are PDFs of the edition. */
    linkPattern: regexString.default('\\.pdf([?#]|$)'),
    /** Editions of today and this many days before (their date in `timezone`). */
    daysBack: z.number().int().min(0).max(14).default(0),
    timezone: z
      .string()
      .refine(
        (zone) => {
          try {
            return Boolean(new Intl.DateTimeFormat('en', { timeZone: zone }));
          } catch {
            return false;
          }
        },
        { message: 'is not a known IANA time zone' },
      )
      .default('Asia/Ho_Chi_Minh'),
    maxPdfs: z.number().int().min(1).max(200).default(40),
    maxPdfBytes: z.number().int().positive().default(100_000_000),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('kind', [
  newsSourceSchema,
  rssSourceSchema,
  broadcastSourceSchema,
  mastodonSourceSchema,
  blueskySourceSchema,
  youtubeSourceSchema,
  telegramSourceSchema,
  redditSourceSchema,
  fileSourceSchema,
  epaperSourceSchema,
]);

/** Text in images (OCR with Tesseract) and the OCR fallback of scanned e-paper pages (see docs/ocr-epaper.md). */
const ocrSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Tesseract language data, "+"-joined. */
    languages: z
      .string()
      .regex(/^[a-z_]+(\+[a-z_]+)*$/, 'Tesseract languages such as "vie+eng"')
      .default('vie+eng'),
    /** Images read per item (the first ones on the page or post). */
    maxImagesPerItem: z.number().int().min(0).max(50).default(4),
    /** Larger images are not fetched past this size. */
    maxImageBytes: z.number().int().positive().default(8_000_000),
    /** Width × height above which an image is not read (decompression bombs, posters). */
    maxImagePixels: z.number().int().positive().default(40_000_000),
    formats: z
      .array(z.enum(['png', 'jpg', 'gif', 'webp', 'bmp', 'tiff']))
      .min(1)
      .default(['png', 'jpg', 'gif', 'webp', 'bmp']),
    /** Longest Tesseract may take on one image or page. */
    timeoutSecs: z.number().positive().default(60),
    /** Time each crawl round spends on queued OCR after its sources are crawled; the rest waits for the next round. */
    budgetSecs: z.number().min(0).default(300),
    /** Render resolution of scanned PDF pages. */
    pdfDpi: z.number().int().min(72).max(600).default(200),
    /** Results by image hash and the queue of items waiting for OCR (SQLite); default ocr.db beside the crawl state. */
    statePath: z.string().min(1).optional(),
  })
  .strict()
  .default({});

/** Pseudonymisation of social authors (see docs/social.md). */
const privacySchema = z
  .object({
    /** Secret key of the keyed hash that replaces authors' handles and names (at least 16 characters). */
    pseudonymKey: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Name of the environment variable holding that key (keeps it out of the file). */
    pseudonymKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
      .optional(),
    /** Keep the handle of the official/media accounts listed in `keepHandlesFor`; when false everyone is pseudonymised. */
    keepOfficialHandles: z.boolean().default(true),
    /** Official and media accounts per platform whose handle is kept, e.g. { telegram: ["baogialai"] }. */
    keepHandlesFor: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a platform name'), z.array(z.string().min(1))).default({}),
    /** Social items are kept this many days (default: the top-level retentionDays). */
    retentionDays: z.number().int().positive().optional(),
  })
  .strict()
  .default({});

const sqliteStoreSchema = z
  .object({
    engine: z.literal('sqlite'),
    /** The items database; default mediawatch.db under dataDir. */
    path: z.string().min(1).optional(),
  })
  .strict();

const esNodeUrl = httpUrl.refine((u) => !/\/\/[^/]*@/.test(u), {
  message: 'must not carry credentials; use store.auth (apiKey, or username and password)',
});

const esAuthSchema = z
  .object({
    apiKey: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((auth, ctx) => {
    const basic = auth.username !== undefined || auth.password !== undefined;
    if (auth.apiKey !== undefined && basic) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'use either apiKey or username/password, not both' });
    } else if (!auth.apiKey && !basic) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'needs apiKey, or username and password' });
    } else if (basic && (!auth.username || !auth.password)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'username and password go together' });
    }
  });

const REPLICAS = 'must be a number of replicas from 0 to 8, or a range such as "0-1" or "1-all"';

const elasticsearchStoreSchema = z
  .object({
    engine: z.literal('elasticsearch'),
    /** One URL or several (nodes of one cluster); https when the cluster uses TLS. */
    node: z.union([esNodeUrl, z.array(esNodeUrl).min(1, 'needs at least one URL')], {
      errorMap: (issue, ctx) =>
        ctx.data === undefined
          ? { message: 'is required: the http(s) URL of a node, or a list of them' }
          : issue.code === 'invalid_union' || issue.code === 'invalid_type'
            ? { message: 'must be an http(s) URL or a list of them' }
            : { message: ctx.defaultError },
    }),
    auth: esAuthSchema.optional(),
    /** CA certificate (PEM) the cluster's certificate is signed with; path relative to the config file. */
    tls: z
      .object({ caFile: z.string().min(1) })
      .strict()
      .optional(),
    /** Name prefix: indices are "<index>-items-v<N>" behind the alias "<index>-items". */
    index: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "_" or "-"')
      .default('mediawatch'),
    /** Local SQLite file that buffers writes while Elasticsearch is unreachable. */
    outboxPath: z.string().min(1).optional(),
    /** Per-request timeout. */
    requestTimeoutMs: z.number().int().positive().default(30_000),
    /**
     * Heap (old generation, MB) of the process that copies the index when a new mapping version
     * needs it; the default (64) keeps `serve` under 500 MB while it migrates (docs/elasticsearch.md).
     * Below 32 its modules do not fit.
     */
    migrationHeapMb: z.number().int().min(32).max(4096).optional(),
    /** Primary shards of a new items index (default 1); fixed once the index exists (docs/elasticsearch.md, "Shards and replicas"). */
    shards: z.number().int().min(1).max(64).optional(),
    /**
     * Copies of each shard on other nodes: a number, or a range that follows the number of nodes
     * ("0-1", the default: none on one node, one as soon as there are two). Applied to the existing index too.
     */
    replicas: z
      .union([z.number().int(REPLICAS).min(0, REPLICAS).max(8, REPLICAS), z.string().regex(/^\d+-(\d+|all)$/, REPLICAS)], {
        errorMap: () => ({ message: REPLICAS }),
      })
      .optional(),
    /**
     * Snapshot repository `mediawatch backup` writes the items index to (see docs/backups.md).
     * `location` is a folder on the cluster's nodes, inside their `path.repo` (relative: inside
     * the first `path.repo` entry).
     */
    snapshot: z
      .object({
        repository: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "_" or "-"')
          .default('mediawatch-backups'),
        location: z.string().min(1),
      })
      .strict()
      .optional(),
  })
  .strict();

// --- Email, urgent alerts, schedules (see docs/digest-and-alerts.md) ---

const emailAddress = z.string().email('must be an e-mail address');

/** "addr@example.org" or "Display Name <addr@example.org>". */
const mailbox = z.string().refine(
  (value) => {
    const match = /^(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))$/.exec(value.trim());
    const address = match?.[1] ?? match?.[2];
    return address !== undefined && emailAddress.safeParse(address).success;
  },
  { message: 'must be "addr@example.org" or "Name <addr@example.org>"' },
);

const smtpSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (usually port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    /** Refuse to send unless the connection is upgraded with STARTTLS. */
    requireTLS: z.boolean().default(false),
    auth: z
      .object({
        user: z.string().min(1),
        pass: z.string().min(1).optional(),
        /** Name of the environment variable holding the password (keeps it out of the file). */
        passEnv: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
          .optional(),
      })
      .strict()
      .refine((auth) => (auth.pass === undefined) !== (auth.passEnv === undefined), {
        message: 'needs exactly one of pass or passEnv',
      })
      .optional(),
    tls: z
      .object({
        rejectUnauthorized: z.boolean().default(true),
        /** CA certificate (PEM) of a private mail server; path relative to the config file. */
        caFile: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    /** connection, greeting and socket timeout: a server that stops answering fails after this. */
    timeoutSecs: z.number().positive().default(30),
    /** Tries per message when the server is unreachable or answers 4xx; later cycles try again. */
    attempts: z.number().int().min(1).max(10).default(3),
    /** First wait between tries; doubles each time. */
    retryDelaySecs: z.number().min(0).max(300).default(2),
  })
  .strict();

const emailSchema = z
  .object({
    smtp: smtpSchema,
    from: mailbox,
    /** Who gets the weekly digest (overridden by `digest --to`). */
    digestRecipients: z.array(emailAddress).default([]),
    /** Incident-response recipients of urgent alerts. */
    alertRecipients: z.array(emailAddress).default([]),
  })
  .strict();

const alertsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** An item whose distortion score reaches this is urgent. */
    distortionThreshold: z.number().min(0).max(1).default(0.85),
    /** Only items about the tracked event (congress-related) raise distortion alerts. */
    congressOnly: z.boolean().default(true),
    /** Older items (by published, else fetched time) raise no distortion alert: a first crawl of an archive is not urgent. */
    maxAgeHours: z.number().positive().default(72),
    /** A cluster is urgent when it gains `items` items within `withinHours`. */
    clusterGrowth: z
      .object({
        items: z.number().int().min(2).default(5),
        withinHours: z
          .number()
          .positive()
          .max(24 * 30)
          .default(6),
        /** Only clusters with at least one flagged item in that window. */
        flaggedOnly: z.boolean().default(true),
      })
      .strict()
      .default({}),
    /** Also POST each alert as JSON here (chat bridge, incident tool). */
    webhookUrl: httpUrl.optional(),
    webhookTimeoutSecs: z.number().positive().default(10),
    /** Remembers which alerts went out on which channel, so nothing is sent twice; default alerts.db under dataDir. */
    statePath: z.string().min(1).optional(),
    /** An alert that could not be delivered is retried each cycle for this long. */
    retryForHours: z.number().positive().default(24),
  })
  .strict()
  .default({});

const cronExpression = z.string().superRefine((expression, ctx) => {
  const result = validateCron(expression);
  if (!result.valid) {
    const why = result.errors.map((error) => error.message).join('; ');
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not a valid cron expression ("${expression}": ${why})` });
  }
});

const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a known IANA time zone' },
);

const schedulesSchema = z
  .object({
    /** Time zone every cron expression below is read in. */
    timezone: timeZone.default('Asia/Ho_Chi_Minh'),
    /** Crawl jobs; an entry without `sources` crawls every enabled source no other entry names. */
    crawl: z
      .array(
        z
          .object({
            name: z
              .string()
              .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, ".", "_" or "-"')
              .optional(),
            cron: cronExpression,
            sources: z.array(z.string().min(1)).min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    /**
     * Default crawl interval per kind of source under `serve` (feeds faster than sites); a source's
     * own `every` overrides it. Without this, `crawl` entries or a source's `every`, serve crawls nothing.
     */
    every: z
      .object({ news: duration.default('10m'), rss: duration.default('2m'), social: duration.default('5m') })
      .strict()
      .optional(),
    /** When the weekly digest goes out (it covers the last complete ISO week). */
    digest: cronExpression.optional(),
    /** When items older than `retentionDays` are deleted. */
    retention: cronExpression.optional(),
    /** When a backup goes to `backup.dir` (older ones beyond `backup.keep` are then deleted). */
    backup: cronExpression.optional(),
  })
  .strict()
  .default({});

// --- Own-portal integrity watch (see docs/portals.md) ---

const portalSelectors = z.array(z.string().trim().min(1, 'must not be empty'));

const portalPageSchema = z
  .object({
    /** Pages whose URL matches this regular expression use the selectors below instead of the portal's. */
    urlPattern: regexString,
    stableSelectors: portalSelectors.optional(),
    changingSelectors: portalSelectors.optional(),
  })
  .strict();

const portalSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, ".", "_" or "-"'),
    name: z.string().optional(),
    enabled: z.boolean().default(true),
    startUrls: z.array(httpUrl).min(1),
    /** Also watch the pages listed in the site's sitemaps. */
    sitemap: z.boolean().default(false),
    /** Follow same-site links this many clicks away from the start URLs (0: start URLs and sitemap only). */
    linkDepth: z.number().int().min(0).max(5).default(1),
    /** Pages watched per run (pages already in the baseline are always re-checked). */
    maxPages: z.number().int().positive().default(50),
    requestsPerMinute: z.number().int().positive().optional(),
    include: z.array(regexString).default([]),
    exclude: z.array(regexString).default([]),
    /** Cron expression (schedules.timezone) for `serve`; without it the portal is checked only by `portals check`. */
    schedule: cronExpression.optional(),
    /** Parts that must not change (CSS selectors; the first listed claims nested matches). */
    stableSelectors: portalSelectors.default(['header', 'nav', 'footer', '.contact']),
    /** Parts expected to change (news lists, counters, dates): ignored by every comparison but the lexicon's strong terms and origins. */
    changingSelectors: portalSelectors.default([]),
    pages: z.array(portalPageSchema).default([]),
    /** Script/iframe/form origins that never raise an incident (maps, video, analytics the office uses). */
    trustedOrigins: z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin such as "https://www.youtube.com"')).default([]),
    /** CA certificate (PEM) for a portal whose certificate comes from a private CA; path relative to the config file. */
    caFile: z.string().min(1).optional(),
  })
  .strict();

const portalsSchema = z
  .array(portalSchema)
  .default([])
  .superRefine((portals, ctx) => {
    const seen = new Set<string>();
    portals.forEach((portal, index) => {
      if (seen.has(portal.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `duplicate id "${portal.id}"`, path: [index, 'id'] });
      seen.add(portal.id);
    });
  });

const portalWatchSchema = z
  .object({
    /** Defacement / gambling / phishing terms (YAML), relative to the config file. */
    lexicon: z.string().min(1).default('portal-defacement.yaml'),
    /** A certificate expiring within this many days raises an incident. */
    certWarningDays: z.number().int().min(1).max(365).default(14),
    /** Baselines, observations and incidents (SQLite); default portals.db under dataDir. */
    statePath: z.string().min(1).optional(),
    /** New inline <script> blocks raise an incident (turn off for sites that inline per-request values). */
    watchInlineScripts: z.boolean().default(true),
  })
  .strict()
  .default({});

/** Users, sessions, review state, responses and the audit log (a local SQLite file). */
const workflowSchema = z
  .object({
    /** Default: workflow.db under dataDir. */
    path: z.string().min(1).optional(),
  })
  .strict()
  .default({});

/** Backups (see docs/backups.md): where `mediawatch backup` and the scheduled job write, and how many are kept. */
const backupSchema = z
  .object({
    /** Folder of the dated backup folders (relative to the config file); default backups/ under dataDir. */
    dir: z.string().min(1).optional(),
    /** Complete backups kept by the scheduled job (and `backup --keep`); older ones are deleted. */
    keep: z.number().int().min(1).default(14),
  })
  .strict()
  .default({});

/** Sessions, login lockout, rate limits and proxies for the API (see docs/review-workflow.md). */
const securitySchema = z
  .object({
    /** A session ends this long after login ... */
    sessionHours: z
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
    /** ... or after this long without a request. */
    idleMinutes: z.number().positive().default(60),
    lockout: z
      .object({
        threshold: z.number().int().min(1).default(5),
        baseSeconds: z.number().int().positive().default(60),
        maxSeconds: z.number().int().positive().default(3600),
        forgetAfterHours: z.number().positive().default(24),
      })
      .strict()
      .default({}),
    rateLimits: z
      .object({
        /** Login attempts per client address per minute. */
        loginPerMinute: z.number().int().positive().default(10),
        /** API requests per user (or address, before login) per minute. */
        apiPerMinute: z.number().int().positive().default(600),
      })
      .strict()
      .default({}),
    /** Express "trust proxy": false, a hop count, or proxy addresses/subnets. Needed for Secure cookies behind TLS-terminating proxies. */
    trustProxy: z.union([z.boolean(), z.number().int().min(0), z.array(z.string().min(1))]).default(false),
    /** log2 of scrypt's N for password hashes (15 = 32 MiB, about 0.1 s). */
    scryptCost: z.number().int().min(14).max(20).default(15),
  })
  .strict()
  .default({});

export const configSchema = z
  .object({
    store: z.discriminatedUnion('engine', [sqliteStoreSchema, elasticsearchStoreSchema]).default({ engine: 'sqlite' }),
    crawler: crawlerSchema,
    sources: z.array(sourceSchema).default([]),
    /** Pseudonymisation of social authors; a key is required once a social source is configured. */
    privacy: privacySchema,
    ocr: ocrSchema,
    /**
     * The folder every state file lives in unless its own key names another place (relative to
     * the config file): crawl state, crawl memory, source runs, OCR cache, items, search index,
     * ES outbox, workflow (users, sessions), alerts, portal watch, backups.
     */
    dataDir: z.string().min(1).default('../data'),
    /** Feed validators and connector cursors kept between runs; default crawl-state.json under dataDir (the crawl memory, run log and OCR cache sit beside it). */
    statePath: z.string().min(1).optional(),
    /** Topic lexicon files (YAML). */
    topics: z.array(z.string().min(1)).min(1).default(['topics/congress-2020.yaml']),
    /** Distortion cue files (YAML). */
    distortionCues: z.array(z.string().min(1)).default(['topics/distortion-cues.yaml']),
    abbreviations: z.string().min(1).default('abbreviations.yaml'),
    officialFacts: z.string().min(1).default('official-facts.yaml'),
    /** Markers of reported speech and of the item's own voice (pipeline/nlp/discourse.ts); absent: not read. */
    discourse: z.string().min(1).optional(),
    /** Holders of gatherings (pipeline/nlp/gatherings.ts): another organisation's "đại hội" is not ours; absent: not read. */
    gatherings: z.string().min(1).optional(),
    /** Learned model (JSON, written by `mediawatch train`) combined with the lexicons; absent: lexicons only. */
    model: z.string().min(1).optional(),
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
    workflow: workflowSchema,
    security: securitySchema,
    /** Public base URL of the dashboard, for links in e-mails and alerts. */
    dashboardUrl: httpUrl.default('http://127.0.0.1:8080'),
    email: emailSchema.optional(),
    alerts: alertsSchema,
    schedules: schedulesSchema,
    backup: backupSchema,
    /** Own portals watched for defacement and unexpected changes (see docs/portals.md). */
    portals: portalsSchema,
    portalWatch: portalWatchSchema,
    /** Items older than this many days are deleted by the retention job. */
    retentionDays: z.number().int().positive().default(730),
  })
  .strict()
  .transform((config) => {
    // State paths not given fall under dataDir; given ones stay relative to the config file.
    const inData = (name: string) => join(config.dataDir, name);
    const store =
      config.store.engine === 'sqlite'
        ? { ...config.store, path: config.store.path ?? inData('mediawatch.db') }
        : { ...config.store, outboxPath: config.store.outboxPath ?? inData('es-outbox.db') };
    return {
      ...config,
      store,
      statePath: config.statePath ?? inData('crawl-state.json'),
      workflow: { ...config.workflow, path: config.workflow.path ?? inData('workflow.db') },
      alerts: { ...config.alerts, statePath: config.alerts.statePath ?? inData('alerts.db') },
      portalWatch: { ...config.portalWatch, statePath: config.portalWatch.statePath ?? inData('portals.db') },
      backup: { ...config.backup, dir: config.backup.dir ?? inData('backups') },
    };
  });

export type MediawatchConfig = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type NewsSourceConfig = z.infer<typeof newsSourceSchema>;
export type RssSourceConfig = z.infer<typeof rssSourceSchema>;
export type BroadcastSourceConfig = z.infer<typeof broadcastSourceSchema>;
export type MastodonSourceConfig = z.infer<typeof mastodonSourceSchema>;
export type BlueskySourceConfig = z.infer<typeof blueskySourceSchema>;
export type YoutubeSourceConfig = z.infer<typeof youtubeSourceSchema>;
export type TelegramSourceConfig = z.infer<typeof telegramSourceSchema>;
export type RedditSourceConfig = z.infer<typeof redditSourceSchema>;
export type FileSourceConfig = z.infer<typeof fileSourceSchema>;
export type EpaperSourceConfig = z.infer<typeof epaperSourceSchema>;
export type OcrConfig = z.infer<typeof ocrSchema>;
export type SocialSourceConfig = Extract<SourceConfig, { kind: (typeof SOCIAL_KINDS)[number] }>;
export type PrivacyConfig = z.infer<typeof privacySchema>;
export type StoreConfig = MediawatchConfig['store'];
export type EmailConfig = z.infer<typeof emailSchema>;
export type AlertsConfig = z.infer<typeof alertsSchema>;
export type PortalConfig = z.infer<typeof portalSchema>;

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
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

/** Cross-field rules of the social (and broadcast) sources that the schema cannot express per key. */
function checkSocialSources(config: MediawatchConfig, where: string): void {
  const problems: string[] = [];
  const social: string[] = [];
  config.sources.forEach((source, index) => {
    const at = `sources[${index}]`;
    if (source.kind === 'broadcast' && !source.listingUrls.length && !source.feeds.length) problems.push(`${at}: needs listingUrls or feeds`);
    if (source.kind === 'epaper' && (source.urlPattern === undefined) === (source.indexUrl === undefined))
      problems.push(`${at}: needs exactly one of urlPattern or indexUrl`);
    if (!(SOCIAL_KINDS as readonly string[]).includes(source.kind)) return;
    social.push(source.id);
    if (source.kind === 'mastodon' && !source.hashtags.length && !source.accounts.length) problems.push(`${at}: needs hashtags or accounts`);
    if (source.kind === 'bluesky' && !source.searches.length && !source.authors.length) problems.push(`${at}: needs searches or authors`);
    if (source.kind === 'youtube' && !source.channels.length && !source.playlists.length) problems.push(`${at}: needs channels or playlists`);
    if (source.kind === 'telegram' && !source.channels.length) problems.push(`${at}.channels: needs at least one channel`);
    if (source.kind === 'reddit' && !source.subreddits.length && !source.searches.length) problems.push(`${at}: needs subreddits or searches`);
  });
  const { pseudonymKey, pseudonymKeyEnv } = config.privacy;
  if (pseudonymKey !== undefined && pseudonymKeyEnv !== undefined) {
    problems.push('privacy: use either pseudonymKey or pseudonymKeyEnv, not both');
  } else if (social.length && pseudonymKey === undefined && pseudonymKeyEnv === undefined) {
    problems.push(
      `privacy.pseudonymKeyEnv: social sources (${social.join(', ')}) pseudonymise authors with a keyed hash; ` +
        'name the environment variable holding the key (or set privacy.pseudonymKey)',
    );
  }
  if (problems.length) throw new ConfigError(`Invalid config ${where}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/** Validates an already-parsed config object; `where` names its origin in error messages. */
export function parseConfig(raw: unknown, where: string, baseDir: string): LoadedConfig {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = formatPath(issue.path) || '(top level)';
      const detail = issue.code === 'unrecognized_keys' ? `unknown key(s): ${issue.keys.join(', ')}` : issue.message;
      return `  - ${key}: ${detail}`;
    });
    throw new ConfigError(`Invalid config ${where}:\n${lines.join('\n')}`);
  }
  const ids = new Set<string>();
  result.data.sources.forEach((source, index) => {
    if (ids.has(source.id)) throw new ConfigError(`Invalid config ${where}:\n  - sources[${index}].id: duplicate id "${source.id}"`);
    ids.add(source.id);
  });
  result.data.schedules.crawl.forEach((job, index) => {
    job.sources?.forEach((id, j) => {
      if (!ids.has(id)) throw new ConfigError(`Invalid config ${where}:\n  - schedules.crawl[${index}].sources[${j}]: unknown source "${id}"`);
    });
  });
  if (result.data.schedules.every && result.data.schedules.crawl.some((entry) => !entry.sources)) {
    throw new ConfigError(
      `Invalid config ${where}:\n  - schedules.every: a schedules.crawl entry without sources sets the default interval too; keep one of them`,
    );
  }
  if (result.data.schedules.digest && !result.data.email?.digestRecipients.length) {
    throw new ConfigError(`Invalid config ${where}:\n  - schedules.digest: needs the "email" section with smtp, from and digestRecipients`);
  }
  checkSocialSources(result.data, where);
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

/** The OCR state file: `ocr.statePath`, else ocr.db beside the crawl state (statePath). */
export function ocrStatePath(config: Pick<LoadedConfig, 'baseDir' | 'statePath' | 'ocr'>): string {
  return configRelative(config, config.ocr.statePath ?? join(dirname(config.statePath), 'ocr.db'));
}

/** Resolves a path from the config relative to the config file's directory. */
export function configRelative(config: Pick<LoadedConfig, 'baseDir'>, path: string): string {
  return isAbsolute(path) ? path : resolve(config.baseDir, path);
}
