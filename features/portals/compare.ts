// The comparison rules of the portal watch: pure functions from the accepted baseline and what
// a check observed to findings, each with a Vietnamese title for people, an explanation of the
// rule, and a readable diff. Also how an acknowledgement folds a finding back into the baseline.
import { shortHash } from './fingerprint.ts';
import { unifiedDiff, valueDiff } from './diff.ts';
import { raisesIncident, type TermPlace } from './defacement-lexicon.ts';
import { daysLeft, type TlsCheckResult } from './tls.ts';
import { ORIGIN_KINDS, type Finding, type OriginKind, type PageFingerprint, type PortalBaseline, type StablePart, type TermHit } from './types.ts';

export interface CompareOptions {
  /** Origins that never raise an incident (besides the page's own). */
  trustedOrigins: string[];
  watchInlineScripts: boolean;
}

/** A page answered normally: 2xx/3xx handled, same site, HTML or not. */
export function isHealthy(page: Pick<PageFingerprint, 'status' | 'offsiteRedirect'>): boolean {
  return page.status >= 200 && page.status < 400 && !page.offsiteRedirect;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function statusText(page: Pick<PageFingerprint, 'status' | 'error' | 'offsiteRedirect'>): string {
  if (page.offsiteRedirect) return `redirect → ${page.offsiteRedirect}`;
  if (page.status === 0) return `unreachable (${page.error ?? 'no answer'})`;
  return `HTTP ${page.status}`;
}

/**
 * Status rules. A page of the baseline that now answers 404/410 is missing; 5xx, other 4xx and
 * network failures are errors; a redirect (HTTP or meta refresh) to another host is off-site.
 * The same state already accepted raises nothing; a page without a baseline raises nothing.
 */
export function compareStatus(baseline: PageFingerprint | undefined, observed: PageFingerprint): Finding[] {
  if (!baseline || isHealthy(observed)) return [];
  const accepted = baseline.status === observed.status && baseline.offsiteRedirect === observed.offsiteRedirect;
  if (accepted) return [];
  const diff = valueDiff('status', statusText(baseline), statusText(observed));
  const url = observed.url;
  if (observed.offsiteRedirect) {
    const target = (() => {
      try {
        return new URL(observed.offsiteRedirect).origin;
      } catch {
        return observed.offsiteRedirect;
      }
    })();
    return [
      {
        kind: 'offsite_redirect',
        severity: 'critical',
        aspect: 'status',
        signature: `redirect:${target}`,
        url,
        title: `Trang chuyển hướng sang trang web khác: ${target}`,
        explanation: `The page now sends visitors to another host (${observed.offsiteRedirect}); the accepted baseline was ${statusText(baseline)}. Attackers redirect hacked portals to gambling or phishing sites.`,
        diff,
        observed: { status: observed.status, offsiteRedirect: observed.offsiteRedirect },
      },
    ];
  }
  if (observed.status === 404 || observed.status === 410) {
    return [
      {
        kind: 'page_missing',
        severity: 'high',
        aspect: 'status',
        signature: `status:${observed.status}`,
        url,
        title: `Trang trước đây tồn tại nay không còn (HTTP ${observed.status})`,
        explanation: `The page was in the accepted baseline (${statusText(baseline)}) and now answers HTTP ${observed.status}. Acknowledging stops watching it.`,
        diff,
        observed: { status: observed.status },
      },
    ];
  }
  return [
    {
      kind: 'page_error',
      severity: observed.status >= 500 || observed.status === 0 ? 'high' : 'warning',
      aspect: 'status',
      signature: `status:${observed.status}`,
      url,
      title: observed.status === 0 ? 'Không truy cập được trang' : `Trang trả về lỗi HTTP ${observed.status}`,
      explanation: `The page answered ${statusText(observed)} where the accepted baseline was ${statusText(baseline)} (after one retry).`,
      diff,
      observed: { status: observed.status, error: observed.error },
    },
  ];
}

/**
 * A part that should not change (header, footer, contact block ...) whose readable text, link
 * targets or tag structure differ from the baseline. Parts the baseline does not know (a
 * selector added to the config since) raise nothing; they are adopted.
 */
export function compareStableParts(baseline: PageFingerprint, observed: PageFingerprint): Finding[] {
  const findings: Finding[] = [];
  const before = new Map((baseline.stable ?? []).map((part) => [part.selector, part]));
  for (const part of observed.stable ?? []) {
    const old = before.get(part.selector);
    if (!old || (old.textHash === part.textHash && old.structureHash === part.structureHash)) continue;
    const textChanged = old.textHash !== part.textHash;
    const what = old.count && !part.count ? 'removed' : !old.count && part.count ? 'added' : textChanged ? 'changed' : 'restructured';
    const diff = textChanged
      ? unifiedDiff(old.lines, part.lines, { fromLabel: `baseline ${part.selector}`, toLabel: `now ${part.selector}` })
      : `(the text and link targets of "${part.selector}" are the same; its HTML tag structure changed)`;
    findings.push({
      kind: 'stable_changed',
      severity: 'high',
      aspect: `stable:${part.selector}`,
      signature: `${part.selector}:${old.textHash}/${old.structureHash}->${part.textHash}/${part.structureHash}`,
      url: observed.url,
      title:
        what === 'removed'
          ? `Phần cố định "${part.selector}" đã bị gỡ khỏi trang`
          : what === 'restructured'
            ? `Cấu trúc phần cố định "${part.selector}" thay đổi`
            : `Phần cố định "${part.selector}" đã thay đổi`,
      explanation: `"${part.selector}" is configured as a part that should not change; its ${textChanged ? 'text or link targets' : 'tag structure'} ${what === 'changed' || what === 'restructured' ? 'differ from' : what === 'removed' ? 'disappeared compared with' : 'appeared compared with'} the accepted baseline.`,
      diff,
      observed: part,
    });
  }
  return findings;
}

export function compareTitle(baseline: PageFingerprint, observed: PageFingerprint): Finding[] {
  if (baseline.title === undefined || observed.title === undefined || baseline.title === observed.title) return [];
  return [
    {
      kind: 'title_changed',
      severity: 'high',
      aspect: 'title',
      signature: `title:${shortHash(observed.title)}`,
      url: observed.url,
      title: `Tiêu đề trang thay đổi thành "${observed.title.slice(0, 120)}"`,
      explanation: 'The <title> of the page differs from the accepted baseline; defacements usually replace it.',
      diff: valueDiff('title', baseline.title, observed.title),
      observed: observed.title,
    },
  ];
}

export function compareFavicon(baseline: PageFingerprint, observed: PageFingerprint): Finding[] {
  const before = baseline.favicon;
  const now = observed.favicon;
  if (!before || !now) return [];
  const state = (icon: NonNullable<PageFingerprint['favicon']>) => icon.hash ?? 'missing';
  if (state(before) === state(now)) return [];
  // A favicon that could not be fetched this time (timeout) is not evidence of a change.
  if (!now.hash && now.error && !/^HTTP 4/.test(now.error)) return [];
  const describe = (icon: NonNullable<PageFingerprint['favicon']>) =>
    `${pathOf(icon.url)} ${icon.hash ? `sha256:${icon.hash.slice(0, 12)}` : `(${icon.error ?? 'missing'})`}`;
  return [
    {
      kind: 'favicon_changed',
      severity: 'warning',
      aspect: 'favicon',
      signature: `favicon:${state(now)}`,
      url: observed.url,
      title: 'Biểu tượng trang (favicon) thay đổi',
      explanation: 'The favicon the page links to (or /favicon.ico) has different bytes than in the accepted baseline.',
      diff: valueDiff('favicon', describe(before), describe(now)),
      observed: now,
    },
  ];
}

const ORIGIN_LABEL: Record<OriginKind, string> = {
  script: 'mã script',
  iframe: 'khung nhúng (iframe)',
  form: 'biểu mẫu gửi dữ liệu',
  link: 'tài nguyên liên kết',
};

/**
 * Scripts, frames and form targets from an origin the portal has never used (anywhere on the
 * site, per the portal baseline), other than the page's own origin and the trusted ones.
 * Linked resources (stylesheets, fonts) are recorded but raise nothing.
 */
export function compareOrigins(portal: PortalBaseline, observed: PageFingerprint, options: Pick<CompareOptions, 'trustedOrigins'>): Finding[] {
  const own = new URL(observed.finalUrl || observed.url).origin;
  const trusted = new Set([own, new URL(observed.url).origin, ...options.trustedOrigins]);
  const findings: Finding[] = [];
  for (const kind of ['script', 'iframe', 'form'] as const) {
    const known = new Set(portal.origins[kind]);
    for (const ref of observed.origins?.[kind] ?? []) {
      if (trusted.has(ref.origin) || known.has(ref.origin)) continue;
      findings.push({
        kind: 'new_origin',
        severity: kind === 'iframe' ? 'high' : 'critical',
        aspect: `origin:${kind}:${ref.origin}`,
        signature: `${kind}:${ref.origin}`,
        url: observed.url,
        title: `Xuất hiện ${ORIGIN_LABEL[kind]} từ nguồn mới ${ref.origin}`,
        explanation: `A <${kind === 'form' ? 'form' : kind}> on the page ${kind === 'form' ? 'sends data to' : 'loads from'} ${ref.origin}, which no page of the portal used in the accepted baseline and which is not in trustedOrigins. Injected scripts and forms are how portals are turned against their visitors.`,
        diff: [
          `--- baseline ${kind} origins`,
          `+++ now ${kind} origins`,
          ...[...known].sort().map((o) => ` ${o}`),
          ...ref.examples.map((example) => `+${ref.origin} (${example})`),
        ].join('\n'),
        observed: { kind, origin: ref.origin },
      });
    }
  }
  return findings;
}

/** Inline <script> blocks the portal baseline does not know (numbers and long tokens normalised away). */
export function compareInlineScripts(portal: PortalBaseline, observed: PageFingerprint): Finding[] {
  const known = new Set(portal.inlineScripts);
  return (observed.inlineScripts ?? [])
    .filter((script) => !known.has(script.hash))
    .map((script) => ({
      kind: 'new_inline_script' as const,
      severity: 'high' as const,
      aspect: `inline-script:${script.hash}`,
      signature: `inline:${script.hash}`,
      url: observed.url,
      title: 'Xuất hiện đoạn mã script nhúng mới trong trang',
      explanation: 'An inline <script> block that no page of the portal had in the accepted baseline (numbers and long tokens are ignored when comparing).',
      diff: [`--- baseline inline scripts`, `+++ now inline scripts`, `+<script> ${script.preview}${script.preview.length >= 160 ? ' …' : ''}`].join('\n'),
      observed: { hash: script.hash },
    }));
}

/**
 * Whether a term seen on a page counts: see `raisesIncident`. On a page seen for the first time
 * (a new article, whose headline may well be about a gambling crackdown) weak terms count only
 * in hidden text.
 */
export function termCounts(hit: Pick<TermHit, 'strength' | 'place'>, newPage: boolean): boolean {
  if (!raisesIncident(hit.strength, hit.place)) return false;
  return !newPage || hit.strength === 'strong' || hit.place === 'hidden';
}

const PLACE_LABEL: Record<TermPlace, string> = {
  hidden: 'hidden text',
  title: 'title',
  meta: 'meta tags',
  stable: 'stable part',
  body: 'page text',
  changing: 'changing part',
};

/**
 * Defacement, gambling or phishing terms the page gained: terms that count (see `termCounts`)
 * and that the accepted baseline did not already have at a place where they count.
 */
export function compareTerms(baseline: PageFingerprint | undefined, observed: PageFingerprint): Finding[] {
  const newPage = !baseline;
  const accepted = new Set((baseline?.terms ?? []).filter((hit) => termCounts(hit, false)).map((hit) => hit.term));
  const gained = (observed.terms ?? []).filter((hit) => termCounts(hit, newPage) && !accepted.has(hit.term));
  if (!gained.length) return [];
  const critical = gained.some((hit) => hit.strength === 'strong' || hit.place === 'hidden');
  const quoted = gained.map((hit) => `"${hit.term}"`).join(', ');
  return [
    {
      kind: 'suspicious_terms',
      severity: critical ? 'critical' : 'high',
      aspect: 'terms',
      signature: `terms:${gained
        .map((hit) => hit.term)
        .sort()
        .join('|')}`,
      url: observed.url,
      title: `Trang có từ ngữ cờ bạc, tấn công hoặc lừa đảo: ${quoted}`,
      explanation: `Terms of the defacement lexicon appeared that the accepted baseline of the page did not have (${gained
        .map((hit) => `${hit.term}: ${hit.strength}, ${hit.category}, in ${PLACE_LABEL[hit.place]}`)
        .join('; ')}).`,
      diff: [
        '--- baseline',
        '+++ now',
        ...gained.map((hit) => `+[${hit.category}/${hit.strength}, ${PLACE_LABEL[hit.place]}] "${hit.term}": ${hit.snippet}`),
      ].join('\n'),
      observed: observed.terms ?? [],
    },
  ];
}

/** Every page-level rule for one page. `portal` is undefined on a portal's very first check. */
export function comparePage(
  baseline: PageFingerprint | undefined,
  observed: PageFingerprint,
  portal: PortalBaseline | undefined,
  options: CompareOptions,
): Finding[] {
  const findings = compareStatus(baseline, observed);
  if (!isHealthy(observed) || !observed.html) return findings;
  findings.push(...compareTerms(baseline, observed));
  if (portal) {
    findings.push(...compareOrigins(portal, observed, options));
    // Inline scripts of a page seen for the first time (a new article) are adopted, not raised.
    if (baseline && options.watchInlineScripts) findings.push(...compareInlineScripts(portal, observed));
  }
  if (baseline && isHealthy(baseline) && baseline.html) {
    findings.push(...compareStableParts(baseline, observed), ...compareTitle(baseline, observed), ...compareFavicon(baseline, observed));
  }
  return findings;
}

/** Expiry thresholds (days) at which a new expiry incident is raised for the same certificate. */
const EXPIRY_STEPS = [1, 3, 7, 14, 30, 60, 90];

/**
 * TLS rules for one host: expired, expiring within `warningDays`, not issued for the hostname,
 * not chaining to a trusted CA. The signature holds the certificate fingerprint, so a renewed
 * certificate starts afresh, and the expiry step, so 14 → 7 → 3 → 1 days each alert again.
 */
export function tlsFindings(result: TlsCheckResult, warningDays: number, now: Date, url: string): Finding[] {
  const where = `${result.host}:${result.port}`;
  if (result.error) {
    return [
      {
        kind: 'site_unreachable',
        severity: 'high',
        aspect: 'tls',
        signature: `tls-error:${where}:${result.error.split(':')[0]}`,
        url,
        title: `Không thiết lập được kết nối TLS tới ${result.host}`,
        explanation: `The TLS handshake with ${where} failed: ${result.error}`,
        diff: `TLS ${where}: ${result.error}`,
      },
    ];
  }
  const findings: Finding[] = [];
  const left = daysLeft(result, now);
  const certificate = [
    `host: ${where}`,
    `subject: ${result.subject ?? '?'}`,
    `issuer: ${result.issuer ?? '?'}`,
    `names: ${result.altNames ?? '(none)'}`,
    `valid: ${result.validFrom} → ${result.validTo}`,
    `sha256: ${result.fingerprint}`,
  ].join('\n');
  const cert = result.fingerprint ?? 'unknown';
  if (left !== undefined && left < 0) {
    findings.push({
      kind: 'tls_expired',
      severity: 'critical',
      aspect: 'tls',
      signature: `expired:${where}:${cert}`,
      url,
      title: `Chứng chỉ TLS của ${result.host} đã hết hạn (${result.validTo?.slice(0, 10)})`,
      explanation: `The certificate expired ${-left} day(s) ago; browsers show a security warning to every visitor.`,
      diff: certificate,
    });
  } else if (left !== undefined && left <= warningDays) {
    const step = EXPIRY_STEPS.find((days) => left <= days) ?? warningDays;
    findings.push({
      kind: 'tls_expiring',
      severity: left <= 3 ? 'high' : 'warning',
      aspect: 'tls',
      signature: `expiring:${where}:${cert}:${step}`,
      url,
      title: `Chứng chỉ TLS của ${result.host} sẽ hết hạn sau ${left} ngày (${result.validTo?.slice(0, 10)})`,
      explanation: `The certificate is valid until ${result.validTo}, ${left} day(s) from now, within the ${warningDays}-day warning period (portalWatch.certWarningDays).`,
      diff: certificate,
    });
  }
  if (result.hostnameMatches === false) {
    findings.push({
      kind: 'tls_hostname_mismatch',
      severity: 'critical',
      aspect: 'tls',
      signature: `hostname:${where}:${cert}`,
      url,
      title: `Chứng chỉ TLS không dành cho tên miền ${result.host}`,
      explanation: `The certificate does not name ${result.host}: ${result.hostnameError ?? 'hostname mismatch'}.`,
      diff: certificate,
    });
  }
  const trustProblem = result.trustError && !/ALTNAME|HAS_EXPIRED/i.test(result.trustError);
  if (result.trusted === false && trustProblem) {
    findings.push({
      kind: 'tls_untrusted',
      severity: 'high',
      aspect: 'tls',
      signature: `untrusted:${where}:${cert}:${result.trustError}`,
      url,
      title: `Chứng chỉ TLS của ${result.host} không được tin cậy (${result.trustError})`,
      explanation: `The certificate chain does not verify against the trusted CAs: ${result.trustError}. Set the portal's caFile if it comes from a private CA.`,
      diff: certificate,
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Baselines

export function emptyPortalBaseline(): PortalBaseline {
  return { origins: { script: [], iframe: [], form: [], link: [] }, inlineScripts: [] };
}

/**
 * Adds a page's origins and inline scripts to the portal baseline, except those a finding holds
 * back (`held`: aspects such as "origin:script:https://x") until someone acknowledges them.
 */
export function adoptIntoPortal(portal: PortalBaseline, page: PageFingerprint, held: ReadonlySet<string> = new Set()): PortalBaseline {
  const next: PortalBaseline = { origins: { ...portal.origins }, inlineScripts: [...portal.inlineScripts] };
  for (const kind of ORIGIN_KINDS) {
    const set = new Set(next.origins[kind]);
    for (const ref of page.origins?.[kind] ?? []) if (!held.has(`origin:${kind}:${ref.origin}`)) set.add(ref.origin);
    next.origins[kind] = [...set].sort();
  }
  const scripts = new Set(next.inlineScripts);
  for (const script of page.inlineScripts ?? []) if (!held.has(`inline-script:${script.hash}`)) scripts.add(script.hash);
  next.inlineScripts = [...scripts];
  return next;
}

/**
 * The page baseline after a check: what raised nothing is taken from the observation (so the
 * baseline follows ordinary edits of the unwatched content), what raised a finding keeps its
 * accepted value until someone acknowledges it. An unhealthy answer keeps the baseline.
 */
export function nextPageBaseline(baseline: PageFingerprint | undefined, observed: PageFingerprint, findings: Finding[]): PageFingerprint | undefined {
  const aspects = new Set(findings.map((finding) => finding.aspect));
  if (!baseline) {
    if (!isHealthy(observed)) return undefined;
    // Terms that raised on a new page stay out of its baseline, so the next check still sees them.
    return aspects.has('terms') ? { ...observed, terms: (observed.terms ?? []).filter((hit) => !termCounts(hit, true)) } : observed;
  }
  if (!isHealthy(observed)) return baseline;
  if (!observed.html || !baseline.html) return observed;
  const next: PageFingerprint = { ...observed };
  if (aspects.has('title')) next.title = baseline.title;
  if (aspects.has('favicon')) next.favicon = baseline.favicon;
  if (aspects.has('terms')) next.terms = baseline.terms;
  const held = new Map((baseline.stable ?? []).map((part) => [part.selector, part]));
  next.stable = (observed.stable ?? []).map((part) => (aspects.has(`stable:${part.selector}`) ? (held.get(part.selector) ?? part) : part));
  return next;
}

/**
 * Folds an acknowledged finding into the page baseline: the observed value becomes the accepted
 * one. Returns null when the page should stop being watched (an acknowledged missing page).
 */
export function acceptIntoPage(baseline: PageFingerprint | undefined, aspect: string, kind: string, observed: unknown): PageFingerprint | null | undefined {
  if (kind === 'page_missing') return null;
  if (!baseline) return baseline;
  if (aspect === 'status') {
    const value = observed as Pick<PageFingerprint, 'status' | 'offsiteRedirect'>;
    return { ...baseline, status: value.status, offsiteRedirect: value.offsiteRedirect };
  }
  if (aspect === 'title') return { ...baseline, title: observed as string };
  if (aspect === 'favicon') return { ...baseline, favicon: observed as PageFingerprint['favicon'] };
  if (aspect === 'terms') {
    const terms = new Map((baseline.terms ?? []).map((hit) => [hit.term, hit]));
    for (const hit of observed as TermHit[]) terms.set(hit.term, hit);
    return { ...baseline, terms: [...terms.values()].sort((a, b) => a.term.localeCompare(b.term)) };
  }
  if (aspect.startsWith('stable:')) {
    const part = observed as StablePart;
    const stable = (baseline.stable ?? []).filter((candidate) => candidate.selector !== part.selector);
    return { ...baseline, stable: [...stable, part] };
  }
  return baseline;
}

/** Folds an acknowledged origin or inline-script finding into the portal baseline. */
export function acceptIntoPortal(portal: PortalBaseline, aspect: string): PortalBaseline {
  const origin = /^origin:(script|iframe|form|link):(.+)$/.exec(aspect);
  if (origin) {
    const kind = origin[1] as OriginKind;
    return { ...portal, origins: { ...portal.origins, [kind]: [...new Set([...portal.origins[kind], origin[2]])].sort() } };
  }
  const script = /^inline-script:(.+)$/.exec(aspect);
  if (script) return { ...portal, inlineScripts: [...new Set([...portal.inlineScripts, script[1]])] };
  return portal;
}
