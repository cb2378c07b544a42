// The dashboard in a real browser (Debian's Chromium, headless, driven by playwright-core) over
// what `mediawatch demo` serves: the offline demo site crawled through the whole pipeline. Logs
// in, filters the queue, opens an item and sees its highlights, dismisses items and sees them
// leave the queue, drafts a response, and opens the trends and sources pages and their charts.
// Screenshots land in .cache/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary, ScoredItem } from '../../core/types.ts';
import { SYSTEM_ACTOR } from '../../features/workflow/index.ts';
import { launchChromium, login, newWatchedPage, screenshot, startEnv, USERS, type Env, type PageWatch } from './harness.ts';

let env: Env;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;
const shots: string[] = [];

const OPEN = ['new', 'in_review'] as const;

async function openFlagged(): Promise<ItemSummary[]> {
  return (await env.store.queryItems({ flagged: true, status: [...OPEN], sort: 'distortion', page: 1, pageSize: 100 })).items;
}

async function queueRowIds(): Promise<string[]> {
  return page.$$eval('#queue-body tr[data-id]', (rows) => rows.map((row) => (row as HTMLElement).dataset.id ?? ''));
}

/** Waits for the queue to show what the last request returned (the summary names the total). */
async function queueLoaded(): Promise<void> {
  await page.waitForFunction(() => !document.body.classList.contains('loading') && document.querySelector('#summary')?.textContent !== '');
}

async function snap(name: string): Promise<void> {
  shots.push(await screenshot(page, name));
}

