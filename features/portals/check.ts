// One check of one portal: fetch its pages politely (robots.txt, per-host rate limit), fingerprint
// them, compare with the accepted baseline, record incidents, move the baseline on where nothing
// raised. Notification is the caller's (see index.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import type { PortalConfig } from '../../core/config.ts';
import type { FetchOptions } from '../../crawlers/fetch.ts';
import type { HostRateLimiter } from '../../crawlers/politeness.ts';
import { discoverFromSitemaps } from '../../crawlers/sitemap.ts';
import { canonicalizeUrl, isAssetUrl, passesPatterns, sameHost } from '../../crawlers/urls.ts';
import { adoptIntoPortal, comparePage, emptyPortalBaseline, isHealthy, nextPageBaseline, tlsFindings } from './compare.ts';
import { fetchPage, type PageResponse } from './portal-fetch.ts';
import { fingerprintPage, shortHash, type PageSelectors } from './fingerprint.ts';
import type { DefacementLexicon } from './defacement-lexicon.ts';
import type { RobotsRules } from './robots.ts';
import type { PortalStore } from './store.ts';
import { checkTls, type TlsCheckOptions, type TlsCheckResult } from './tls.ts';
import type { Finding, PageFingerprint, PortalBaseline, PortalIncident } from './types.ts';

export interface PortalCheckDeps {
  store: PortalStore;
  lexicon: DefacementLexicon;
  limiter: HostRateLimiter;
  /** robots.txt rules (see PortalRobots). */
  robots: RobotsRules;
  fetchOptions: FetchOptions;
  /** crawler.requestsPerMinute, unless the portal sets its own. */
  defaultRequestsPerMinute: number;
  certWarningDays: number;
  watchInlineScripts: boolean;
  /** PEM of the portal's caFile. */
  ca?: string;
  now?: () => Date;
  /** For tests: the TLS check. */
  tls?: (url: string, options: TlsCheckOptions) => Promise<TlsCheckResult>;
  /** Pause before the one retry of a page that answered 5xx or not at all (default 2000 ms). */
  retryDelayMs?: number;
}

export interface PortalCheckResult {
  portalId: string;
  runId: number;
  pagesChecked: number;
  /** Pages seen for the first time (now in the baseline unless they raised something). */
  newPages: string[];
  /** Pages whose content outside the watched parts changed since the previous check (no incident). */
  contentChanged: string[];
  findings: Finding[];
  /** Incidents opened by this check. */
  created: PortalIncident[];
  /** Open incidents seen again. */
  updated: PortalIncident[];
  errors: Array<{ url: string; reason: string }>;
  /** Pages robots.txt does not let us fetch. */
  skipped: string[];
  tls: TlsCheckResult[];
}

/** The selectors that apply to a page: the first `pages` entry whose pattern matches, else the portal's. */
export function selectorsFor(portal: Pick<PortalConfig, 'stableSelectors' | 'changingSelectors' | 'pages'>, url: string): PageSelectors {
  const page = portal.pages.find((entry) => new RegExp(entry.urlPattern).test(url));
  return { stable: page?.stableSelectors ?? portal.stableSelectors, changing: page?.changingSelectors ?? portal.changingSelectors };
}

function originOf(url: string): string {
  return new URL(url).origin;
}

