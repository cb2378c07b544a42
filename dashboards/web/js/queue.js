// The review queue: flagged items, most distorted (or newest) first, with filters kept in the
// URL, pagination, bulk assign/dismiss and keyboard shortcuts.
import { listAddress } from './address.js';
import { api, enc, queryString } from './api.js';
import { $, $$, h, render } from './dom.js';
import { formatDateTime, formatNumber, label, t } from './i18n.js';
import { bindShortcuts, boot, can, errorText, notify, session, shortcutHelp } from './layout.js';
import { dismissItem, assignItem, knownRumourBadge, scoreCell, statusBadge, platformOf } from './items.js';
import { loadSourceNames, sourceName } from './source-names.js';

const FILTERS = ['q', 'sort', 'flagged', 'status', 'topic', 'source', 'platform', 'kind', 'assignee', 'from', 'to', 'minDistortion'];
const DEFAULTS = { sort: 'distortion', flagged: 'true', status: 'new,in_review' };
const PAGE_SIZES = [20, 50, 100];
const SHORTCUTS = [
  ['j / k', 'keys.nextPrev'],
  ['x', 'keys.select'],
  ['o / Enter', 'keys.open'],
  ['d', 'keys.dismiss'],
  ['a', 'keys.assignMe'],
  ['/', 'keys.search'],
  ['n / p', 'keys.pages'],
  ['r', 'keys.reload'],
  ['?', 'keys.help'],
  ['Esc', 'keys.escape'],
];

const view = { items: [], total: 0, focus: -1, selected: new Set(), state: null, dismissTargets: [] };

/** Filters, page and page size from the address bar (missing values take the defaults). */
function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const key of FILTERS) state[key] = params.has(key) ? params.get(key) : (DEFAULTS[key] ?? '');
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  state.page = Number.isInteger(page) && page > 0 ? page : 1;
  state.pageSize = PAGE_SIZES.includes(pageSize) ? pageSize : 20;
  return state;
}

function stateUrl(state) {
  return listAddress('/', state, { filters: FILTERS, defaults: DEFAULTS, defaultPageSize: 20 });
}

function go(state, { replace = false } = {}) {
  const url = stateUrl(state);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  sessionStorage.setItem('mw-queue', url);
  void load();
}

function fillForm(state) {
  const form = $('#filters');
  for (const key of FILTERS) {
    const field = form.elements.namedItem(key);
    if (!field) continue;
    if (field.tagName === 'SELECT' && ![...field.options].some((option) => option.value === state[key])) {
      field.append(h('option', { value: state[key] }, state[key]));
    }
    field.value = state[key];
  }
  $('#page-size').value = String(state.pageSize);
}

function formState() {
  const form = $('#filters');
  const state = { page: 1, pageSize: Number($('#page-size').value) };
  for (const key of FILTERS) state[key] = String(form.elements.namedItem(key)?.value ?? '').trim();
  return state;
}

async function loadFacets() {
  try {
    const facets = await api.get('/api/dashboard/facets');
    const options = (select, values, name) => {
      const keep = select.value;
      for (const value of values) {
        if (![...select.options].some((option) => option.value === value)) select.append(h('option', { value }, name(value)));
      }
      select.value = keep;
    };
    options($('#f-topic'), facets.topics, (topic) => label('topic', topic));
    options($('#f-source'), facets.sources, sourceName);
    options($('#f-platform'), facets.platforms, (platform) => label('platform', platform));
    render(
      $('#assignee-list'),
      h('option', { value: 'me' }, t('filter.me')),
      facets.assignees.map((user) =>
        h('option', { value: user.username }, user.displayName ? `${user.displayName} (${label('role', user.role)})` : label('role', user.role)),
      ),
    );
  } catch (error) {
    notify(errorText(error), 'error');
  }
}

async function load() {
  const state = readState();
  view.state = state;
  fillForm(state);
  const params = {
    q: state.q,
    sort: state.sort,
    flagged: state.flagged === 'true' ? 'true' : undefined,
    status: state.status,
    topic: state.topic,
    source: state.source,
    platform: state.platform,
    kind: state.kind,
    assignee: state.assignee,
    from: state.from,
    to: state.to,
    minDistortion: state.minDistortion,
    page: state.page,
    pageSize: state.pageSize,
  };
  document.body.classList.add('loading');
  try {
    const page = await api.get(`/api/dashboard/queue${queryString(params)}`);
    view.items = page.items;
    view.total = page.total;
    view.selected.clear();
    view.focus = page.items.length ? Math.min(Math.max(view.focus, 0), page.items.length - 1) : -1;
    renderTable(page);
  } catch (error) {
    view.items = [];
    renderTable({ items: [], total: 0, page: 1, pageSize: state.pageSize });
    notify(errorText(error), 'error');
  } finally {
    document.body.classList.remove('loading');
  }
}

