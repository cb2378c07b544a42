// Own-portal integrity watch (docs/portals.md): a card per watched portal, the incidents with
// filters and paging kept in the address, one incident (also opened by ?incident=<id>, where the
// alerts link) with its diff, pages, deliveries and audit trail, and for admins acknowledging an
// incident or accepting a portal's whole state. Everything shown comes from the watched pages —
// possibly defaced ones — so it is built as text only (dom.js), and page URLs are never links.
import { listAddress } from './address.js';
import { api, enc } from './api.js';
import { $, $$, h, render } from './dom.js';
import { formatDateTime, formatNumber, label, t } from './i18n.js';
import { boot, errorText, notify, session } from './layout.js';

const API = '/api/portal-incidents';
const FILTERS = ['status', 'portal', 'kind', 'url'];
const DEFAULTS = { status: 'open' };
const STATUSES = ['open', 'acknowledged', ''];
const KINDS = [
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
const DEFAULT_PAGE_SIZE = 20;
/** The API's limit; the select offers 20/50/100, the address may ask for any size up to this. */
const MAX_PAGE_SIZE = 200;
/** Pages listed in a row before "+N more". */
const ROW_PAGES = 3;
/** Days left under which a certificate shows as a warning (the config's default certWarningDays). */
const CERT_WARNING_DAYS = 14;

const view = { state: null, portals: [], items: [], detail: null, acceptTarget: null, listRequest: 0, detailRequest: 0 };

const isAdmin = () => session.me?.role === 'admin';

// --- Address ------------------------------------------------------------------------------------

/** Filters, page, page size and the open incident from the address bar (bad values take the defaults). */
function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const key of FILTERS) state[key] = params.has(key) ? params.get(key).trim() : (DEFAULTS[key] ?? '');
  if (!STATUSES.includes(state.status)) state.status = DEFAULTS.status;
  if (state.kind && !KINDS.includes(state.kind)) state.kind = '';
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  state.page = Number.isInteger(page) && page > 0 ? page : 1;
  state.pageSize = Number.isInteger(pageSize) && pageSize > 0 && pageSize <= MAX_PAGE_SIZE ? pageSize : DEFAULT_PAGE_SIZE;
  const incident = params.get('incident') ?? '';
  state.incident = /^\d{1,12}$/.test(incident) ? incident : '';
  return state;
}

function stateUrl(state) {
  // Keep the address the visitor came by (/portals or /portals.html, where the alerts link).
  const options = { filters: FILTERS, defaults: DEFAULTS, defaultPageSize: DEFAULT_PAGE_SIZE };
  return listAddress(location.pathname, state, options, { incident: state.incident });
}

/** Moves to a new state: list and/or detail reload as needed, Back/Forward work. */
function go(state, { replace = false } = {}) {
  const before = view.state;
  const url = stateUrl(state);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void sync(before);
}

async function sync(before) {
  const state = readState();
  view.state = state;
  fillForm(state);
  const listChanged = !before || FILTERS.some((key) => before[key] !== state[key]) || before.page !== state.page || before.pageSize !== state.pageSize;
  const tasks = [];
  if (listChanged) tasks.push(loadList());
  else markCurrentRow();
  if (!before || before.incident !== state.incident) tasks.push(state.incident ? loadDetail(state.incident, { scroll: Boolean(before) }) : closeDetail());
  await Promise.all(tasks);
}

function fillForm(state) {
  const form = $('#filters');
  for (const key of FILTERS) {
    const field = form.elements.namedItem(key);
    if (field.tagName === 'SELECT' && ![...field.options].some((option) => option.value === state[key])) {
      field.append(h('option', { value: state[key] }, state[key]));
    }
    field.value = state[key];
  }
  const size = $('#page-size');
  if (![...size.options].some((option) => option.value === String(state.pageSize))) size.append(h('option', null, String(state.pageSize)));
  size.value = String(state.pageSize);
}

function formState() {
  const form = $('#filters');
  const state = { page: 1, pageSize: Number($('#page-size').value), incident: view.state.incident };
  for (const key of FILTERS) state[key] = String(form.elements.namedItem(key).value ?? '').trim();
  return state;
}

