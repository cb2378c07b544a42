// The portal-watch page (dashboards/web/portals.html) in real headless Chromium over incidents
// produced by really checking the fixture portal twice — clean, then defaced (new script origin,
// footer replaced, hidden gambling spam, new favicon, a deleted decree, an off-site redirect) plus
// markup and script in the "about" page's title and header, which must show as text and never run.
// An admin sees the card and the incidents, filters and pages through them, opens one, reads its
// diff, acknowledges it (and meets a colleague's earlier acknowledgement as a clear 409), and
// accepts the whole portal; a viewer sees everything but the buttons. Screenshots:
// .cache/screenshots/portals-*.png.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalIncidentRoutes } from '../../api/routes/portal-incidents.ts';
import { startServer, type RunningServer } from '../../api/server.ts';
import type { LoadedConfig } from '../../core/config.ts';
import { dashboardMounts } from '../../dashboards/router.ts';
import { acknowledgeIncident, PortalStore, runPortalChecks, type PortalIncident } from '../../features/portals/index.ts';
import { incidentLink } from '../../features/portals/notify.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { SYSTEM_ACTOR, type Role, type Workflow } from '../../features/workflow/index.ts';
import { memoryLogger, paths, portalConfig, TestPortal } from '../portals/helpers.ts';
import { testWorkflow } from '../workflow/helpers.ts';
import { launchChromium, login, newWatchedPage, screenshot, USERS, type PageWatch } from './harness.ts';

let portal: TestPortal;
let config: LoadedConfig;
let portals: PortalStore;
const items = new SqliteStore({ path: ':memory:' });
let workflow: Workflow;
let server: RunningServer;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

const check = () => runPortalChecks(config, { logger: memoryLogger().logger, store: portals, retryDelayMs: 5 });

/** Payloads put into the defaced "about" page: each would set window.__pwned if it ever ran. */
const TITLE_PAYLOAD = `<img src=x onerror="window.__pwned='title'"> Giới thiệu`;
const HEADER_PAYLOAD = `<img src=x onerror="window.__pwned='diff'"><script>window.__pwned='diff-script'</script>`;