function row(item, index) {
  const selectable = can.review();
  const checkbox = selectable
    ? h('input', {
        type: 'checkbox',
        class: 'row-select',
        'aria-label': t('bulk.selectOne'),
        checked: view.selected.has(item.id),
        on: { change: (event) => toggle(item.id, event.target.checked) },
      })
    : null;
  return h(
    'tr',
    { dataset: { id: item.id, index }, class: [index === view.focus ? 'focused' : '', item.flagged ? 'flagged' : ''] },
    h('td', { class: 'select' }, checkbox),
    h(
      'td',
      { class: 'item' },
      h('a', { class: 'title', href: `/item?id=${enc(item.id)}` }, item.title || t('item.untitled')),
      h('div', { class: 'snippet' }, item.snippet),
      h(
        'div',
        { class: 'tags' },
        item.knownRumour ? knownRumourBadge(item.knownRumour) : null,
        item.topics.map((topic) => h('span', { class: 'tag' }, label('topic', topic))),
      ),
    ),
    h(
      'td',
      null,
      h('div', { class: 'source', title: item.sourceId }, sourceName(item.sourceId)),
      h('div', { class: 'muted' }, label('platform', platformOf(item)), ' · ', label('kind', item.kind)),
    ),
    h('td', { class: 'time' }, formatDateTime(item.publishedAt ?? item.fetchedAt)),
    h('td', { class: 'num' }, scoreCell(item.scores.distortion)),
    h('td', { class: 'num' }, scoreCell(item.scores.congress)),
    h('td', null, statusBadge(item.review?.status ?? 'new')),
    h('td', { class: 'assignee' }, item.review?.assignee ?? '—'),
  );
}

function renderTable(page) {
  const body = $('#queue-body');
  render(body, page.items.length ? page.items.map(row) : h('tr', { class: 'empty' }, h('td', { colspan: 8 }, t('queue.empty'))));
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  render($('#summary'), t('queue.summary', { total: formatNumber(page.total), page: page.page, pages }));
  const state = view.state;
  render(
    $('#pager'),
    h(
      'button',
      { type: 'button', id: 'prev-page', disabled: page.page <= 1, on: { click: () => go({ ...state, page: state.page - 1 }) } },
      `‹ ${t('queue.prev')}`,
    ),
    h('span', { class: 'page-of' }, t('queue.pageOf', { page: page.page, pages })),
    h(
      'button',
      { type: 'button', id: 'next-page', disabled: page.page >= pages, on: { click: () => go({ ...state, page: state.page + 1 }) } },
      `${t('queue.next')} ›`,
    ),
  );
  updateExportLink(state);
  $('#select-all').hidden = !can.review();
  $('#select-all').checked = false;
  updateBulk();
}

/**
 * The export link carries the queue's filters. Exports come in time order and know no score
 * threshold, so the link says when the list has one that the file will not apply.
 */
function updateExportLink(state) {
  const link = $('#export-csv');
  link.hidden = !can.export();
  // "web" and "social" are the queue's own groupings: social is a kind; web (news and feeds) has no filter of its own.
  const derived = state.platform === 'web' || state.platform === 'social';
  const params = {
    format: 'csv',
    q: state.q,
    flagged: state.flagged === 'true' ? 'true' : undefined,
    status: state.status,
    topic: state.topic,
    source: state.source,
    platform: derived ? undefined : state.platform,
    kind: state.platform === 'social' ? 'social' : state.kind,
    assignee: state.assignee,
    from: state.from,
    to: state.to,
  };
  link.setAttribute('href', `/api/items/export${queryString(params)}`);
  link.title = state.minDistortion || state.platform === 'web' ? t('queue.exportPartialFilters') : t('queue.exportHint');
}

function toggle(id, on) {
  if (on) view.selected.add(id);
  else view.selected.delete(id);
  const checkbox = $(`tr[data-id="${CSS.escape(id)}"] .row-select`);
  if (checkbox) checkbox.checked = on;
  updateBulk();
}

function updateBulk() {
  const bar = $('#bulk');
  bar.hidden = !can.review() || view.selected.size === 0;
  $('#bulk-count').textContent = t('bulk.selected', { count: view.selected.size });
  $('#select-all').checked = view.items.length > 0 && view.selected.size === view.items.length;
}

