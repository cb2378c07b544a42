// Sources: each source's last run, items fetched, errors, and its health over its recent runs
// (a strip of run outcomes, and a chart of one source's runs on request).
import { api, enc } from './api.js';
import { $, h, render } from './dom.js';
import { formatDateTime, formatNumber, label, t } from './i18n.js';
import { boot, errorText, notify } from './layout.js';

const STRIP_RUNS = 20;
let chart = null;

function statusBadge(status) {
  return h('span', { class: `badge run-${status ?? 'never'}` }, label('run', status ?? 'never'));
}

function healthStrip(runs) {
  const recent = runs.slice(0, STRIP_RUNS).reverse();
  if (!recent.length) return h('span', { class: 'muted' }, t('sources.noRuns'));
  return h(
    'span',
    { class: 'health', role: 'img', 'aria-label': t('sources.healthLabel', { ok: recent.filter((run) => run.status === 'ok').length, total: recent.length }) },
    recent.map((run) =>
      h('span', {
        class: `run run-${run.status}`,
        title: `${formatDateTime(run.startedAt)} · ${label('run', run.status)} · ${t('sources.fetchedN', { count: run.fetched })} · ${t('sources.errorsN', { count: run.errorCount })}`,
      }),
    ),
  );
}

function showDetail(source, runs) {
  $('#source-detail').hidden = false;
  $('#source-detail-title').textContent = `${t('sources.history')}: ${source.name ?? source.id}`;
  const ordered = [...runs].reverse();
  chart?.destroy();
  chart = new window.Chart($('#chart-source'), {
    type: 'line',
    data: {
      labels: ordered.map((run) => formatDateTime(run.startedAt)),
      datasets: [
        { label: t('sources.fetched'), data: ordered.map((run) => run.fetched), borderColor: '#1f6feb', backgroundColor: '#1f6feb' },
        { label: t('sources.new'), data: ordered.map((run) => run.new), borderColor: '#1a7f37', backgroundColor: '#1a7f37' },
        { label: t('sources.errors'), data: ordered.map((run) => run.errorCount), borderColor: '#d1242f', backgroundColor: '#d1242f' },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  const errors = runs.flatMap((run) => run.errors.map((error) => ({ ...error, at: run.startedAt }))).slice(0, 20);
  render(
    $('#source-errors'),
    errors.length
      ? errors.map((error) =>
          h(
            'li',
            null,
            h('span', { class: 'muted' }, formatDateTime(error.at)),
            ' ',
            h('code', null, String(error.url ?? '')),
            ' — ',
            String(error.reason ?? error.message ?? ''),
          ),
        )
      : h('li', { class: 'muted' }, t('sources.noErrors')),
  );
  $('#source-detail').scrollIntoView({ block: 'nearest' });
}

async function start() {
  await boot();
  let sources;
  try {
    sources = (await api.get('/api/sources')).sources;
  } catch (error) {
    notify(error.status === 404 ? t('sources.unavailable') : errorText(error), 'error');
    return;
  }
  const histories = await Promise.all(
    sources.map((source) =>
      api.get(`/api/sources/${enc(source.id)}`).then(
        (detail) => detail.runs ?? [],
        () => [],
      ),
    ),
  );
  render(
    $('#sources'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [
          'sources.source',
          'sources.kind',
          'sources.lastRun',
          'sources.status',
          'sources.fetched',
          'sources.errors',
          'sources.stored',
          'sources.health',
          '',
        ].map((key) => h('th', null, key ? t(key) : '')),
      ),
    ),
    h(
      'tbody',
      null,
      sources.length
        ? sources.map((source, index) =>
            h(
              'tr',
              { dataset: { source: source.id }, class: source.enabled ? '' : 'disabled' },
              h(
                'td',
                null,
                h('strong', null, source.name ?? source.id),
                h('div', { class: 'muted' }, source.id),
                h('div', { class: 'muted location' }, source.location),
              ),
              h(
                'td',
                null,
                label('kind', source.kind),
                source.platform ? h('div', { class: 'muted' }, label('platform', source.platform)) : null,
                source.enabled ? null : h('div', { class: 'muted' }, t('sources.disabled')),
              ),
              h('td', { class: 'time' }, source.lastRun ? formatDateTime(source.lastRun.finishedAt ?? source.lastRun.startedAt) : '—'),
              h('td', null, statusBadge(source.lastRun?.status)),
              h(
                'td',
                { class: 'num' },
                formatNumber(source.itemsFetched),
                source.lastRun ? h('div', { class: 'muted' }, t('sources.newN', { count: source.lastRun.new })) : null,
              ),
              h('td', { class: `num ${source.errorCount ? 'bad' : ''}` }, formatNumber(source.errorCount)),
              h('td', { class: 'num' }, source.storedItems === undefined ? '—' : formatNumber(source.storedItems)),
              h('td', null, healthStrip(histories[index])),
              h('td', null, h('button', { type: 'button', class: 'link', on: { click: () => showDetail(source, histories[index]) } }, t('sources.details'))),
            ),
          )
        : h('tr', null, h('td', { colspan: 9, class: 'muted' }, t('sources.none'))),
    ),
  );
  document.body.dataset.loaded = 'true';
}

start().catch((error) => notify(String(error), 'error'));