// --- Small pieces -------------------------------------------------------------------------------

function severityBadge(severity) {
  return h('span', { class: `badge sev sev-${severity}` }, label('severity', severity));
}

function statusBadge(status) {
  return h('span', { class: `badge incident-${status}` }, label('portalStatus', status));
}

function presentBadge(present) {
  return h('span', { class: `badge present-${present ? 'yes' : 'no'}` }, present ? t('portals.present') : t('portals.gone'));
}

/** "/lien-he.html" for a page of the portal (the full URL on hover). */
function pagePath(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}` || url;
  } catch {
    return String(url);
  }
}

function portalName(id) {
  const portal = view.portals.find((candidate) => candidate.id === id);
  return portal?.name ? `${portal.name} (${id})` : id;
}

function filterByPage(url) {
  go({ ...view.state, url, page: 1 });
}

function pageButton(url) {
  return h(
    'button',
    { type: 'button', class: 'link page-link', title: `${t('portals.filterByPage')}: ${url}`, dataset: { url }, on: { click: () => filterByPage(url) } },
    pagePath(url),
  );
}

/** Kinds of diff lines: headers (--- / +++), hunks (@@), removed (-), added (+), page headings (===), context. */
function diffLines(text) {
  const lines = String(text ?? '').split('\n');
  return lines.map((line, index) => {
    let kind = 'context';
    if (line.startsWith('--- ') && (lines[index + 1] ?? '').startsWith('+++ ')) kind = 'head';
    else if (line.startsWith('+++ ') && (lines[index - 1] ?? '').startsWith('--- ')) kind = 'head';
    else if (line.startsWith('@@')) kind = 'hunk';
    else if (line.startsWith('=== ')) kind = 'file';
    else if (line.startsWith('-')) kind = 'del';
    else if (line.startsWith('+')) kind = 'add';
    else if (line !== '' && !line.startsWith(' ')) kind = 'meta';
    return { kind, line };
  });
}

/** A monospace block, one element per line, each line set as text. */
function diffBlock(text, attributes = {}) {
  return h(
    'pre',
    { ...attributes, class: 'diff' },
    diffLines(text).map(({ kind, line }) => h('span', { class: `diff-line diff-${kind}` }, line)),
  );
}

// --- Portal cards -------------------------------------------------------------------------------

function fact(key, value, className) {
  return [h('dt', null, t(key)), h('dd', { class: className }, value)];
}

function certificateLine(certificate) {
  const host = certificate.port && certificate.port !== 443 ? `${certificate.host}:${certificate.port}` : certificate.host;
  const problems = [];
  if (certificate.hostnameMatches === false) problems.push(t('portals.hostnameMismatch'));
  if (certificate.trusted === false) problems.push(t('portals.untrusted'));
  if (certificate.error) problems.push(t('portals.certError', { error: certificate.error }));
  let days = null;
  if (typeof certificate.daysLeft === 'number') {
    const date = formatDateTime(certificate.validTo);
    const left = Math.floor(certificate.daysLeft);
    const level = left < 0 ? 'cert-bad' : left <= CERT_WARNING_DAYS ? 'cert-warn' : 'cert-ok';
    days = h('span', { class: `days-left ${level}` }, left < 0 ? t('portals.expired', { days: -left, date }) : t('portals.daysLeft', { days: left, date }));
  }
  return h(
    'li',
    { class: 'certificate', dataset: { host: certificate.host } },
    h('code', null, host),
    ' ',
    days,
    problems.map((problem) => [' ', h('span', { class: 'problem' }, problem)]),
  );
}

function portalCard(portal) {
  const run = portal.lastRun;
  const errors = run?.errors ?? [];
  const certificates = portal.certificates ?? [];
  const admin = isAdmin();
  return h(
    'article',
    { class: ['portal-card', portal.openIncidents ? 'has-open' : 'clean', portal.enabled ? '' : 'disabled'], dataset: { portal: portal.id } },
    h('h3', { class: 'portal-name' }, portal.name ?? portal.id),
    h('div', { class: 'muted' }, portal.id, portal.enabled ? '' : ` · ${t('portals.disabled')}`),
    h(
      'ul',
      { class: 'plain start-urls' },
      portal.startUrls.map((url) => h('li', null, h('code', null, url))),
    ),
    h(
      'dl',
      { class: 'card-facts' },
      fact(
        'portals.lastCheck',
        run
          ? [
              formatDateTime(run.finishedAt ?? run.startedAt),
              h('div', { class: 'muted' }, t('portals.checkedPages', { pages: formatNumber(run.pagesChecked), errors: formatNumber(errors.length) })),
            ]
          : t('portals.never'),
        'last-check',
      ),
      fact('portals.pagesWatched', formatNumber(portal.pagesWatched), 'pages-watched'),
      fact(
        'portals.openIncidents',
        h(
          'button',
          {
            type: 'button',
            class: ['link', 'open-count', portal.openIncidents ? 'bad' : ''],
            title: t('portals.showPortal'),
            on: { click: () => go({ ...view.state, portal: portal.id, status: 'open', page: 1 }) },
          },
          formatNumber(portal.openIncidents),
        ),
        'open-incidents',
      ),
      fact('portals.schedule', portal.schedule ? h('code', null, portal.schedule) : t('portals.manual'), 'schedule'),
      fact(
        'portals.certificate',
        certificates.length
          ? h('ul', { class: 'plain certificates' }, certificates.map(certificateLine))
          : h('span', { class: 'muted' }, t('portals.noCertificate')),
        'certificate',
      ),
    ),
    errors.length
      ? h(
          'details',
          { class: 'check-errors' },
          h('summary', null, `${t('portals.checkErrors')} (${formatNumber(errors.length)})`),
          h(
            'ul',
            { class: 'errors' },
            errors.slice(0, 20).map((error) => h('li', null, h('code', null, pagePath(String(error.url ?? ''))), ' — ', String(error.reason ?? ''))),
          ),
        )
      : null,
    admin
      ? h(
          'div',
          { class: 'buttons' },
          h('button', { type: 'button', class: 'danger accept-portal', on: { click: () => openAccept(portal) } }, t('portals.acceptPortal')),
        )
      : null,
  );
}

async function loadPortals() {
  let portals;
  try {
    portals = (await api.get(`${API}/portals`)).portals;
  } catch (error) {
    notify(error.status === 404 ? t('portals.unavailable') : errorText(error), 'error');
    return;
  }
  view.portals = portals;
  render($('#portal-cards'), portals.length ? portals.map(portalCard) : h('p', { class: 'muted' }, t('portals.noPortals')));
  const select = $('#f-portal');
  const keep = view.state?.portal ?? select.value;
  for (const portal of portals) {
    if (![...select.options].some((option) => option.value === portal.id))
      select.append(h('option', { value: portal.id }, portal.name ? `${portal.name} (${portal.id})` : portal.id));
  }
  select.value = keep;
}

// --- Accepting a whole portal (admins) ----------------------------------------------------------

function openAccept(portal) {
  if (!isAdmin()) return;
  view.acceptTarget = portal.id;
  $('#accept-title').textContent = t('portals.acceptTitle', { portal: portal.name ? `${portal.name} (${portal.id})` : portal.id });
  $('#accept-panel').hidden = false;
  $('#accept-panel').scrollIntoView({ block: 'nearest' });
  $('#accept-note').focus();
}

async function acceptPortal() {
  const portalId = view.acceptTarget;
  if (!portalId) return;
  const note = $('#accept-note').value.trim();
  const button = $('#accept-confirm');
  button.disabled = true;
  try {
    const done = await api.post(`${API}/portals/${enc(portalId)}/accept`, note ? { note } : {});
    $('#accept-panel').hidden = true;
    $('#accept-note').value = '';
    view.acceptTarget = null;
    notify(
      t('portals.accepted', { pages: formatNumber(done.pages), dropped: formatNumber(done.dropped), incidents: formatNumber(done.acknowledged.length) }),
      'ok',
    );
    await refresh();
  } catch (error) {
    notify(errorText(error), 'error');
  } finally {
    button.disabled = false;
  }
}

// --- Incident list ------------------------------------------------------------------------------

function pagesCell(pages) {
  if (!pages.length) return h('span', { class: 'muted' }, '—');
  return [
    h(
      'ul',
      { class: 'plain pages' },
      pages.slice(0, ROW_PAGES).map((url) => h('li', null, pageButton(url))),
    ),
    pages.length > ROW_PAGES ? h('span', { class: 'muted' }, t('portals.morePages', { count: pages.length - ROW_PAGES })) : null,
  ];
}

function openIncident(event, id) {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  go({ ...view.state, incident: String(id) });
}

function row(incident) {
  return h(
    'tr',
    {
      class: ['incident', `sev-${incident.severity}`, String(incident.id) === view.state.incident ? 'current' : ''],
      dataset: { id: incident.id, kind: incident.kind, severity: incident.severity },
    },
    h('td', null, severityBadge(incident.severity)),
    h(
      'td',
      { class: 'incident-summary' },
      h(
        'a',
        { class: 'title', href: stateUrl({ ...view.state, incident: String(incident.id) }), on: { click: (event) => openIncident(event, incident.id) } },
        incident.summary,
      ),
      h('div', { class: 'muted' }, `#${incident.id}`, ' · ', label('portalKind', incident.kind), ' · ', portalName(incident.portalId)),
    ),
    h('td', { class: 'incident-pages' }, pagesCell(incident.pages)),
    h('td', { class: 'time' }, formatDateTime(incident.firstSeenAt)),
    h('td', { class: 'time' }, formatDateTime(incident.lastSeenAt)),
    h('td', { class: 'num seen' }, formatNumber(incident.seenCount)),
    h('td', { class: 'present' }, presentBadge(incident.stillPresent)),
    h('td', { class: 'status' }, statusBadge(incident.status)),
  );
}