/** Records anything an injected payload could do, before any page script runs. */
const TRAPS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.alert = window.confirm = window.prompt = (m) => { window.__pwned = 'dialog:' + m; };
`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The defaced "about" page also gets markup in its <title> (raw: a title is text) and, escaped, in its header. */
function addHostileMarkup(): void {
  const file = join(portal.root, 'gioi-thieu.html');
  const html = readFileSync(file, 'utf8')
    .replace(/<title>[^<]*<\/title>/, `<title>${TITLE_PAYLOAD}</title>`)
    .replace(
      /(<div class="today">[^<]*<\/div>)/,
      `$1\n  <div class="notice">${escapeHtml(HEADER_PAYLOAD)} <a href="javascript:window.__pwned='href'">Trợ giúp</a></div>`,
    );
  expect(html).toContain(escapeHtml(HEADER_PAYLOAD));
  writeFileSync(file, html);
}

async function newContext(options: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options });
  await context.addInitScript(TRAPS);
  contexts.push(context);
  const { page, watch } = await newWatchedPage(context);
  return { context, page, watch };
}

function open(filter: { kind?: PortalIncident['kind']; status?: 'open' | 'acknowledged' } = {}): PortalIncident[] {
  return portals.listIncidents({ status: filter.status ?? 'open', kind: filter.kind, pageSize: 200 }).items;
}

function find(kind: PortalIncident['kind'], path: string): PortalIncident {
  const incident = portals
    .listIncidents({ kind, pageSize: 200 })
    .items.find((candidate) => candidate.pages.some((page) => new URL(page.url).pathname === path));
  if (!incident) throw new Error(`no ${kind} incident on ${path}`);
  return incident;
}

const rowIds = (page: Page) => page.$$eval('#incidents-body tr[data-id]', (rows) => rows.map((row) => Number((row as HTMLElement).dataset.id)));
const texts = (page: Page, selector: string) => page.$$eval(selector, (elements) => elements.map((element) => element.textContent ?? ''));

/** Elements and attributes that only markup injection could have produced. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const script of document.querySelectorAll('script')) {
      const src = script.getAttribute('src') ?? '';
      if (!/^\/(js|vendor)\//.test(src)) found.push(`script ${src || script.textContent}`);
    }
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) if (attribute.startsWith('on')) found.push(`${element.tagName} ${attribute}`);
      for (const name of ['href', 'src', 'action']) {
        const value = element.getAttribute(name);
        if (value && /^\s*(javascript|data|vbscript):/i.test(value)) found.push(`${element.tagName} ${name}=${value}`);
      }
    }
    for (const element of document.querySelectorAll('img')) found.push(`<img src=${element.getAttribute('src')}>`);
    return found;
  });
}

async function expectInert(page: Page, watch: PageWatch, where: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), where).toBeUndefined();
  expect(await injected(page), where).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), where).toEqual([]);
  expect(watch.dialogs, where).toEqual([]);
  expect(watch.pageErrors, where).toEqual([]);
}

/** Waits for the list to show exactly what the store says, in the store's order. */
async function expectRows(page: Page, expected: PortalIncident[]): Promise<void> {
  await expect.poll(() => rowIds(page)).toEqual(expected.map((incident) => incident.id));
}

/** [r, g, b] of a computed colour "rgb(r, g, b)". */
async function rgb(page: Page, selector: string, property: 'color' | 'backgroundColor'): Promise<number[]> {
  const value = await page.$eval(selector, (element, name) => getComputedStyle(element)[name as 'color'], property);
  return (value.match(/\d+/g) ?? []).slice(0, 3).map(Number);
}

beforeAll(async () => {
  portal = await new TestPortal().start();
  config = portalConfig(portal);
  portals = new PortalStore(config.portalWatch.statePath);
  const first = await check();
  expect(first.results[0].created).toEqual([]);
  portal.overlay('defaced');
  addHostileMarkup();
  portal.remove('van-ban/quyet-dinh-12.html');
  portal.redirect('/dich-vu-cong.html', 'https://dichvucong-gialai.spam.example/');
  const second = await check();
  expect(second.failures).toEqual([]);
  expect(second.results[0].created.length).toBeGreaterThanOrEqual(7);

  await items.init();
  workflow = await testWorkflow({ store: items });
  for (const [role, user] of Object.entries(USERS) as Array<[Role, (typeof USERS)[Role]]>) {
    await workflow.users.create(
      { username: user.username, role, password: user.password, displayName: user.displayName, mustChangePassword: false },
      SYSTEM_ACTOR,
    );
  }
  server = await startServer({
    store: items,
    workflow,
    host: '127.0.0.1',
    port: 0,
    security: { rateLimits: { loginPerMinute: 1000, apiPerMinute: 100_000 } },
    routes: portalIncidentRoutes({ config, workflow, store: portals }),
    routers: dashboardMounts(),
  });
  url = server.url;
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
  workflow?.close();
  await items.close();
  portals?.close();
  await portal?.stop();
});

describe('portal watch page, as an admin', () => {
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    ({ page, watch } = await newContext());
  });

  it('shows the portal card and the open incidents, open first and newest first', async () => {
    await login(page, url, 'admin', '/portals');
    await page.waitForSelector('.portal-card[data-portal="vpubnd"]');
    const expected = open();
    expect(expected.length).toBeGreaterThanOrEqual(7);
    await expectRows(page, expected);

    const card = '.portal-card[data-portal="vpubnd"]';
    expect(await page.textContent(`${card} .portal-name`)).toBe('Cổng TTĐT Văn phòng UBND tỉnh');
    expect(await page.textContent(`${card} dd.pages-watched`)).toBe(String(portals.baselineUrls('vpubnd').length));
    expect(await page.textContent(`${card} dd.open-incidents`)).toBe(String(expected.length));
    const run = portals.latestRun('vpubnd')!;
    expect(await page.textContent(`${card} dd.last-check`)).toContain(`${run.pagesChecked} trang, ${run.errors.length} lỗi`);
    // An http:// portal has no certificate to check.
    expect(await page.textContent(`${card} dd.certificate`)).toBe('không kiểm tra (cổng http hoặc chưa kiểm tra)');
    expect(await page.getAttribute(card, 'class')).toContain('has-open');
    expect(await page.isVisible(`${card} button.accept-portal`)).toBe(true);

    // Each row: severity (colour class and label), summary, pages, times seen, still present, status.
    for (const incident of expected) {
      const row = `#incidents-body tr[data-id="${incident.id}"]`;
      expect(await page.getAttribute(row, 'class')).toContain(`sev-${incident.severity}`);
      expect(await page.textContent(`${row} .incident-summary a.title`)).toBe(incident.summary);
      expect(await texts(page, `${row} .page-link`)).toEqual(incident.pages.slice(0, 3).map((page) => new URL(page.url).pathname));
      expect(await page.textContent(`${row} td.seen`)).toBe(String(incident.seenCount));
      expect(await page.textContent(`${row} td.present`)).toBe('còn');
      expect(await page.textContent(`${row} td.status`)).toBe('Chưa xử lý');
    }
    const missing = find('page_missing', '/van-ban/quyet-dinh-12.html');
    expect(await page.textContent(`#incidents-body tr[data-id="${missing.id}"] .badge.sev`)).toBe('Cao');
    const redirect = open({ kind: 'offsite_redirect' })[0];
    expect(redirect.severity).toBe('critical');
    expect(await page.textContent(`#incidents-body tr[data-id="${redirect.id}"] .badge.sev`)).toBe('Nghiêm trọng');
    // Critical rows are marked in a different colour than high ones.
    const critical = await rgb(page, `#incidents-body tr[data-id="${redirect.id}"] .badge.sev`, 'backgroundColor');
    const high = await rgb(page, `#incidents-body tr[data-id="${missing.id}"] .badge.sev`, 'backgroundColor');
    expect(critical).not.toEqual(high);
    expect(await page.textContent('#summary')).toContain(`${expected.length} sự cố`);
    expect(await page.textContent('nav a[aria-current="page"]')).toBe('Cổng thông tin');
    await screenshot(page, 'portals-admin-list');
    await expectInert(page, watch, 'list');
  });

  it('filters by kind, by page and by status, pages through, and keeps it all in the address', async () => {
    await page.selectOption('#f-kind', 'page_missing');
    await page.click('#filters button[type=submit]');
    await page.waitForURL(/kind=page_missing/);
    await expectRows(page, open({ kind: 'page_missing' }));
    expect(await texts(page, '#incidents-body .page-link')).toEqual(['/van-ban/quyet-dinh-12.html']);
    await page.click('#f-reset');
    await expectRows(page, open());

    // A page of an incident filters by that page (the API's `url`): the contact page has the footer and the favicon.
    const contact = portal.page('/lien-he.html');
    await page.click(`#incidents-body .page-link[data-url="${contact}"] >> nth=0`);
    await page.waitForURL((target) => target.searchParams.get('url') === contact);
    const onContact = portals.listIncidents({ status: 'open', url: contact, pageSize: 200 }).items;
    expect(onContact.map((incident) => incident.kind).sort()).toEqual(['favicon_changed', 'stable_changed']);
    await expectRows(page, onContact);
    expect(await page.inputValue('#f-url')).toBe(contact);
    await page.reload();
    await expectRows(page, onContact);
    await page.click('#f-reset');
    await expectRows(page, open());

    // Three a page, from the address: next, then Back.
    const all = open();
    await page.goto(`${url}/portals?pageSize=3`);
    await expectRows(page, all.slice(0, 3));
    expect(await page.textContent('#summary')).toContain(`trang 1/${Math.ceil(all.length / 3)}`);
    expect(await page.isDisabled('#prev-page')).toBe(true);
    await page.click('#next-page');
    await page.waitForURL(/page=2/);
    await expectRows(page, all.slice(3, 6));
    await page.goBack();
    await expectRows(page, all.slice(0, 3));

    // Nothing is acknowledged yet; "any status" lists everything.
    await page.goto(`${url}/portals?status=acknowledged`);
    await expect.poll(() => page.textContent('#incidents-body')).toBe('Không có sự cố nào khớp bộ lọc.');
    expect(await page.inputValue('#f-status')).toBe('acknowledged');
    await page.selectOption('#f-status', '');
    await page.click('#filters button[type=submit]');
    await expectRows(page, portals.listIncidents({ pageSize: 200 }).items);
    await page.goto(`${url}/portals`);
    await expectRows(page, open());
  });

  let footer: PortalIncident;

  it('opens an incident: explanation, the diff with removed lines red and added lines green, pages, deliveries', async () => {
    footer = open({ kind: 'stable_changed' }).find((incident) => incident.aspect === 'stable:footer')!;
    expect(paths(footer.pages)).toEqual(['/', '/lien-he.html']);
    await page.click(`#incidents-body tr[data-id="${footer.id}"] a.title`);
    await page.waitForURL((target) => target.searchParams.get('incident') === String(footer.id));
    await page.waitForSelector(`#incident-detail[data-id="${footer.id}"]`);
    expect(await page.getAttribute(`#incidents-body tr[data-id="${footer.id}"]`, 'class')).toContain('current');
    expect(await page.textContent('#detail-summary')).toBe(footer.summary);
    expect(await page.textContent('#detail-explanation')).toBe(footer.explanation);

    // One element per diff line, the whole diff as it is, each line classified by its first character.
    const lines = await page.$$eval('#detail-diff .diff-line', (spans) => spans.map((span) => ({ text: span.textContent ?? '', kind: span.className })));
    expect(lines.map((line) => line.text).join('\n')).toBe(footer.diff);
    const added = lines.filter((line) => line.kind.includes('diff-add')).map((line) => line.text);
    const removed = lines.filter((line) => line.kind.includes('diff-del')).map((line) => line.text);
    expect(added).toContain('+Hỗ trợ trực tuyến: Zalo 0988 000 111 <https://zalo-hotro-gialai.example/chat>');
    expect(removed.length).toBeGreaterThan(0);
    expect(added.every((line) => line.startsWith('+') && !line.startsWith('+++ '))).toBe(true);
    expect(removed.every((line) => line.startsWith('-') && !line.startsWith('--- '))).toBe(true);
    expect(lines.filter((line) => line.kind.includes('diff-head')).map((line) => line.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^--- /), expect.stringMatching(/^\+\+\+ /)]),
    );
    const [delR, delG] = await rgb(page, '#detail-diff .diff-del', 'backgroundColor');
    const [addR, addG] = await rgb(page, '#detail-diff .diff-add', 'backgroundColor');
    expect(delR).toBeGreaterThan(delG);
    expect(addG).toBeGreaterThan(addR);
    const [delText] = await rgb(page, '#detail-diff .diff-del', 'color');
    const [, addText] = await rgb(page, '#detail-diff .diff-add', 'color');
    expect(delText).toBeGreaterThan(100);
    expect(addText).toBeGreaterThan(80);
    expect(await page.$eval('#detail-diff', (pre) => getComputedStyle(pre).fontFamily)).toMatch(/mono/i);

    // Per-page diffs, the delivery on each channel, and an empty audit trail so far.
    expect(await page.$$eval('#detail-pages > li', (entries) => entries.map((entry) => (entry as HTMLElement).dataset.url))).toEqual(
      footer.pages.map((p) => p.url),
    );
    await page.click('#detail-pages > li:nth-child(2) summary');
    expect(await page.$$eval('#detail-pages > li:nth-child(2) .diff-line', (spans) => spans.map((span) => span.textContent).join('\n'))).toBe(
      footer.pages[1].diff,
    );
    expect(
      await page.$$eval('#detail-deliveries tbody tr', (rows) =>
        rows.map((row) => [(row as HTMLElement).dataset.channel, (row as HTMLElement).dataset.status]),
      ),
    ).toEqual([['log', 'sent']]);
    expect(await page.textContent('#detail-deliveries tbody tr td:nth-child(2)')).toBe('Đã gửi');
    expect(await page.textContent('#detail-audit')).toBe('Chưa có thao tác nào.');
    expect(await page.isVisible('#ack-submit')).toBe(true);
    expect(await page.textContent('#ack-submit')).toBe('Xác nhận (chấp nhận trạng thái mới)');
    await screenshot(page, 'portals-detail');
    await expectInert(page, watch, 'detail');
  });

  it('acknowledges it with a note: the new footer is accepted, the incident leaves the open list, the audit log has it', async () => {
    const before = open().length;
    const note = 'Footer mới do phòng CNTT cập nhật';
    await page.fill('#ack-note', note);
    await page.click('#ack-submit');
    await page.waitForSelector('#incident-detail[data-status="acknowledged"]');
    expect(await page.textContent('#detail-message')).toBe('Đã xác nhận sự cố; 2 trang nhận chuẩn mới.');
    expect(await page.$('#ack-form')).toBeNull();
    expect(await page.textContent('#detail-acknowledged')).toContain(`Đã xác nhận bởi ${USERS.admin.username}`);
    expect(await page.textContent('#detail-acknowledged')).toContain(note);
    const entry = '#detail-audit li[data-action="portal.incident.acknowledge"]';
    expect(await page.textContent(`${entry} .actor`)).toBe(USERS.admin.username);
    expect(await page.textContent(`${entry} .audit-note`)).toBe(note);
    expect(await page.textContent(entry)).toContain('xác nhận sự cố');

    // Gone from the open list, and from the card's count.
    await expectRows(page, open());
    expect(await rowIds(page)).not.toContain(footer.id);
    expect(open()).toHaveLength(before - 1);
    await expect.poll(() => page.textContent('.portal-card[data-portal="vpubnd"] dd.open-incidents')).toBe(String(before - 1));

    // What the server recorded.
    expect(portals.incident(footer.id)).toMatchObject({ status: 'acknowledged', acknowledgedBy: USERS.admin.username, acknowledgeNote: note });
    const contactFooter = portals.pageBaseline('vpubnd', portal.page('/lien-he.html'))?.stable?.find((part) => part.selector === 'footer');
    expect(contactFooter?.lines).toContain('Hỗ trợ trực tuyến: Zalo 0988 000 111 <https://zalo-hotro-gialai.example/chat>');
    const [audit] = workflow.audit.query({ action: 'portal.incident.acknowledge', targetId: String(footer.id) }).items;
    expect(audit).toMatchObject({
      actor: USERS.admin.username,
      actorRole: 'admin',
      targetType: 'portal_incident',
      detail: expect.objectContaining({ note, pagesAccepted: 2 }),
    });
    await screenshot(page, 'portals-acknowledged');

    // It is still there under "acknowledged".
    await page.selectOption('#f-status', 'acknowledged');
    await page.click('#filters button[type=submit]');
    await expectRows(page, open({ status: 'acknowledged' }));
    expect(await page.textContent(`#incidents-body tr[data-id="${footer.id}"] td.status`)).toBe('Đã xác nhận');
  });

  it('opens an incident from the alert link, and says so clearly when someone acknowledged it first (409)', async () => {
    const favicon = open({ kind: 'favicon_changed' })[0];
    const link = incidentLink(url, favicon.id);
    expect(link).toBe(`${url}/portals.html?incident=${favicon.id}`);
    await page.goto(link);
    await page.waitForSelector(`#incident-detail[data-id="${favicon.id}"][data-status="open"]`);
    expect(await page.textContent('#detail-summary')).toBe(favicon.summary);
    await expectRows(page, open());

    // A colleague acknowledges it (another tab, the CLI) while this page still offers the button.
    acknowledgeIncident(portals, workflow.audit, favicon.id, { username: 'cli:root', via: 'cli' }, 'đã kiểm tra');
    await page.fill('#ack-note', 'muộn');
    await page.click('#ack-submit');
    await page.waitForSelector('#incident-detail[data-status="acknowledged"]');
    expect(await page.textContent('#detail-message')).toBe('Sự cố này đã được xác nhận trước đó (có thể bởi người khác); đang hiển thị trạng thái mới nhất.');
    expect(await page.getAttribute('#detail-message .notice', 'class')).toContain('error');
    expect(await page.textContent('#detail-acknowledged')).toContain('cli:root');
    expect(await page.$('#ack-submit')).toBeNull();
    // Only the colleague's acknowledgement is recorded, with their note.
    expect(portals.incident(favicon.id)).toMatchObject({ acknowledgedBy: 'cli:root', acknowledgeNote: 'đã kiểm tra' });
    expect(workflow.audit.query({ action: 'portal.incident.acknowledge', targetId: String(favicon.id) }).items).toHaveLength(1);
    await expectRows(page, open());
    await screenshot(page, 'portals-already-acknowledged');
    expect(watch.consoleErrors.filter((message) => !/status of (401|409)/.test(message))).toEqual([]);
    expect(watch.consoleErrors.filter((message) => /status of 409/.test(message))).toHaveLength(1);
  });
});