beforeAll(async () => {
  env = await startEnv();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  ({ page, watch } = await newWatchedPage(context));
});

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe('dashboard in Chromium', () => {
  it('sends a visitor to the login page, refuses a wrong password, and signs in', async () => {
    await page.goto(`${env.url}/`);
    await page.waitForURL(/\/login\?next=%2F$/);
    await page.waitForSelector('#login-form label[for=username]:not(:empty)');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.fill('#username', USERS.analyst.username);
    await page.fill('#password', 'Wrong-pass-1');
    await page.click('#login-form button[type=submit]');
    await expect.poll(() => page.textContent('#notice [role=alert]')).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(page.url()).toContain('/login');
    await snap('01-login');

    await page.fill('#password', USERS.analyst.password);
    await Promise.all([page.waitForURL(`${env.url}/`), page.click('#login-form button[type=submit]')]);
    await page.waitForSelector('#queue-body tr[data-id]');
    expect(await page.textContent('#whoami')).toContain(USERS.analyst.displayName);
    // The session cookie is HttpOnly and SameSite=Strict: page scripts cannot read it.
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'mw_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('mw_session');
  });

  it('shows the open flagged items, most distorted first, a page at a time', async () => {
    const flagged = await openFlagged();
    expect(flagged.length).toBeGreaterThan(20);
    await queueLoaded();
    expect(await queueRowIds()).toEqual(flagged.slice(0, 20).map((item) => item.id));
    expect(await page.textContent('#summary')).toContain(`${flagged.length} tin`);
    await snap('02-queue');

    await page.click('#next-page');
    await page.waitForURL(/page=2/);
    await queueLoaded();
    await expect.poll(queueRowIds).toEqual(flagged.slice(20, 40).map((item) => item.id));
    await page.goBack();
    await expect.poll(queueRowIds).toEqual(flagged.slice(0, 20).map((item) => item.id));
  });

  it('filters the queue: search without diacritics, source, dates and score, kept in the address', async () => {
    const expected = await env.store.queryItems({
      flagged: true,
      status: [...OPEN],
      q: 'dai hoi dang bo',
      source: 'dien-dan-pho-nui',
      from: '2020-10-01',
      to: '2020-10-31',
      sort: 'distortion',
      page: 1,
      pageSize: 100,
    });
    const scored = expected.items.filter((item) => item.scores.distortion >= 0.85);
    expect(scored.length).toBeGreaterThan(0);
    expect(scored.length).toBeLessThan(expected.total);

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-q');
    await page.keyboard.type('dai hoi dang bo');
    // Sources are offered by the names the config gives them, as values their ids.
    const sourceOptions = await page.$$eval('#f-source option', (options) =>
      options.map((option) => [(option as HTMLOptionElement).value, option.textContent]),
    );
    expect(sourceOptions.slice(1)).toEqual([
      ['dien-dan-pho-nui', 'Diễn đàn Phố Núi'],
      ['tin-pho-nui', 'Tin Phố Núi'],
    ]);
    await page.selectOption('#f-source', 'dien-dan-pho-nui');
    await page.fill('#f-from', '2020-10-01');
    await page.fill('#f-to', '2020-10-31');
    await page.fill('#f-min', '0.85');
    await page.click('#filters button[type=submit]');
    await page.waitForURL(/q=dai\+hoi\+dang\+bo/);
    await queueLoaded();
    await expect.poll(queueRowIds).toEqual(scored.map((item) => item.id));
    expect(new Set(await page.$$eval('#queue-body td .source', (cells) => cells.map((cell) => `${cell.textContent} (${cell.getAttribute('title')})`)))).toEqual(
      new Set(['Diễn đàn Phố Núi (dien-dan-pho-nui)']),
    );
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      q: 'dai hoi dang bo',
      source: 'dien-dan-pho-nui',
      from: '2020-10-01',
      to: '2020-10-31',
      minDistortion: '0.85',
    });
    await snap('03-queue-filtered');

    // The export link carries the same filters (all but the score threshold, which it says) and
    // downloads them as CSV through the analyst's session.
    expect(await page.isVisible('#export-csv')).toBe(true);
    const exportHref = (await page.getAttribute('#export-csv', 'href'))!;
    expect(Object.fromEntries(new URL(exportHref, env.url).searchParams)).toMatchObject({
      format: 'csv',
      q: 'dai hoi dang bo',
      source: 'dien-dan-pho-nui',
      flagged: 'true',
    });
    expect(await page.getAttribute('#export-csv', 'title')).toContain('trừ điểm tối thiểu');
    const csv = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    }, exportHref);
    expect(csv).toMatchObject({ status: 200, type: 'text/csv; charset=utf-8' });
    const exportedIds = csv.text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(exportedIds.sort()).toEqual(expected.items.map((item) => item.id).sort());

    // With diacritics: the same items.
    await page.fill('#f-q', 'Đại hội Đảng bộ');
    await page.click('#filters button[type=submit]');
    await page.waitForURL(/q=%C4%90/);
    await expect.poll(queueRowIds).toEqual(scored.map((item) => item.id));

    // Reloading the address gives the same filtered queue.
    await page.reload();
    await expect.poll(queueRowIds).toEqual(scored.map((item) => item.id));
    expect(await page.inputValue('#f-min')).toBe('0.85');
    await page.click('#f-reset');
    await page.waitForURL(`${env.url}/`);
    await expect.poll(async () => (await queueRowIds()).length).toBe(20);
  });

  let opened: ScoredItem;

  it('opens an item and shows its text with the matched terms and cues marked, the facts it contradicts, and its scores', async () => {
    // Move to the first row with the keyboard and open it.
    const first = (await openFlagged())[0];
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await page.getAttribute('#queue-body tr.focused', 'data-id')).toBe(first.id);
    await Promise.all([page.waitForURL(/\/item\?id=/), page.keyboard.press('o')]);
    await page.waitForSelector('body[data-loaded]');
    opened = (await env.store.getItem(first.id))!;
    expect(new URL(page.url()).searchParams.get('id')).toBe(opened.id);

    expect(await page.textContent('#item-title')).toBe(opened.title);
    expect(await page.textContent('#item-text')).toBe(opened.text);
    const marks = await page.$$eval('#item-title mark.hl, #item-text mark.hl', (elements) =>
      elements.map((mark) => ({
        text: mark.textContent,
        kinds: (mark as HTMLElement).dataset.kinds,
        explanations: (mark as HTMLElement).dataset.explanations,
      })),
    );
    expect(marks.length).toBeGreaterThan(0);
    // Every explanation is marked, at its offsets, with its kind.
    for (const [index, explanation] of opened.explanations.entries()) {
      const covering = marks.filter((mark) => mark.explanations?.split(' ').includes(String(index)));
      expect(covering.map((mark) => mark.text).join(''), explanation.matched).toBe(explanation.matched);
      expect(covering.every((mark) => mark.kinds?.split(' ').includes(explanation.kind))).toBe(true);
    }
    expect(await page.textContent('#score-distortion')).toContain(opened.scores.distortion.toFixed(2).replace('.', ','));
    // The demo crawls the corpus the shipped model was trained on, so it scores with the lexicons only, and says so.
    expect(opened.modelVersion).toBeUndefined();
    expect(await page.textContent('#scored-by')).toBe('Chấm điểm chỉ bằng bộ từ vựng');
    expect(await page.locator('#explanations tbody tr').count()).toBe(opened.explanations.length);
    // Each row of the explanations table links to its mark in the text.
    const anchors = await page.$$eval('#explanations a[href^="#hl-"]', (links) =>
      links.map((link) => document.getElementById(link.getAttribute('href')!.slice(1))?.closest('mark')?.textContent ?? null),
    );
    expect(anchors).toHaveLength(opened.explanations.length);
    anchors.forEach((text, index) => expect(text && opened.explanations[index].matched.startsWith(text), `${index}: ${text}`).toBe(true));
    await snap('04-item');
  });

  it('puts a contradicted official fact beside the claim', async () => {
    const withFact = (await openFlagged()).find((item) => item.title.includes('35 ủy viên'));
    expect(withFact).toBeDefined();
    await page.goto(`${env.url}/item?id=${withFact!.id}`);
    await page.waitForSelector('body[data-loaded]');
    const pair = page.locator('.fact-pair[data-fact="GL-BCH"]');
    await expect.poll(() => pair.count()).toBe(1);
    expect(await pair.locator('.claim mark').first().textContent()).toBe('35 ủy viên');
    expect(await pair.locator('.official .statement').textContent()).toBe('Đại hội bầu Ban Chấp hành Đảng bộ tỉnh khóa XVI gồm 53 đồng chí.');
    await snap('05-item-facts');
  });

  it('dismisses the item with a reason; it leaves the queue and its history says so', async () => {
    await page.goto(`${env.url}/item?id=${opened.id}`);
    await page.waitForSelector('body[data-loaded]');
    await page.keyboard.press('d');
    await page.waitForSelector('#dismiss-form:not([hidden])');
    await page.fill('#dismiss-reason', 'Tin đồn đã được đính chính, không cần phản hồi thêm');
    await page.click('#dismiss-submit');
    await expect.poll(() => page.getAttribute('#review-status .badge', 'data-status')).toBe('dismissed');
    expect(await page.textContent('#review-reason')).toBe('Tin đồn đã được đính chính, không cần phản hồi thêm');
    const history = await page.$$eval('#history li', (items) => items.map((item) => item.textContent ?? ''));
    expect(history).toHaveLength(2);
    expect(history[0]).toContain('Mới → Đang xem xét');
    expect(history[1]).toContain('Đang xem xét → Bỏ qua');
    expect(history[1]).toContain(USERS.analyst.username);
    expect((await env.workflow.reviews.get(opened.id)).status).toBe('dismissed');
    await snap('06-item-dismissed');

    await Promise.all([page.waitForURL(`${env.url}/`), page.keyboard.press('u')]);
    await queueLoaded();
    const ids = await queueRowIds();
    expect(ids).not.toContain(opened.id);
    expect(ids).toEqual((await openFlagged()).slice(0, 20).map((item) => item.id));
  });

  it('dismisses several items at once from the queue with the keyboard', async () => {
    const before = await openFlagged();
    const [a, b] = before;
    await page.keyboard.press('x'); // first row (focused)
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect.poll(() => page.textContent('#bulk-count')).toBe('Đã chọn 2 tin');
    await page.keyboard.press('d');
    await page.waitForSelector('#dismiss-panel:not([hidden])');
    await page.fill('#dismiss-reason', 'Trùng với tin đã xử lý');
    await page.check('#dismiss-not-congress');
    await snap('07-queue-bulk-dismiss');
    await page.click('#dismiss-panel button[type=submit]');
    await expect.poll(() => page.textContent('#notice')).toBe('Đã bỏ qua 2/2 tin.');
    const ids = await queueRowIds();
    expect(ids).not.toContain(a.id);
    expect(ids).not.toContain(b.id);
    expect(await page.textContent('#summary')).toContain(`${before.length - 2} tin`);
    for (const item of [a, b])
      expect(await env.workflow.reviews.get(item.id)).toMatchObject({ status: 'dismissed', reason: 'Trùng với tin đã xử lý', congressLabel: false });
  });

  it('assigns the focused item to me and filters by assignee', async () => {
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    const focused = (await page.getAttribute('#queue-body tr.focused', 'data-id'))!;
    expect((await queueRowIds()).indexOf(focused)).toBe(1);
    await page.keyboard.press('a');
    await expect.poll(() => page.textContent(`#queue-body tr[data-id="${focused}"] .assignee`)).toBe(USERS.analyst.username);
    expect(await page.textContent('#notice')).toBe('Đã giao 1/1 tin.');
    expect((await env.workflow.reviews.get(focused)).assignee).toBe(USERS.analyst.username);
    await page.fill('#f-assignee', 'me');
    await page.click('#filters button[type=submit]');
    await page.waitForURL(/assignee=me/);
    await expect.poll(queueRowIds).toEqual([focused]);
    await page.click('#f-reset');
    await page.waitForURL(`${env.url}/`);
  });

  let answered: ItemSummary;

  it('lets an analyst confirm an item, and a spokesperson draft and edit the response citing the facts', async () => {
    answered = (await openFlagged()).find((item) => item.title.includes('hoãn'))!;
    expect(answered).toBeDefined();
    await page.goto(`${env.url}/item?id=${answered.id}`);
    await page.waitForSelector('body[data-loaded]');
    // An analyst does not draft responses.
    expect(await page.locator('#new-response').count()).toBe(0);
    await page.keyboard.press('c');
    await expect.poll(() => page.getAttribute('#review-status .badge', 'data-status')).toBe('confirmed');

    await page.click('#logout');
    await page.waitForURL(/\/login/);
    await login(page, env.url, 'spokesperson', `/item?id=${encodeURIComponent(answered.id)}`);
    await page.waitForSelector('body[data-loaded]');
    // A spokesperson does not review.
    expect(await page.locator('#confirm, #dismiss').count()).toBe(0);
    await page.waitForSelector('#new-response');
    const checked = await page.$$eval('input[name="new-fact"]:checked', (inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(checked).toContain('GL-DATE');
    expect(await page.inputValue('#response-body')).toContain('không lùi lịch, không hoãn');
    await page.fill('#response-title', 'Đại hội Đảng bộ tỉnh diễn ra đúng kế hoạch');
    await page.fill('#response-body', 'Thông tin Đại hội bị hoãn là không chính xác.\n\nĐại hội diễn ra từ ngày 14 đến 16/10/2020 tại TP. Pleiku.');
    await page.click('#create-response');
    const card = page.locator('.response-card.editing');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator('.response-title').inputValue()).toBe('Đại hội Đảng bộ tỉnh diễn ra đúng kế hoạch');
    await expect.poll(() => page.getAttribute('#review-status .badge', 'data-status')).toBe('response_drafted');

    await page.keyboard.press('Escape');
    await page.keyboard.press('e');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('response-editor'))).toBe(true);
    await card.locator('.response-editor').fill('Thông tin Đại hội bị hoãn là không chính xác. Đại hội diễn ra đúng kế hoạch.');
    await card.locator('.save-draft').click();
    await expect.poll(() => page.textContent('.response-card .response-head')).toContain('phiên bản 2');
    await snap('08-item-response');

    const drafts = env.workflow.responses.list({ itemId: answered.id });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      status: 'draft',
      version: 2,
      title: 'Đại hội Đảng bộ tỉnh diễn ra đúng kế hoạch',
      createdBy: USERS.spokesperson.username,
    });
    expect(drafts[0].body).toBe('Thông tin Đại hội bị hoãn là không chính xác. Đại hội diễn ra đúng kế hoạch.');
    expect(drafts[0].factIds).toContain('GL-DATE');
  });

  it('lets the spokesperson withdraw the draft with a reason: kept read-only, the item back to confirmed', async () => {
    const card = page.locator('.response-card.editing');
    const [draft] = env.workflow.responses.list({ itemId: answered.id });
    // Without a reason nothing is sent.
    await card.locator('.withdraw').click();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('withdraw-reason-input'))).toBe(true);
    expect(env.workflow.responses.get(draft.id)?.status).toBe('draft');

    await card.locator('.withdraw-reason-input').fill('Đã có trả lời chung cho cả nhóm tin');
    await card.locator('.withdraw').click();
    await expect.poll(() => page.locator('.response-card .badge.response-withdrawn').count()).toBe(1);
    expect(await page.textContent('.response-card .withdraw-reason')).toContain('Đã có trả lời chung cho cả nhóm tin');
    await expect.poll(() => page.getAttribute('#review-status .badge', 'data-status')).toBe('confirmed');
    // The withdrawn draft is read-only; the item can be answered afresh.
    expect(await page.locator('.response-card.editing, .save-draft').count()).toBe(0);
    await page.waitForSelector('#new-response');
    expect(env.workflow.responses.get(draft.id)).toMatchObject({ status: 'withdrawn', withdrawnBy: USERS.spokesperson.username });
  });

  it('lets the spokesperson answer again and publish, citing a fact: the item becomes responded', async () => {
    await page.fill('#response-title', 'Đại hội Đảng bộ tỉnh không hoãn');
    await page.click('#create-response');
    const card = page.locator('.response-card.editing');
    await expect.poll(() => card.count()).toBe(1);
    // The contradicted fact is ticked already; publishing saves the choice with it.
    expect(await card.locator('input[type="checkbox"]:checked').count()).toBeGreaterThan(0);
    await card.locator('.publish-url').fill('https://gialai.example/dinh-chinh');
    await card.locator('.publish').click();
    await expect.poll(() => page.locator('.response-card .badge.response-published').count()).toBe(1);
    await expect.poll(() => page.getAttribute('#review-status .badge', 'data-status')).toBe('responded');
    expect(await page.getAttribute('.response-card a[target="_blank"][href="https://gialai.example/dinh-chinh"]', 'rel')).toBe('noopener noreferrer');
    // Published is final: nothing of it can be edited or withdrawn.
    expect(await page.locator('.response-card.editing, .save-draft, .withdraw').count()).toBe(0);
    const published = env.workflow.responses.list({ itemId: answered.id, status: 'published' });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ publishedBy: USERS.spokesperson.username, publishedUrl: 'https://gialai.example/dinh-chinh' });
    expect(published[0].factIds).toContain('GL-DATE');
  });

  it('draws the trends: items per day, flagged share with spikes marked, top terms, biggest clusters', async () => {
    await page.goto(`${env.url}/trends`);
    await page.waitForSelector('body[data-loaded]');
    const charts = await page.evaluate(() => {
      const Chart = (
        window as unknown as {
          Chart: { getChart(canvas: HTMLCanvasElement): { data: { datasets: Array<{ label: string; data: Array<number | null> }> } } | undefined };
        }
      ).Chart;
      return ['chart-per-day', 'chart-flagged', 'chart-terms'].map((id) => {
        const canvas = document.getElementById(id) as HTMLCanvasElement;
        const chart = Chart.getChart(canvas);
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted += 1;
        return {
          id,
          width: canvas.width,
          painted,
          datasets:
            chart?.data.datasets.map((dataset) => ({ label: dataset.label, sum: dataset.data.reduce<number>((sum, value) => sum + (value ?? 0), 0) })) ?? [],
        };
      });
    });
    for (const chart of charts) {
      expect(chart.datasets.length, chart.id).toBeGreaterThan(0);
      expect(
        chart.datasets.some((dataset) => dataset.sum > 0),
        chart.id,
      ).toBe(true);
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.painted, chart.id).toBeGreaterThan(1000);
    }
    expect(charts[0].datasets.map((dataset) => dataset.label)).toContain('Đại hội Đảng 2020');
    const trends = (await (await page.request.get(`${env.url}/api/trends`)).json()) as {
      spikes: { total: Array<{ day: string }> };
      clusters: unknown[];
      total: number;
    };
    expect(charts[0].datasets.reduce((sum, dataset) => sum + dataset.sum, 0)).toBeGreaterThanOrEqual(trends.total);
    // The congress days stand out from the weeks before them.
    expect(trends.spikes.total.map((spike) => spike.day)).toContain('2020-10-14');
    const spikes = await page.$$eval('#spikes li[data-day]', (items) => items.map((item) => (item as HTMLElement).dataset.day));
    expect(spikes).toContain('2020-10-14');
    expect(await page.locator('#clusters tbody tr[data-cluster]').count()).toBe(trends.clusters.length);
    await snap('09-trends');

    await page.selectOption('#t-by', 'source');
    await page.waitForURL(/by=source/);
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { Chart: { getChart(c: Element): { data: { datasets: Array<{ label: string }> } } } }).Chart.getChart(
            document.getElementById('chart-per-day')!,
          ).data.datasets.map((d) => d.label),
        ),
      )
      .toContain('Diễn đàn Phố Núi');
  });

  it('shows each source with its last run, items fetched, errors and health', async () => {
    await page.goto(`${env.url}/sources`);
    await page.waitForSelector('body[data-loaded]');
    const rows = await page.$$eval('#sources tbody tr[data-source]', (items) => items.map((item) => (item as HTMLElement).dataset.source));
    expect(rows).toEqual(env.config.sources.map((source) => source.id));
    const forum = page.locator('#sources tr[data-source="dien-dan-pho-nui"]');
    expect(await forum.locator('.badge').textContent()).toBe('Tốt');
    expect(await forum.locator('.health .run').count()).toBe(1);
    await forum.locator('button').click();
    await page.waitForSelector('#source-detail:not([hidden])');
    expect(
      await page.evaluate(() =>
        Boolean((window as unknown as { Chart: { getChart(c: Element): unknown } }).Chart.getChart(document.getElementById('chart-source')!)),
      ),
    ).toBe(true);
    await snap('10-sources');
  });

  it('switches to English and back', async () => {
    await page.goto(`${env.url}/`);
    await page.waitForSelector('#queue-body tr[data-id]');
    await page.click('.lang-switch button[data-lang="en"]');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await page.waitForSelector('#queue-body tr[data-id]');
    expect(await page.textContent('h1')).toBe('Review queue');
    expect(await page.textContent('label[for=f-q]')).toBe('Search (with or without diacritics)');
    expect(await page.textContent('#summary')).toMatch(/items · page 1\//);
    await snap('11-queue-en');
    await page.click('.lang-switch button[data-lang="vi"]');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('vi');
    await page.waitForSelector('#queue-body tr[data-id]');
    expect(await page.textContent('h1')).toBe('Hàng đợi xử lý');
  });

  it('gives a viewer a read-only dashboard', async () => {
    await page.click('#logout');
    await page.waitForURL(/\/login/);
    await login(page, env.url, 'viewer', `/item?id=${encodeURIComponent(answered.id)}`);
    await page.waitForSelector('body[data-loaded]');
    expect(await page.locator('#confirm, #dismiss, #assign, #new-response, #add-note, .save-draft').count()).toBe(0);
    expect(await page.textContent('#review')).toContain('Vai trò của bạn chỉ được xem.');
    await page.goto(`${env.url}/`);
    await page.waitForSelector('#queue-body tr[data-id]');
    expect(await page.locator('.row-select').count()).toBe(0);
    expect(await page.isVisible('#export-csv')).toBe(false);
  });

  it('ends the session at sign-out', async () => {
    await page.click('#logout');
    await page.waitForURL(/\/login/);
    expect((await page.request.get(`${env.url}/api/auth/me`)).status()).toBe(401);
    await page.goto(`${env.url}/trends`);
    await page.waitForURL(/\/login\?next=%2Ftrends/);
  });

  it('makes a user with a temporary password choose a new one before anything else', async () => {
    await env.workflow.users.create({ username: 'moi', role: 'viewer', password: 'Temp-pass-2020', mustChangePassword: true }, SYSTEM_ACTOR);
    await page.goto(`${env.url}/login?next=%2Ftrends`);
    await page.fill('#username', 'moi');
    await page.fill('#password', 'Temp-pass-2020');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#change-form:not([hidden])');
    expect(await page.textContent('#change-reason')).toBe('Mật khẩu này là tạm thời: hãy đặt mật khẩu mới trước khi tiếp tục.');
    // The dashboard pages send such a user back here.
    await page.goto(`${env.url}/`);
    await page.waitForURL(/\/login\?change=1/);
    await page.waitForSelector('#change-form:not([hidden])');
    await page.fill('#current-password', 'Temp-pass-2020');
    await page.fill('#new-password', 'ngan');
    await page.fill('#new-password-2', 'ngan');
    await page.click('#change-form button[type=submit]');
    await expect.poll(() => page.textContent('#notice')).toContain('Mật khẩu mới chưa đạt yêu cầu.');
    await page.fill('#new-password', 'Sen-hong-2021');
    await page.fill('#new-password-2', 'Sen-hong-2021');
    await Promise.all([page.waitForURL(`${env.url}/`), page.click('#change-form button[type=submit]')]);
    await page.waitForSelector('#queue-body tr[data-id]');
    expect(await env.workflow.auth.login('moi', 'Sen-hong-2021', {})).toMatchObject({ passwordChangeRequired: false });
    await page.click('#logout');
    await page.waitForURL(/\/login/);
  });

  it('ran without script errors, blocked resources or dialogs, and saved its screenshots', () => {
    expect(watch.pageErrors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    // The only failed loads are the session checks of signed-out pages (401) and the refused weak password (400).
    expect(watch.consoleErrors.filter((message) => !/status of 401/.test(message))).toEqual([expect.stringMatching(/status of 400/)]);
    expect(shots).toHaveLength(11);
  });
});