export async function checkPortal(portal: PortalConfig, deps: PortalCheckDeps): Promise<PortalCheckResult> {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const rpm = portal.requestsPerMinute ?? deps.defaultRequestsPerMinute;
  const retryDelay = deps.retryDelayMs ?? 2000;
  const runId = store.startRun(portal.id);
  const result: PortalCheckResult = {
    portalId: portal.id,
    runId,
    pagesChecked: 0,
    newPages: [],
    contentChanged: [],
    findings: [],
    created: [],
    updated: [],
    errors: [],
    skipped: [],
    tls: [],
  };
  const findings = result.findings;

  // TLS, once per https origin of the start URLs.
  const origins = [...new Set(portal.startUrls.map(originOf))];
  for (const origin of origins.filter((o) => o.startsWith('https:'))) {
    const tls = await (deps.tls ?? checkTls)(origin, { ca: deps.ca, timeoutMs: deps.fetchOptions.timeoutSecs * 1000 });
    result.tls.push(tls);
    findings.push(...tlsFindings(tls, deps.certWarningDays, now(), `${origin}/`));
  }

  // robots.txt per origin: a site whose robots.txt cannot be read is not crawled, and that is an incident of its own.
  const reachable = new Set<string>();
  for (const origin of origins) {
    try {
      await deps.robots.get(origin);
      reachable.add(origin);
    } catch (error) {
      const reason = (error as Error).message;
      result.errors.push({ url: `${origin}/robots.txt`, reason });
      findings.push({
        kind: 'site_unreachable',
        severity: 'critical',
        aspect: 'site',
        signature: `robots:${origin}`,
        url: `${origin}/`,
        title: `Không truy cập được cổng thông tin ${new URL(origin).host}`,
        explanation: `robots.txt of ${origin} could not be read (${reason}); the site looks down, so no page was checked.`,
        diff: `${origin}/robots.txt: ${reason}`,
      });
    }
  }

  const throttle = (url: string) => deps.limiter.acquire(url, rpm);
  const beforeRequest = async (url: string) => {
    if (!(await deps.robots.isAllowed(url).catch(() => false))) return false;
    await throttle(url);
    return true;
  };
  const fetchOptions = { ...deps.fetchOptions, ca: deps.ca, beforeRequest };

  const inScope = (url: string) =>
    portal.startUrls.some((start) => sameHost(url, start)) &&
    reachable.has(originOf(url)) &&
    !isAssetUrl(url) &&
    passesPatterns(url, portal.include, portal.exclude);

  // Pages: the start URLs, then links breadth-first (linkDepth), then sitemap pages, then the
  // rest of the baseline. Baseline pages are always checked; new ones only within maxPages.
  const baselineUrls = store.baselineUrls(portal.id);
  const reserved = new Set(baselineUrls);
  const queued = new Set<string>();
  const checked = new Set<string>();
  const queue: Array<{ url: string; depth: number }> = [];
  let newCount = 0;
  const push = (raw: string, depth: number) => {
    let url: string;
    try {
      url = canonicalizeUrl(raw);
    } catch {
      return;
    }
    if (queued.has(url) || !inScope(url)) return;
    if (!reserved.has(url)) {
      if (reserved.size + newCount >= portal.maxPages) return;
      newCount++;
    }
    queued.add(url);
    queue.push({ url, depth });
  };
  portal.startUrls.forEach((url) => push(url, 0));

  const portalBefore: PortalBaseline | undefined = store.portalBaseline(portal.id);
  let portalNext: PortalBaseline = portalBefore ?? emptyPortalBaseline();
  const faviconCache = new Map<string, Promise<NonNullable<PageFingerprint['favicon']>>>();
  const favicon = (url: string) => {
    let pending = faviconCache.get(url);
    if (!pending) {
      pending = fetchPage(url, fetchOptions).then(
        (response) =>
          response.disallowed
            ? { url, error: 'disallowed by robots.txt' }
            : response.status >= 200 && response.status < 300 && response.body.length
              ? { url, hash: shortHash(response.body) }
              : { url, error: response.offsiteRedirect ? `redirect → ${response.offsiteRedirect}` : `HTTP ${response.status}` },
        (error: Error) => ({ url, error: error.message }),
      );
      faviconCache.set(url, pending);
    }
    return pending;
  };

  const fetchWithRetry = async (url: string): Promise<PageResponse | Error> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetchPage(url, fetchOptions);
        if (response.status >= 500 && attempt === 1) {
          await sleep(retryDelay);
          continue;
        }
        return response;
      } catch (error) {
        if (attempt > 1) return error as Error;
        await sleep(retryDelay);
      }
    }
  };

  const checkOne = async (url: string, depth: number) => {
    const response = await fetchWithRetry(url);
    const fetchedAt = now().toISOString();
    let observed: PageFingerprint;
    if (response instanceof Error) {
      observed = { url, finalUrl: url, status: 0, error: response.message, fetchedAt };
    } else if (response.disallowed) {
      result.skipped.push(url);
      return;
    } else if (response.offsiteRedirect) {
      observed = { url, finalUrl: response.finalUrl, status: response.status, offsiteRedirect: response.offsiteRedirect, fetchedAt };
    } else if (response.status >= 200 && response.status < 300 && response.text) {
      const parsed = fingerprintPage(response.text, response.finalUrl, { ...selectorsFor(portal, url), lexicon: deps.lexicon });
      observed = { url, finalUrl: response.finalUrl, status: response.status, html: true, fetchedAt, ...parsed.fingerprint };
      if (parsed.metaRefresh && !sameHost(parsed.metaRefresh, url)) observed.offsiteRedirect = parsed.metaRefresh;
      else {
        observed.favicon = await favicon(parsed.faviconUrl);
        if (depth < portal.linkDepth) parsed.links.forEach((link) => push(link, depth + 1));
        if (parsed.metaRefresh) push(parsed.metaRefresh, depth);
      }
    } else {
      observed = { url, finalUrl: response.finalUrl, status: response.status, html: false, fetchedAt };
    }
    result.pagesChecked++;
    checked.add(url);

    const baseline = store.pageBaseline(portal.id, url);
    const pageFindings = comparePage(baseline, observed, portalBefore, { trustedOrigins: portal.trustedOrigins, watchInlineScripts: deps.watchInlineScripts });
    findings.push(...pageFindings);
    if (!baseline && isHealthy(observed)) result.newPages.push(url);
    const previous = store.observation(portal.id, url);
    if (previous?.textHash && observed.textHash && previous.textHash !== observed.textHash) result.contentChanged.push(url);

    const next = nextPageBaseline(baseline, observed, pageFindings);
    if (next) store.setPageBaseline(portal.id, url, next, 'system');
    if (isHealthy(observed) && observed.html) portalNext = adoptIntoPortal(portalNext, observed, new Set(pageFindings.map((finding) => finding.aspect)));
    store.setObservation(portal.id, observed);
  };

  for (let index = 0; index < queue.length; index++) await checkOne(queue[index].url, queue[index].depth);

  if (portal.sitemap && reachable.has(originOf(portal.startUrls[0]))) {
    const robots = await deps.robots.get(portal.startUrls[0]);
    // The portal fetcher, so a sitemap on a private CA (caFile) is read like the pages.
    const fetchSitemap = async (url: string) => {
      const response = await fetchPage(url, fetchOptions);
      if (response.disallowed) throw new Error('robots.txt disallows it');
      return response;
    };
    const discovered = await discoverFromSitemaps(portal.startUrls[0], robots, fetchSitemap, portal.maxPages);
    result.errors.push(...discovered.errors);
    const before = queue.length;
    discovered.urls.forEach((url) => push(url, portal.linkDepth));
    for (let index = before; index < queue.length; index++) await checkOne(queue[index].url, queue[index].depth);
  }

  // Baseline pages no link led to this time (a page removed from the menu is still watched).
  const before = queue.length;
  baselineUrls.forEach((url) => push(url, portal.linkDepth));
  for (let index = before; index < queue.length; index++) await checkOne(queue[index].url, queue[index].depth);

  store.setPortalBaseline(portal.id, portalNext);
  const recorded = store.recordFindings(portal.id, findings, checked);
  result.created = recorded.created;
  result.updated = recorded.updated;
  store.finishRun(runId, { pagesChecked: result.pagesChecked, newIncidents: recorded.created.length, errors: result.errors, tls: result.tls });
  return result;
}