describe('hostile incident text', () => {
  const cases = [
    { name: 'under the CSP', bypassCSP: false },
    { name: 'with the CSP ignored (escaping alone)', bypassCSP: true },
  ];

  for (const { name, bypassCSP } of cases) {
    it(`shows markup from a defaced page as text and runs none of it, ${name}`, async () => {
      const { page, watch } = await newContext({ bypassCSP });
      const title = find('title_changed', '/gioi-thieu.html');
      const header = portals.listIncidents({ kind: 'stable_changed', pageSize: 200 }).items.find((incident) => incident.aspect === 'stable:header')!;
      expect(title.summary).toContain(TITLE_PAYLOAD);
      expect(header.diff).toContain(HEADER_PAYLOAD);

      await login(page, url, 'admin', `/portals.html?status=&incident=${title.id}`);
      await page.waitForSelector(`#incident-detail[data-id="${title.id}"]`);
      await expectRows(page, portals.listIncidents({ pageSize: 200 }).items);
      expect(await page.textContent(`#incidents-body tr[data-id="${title.id}"] a.title`)).toBe(title.summary);
      expect(await page.textContent('#detail-summary')).toBe(title.summary);
      expect(await texts(page, '#detail-diff .diff-add')).toEqual([`+${TITLE_PAYLOAD}`]);
      await expectInert(page, watch, `title incident ${name}`);

      await page.click(`#incidents-body tr[data-id="${header.id}"] a.title`);
      await page.waitForSelector(`#incident-detail[data-id="${header.id}"]`);
      const added = await texts(page, '#detail-diff .diff-add');
      expect(added.some((line) => line.includes(HEADER_PAYLOAD))).toBe(true);
      expect(added.some((line) => line.includes(`<javascript:window.__pwned='href'>`))).toBe(true);
      // Open every page's diff too, and hover what would have been markup.
      for (const summary of await page.$$('#detail-pages summary')) await summary.click();
      await page.hover('#detail-diff .diff-add');
      await expectInert(page, watch, `header incident ${name}`);
      await screenshot(page, `portals-hostile${bypassCSP ? '-nocsp' : ''}`);
    });
  }
});