function setFocus(index) {
  if (!view.items.length) return;
  view.focus = Math.max(0, Math.min(view.items.length - 1, index));
  for (const tr of $$('#queue-body tr')) tr.classList.toggle('focused', Number(tr.dataset.index) === view.focus);
  $(`#queue-body tr[data-index="${view.focus}"]`)?.scrollIntoView({ block: 'nearest' });
}

/** The selected items, else the focused one. */
function targets() {
  if (view.selected.size) return [...view.selected];
  const focused = view.items[view.focus];
  return focused ? [focused.id] : [];
}

async function bulk(ids, action, doneKey) {
  let done = 0;
  const failed = [];
  for (const id of ids) {
    try {
      await action(id);
      done += 1;
    } catch (error) {
      const item = view.items.find((candidate) => candidate.id === id);
      failed.push(`${item?.title ?? id}: ${error.status ? errorText(error) : error.message}`);
    }
  }
  await load();
  if (failed.length) notify(`${t(doneKey, { done, total: ids.length })} ${failed.join('; ')}`, 'error');
  else notify(t(doneKey, { done, total: ids.length }), 'ok');
}

function openDismiss(ids) {
  if (!can.review() || !ids.length) return;
  view.dismissTargets = ids;
  $('#dismiss-title').textContent = t('bulk.dismissTitle', { count: ids.length });
  $('#dismiss-panel').hidden = false;
  $('#dismiss-reason').focus();
}

function closePanels() {
  $('#dismiss-panel').hidden = true;
  $('#shortcut-help')?.remove();
}

function assignTo(ids, who) {
  if (!can.review() || !ids.length || !who) return;
  const assignee = who === 'me' ? session.me.user.username : who;
  void bulk(ids, (id) => assignItem(id, assignee), 'bulk.assigned');
}

function wire() {
  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    go(formState());
  });
  $('#f-reset').addEventListener('click', () =>
    go({ ...Object.fromEntries(FILTERS.map((key) => [key, DEFAULTS[key] ?? ''])), page: 1, pageSize: view.state.pageSize }),
  );
  $('#page-size').addEventListener('change', () => go({ ...view.state, page: 1, pageSize: Number($('#page-size').value) }));
  $('#select-all').addEventListener('change', (event) => {
    for (const item of view.items) toggle(item.id, event.target.checked);
  });
  $('#bulk-assign-me').addEventListener('click', () => assignTo(targets(), 'me'));
  $('#bulk-assign').addEventListener('click', () => assignTo(targets(), $('#bulk-assignee').value.trim()));
  $('#bulk-dismiss').addEventListener('click', () => openDismiss(targets()));
  $('#bulk-clear').addEventListener('click', () => {
    for (const id of [...view.selected]) toggle(id, false);
  });
  $('#dismiss-cancel').addEventListener('click', () => ($('#dismiss-panel').hidden = true));
  $('#dismiss-panel').addEventListener('submit', (event) => {
    event.preventDefault();
    const reason = $('#dismiss-reason').value.trim();
    if (!reason) return;
    const notCongress = $('#dismiss-not-congress').checked;
    const ids = view.dismissTargets;
    $('#dismiss-panel').hidden = true;
    $('#dismiss-reason').value = '';
    $('#dismiss-not-congress').checked = false;
    void bulk(ids, (id) => dismissItem(id, reason, notCongress ? false : undefined), 'bulk.dismissed');
  });
  $('#help-button').addEventListener('click', () => shortcutHelp(SHORTCUTS));
  window.addEventListener('popstate', () => void load());

  const open = () => {
    const focused = view.items[view.focus];
    if (focused) location.assign(`/item?id=${enc(focused.id)}`);
  };
  bindShortcuts(
    {
      j: () => setFocus(view.focus + 1),
      k: () => setFocus(view.focus - 1),
      x: () => {
        const focused = view.items[view.focus];
        if (focused && can.review()) toggle(focused.id, !view.selected.has(focused.id));
      },
      o: open,
      Enter: open,
      d: () => openDismiss(targets()),
      a: () => assignTo(targets(), 'me'),
      '/': () => $('#f-q').focus(),
      n: () => {
        if (!$('#next-page')?.disabled) go({ ...view.state, page: view.state.page + 1 });
      },
      p: () => {
        if (!$('#prev-page')?.disabled) go({ ...view.state, page: view.state.page - 1 });
      },
      r: () => void load(),
      '?': () => shortcutHelp(SHORTCUTS),
    },
    closePanels,
  );
}

async function start() {
  await boot();
  sessionStorage.setItem('mw-queue', `${location.pathname}${location.search}`);
  wire();
  view.focus = 0;
  await loadSourceNames();
  await Promise.all([loadFacets(), load()]);
  document.body.dataset.loaded = 'true';
}

start().catch((error) => notify(String(error), 'error'));