async function loadList() {
  const state = view.state;
  const request = ++view.listRequest;
  const params = new URLSearchParams();
  if (state.status) params.set('status', state.status);
  if (state.portal) params.set('portal', state.portal);
  if (state.kind) params.set('kind', state.kind);
  if (state.url) params.set('url', state.url);
  params.set('page', String(state.page));
  params.set('pageSize', String(state.pageSize));
  document.body.classList.add('loading');
  try {
    const page = await api.get(`${API}?${params}`);
    if (request !== view.listRequest) return;
    view.items = page.items;
    renderList(page);
  } catch (error) {
    if (request !== view.listRequest) return;
    view.items = [];
    renderList({ items: [], total: 0, page: 1, pageSize: state.pageSize });
    notify(error.status === 404 ? t('portals.unavailable') : errorText(error), 'error');
  } finally {
    if (request === view.listRequest) document.body.classList.remove('loading');
  }
}

function renderList(page) {
  render($('#incidents-body'), page.items.length ? page.items.map(row) : h('tr', { class: 'empty' }, h('td', { colspan: 8 }, t('portals.empty'))));
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  $('#summary').textContent = t('portals.summary', { total: formatNumber(page.total), page: page.page, pages });
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
}

function markCurrentRow() {
  for (const tr of $$('#incidents-body tr[data-id]')) tr.classList.toggle('current', tr.dataset.id === view.state.incident);
}