describe('portal watch page, as a viewer', () => {
  it('follows an alert link through the login page to the incident, with no acknowledge or accept buttons', async () => {
    const { page, watch } = await newContext();
    const target = open()[0];
    // Not signed in: the alert's link leads to the login page, and back to the incident after it.
    await page.goto(incidentLink(url, target.id));
    await page.waitForURL((address) => address.pathname === '/login' && address.searchParams.get('next') === `/portals.html?incident=${target.id}`);
    await page.waitForSelector('#login-form label[for=username]:not(:empty)');
    await page.fill('#username', USERS.viewer.username);
    await page.fill('#password', USERS.viewer.password);
    await Promise.all([page.waitForURL(`${url}/portals.html?incident=${target.id}`), page.click('#login-form button[type=submit]')]);
    await page.waitForSelector(`#incident-detail[data-id="${target.id}"][data-status="open"]`);
    await expectRows(page, open());
    expect(await page.textContent('#detail-summary')).toBe(target.summary);
    expect(await page.$$('#detail-diff .diff-line')).not.toHaveLength(0);
    expect(await page.$('#ack-form')).toBeNull();
    expect(await page.$('#ack-submit')).toBeNull();
    expect(await page.textContent('#ack-admin-only')).toBe('Chỉ quản trị viên được xác nhận sự cố.');
    expect(await page.$$('button.accept-portal')).toHaveLength(0);
    expect(await page.isVisible('.portal-card[data-portal="vpubnd"]')).toBe(true);
    expect(await page.textContent('#whoami')).toContain('người xem');
    await screenshot(page, 'portals-viewer');
    await expectInert(page, watch, 'viewer');
  });
});

