// Trends: items per day by topic, source or platform; items, flagged items and the flagged
// share with spikes marked; top terms this week against last week; the biggest clusters.
// Charts are drawn by Chart.js (served from the server's node_modules at /vendor/chart.js).
import { api, enc, queryString } from './api.js';
import { $, h, render } from './dom.js';
import { formatDateTime, formatDay, formatNumber, formatPercent, label, t } from './i18n.js';
import { boot, errorText, notify } from './layout.js';
import { loadSourceNames, sourceName } from './source-names.js';

const COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0969da', '#57606a', '#cf222e', '#116329'];
const SPIKE = '#d1242f';
const charts = {};

function seriesName(key, by) {
  if (key === '__other__') return t('trends.other');
  if (key === '__none__') return t('trends.noTopic');
  if (by === 'topic') return label('topic', key);
  if (by === 'platform') return label('platform', key);
  return sourceName(key);
}

function draw(id, config) {
  charts[id]?.destroy();
  const base = { animation: false, responsive: true, maintainAspectRatio: false };
  charts[id] = new window.Chart($(`#${id}`), { ...config, options: { ...base, ...config.options } });
}

function readRange() {
  const params = new URLSearchParams(location.search);
  return {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    by: ['topic', 'source', 'platform'].includes(params.get('by')) ? params.get('by') : 'topic',
  };
}

