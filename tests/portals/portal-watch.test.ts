// The portal watch end to end against a local agency portal changed between two checks: an
// ordinary news-list update must raise nothing; an injected script, a replaced footer, gambling
// spam, a deleted page and an off-site redirect must each raise an incident with a readable
// diff, sent once on the alert channels; acknowledging accepts the new state.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { SendMailOptions } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mailer } from '../../features/notify/index.ts';
import { PortalStore, runPortalChecks, type PortalIncident } from '../../features/portals/index.ts';
import { memoryLogger, paths, portalConfig, TestPortal } from './helpers.ts';

let portal: TestPortal;
let store: PortalStore | undefined;

beforeEach(async () => {
  portal = await new TestPortal().start();
});
afterEach(async () => {
  store?.close();
  store = undefined;
  await portal.stop();
});

async function check(config = portalConfig(portal), extra: Partial<Parameters<typeof runPortalChecks>[1]> = {}) {
  store ??= new PortalStore(config.portalWatch.statePath);
  const outcome = await runPortalChecks(config, { logger: memoryLogger().logger, store, retryDelayMs: 5, ...extra });
  expect(outcome.failures).toEqual([]);
  return outcome;
}

function deface(): void {
  portal.overlay('defaced');
  portal.remove('van-ban/quyet-dinh-12.html');
  portal.redirect('/dich-vu-cong.html', 'https://dichvucong-gialai.spam.example/nop-ho-so');
}

function byKind(incidents: PortalIncident[]): Record<string, PortalIncident> {
  return Object.fromEntries(incidents.map((incident) => [incident.kind, incident]));
}