// --- Incident detail ----------------------------------------------------------------------------

function closeDetail() {
  view.detail = null;
  view.detailRequest += 1;
  const box = $('#incident-detail');
  box.hidden = true;
  render(box);
  markCurrentRow();
}

async function loadDetail(id, { scroll = false, message = null } = {}) {
  const request = ++view.detailRequest;
  let incident;
  try {
    incident = await api.get(`${API}/${enc(id)}`);
  } catch (error) {
    if (request !== view.detailRequest) return;
    closeDetail();
    notify(error.status === 404 ? t('portals.notFound', { id }) : errorText(error), 'error');
    return;
  }
  if (request !== view.detailRequest) return;
  view.detail = incident;
  renderDetail(incident, message);
  markCurrentRow();
  if (scroll) $('#incident-detail').scrollIntoView({ block: 'start' });
}

function deliveriesTable(deliveries) {
  if (!deliveries.length) return h('p', { class: 'muted', id: 'detail-deliveries' }, t('portals.noDeliveries'));
  return h(
    'table',
    { class: 'compact', id: 'detail-deliveries' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', null, t('portals.channel')),
        h('th', null, t('portals.deliveryStatus')),
        h('th', { class: 'num' }, t('portals.attempts')),
        h('th', null, t('portals.sentAt')),
        h('th', null, t('portals.lastError')),
      ),
    ),
    h(
      'tbody',
      null,
      deliveries.map((delivery) =>
        h(
          'tr',
          { dataset: { channel: delivery.channel, status: delivery.status } },
          h('td', null, label('portalChannel', delivery.channel)),
          h('td', null, h('span', { class: `badge delivery-${delivery.status}` }, label('delivery', delivery.status))),
          h('td', { class: 'num' }, formatNumber(delivery.attempts)),
          h('td', { class: 'time' }, delivery.sentAt ? formatDateTime(delivery.sentAt) : '—'),
          h('td', { class: 'note' }, delivery.lastError ?? ''),
        ),
      ),
    ),
  );
}

