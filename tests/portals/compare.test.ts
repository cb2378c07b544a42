// The comparison rules as pure functions: what raises, what does not, how findings are grouped,
// and how an acknowledgement or a quiet check moves the baseline.
import { describe, expect, it } from 'vitest';
import {
  acceptIntoPage,
  acceptIntoPortal,
  adoptIntoPortal,
  compareFavicon,
  compareInlineScripts,
  compareOrigins,
  comparePage,
  compareStableParts,
  compareStatus,
  compareTerms,
  compareTitle,
  emptyPortalBaseline,
  nextPageBaseline,
} from '../../features/portals/compare.ts';
import type { PageFingerprint, StablePart, TermHit } from '../../features/portals/types.ts';

const URL_ = 'https://vpubnd.gialai.gov.vn/lien-he';

function part(selector: string, lines: string[], structureHash = 's1'): StablePart {
  return { selector, count: lines.length ? 1 : 0, lines, textHash: lines.join('|') || 'empty', structureHash };
}

function page(overrides: Partial<PageFingerprint> = {}): PageFingerprint {
  return {
    url: URL_,
    finalUrl: URL_,
    status: 200,
    fetchedAt: '2024-10-14T01:00:00.000Z',
    html: true,
    title: 'Liên hệ',
    favicon: { url: 'https://vpubnd.gialai.gov.vn/favicon.ico', hash: 'f1' },
    stable: [part('header', ['Văn phòng UBND tỉnh']), part('footer', ['Điện thoại: 0269 3824 441', 'Chịu trách nhiệm chính: Chánh Văn phòng'])],
    origins: { script: [{ origin: 'https://vpubnd.gialai.gov.vn', examples: [] }], iframe: [], form: [], link: [] },
    inlineScripts: [{ hash: 'i1', preview: 'window.siteConfig = {}' }],
    terms: [],
    ...overrides,
  };
}

const portal = () => adoptIntoPortal(emptyPortalBaseline(), page());
const hit = (term: string, strength: TermHit['strength'], place: TermHit['place']): TermHit => ({ term, strength, place, category: 'gambling', snippet: term });
const options = { trustedOrigins: ['https://www.youtube.com'], watchInlineScripts: true };

describe('status rules', () => {
  it('a known page answering 404/410 is missing; 5xx and no answer are errors; an off-site redirect is critical', () => {
    expect(compareStatus(page(), page({ status: 404 }))[0]).toMatchObject({ kind: 'page_missing', aspect: 'status', signature: 'status:404' });
    expect(compareStatus(page(), page({ status: 503 }))[0]).toMatchObject({ kind: 'page_error', severity: 'high' });
    expect(compareStatus(page(), page({ status: 403 }))[0]).toMatchObject({ kind: 'page_error', severity: 'warning' });
    expect(compareStatus(page(), page({ status: 0, error: 'ECONNREFUSED' }))[0].diff).toContain('+unreachable (ECONNREFUSED)');
    const redirect = compareStatus(page(), page({ status: 301, offsiteRedirect: 'https://casino.example/x' }))[0];
    expect(redirect).toMatchObject({ kind: 'offsite_redirect', severity: 'critical', signature: 'redirect:https://casino.example' });
  });

  it('raises nothing for a healthy page, a page without baseline, or a state already accepted', () => {
    expect(compareStatus(page(), page({ status: 304 }))).toEqual([]);
    expect(compareStatus(undefined, page({ status: 404 }))).toEqual([]);
    expect(compareStatus(page({ status: 503 }), page({ status: 503 }))).toEqual([]);
    expect(
      compareStatus(page({ status: 302, offsiteRedirect: 'https://dvc.example/' }), page({ status: 302, offsiteRedirect: 'https://dvc.example/' })),
    ).toEqual([]);
  });
});