describe('portal watch: first check', () => {
  it('fetches the start page and the pages it links to, honours robots.txt, raises nothing on a clean site', async () => {
    const { results } = await check();
    const [result] = results;
    expect(result.created).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(paths(result.newPages)).toEqual([
      '/',
      '/dich-vu-cong.html',
      '/gioi-thieu.html',
      '/lien-he.html',
      '/tin-tuc/hop-bao-quy-3.html',
      '/tin-tuc/phong-chong-thien-tai.html',
      '/tin-tuc/tiep-cong-dan.html',
      '/van-ban/quyet-dinh-12.html',
    ]);
    // /quan-tri/ is disallowed for every robot: never requested.
    expect(paths(result.skipped)).toEqual(['/quan-tri/']);
    expect(portal.site.requests.some((request) => request.path.startsWith('/quan-tri'))).toBe(false);
    expect(portal.site.requests.every((request) => request.userAgent.startsWith('mediawatch/'))).toBe(true);
    // The favicon is fetched once per check, not once per page.
    expect(portal.site.requests.filter((request) => request.path === '/favicon.ico')).toHaveLength(1);
    expect(store!.baselineUrls('vpubnd')).toHaveLength(8);
    const home = store!.pageBaseline('vpubnd', portal.page('/'))!;
    expect(home.title).toBe('Cổng thông tin điện tử Văn phòng UBND tỉnh Gia Lai');
    expect(home.favicon?.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(home.stable?.map((part) => [part.selector, part.count])).toEqual([
      ['header', 1],
      ['nav', 0], // inside the header, which claims it
      ['footer', 1],
      ['.contact', 0],
    ]);
    expect(home.stable?.find((part) => part.selector === 'footer')?.lines).toContain(
      'Điện thoại: 0269 3824 441 · Thư điện tử: vpubnd@gialai.gov.vn <mailto:vpubnd@gialai.gov.vn>',
    );
    expect(store!.portalBaseline('vpubnd')?.origins.script).toEqual([portal.url]);
  });
});

describe('portal watch: an ordinary news-list update', () => {
  it('raises nothing, and watches the new article from then on', async () => {
    await check();
    portal.overlay('updated');
    const { results } = await check();
    const [result] = results;
    expect(result.findings).toEqual([]);
    // The new article is news about a gambling crackdown: weak lexicon terms in the news list and
    // on a new page are seen, and recorded, but are not spam.
    const article = store!.pageBaseline('vpubnd', portal.page('/tin-tuc/triet-pha-duong-day-ca-cuoc.html'))!;
    expect(article.terms!.map((hit) => [hit.term, hit.strength, hit.place])).toEqual([
      ['cá cược', 'weak', 'title'],
      ['casino', 'weak', 'body'],
      ['đánh bạc', 'weak', 'title'],
      ['tài xỉu', 'weak', 'body'],
    ]);
    expect(store!.pageBaseline('vpubnd', portal.page('/'))!.terms!.map((hit) => hit.place)).toEqual(['changing', 'changing']);
    expect(result.created).toEqual([]);
    expect(paths(result.newPages)).toEqual(['/tin-tuc/triet-pha-duong-day-ca-cuoc.html']);
    // The article that dropped off the news list is still checked (it is in the baseline).
    expect(result.pagesChecked).toBe(9);
    expect(result.contentChanged).toEqual([]);
    expect(store!.listIncidents().total).toBe(0);
    // And a third check of the same state is just as quiet.
    expect((await check()).results[0].findings).toEqual([]);
  });
});

describe('portal watch: an injected script, a replaced footer, spam, a deleted page, an off-site redirect', () => {
  it('raises one incident per change with a readable diff, and none for the parts that may change', async () => {
    await check();
    deface();
    const { results } = await check();
    const incidents = results[0].created;
    const kinds = byKind(incidents);
    expect(Object.keys(kinds).sort()).toEqual(['favicon_changed', 'new_origin', 'offsite_redirect', 'page_missing', 'stable_changed', 'suspicious_terms']);

    const script = kinds.new_origin;
    expect(script).toMatchObject({ severity: 'critical', aspect: 'origin:script:https://cdn.evil-analytics.example', status: 'open', stillPresent: true });
    expect(paths(script.pages)).toEqual(['/']);
    expect(script.diff).toContain('+https://cdn.evil-analytics.example (https://cdn.evil-analytics.example/track.js)');

    const footer = kinds.stable_changed;
    expect(footer.aspect).toBe('stable:footer');
    expect(footer.summary).toBe('Phần cố định "footer" đã thay đổi (2 trang)');
    expect(paths(footer.pages)).toEqual(['/', '/lien-he.html']);
    expect(footer.diff).toContain('--- baseline footer\n+++ now footer\n@@ ');
    expect(footer.diff).toContain('\n-Điện thoại: 0269 3824 441 · Thư điện tử: vpubnd@gialai.gov.vn <mailto:vpubnd@gialai.gov.vn>\n');
    expect(footer.diff).toContain('\n+Hỗ trợ trực tuyến: Zalo 0988 000 111 <https://zalo-hotro-gialai.example/chat>\n');
    // Unchanged lines are context, not changes; the visitor counter (a changing part) is not there at all.
    expect(footer.diff).toContain('\n Chịu trách nhiệm chính: Chánh Văn phòng UBND tỉnh\n');
    expect(footer.diff).not.toContain('Lượt truy cập');

    const spam = kinds.suspicious_terms;
    expect(spam.severity).toBe('critical');
    expect(paths(spam.pages)).toEqual(['/gioi-thieu.html']);
    expect(spam.summary).toContain('"nhà cái uy tín"');
    expect(spam.summary).toContain('"nổ hũ"');
    // Typed without diacritics on the page, matched all the same.
    expect(spam.diff).toMatch(/\+\[gambling\/strong, hidden text\] "tài xỉu online": .*tai xiu online/);

    const missing = kinds.page_missing;
    expect(paths(missing.pages)).toEqual(['/van-ban/quyet-dinh-12.html']);
    expect(missing.diff).toContain('-HTTP 200\n+HTTP 404');

    const redirect = kinds.offsite_redirect;
    expect(redirect.severity).toBe('critical');
    expect(paths(redirect.pages)).toEqual(['/dich-vu-cong.html']);
    expect(redirect.summary).toContain('https://dichvucong-gialai.spam.example');
    expect(redirect.diff).toContain('+redirect → https://dichvucong-gialai.spam.example/nop-ho-so');
    // The redirect was reported, not followed.
    expect(portal.site.requests.filter((request) => request.path === '/dich-vu-cong.html').length).toBeGreaterThan(0);

    const favicon = kinds.favicon_changed;
    expect(favicon.pages.length).toBe(6); // every page still answering normally

    // Nothing about the header, the nav, the news list or the article pages.
    expect(incidents.every((incident) => incident.aspect !== 'stable:header')).toBe(true);
  });

  it('does not repeat incidents on later checks, keeps the baseline until acknowledged, and reports what is no longer seen', async () => {
    await check();
    deface();
    const first = (await check()).results[0];
    const second = (await check()).results[0];
    expect(second.created).toEqual([]);
    expect(second.updated.map((incident) => incident.id).sort()).toEqual(first.created.map((incident) => incident.id).sort());
    expect(second.updated.every((incident) => incident.seenCount === 2)).toBe(true);
    // The web team restores the two pages: their incidents stay open (someone must look) but
    // are no longer present; the others are still there.
    portal.restore('index.html');
    portal.restore('lien-he.html');
    const third = (await check()).results[0];
    const kinds = byKind(first.created);
    expect(third.created).toEqual([]);
    expect(third.updated.map((incident) => incident.kind).sort()).toEqual(['favicon_changed', 'offsite_redirect', 'page_missing', 'suspicious_terms']);
    expect(store!.incident(kinds.stable_changed.id)).toMatchObject({ status: 'open', stillPresent: false });
    expect(store!.incident(kinds.new_origin.id)).toMatchObject({ status: 'open', stillPresent: false });
    // Acknowledging a change that is gone closes it without accepting anything into the baseline.
    const closed = store!.acknowledge(kinds.stable_changed.id, 'admin');
    expect(closed).toMatchObject({ baselineAccepted: false, pagesAccepted: 0 });
    expect(
      store!
        .pageBaseline('vpubnd', portal.page('/'))
        ?.stable?.find((part) => part.selector === 'footer')
        ?.lines.join('\n'),
    ).toContain('Điện thoại: 0269 3824 441');
  });

  it('sends each new incident once on the alert channels (webhook), and retries a failed delivery', async () => {
    const received: Array<{ event: string; text: string; incident: { id: number; kind: string; diff: string; link: string } }> = [];
    let failNext = 0;
    const hook: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          res.writeHead(503).end();
          return;
        }
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const config = portalConfig(portal, {
        alerts: { webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, retryForHours: 1 },
        dashboardUrl: 'https://mediawatch.example.gov.vn',
      });
      const webhook = { attempts: 1, retryDelayMs: 1 };
      await check(config, { webhook });
      expect(received).toEqual([]);
      deface();
      failNext = 1; // the first incident's POST fails once
      const run = await check(config, { webhook });
      const created = run.results[0].created;
      expect(run.deliveries.webhook.failed).toHaveLength(1);
      expect(received).toHaveLength(created.length - 1);
      expect(received.every((message) => message.event === 'mediawatch.portal_incident' && message.text.startsWith('[KHẨN] vpubnd: '))).toBe(true);
      const footer = received.find((message) => message.incident.kind === 'stable_changed')!;
      expect(footer.incident.diff).toContain('+Hỗ trợ trực tuyến: Zalo 0988 000 111');
      expect(footer.incident.link).toBe(`https://mediawatch.example.gov.vn/portals.html?incident=${footer.incident.id}`);
      // The next check sends only the one that failed; nothing is sent twice.
      await check(config, { webhook });
      expect(received).toHaveLength(created.length);
      expect(new Set(received.map((message) => message.incident.id)).size).toBe(created.length);
      await check(config, { webhook });
      expect(received).toHaveLength(created.length);
      expect(store!.deliveries(created[0].id).map((d) => [d.channel, d.status])).toEqual([
        ['log', 'sent'],
        ['webhook', 'sent'],
      ]);
    } finally {
      hook.closeAllConnections();
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it('acknowledging accepts the new state: the same state raises nothing, a further change raises again', async () => {
    await check();
    deface();
    const created = (await check()).results[0].created;
    const kinds = byKind(created);
    for (const incident of created) {
      const done = store!.acknowledge(incident.id, 'admin', 'verified with the web team');
      expect(done?.baselineAccepted).toBe(true);
    }
    // The accepted redirect, the dropped page, the new script origin, the spam terms, the new
    // footer and favicon: a check of the same state is quiet.
    const quiet = (await check()).results[0];
    expect(quiet.findings).toEqual([]);
    expect(store!.listIncidents({ status: 'open' }).total).toBe(0);
    expect(store!.pageBaseline('vpubnd', portal.page('/van-ban/quyet-dinh-12.html'))).toBeUndefined();
    expect(store!.portalBaseline('vpubnd')?.origins.script).toContain('https://cdn.evil-analytics.example');
    expect(store!.incident(kinds.stable_changed.id)).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'admin',
      acknowledgeNote: 'verified with the web team',
    });
    // The footer is changed back: that is a change from the accepted (hacked) footer.
    portal.overlay('updated');
    const again = (await check()).results[0];
    expect(again.created.map((incident) => incident.kind)).toEqual(['stable_changed']);
    expect(paths(again.created[0].pages)).toEqual(['/']); // lien-he.html keeps the footer that was accepted
    expect(again.created[0].diff).toContain('-Hỗ trợ trực tuyến: Zalo 0988 000 111');
    expect(again.created[0].diff).toContain('+Điện thoại: 0269 3824 441');
    // Acknowledging twice is refused.
    expect(() => store!.acknowledge(kinds.stable_changed.id, 'admin')).toThrow(/already acknowledged/);
  });
});