function auditList(entries) {
  if (!entries.length) return h('p', { class: 'muted', id: 'detail-audit' }, t('portals.noAudit'));
  return h(
    'ol',
    { class: 'history', id: 'detail-audit' },
    entries.map((entry) => {
      const detail = entry.detail ?? {};
      const after = entry.after ?? {};
      const facts = [];
      if (after.baselineAccepted === false) facts.push(t('portals.auditNotAccepted'));
      else if (typeof detail.pagesAccepted === 'number') facts.push(t('portals.auditPages', { count: detail.pagesAccepted }));
      return h(
        'li',
        { dataset: { action: entry.action } },
        h('span', { class: 'muted' }, formatDateTime(entry.at)),
        ' ',
        h('strong', { class: 'actor' }, entry.actor),
        entry.actorRole ? h('span', { class: 'muted' }, ` (${label('role', entry.actorRole)})`) : null,
        ' ',
        label('portalAudit', entry.action),
        facts.length ? h('span', { class: 'change' }, ` — ${facts.join('; ')}`) : null,
        typeof detail.note === 'string' && detail.note ? h('div', { class: 'note-text audit-note' }, detail.note) : null,
      );
    }),
  );
}

function actions(incident) {
  if (incident.status !== 'open') return null;
  if (!isAdmin()) return h('p', { class: 'muted', id: 'ack-admin-only' }, t('portals.adminOnly'));
  const note = h('textarea', { id: 'ack-note', rows: 2, maxlength: 1000 });
  const submit = h('button', { type: 'submit', id: 'ack-submit', class: 'primary' }, t('portals.acknowledge'));
  return h(
    'form',
    {
      id: 'ack-form',
      class: 'subform',
      on: {
        submit: (event) => {
          event.preventDefault();
          void acknowledge(incident.id, note.value.trim(), submit);
        },
      },
    },
    h('p', { class: 'hint' }, incident.stillPresent ? t('portals.ackHint') : t('portals.ackGoneHint')),
    h('label', { for: 'ack-note' }, t('portals.note')),
    note,
    h('div', { class: 'buttons' }, submit),
  );
}