describe('stable parts, title, favicon', () => {
  it('a changed stable part raises with a unified diff; identical ones and unknown selectors do not', () => {
    const observed = page({
      stable: [
        part('header', ['Văn phòng UBND tỉnh']),
        part('footer', ['Hotline: 0988 000 111', 'Chịu trách nhiệm chính: Chánh Văn phòng']),
        part('.contact', ['x']),
      ],
    });
    const [finding, ...rest] = compareStableParts(page(), observed);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'stable_changed', aspect: 'stable:footer', title: 'Phần cố định "footer" đã thay đổi' });
    expect(finding.diff.split('\n')).toEqual([
      '--- baseline footer',
      '+++ now footer',
      '@@ -1,2 +1,2 @@',
      '-Điện thoại: 0269 3824 441',
      '+Hotline: 0988 000 111',
      ' Chịu trách nhiệm chính: Chánh Văn phòng',
    ]);
    expect(finding.observed).toEqual(observed.stable![1]);
  });

  it('tells a removed part and a structure-only change apart', () => {
    const removed = compareStableParts(page(), page({ stable: [part('header', ['Văn phòng UBND tỉnh']), part('footer', [])] }))[0];
    expect(removed.title).toBe('Phần cố định "footer" đã bị gỡ khỏi trang');
    const base = page();
    const moved = compareStableParts(base, page({ stable: [base.stable![0], { ...base.stable![1], structureHash: 's2' }] }))[0];
    expect(moved.title).toBe('Cấu trúc phần cố định "footer" thay đổi');
    expect(moved.diff).toContain('tag structure changed');
  });

  it('the same change on several pages shares a signature (one incident); a different change does not', () => {
    const changed = (url: string, line: string) =>
      compareStableParts(
        { ...page(), url },
        { ...page({ stable: [part('header', ['Văn phòng UBND tỉnh']), part('footer', [line, 'Chịu trách nhiệm chính: Chánh Văn phòng'])] }), url },
      )[0];
    expect(changed('https://a/1', 'X').signature).toBe(changed('https://a/2', 'X').signature);
    expect(changed('https://a/1', 'X').signature).not.toBe(changed('https://a/1', 'Y').signature);
  });

  it('a new title or favicon raises; a favicon that timed out does not', () => {
    expect(compareTitle(page(), page({ title: 'Hacked by X' }))[0]).toMatchObject({ kind: 'title_changed', observed: 'Hacked by X' });
    expect(compareTitle(page(), page())).toEqual([]);
    expect(compareFavicon(page(), page({ favicon: { url: 'https://vpubnd.gialai.gov.vn/favicon.ico', hash: 'f2' } }))[0].kind).toBe('favicon_changed');
    expect(compareFavicon(page(), page({ favicon: { url: 'https://vpubnd.gialai.gov.vn/favicon.ico', error: 'HTTP 404' } }))[0].kind).toBe('favicon_changed');
    expect(compareFavicon(page(), page({ favicon: { url: 'https://vpubnd.gialai.gov.vn/favicon.ico', error: 'timed out after 20s' } }))).toEqual([]);
  });
});

describe('origins and inline scripts', () => {
  it('raises scripts, frames and forms from origins no page of the portal used, except trusted ones', () => {
    const observed = page({
      origins: {
        script: [
          { origin: 'https://vpubnd.gialai.gov.vn', examples: [] },
          { origin: 'https://evil.example', examples: ['https://evil.example/x.js'] },
        ],
        iframe: [{ origin: 'https://www.youtube.com', examples: [] }],
        form: [{ origin: 'https://phish.example', examples: ['https://phish.example/login'] }],
        link: [{ origin: 'https://fonts.example.com', examples: [] }],
      },
    });
    const findings = compareOrigins(portal(), observed, options);
    expect(findings.map((f) => [f.aspect, f.severity])).toEqual([
      ['origin:script:https://evil.example', 'critical'],
      ['origin:form:https://phish.example', 'critical'],
    ]);
    expect(findings[1].title).toBe('Xuất hiện biểu mẫu gửi dữ liệu từ nguồn mới https://phish.example');
    // Once accepted into the portal baseline, the origin is known on every page.
    const accepted = acceptIntoPortal(portal(), 'origin:script:https://evil.example');
    expect(compareOrigins(accepted, { ...observed, url: 'https://vpubnd.gialai.gov.vn/other' }, options).map((f) => f.aspect)).toEqual([
      'origin:form:https://phish.example',
    ]);
  });

  it('raises an unknown inline script; adopting holds back what raised', () => {
    const observed = page({
      inlineScripts: [
        { hash: 'i1', preview: '' },
        { hash: 'i2', preview: 'document.write(spam)' },
      ],
    });
    expect(compareInlineScripts(portal(), observed).map((f) => f.aspect)).toEqual(['inline-script:i2']);
    const next = adoptIntoPortal(portal(), observed, new Set(['inline-script:i2']));
    expect(next.inlineScripts).toEqual(['i1']);
    expect(acceptIntoPortal(next, 'inline-script:i2').inlineScripts).toEqual(['i1', 'i2']);
  });

  it("adopts everything on a portal's first check (no portal baseline yet) and the inline scripts of new pages", () => {
    const observed = page({
      inlineScripts: [{ hash: 'new', preview: '' }],
      origins: { script: [{ origin: 'https://cdn.example', examples: [] }], iframe: [], form: [], link: [] },
    });
    expect(comparePage(undefined, observed, undefined, options)).toEqual([]);
    // A new page on a known portal: its new origin raises, its inline script does not.
    expect(comparePage(undefined, observed, portal(), options).map((f) => f.kind)).toEqual(['new_origin']);
  });
});