describe('portal watch: sitemap, depth and page budget', () => {
  it('reads the sitemap when asked, stays within maxPages for new pages, always rechecks baseline pages', async () => {
    portal.routes['/sitemap.xml'] = (_req, res, site) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(site.fillTemplate('<?xml version="1.0"?><urlset><url><loc>{{BASE_URL}}/tin-tuc/tiep-cong-dan.html</loc></url></urlset>'));
    };
    const config = portalConfig(portal, {}, { linkDepth: 0, sitemap: true, maxPages: 2 });
    const first = (await check(config)).results[0];
    expect(paths(first.newPages)).toEqual(['/', '/tin-tuc/tiep-cong-dan.html']);
    const wider = portalConfig(portal, {}, { linkDepth: 1, maxPages: 4 });
    const second = (await check(wider)).results[0];
    // 2 baseline pages + 2 new ones, in link order.
    expect(second.pagesChecked).toBe(4);
    expect(paths(second.newPages)).toEqual(['/gioi-thieu.html', '/van-ban/quyet-dinh-12.html']);
  });
});

describe('portal watch: a site or page that is down', () => {
  it('retries a 5xx once, reports a page that keeps failing, and raises a site outage once while it lasts', async () => {
    await check();
    let flaky = 1;
    portal.routes['/gioi-thieu.html'] = (_req, res) => {
      if (flaky-- > 0) res.writeHead(503).end('busy');
      else res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(join(portal.root, 'gioi-thieu.html')));
    };
    portal.routes['/lien-he.html'] = (_req, res) => void res.writeHead(500).end('error');
    const errors = (await check()).results[0];
    expect(errors.created.map((incident) => [incident.kind, paths(incident.pages)])).toEqual([['page_error', ['/lien-he.html']]]);
    expect(errors.created[0].summary).toBe('Trang trả về lỗi HTTP 500 — /lien-he.html');
    expect(portal.site.requests.filter((request) => request.path === '/lien-he.html' && request.status === 500).length).toBe(2);

    // The whole site goes down: robots.txt fails, no page is fetched, one incident.
    portal.routes['/robots.txt'] = (_req, res) => void res.writeHead(503).end();
    const down = (await check()).results[0];
    expect(down.pagesChecked).toBe(0);
    // Pages that were not fetched are not "no longer present".
    expect(store!.incident(errors.created[0].id)).toMatchObject({ status: 'open', stillPresent: true });
    expect(down.created.map((incident) => incident.kind)).toEqual(['site_unreachable']);
    expect(down.created[0].severity).toBe('critical');
    store!.acknowledge(down.created[0].id, 'admin');
    // Acknowledged while it lasts: not raised again ...
    expect((await check()).results[0].created).toEqual([]);
    // ... back up, then down again: a new outage.
    delete portal.routes['/robots.txt'];
    expect((await check()).results[0].created).toEqual([]);
    portal.routes['/robots.txt'] = (_req, res) => void res.writeHead(503).end();
    expect((await check()).results[0].created.map((incident) => incident.kind)).toEqual(['site_unreachable']);
  });
});