describe('accepting a whole portal, as an admin', () => {
  it('accepts the last observed state: every open incident is acknowledged, the next check is quiet', async () => {
    const { page, watch } = await newContext();
    const before = open();
    expect(before.length).toBeGreaterThan(0);
    await login(page, url, 'admin', '/portals');
    await expectRows(page, before);
    await page.click('.portal-card[data-portal="vpubnd"] button.accept-portal');
    expect(await page.isVisible('#accept-panel')).toBe(true);
    expect(await page.textContent('#accept-title')).toBe('Chấp nhận toàn bộ trạng thái hiện tại của Cổng TTĐT Văn phòng UBND tỉnh (vpubnd)');
    await page.fill('#accept-note', 'sau khi khôi phục');
    await page.click('#accept-confirm');
    await expect.poll(() => page.textContent('#notice')).toMatch(/^Đã chấp nhận: \d+ trang làm chuẩn mới, 1 trang thôi theo dõi, \d+ sự cố được xác nhận\.$/);
    expect(await page.textContent('#notice')).toContain(`${before.length} sự cố được xác nhận`);
    expect(await page.isHidden('#accept-panel')).toBe(true);
    await expect.poll(() => page.textContent('#incidents-body')).toBe('Không có sự cố nào khớp bộ lọc.');
    expect(await page.textContent('.portal-card[data-portal="vpubnd"] dd.open-incidents')).toBe('0');
    expect(await page.getAttribute('.portal-card[data-portal="vpubnd"]', 'class')).toContain('clean');
    expect(open()).toEqual([]);
    expect(workflow.audit.query({ action: 'portal.baseline.accept' }).items[0]).toMatchObject({
      actor: USERS.admin.username,
      targetType: 'portal',
      targetId: 'vpubnd',
      detail: expect.objectContaining({ note: 'sau khi khôi phục' }),
    });
    await screenshot(page, 'portals-accepted');
    const { results } = await check();
    expect(results[0].created).toEqual([]);

    // The page in English.
    await page.goto(`${url}/portals?lang=en`);
    await page.waitForSelector('body[data-loaded]');
    expect(await page.textContent('h1')).toBe('Portal integrity watch');
    expect(await page.textContent('nav a[aria-current="page"]')).toBe('Portal watch');
    expect(await page.textContent('.portal-card[data-portal="vpubnd"] dd.open-incidents')).toBe('0');
    await expectInert(page, watch, 'accept');
  });
});