describe('lexicon terms', () => {
  it('raises terms the page gained, not those it already had where they count', () => {
    const baseline = page({ terms: [hit('casino', 'weak', 'body')] });
    expect(compareTerms(baseline, page({ terms: [hit('casino', 'weak', 'body')] }))).toEqual([]);
    const [finding] = compareTerms(baseline, page({ terms: [hit('casino', 'weak', 'body'), hit('nổ hũ', 'strong', 'hidden')] }));
    expect(finding).toMatchObject({ kind: 'suspicious_terms', severity: 'critical', signature: 'terms:nổ hũ' });
    // A weak term in a news list does not count, so having it there does not excuse it elsewhere.
    const [moved] = compareTerms(page({ terms: [hit('cá cược', 'weak', 'changing')] }), page({ terms: [hit('cá cược', 'weak', 'stable')] }));
    expect(moved).toMatchObject({ severity: 'high', signature: 'terms:cá cược' });
  });
});

describe('baselines', () => {
  it('after a check: takes what raised nothing from the observation, holds what raised', () => {
    const observed = page({ title: 'Hacked', stable: [part('header', ['Văn phòng UBND tỉnh', 'Tin nóng']), page().stable![1]], textHash: 'new' });
    const findings = comparePage(page(), observed, portal(), options);
    expect(findings.map((f) => f.aspect).sort()).toEqual(['stable:header', 'title']);
    const next = nextPageBaseline(page(), observed, findings)!;
    expect(next.title).toBe('Liên hệ');
    expect(next.stable![0]).toEqual(page().stable![0]);
    expect(next.textHash).toBe('new');
    // An unhealthy answer leaves the baseline alone; a recovered page is taken as it is.
    expect(nextPageBaseline(page(), page({ status: 503 }), [])).toEqual(page());
    expect(nextPageBaseline(page({ status: 503, html: undefined }), page(), [])).toEqual(page());
    expect(nextPageBaseline(undefined, page({ status: 404 }), [])).toBeUndefined();
  });

  it('a new page keeps the terms that raised out of its baseline, so they are still seen next time', () => {
    const observed = page({ terms: [hit('nổ hũ', 'strong', 'body'), hit('casino', 'weak', 'body')] });
    const findings = comparePage(undefined, observed, portal(), options);
    expect(findings.map((f) => f.kind)).toEqual(['suspicious_terms']);
    const baseline = nextPageBaseline(undefined, observed, findings)!;
    expect(baseline.terms!.map((t) => t.term)).toEqual(['casino']);
    expect(compareTerms(baseline, observed).map((f) => f.signature)).toEqual(['terms:nổ hũ']);
  });

  it('an acknowledgement folds the observed value in; a missing page leaves the baseline', () => {
    const footer = part('footer', ['Hotline: 0988 000 111']);
    expect(acceptIntoPage(page(), 'stable:footer', 'stable_changed', footer)!.stable).toEqual([page().stable![0], footer]);
    expect(acceptIntoPage(page(), 'title', 'title_changed', 'Mới')!.title).toBe('Mới');
    expect(acceptIntoPage(page(), 'status', 'offsite_redirect', { status: 302, offsiteRedirect: 'https://dvc.example/' })).toMatchObject({
      status: 302,
      offsiteRedirect: 'https://dvc.example/',
    });
    expect(
      acceptIntoPage(page({ terms: [hit('casino', 'weak', 'body')] }), 'terms', 'suspicious_terms', [hit('nổ hũ', 'strong', 'hidden')])!.terms!.map(
        (t) => t.term,
      ),
    ).toEqual(['casino', 'nổ hũ']);
    expect(acceptIntoPage(page(), 'status', 'page_missing', { status: 404 })).toBeNull();
  });
});