async function load() {
  const range = readRange();
  $('#t-by').value = range.by;
  let trends;
  try {
    trends = await api.get(`/api/trends${queryString({ from: range.from, to: range.to })}`);
  } catch (error) {
    notify(errorText(error), 'error');
    return;
  }
  $('#t-from').value = trends.from;
  $('#t-to').value = trends.to;
  const labels = trends.days.map(formatDay);
  const share = trends.total ? trends.flagged / trends.total : null;
  render(
    $('#trends-summary'),
    t('trends.summary', {
      from: formatDay(trends.from),
      to: formatDay(trends.to),
      total: formatNumber(trends.total),
      flagged: formatNumber(trends.flagged),
      share: formatPercent(share),
    }),
  );

  const series = { topic: trends.byTopic, source: trends.bySource, platform: trends.byPlatform }[range.by];
  $('#per-day-title').textContent = `${t('trends.perDay')} — ${t(`trends.by${range.by[0].toUpperCase()}${range.by.slice(1)}`)}`;
  draw('chart-per-day', {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: seriesName(s.key, range.by), data: s.counts, backgroundColor: COLORS[i % COLORS.length], stack: 'items' })),
    },
    options: {
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });

  const spikeDays = { total: new Set(trends.spikes.total.map((s) => s.day)), flagged: new Set(trends.spikes.flagged.map((s) => s.day)) };
  const spikeStyle = (which, color) => ({
    pointRadius: (ctx) => (spikeDays[which].has(trends.days[ctx.dataIndex]) ? 7 : 0),
    pointStyle: (ctx) => (spikeDays[which].has(trends.days[ctx.dataIndex]) ? 'triangle' : 'circle'),
    pointBackgroundColor: (ctx) => (spikeDays[which].has(trends.days[ctx.dataIndex]) ? SPIKE : color),
    pointBorderColor: (ctx) => (spikeDays[which].has(trends.days[ctx.dataIndex]) ? SPIKE : color),
  });
  draw('chart-flagged', {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: t('trends.items'),
          data: trends.perDay.map((d) => d.total),
          borderColor: COLORS[0],
          backgroundColor: COLORS[0],
          yAxisID: 'y',
          ...spikeStyle('total', COLORS[0]),
        },
        {
          label: t('trends.flagged'),
          data: trends.perDay.map((d) => d.flagged),
          borderColor: COLORS[3],
          backgroundColor: COLORS[3],
          yAxisID: 'y',
          ...spikeStyle('flagged', COLORS[3]),
        },
        {
          label: t('trends.share'),
          data: trends.perDay.map((d) => (d.share7 === null ? null : Math.round(d.share7 * 100))),
          borderColor: COLORS[4],
          backgroundColor: COLORS[4],
          borderDash: [5, 4],
          pointRadius: 0,
          spanGaps: true,
          yAxisID: 'y1',
        },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: t('trends.items') } },
        y1: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: t('trends.sharePercent') } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  $('#spike-rule').textContent = t('trends.spikeRule', { minCount: trends.spikeRule.minCount, k: trends.spikeRule.k, window: trends.spikeRule.window });
  const spikes = [...trends.spikes.total.map((s) => ({ ...s, which: 'total' })), ...trends.spikes.flagged.map((s) => ({ ...s, which: 'flagged' }))].sort(
    (a, b) => a.day.localeCompare(b.day),
  );
  render(
    $('#spikes'),
    spikes.length
      ? spikes.map((s) =>
          h(
            'li',
            { dataset: { day: s.day, which: s.which } },
            h('span', { class: 'spike-mark' }, '▲'),
            ' ',
            t(s.which === 'total' ? 'trends.spikeTotal' : 'trends.spikeFlagged', {
              day: formatDay(s.day),
              count: s.count,
              mean: formatNumber(s.mean, 1),
              threshold: formatNumber(s.threshold, 1),
            }),
          ),
        )
      : h('li', { class: 'muted' }, t('trends.noSpikes')),
  );

  const terms = trends.topTerms;
  $('#weeks').textContent = t('trends.weeks', {
    thisFrom: formatDay(terms.thisWeek.from),
    thisTo: formatDay(terms.thisWeek.to),
    lastFrom: formatDay(terms.lastWeek.from),
    lastTo: formatDay(terms.lastWeek.to),
  });
  draw('chart-terms', {
    type: 'bar',
    data: {
      labels: terms.terms.map((term) => term.term),
      datasets: [
        { label: t('trends.thisWeek'), data: terms.terms.map((term) => term.thisWeek), backgroundColor: COLORS[1] },
        { label: t('trends.lastWeek'), data: terms.terms.map((term) => term.lastWeek), backgroundColor: COLORS[7] },
      ],
    },
    options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: 'bottom' } } },
  });
  render(
    $('#terms'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', null, t('trends.term')),
        h('th', { class: 'num' }, t('trends.thisWeek')),
        h('th', { class: 'num' }, t('trends.lastWeek')),
        h('th', { class: 'num' }, t('trends.change')),
      ),
    ),
    h(
      'tbody',
      null,
      terms.terms.length
        ? terms.terms.map((term) =>
            h(
              'tr',
              null,
              h('td', null, h('a', { href: `/?${new URLSearchParams({ q: term.term, flagged: '', status: '' })}` }, term.term)),
              h('td', { class: 'num' }, term.thisWeek),
              h('td', { class: 'num' }, term.lastWeek),
              h('td', { class: `num ${term.change > 0 ? 'up' : term.change < 0 ? 'down' : ''}` }, term.change > 0 ? `+${term.change}` : String(term.change)),
            ),
          )
        : h('tr', null, h('td', { colspan: 4, class: 'muted' }, t('trends.noTerms'))),
    ),
  );
  render(
    $('#clusters'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['trends.clusterSize', 'trends.clusterFirst', 'trends.clusterSources', 'col.item'].map((key) => h('th', null, t(key))),
      ),
    ),
    h(
      'tbody',
      null,
      trends.clusters.length
        ? trends.clusters.map((cluster) =>
            h(
              'tr',
              { dataset: { cluster: cluster.clusterId } },
              h(
                'td',
                { class: 'num' },
                cluster.size,
                cluster.flagged ? h('div', { class: 'muted' }, t('trends.clusterFlagged', { count: cluster.flagged })) : null,
              ),
              h('td', { class: 'time' }, formatDateTime(cluster.firstSeen), h('div', { class: 'muted' }, '→ ', formatDateTime(cluster.lastSeen))),
              h('td', null, cluster.sources.map(sourceName).join(', ')),
              h('td', null, h('a', { href: `/item?id=${enc(cluster.firstItem.id)}` }, cluster.firstItem.title)),
            ),
          )
        : h('tr', null, h('td', { colspan: 4, class: 'muted' }, t('trends.noClusters'))),
    ),
  );
  document.body.dataset.loaded = 'true';
}

async function start() {
  await boot();
  if (!window.Chart) notify(t('trends.noChartJs'), 'error');
  $('#range').addEventListener('submit', (event) => {
    event.preventDefault();
    const url = `/trends${queryString({ from: $('#t-from').value, to: $('#t-to').value, by: $('#t-by').value })}`;
    history.pushState(null, '', url);
    void load();
  });
  $('#t-by').addEventListener('change', () => $('#range').requestSubmit());
  window.addEventListener('popstate', () => void load());
  await loadSourceNames();
  await load();
}

start().catch((error) => notify(String(error), 'error'));
