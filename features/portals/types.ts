// Shapes shared by the portal watch: page fingerprints, findings of the comparison rules, incidents.
import type { TermPlace, TermStrength } from './defacement-lexicon.ts';

export type OriginKind = 'script' | 'iframe' | 'form' | 'link';
export const ORIGIN_KINDS: readonly OriginKind[] = ['script', 'iframe', 'form', 'link'];

/** One part of a page that should not change (a stable selector's matches). */
export interface StablePart {
  selector: string;
  /** Elements the selector matched (0: the part is absent). */
  count: number;
  /** Readable rendering (text lines, with link, image, script and form targets): what the diffs show. */
  lines: string[];
  /** Hash of `lines`. */
  textHash: string;
  /** Hash of the tag tree without text. */
  structureHash: string;
}

export interface TermHit {
  term: string;
  category: string;
  strength: TermStrength;
  /** The most telling place the term was seen (hidden text beats the title beats the stable parts ...). */
  place: TermPlace;
  snippet: string;
}

export interface OriginRef {
  /** "https://host[:port]", or the scheme ("data:", "javascript:") of a URL without an origin. */
  origin: string;
  /** A few of the URLs seen from that origin. */
  examples: string[];
}

export interface InlineScript {
  hash: string;
  preview: string;
}

/** What one check saw of one page. Errors leave the content fields out. */
export interface PageFingerprint {
  /** The watched URL (as requested). */
  url: string;
  /** After same-site redirects. */
  finalUrl: string;
  /** HTTP status of the final answer; 0 when the page could not be fetched at all. */
  status: number;
  error?: string;
  /** Where an off-site redirect (HTTP or meta refresh) pointed. */
  offsiteRedirect?: string;
  fetchedAt: string;
  html?: boolean;
  title?: string;
  favicon?: { url: string; hash?: string; error?: string };
  /** Hash of the page's text outside the changing parts (informational: not an incident by itself). */
  textHash?: string;
  /** Hash of the tag tree outside the changing parts (informational). */
  structureHash?: string;
  stable?: StablePart[];
  origins?: Record<OriginKind, OriginRef[]>;
  inlineScripts?: InlineScript[];
  terms?: TermHit[];
}

/** Portal-wide accepted state: origins and inline scripts are judged against the whole site. */
export interface PortalBaseline {
  origins: Record<OriginKind, string[]>;
  inlineScripts: string[];
}

export type IncidentKind =
  | 'stable_changed'
  | 'new_origin'
  | 'new_inline_script'
  | 'suspicious_terms'
  | 'page_missing'
  | 'page_error'
  | 'offsite_redirect'
  | 'title_changed'
  | 'favicon_changed'
  | 'tls_expiring'
  | 'tls_expired'
  | 'tls_hostname_mismatch'
  | 'tls_untrusted'
  | 'site_unreachable';

export const INCIDENT_KINDS: readonly IncidentKind[] = [
  'stable_changed',
  'new_origin',
  'new_inline_script',
  'suspicious_terms',
  'page_missing',
  'page_error',
  'offsite_redirect',
  'title_changed',
  'favicon_changed',
  'tls_expiring',
  'tls_expired',
  'tls_hostname_mismatch',
  'tls_untrusted',
  'site_unreachable',
];

export type Severity = 'critical' | 'high' | 'warning';

/**
 * What a comparison rule found on one page (or, for TLS, one host). Findings with the same
 * kind and signature on several pages become one incident.
 */
export interface Finding {
  kind: IncidentKind;
  severity: Severity;
  /** What an acknowledgement accepts into the baseline: "stable:footer", "origin:script:https://x", "terms", "status", "title", "favicon", "tls". */
  aspect: string;
  /** Same kind + signature on several pages = one incident ("footer changed on 12 pages"). */
  signature: string;
  /** The page; absent for host-level findings (TLS, robots). */
  url?: string;
  /** One line in Vietnamese for the people who receive the alert. */
  title: string;
  /** The rule that fired and why, for whoever checks it. */
  explanation: string;
  /** Readable before → after (a unified diff where there is text). */
  diff: string;
  /** The observed value an acknowledgement accepts for this page (see `acceptFinding`). */
  observed?: unknown;
}

export type IncidentStatus = 'open' | 'acknowledged';

export interface IncidentPage {
  url: string;
  diff: string;
  observed?: unknown;
}

export interface PortalIncident {
  id: number;
  portalId: string;
  kind: IncidentKind;
  severity: Severity;
  aspect: string;
  summary: string;
  explanation: string;
  /** Readable diff over the affected pages. */
  diff: string;
  status: IncidentStatus;
  /** Still seen at the latest check of the portal. */
  stillPresent: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  seenCount: number;
  pages: IncidentPage[];
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  acknowledgeNote?: string;
}