function renderDetail(incident, message) {
  const box = $('#incident-detail');
  box.className = `panel incident-detail sev-${incident.severity}`;
  box.dataset.id = String(incident.id);
  box.dataset.status = incident.status;
  const pages = incident.pages ?? [];
  render(
    box,
    h(
      'div',
      { class: 'detail-head' },
      h('h2', { id: 'detail-summary' }, incident.summary),
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', id: 'detail-close', class: 'link', on: { click: () => go({ ...view.state, incident: '' }) } }, t('portals.close')),
    ),
    h(
      'div',
      { class: 'meta', id: 'detail-meta' },
      h('span', null, t('portals.incidentNo', { id: incident.id })),
      severityBadge(incident.severity),
      statusBadge(incident.status),
      h('span', null, label('portalKind', incident.kind)),
      h('span', null, `${t('portals.filterPortal')}: ${portalName(incident.portalId)}`),
      h('span', null, `${t('portals.colFirstSeen')}: ${formatDateTime(incident.firstSeenAt)}`),
      h('span', null, `${t('portals.colLastSeen')}: ${formatDateTime(incident.lastSeenAt)}`),
      h('span', null, t('portals.seenTimes', { count: formatNumber(incident.seenCount) })),
      h(
        'span',
        { class: ['present', incident.stillPresent ? 'present-yes' : 'present-no'] },
        incident.stillPresent ? t('portals.stillPresent') : t('portals.goneNow'),
      ),
    ),
    h('div', { id: 'detail-message', role: 'alert' }, message ? h('div', { class: `notice ${message[1]}` }, message[0]) : null),
    incident.status === 'acknowledged'
      ? h(
          'p',
          { class: 'acknowledged', id: 'detail-acknowledged' },
          t('portals.acknowledgedBy', { user: incident.acknowledgedBy ?? '—', time: formatDateTime(incident.acknowledgedAt) }),
          incident.acknowledgeNote ? h('span', { class: 'note-text' }, ` — ${incident.acknowledgeNote}`) : null,
        )
      : null,
    h('h3', null, t('portals.explanation')),
    h('p', { id: 'detail-explanation', class: 'explanation' }, incident.explanation),
    h('h3', null, t('portals.diff')),
    diffBlock(incident.diff, { id: 'detail-diff' }),
    actions(incident),
    h('h3', null, t('portals.pages', { count: pages.length })),
    h(
      'ul',
      { class: 'plain detail-pages', id: 'detail-pages' },
      pages.map((page) =>
        h(
          'li',
          { dataset: { url: page.url } },
          h('details', null, h('summary', null, h('code', null, page.url)), diffBlock(page.diff)),
          h('button', { type: 'button', class: 'link', on: { click: () => filterByPage(page.url) } }, t('portals.filterByPage')),
        ),
      ),
    ),
    h(
      'div',
      { class: 'columns two' },
      h('div', null, h('h3', null, t('portals.deliveries')), deliveriesTable(incident.deliveries ?? [])),
      h('div', null, h('h3', null, t('portals.audit')), auditList(incident.audit ?? [])),
    ),
  );
  box.hidden = false;
}

async function acknowledge(id, note, button) {
  if (!isAdmin()) return;
  button.disabled = true;
  let message;
  try {
    const done = await api.post(`${API}/${enc(id)}/acknowledge`, note ? { note } : {});
    message = [done.baselineAccepted ? t('portals.acked', { pages: formatNumber(done.pagesAccepted) }) : t('portals.ackedGone'), 'ok'];
  } catch (error) {
    if (error.status !== 409) {
      button.disabled = false;
      notify(errorText(error), 'error');
      return;
    }
    // Someone (or another tab) got there first: say so, and show the incident as it is now.
    message = [t('portals.alreadyAcked'), 'error'];
  }
  notify(message[0], message[1]);
  await Promise.all([loadDetail(id, { message }), loadList(), loadPortals()]);
}

async function refresh() {
  await Promise.all([loadPortals(), loadList(), view.state.incident ? loadDetail(view.state.incident) : null]);
}

// --- Start --------------------------------------------------------------------------------------

function wire() {
  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    go(formState());
  });
  $('#f-reset').addEventListener('click', () =>
    go({ ...Object.fromEntries(FILTERS.map((key) => [key, DEFAULTS[key] ?? ''])), page: 1, pageSize: view.state.pageSize, incident: view.state.incident }),
  );
  $('#page-size').addEventListener('change', () => go({ ...view.state, page: 1, pageSize: Number($('#page-size').value) }));
  $('#accept-panel').addEventListener('submit', (event) => {
    event.preventDefault();
    void acceptPortal();
  });
  $('#accept-cancel').addEventListener('click', () => {
    $('#accept-panel').hidden = true;
    view.acceptTarget = null;
  });
  window.addEventListener('popstate', () => void sync(view.state));
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (!$('#accept-panel').hidden) $('#accept-panel').hidden = true;
    else if (view.state.incident && !(event.target instanceof HTMLTextAreaElement)) go({ ...view.state, incident: '' });
  });
}

async function start() {
  await boot();
  view.state = readState();
  wire();
  await loadPortals();
  await sync(null);
  if (view.state.incident) $('#incident-detail').scrollIntoView({ block: 'start' });
  document.body.dataset.loaded = 'true';
}

start().catch((error) => notify(String(error), 'error'));