describe('portal watch: e-mail', () => {
  it('mails the new incidents with their diffs to the alert recipients, once', async () => {
    const sent: SendMailOptions[] = [];
    const mailer: Mailer = {
      send: async (message) => (sent.push(message), { messageId: `<${sent.length}@test>`, accepted: ['ttcntt@gialai.gov.vn'], rejected: [] }),
      close: () => undefined,
    };
    const config = portalConfig(portal, {
      email: { smtp: { host: 'smtp.invalid' }, from: 'mediawatch <mediawatch@gialai.gov.vn>', alertRecipients: ['ttcntt@gialai.gov.vn'] },
    });
    await check(config, { mailer });
    expect(sent).toEqual([]);
    deface();
    await check(config, { mailer });
    await check(config, { mailer });
    expect(sent).toHaveLength(1);
    const [message] = sent;
    expect(message.to).toEqual(['ttcntt@gialai.gov.vn']);
    expect(message.priority).toBe('high');
    expect(message.subject).toBe('[KHẨN] 6 sự cố mới trên cổng thông tin vpubnd');
    expect(String(message.text)).toContain('[Cao] Phần cố định "footer" đã thay đổi (2 trang)');
    expect(String(message.text)).toContain('+Hỗ trợ trực tuyến: Zalo 0988 000 111');
    expect(String(message.html)).toContain('Sự cố cổng thông tin (6)');
    expect(String(message.html)).not.toContain('<script src="https://cdn.evil');
  });
});
