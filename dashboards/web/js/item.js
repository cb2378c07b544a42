// One item: its text with the matched terms and cues marked, the scores and why, the official
// facts it contradicts side by side, where else the story appeared, and the review and response
// work on it. Everything from the item is put in the page as text.
import { api, enc, queryString } from './api.js';
import { $, externalUrl, h, render } from './dom.js';
import { formatDate, formatDateTime, formatDay, formatNumber, formatPercent, label, t } from './i18n.js';
import { assignItem, confirmItem, dismissItem, intoReview, knownRumourBadge, platformOf, scoreCell, statusBadge, transition } from './items.js';
import { context, KIND_PRIORITY, segments } from './highlight.js';
import { loadSourceNames, sourceName } from './source-names.js';
import { reasonList } from './check-view.js';
import { formatTimecode, secondsAt, videoLinkAt } from './timecode.js';
import { bindShortcuts, boot, can, errorText, notify, session, shortcutHelp } from './layout.js';

const ANSWERABLE = new Set(['confirmed', 'response_drafted', 'responded']);
const SHORTCUTS = [
  ['s', 'keys.startReview'],
  ['c', 'keys.confirm'],
  ['d', 'keys.dismiss'],
  ['a', 'keys.assignMe'],
  ['e', 'keys.editResponse'],
  ['u', 'keys.backToQueue'],
  ['?', 'keys.help'],
  ['Esc', 'keys.escape'],
];

const id = new URLSearchParams(location.search).get('id');
const data = { item: null, review: null, notes: [], history: [], facts: new Map(), cluster: null, members: [], responses: [], assignees: [], earlier: null };

async function load() {
  const [item, detail, facts] = await Promise.all([
    api.get(`/api/items/${enc(id)}`),
    api.get(`/api/items/${enc(id)}/review`),
    api.get('/api/facts').catch(() => ({ facts: [] })),
  ]);
  data.item = item;
  data.review = detail.review;
  data.notes = detail.notes;
  data.history = detail.history;
  data.facts = new Map(facts.facts.map((fact) => [fact.id, fact]));
  const clusterId = item.clusterId;
  const [cluster, members, byItem, byCluster, earlier] = await Promise.all([
    clusterId ? api.get(`/api/clusters/${enc(clusterId)}`).catch(() => null) : null,
    clusterId ? api.get(`/api/items${queryString({ clusterId, sort: 'oldest', pageSize: 100 })}`).catch(() => ({ items: [] })) : { items: [] },
    api.get(`/api/responses${queryString({ itemId: id })}`).catch(() => ({ responses: [] })),
    clusterId ? api.get(`/api/responses${queryString({ clusterId })}`).catch(() => ({ responses: [] })) : { responses: [] },
    item.knownRumour ? api.get(`/api/items/${enc(item.knownRumour.itemId)}`).catch(() => null) : null,
  ]);
  data.cluster = cluster;
  data.earlier = earlier;
  data.members = members.items;
  const seen = new Set();
  data.responses = [...byItem.responses, ...byCluster.responses].filter((response) => !seen.has(response.id) && seen.add(response.id));
}

async function loadAssignees() {
  try {
    data.assignees = (await api.get('/api/dashboard/facets')).assignees;
  } catch {
    data.assignees = [];
  }
}

/**
 * Marks for one field: text runs, each covered run in a <mark> named after its strongest kind.
 * `range` shows only [from, to) of the field (one image's share of the OCR text).
 */
function highlighted(text, field, range = [0, text.length]) {
  const explanations = data.item.explanations;
  const firstRun = new Set();
  const [from, to] = range;
  return segments(text, explanations, field)
    .filter((run) => run.end > from && run.start < to)
    .map((whole) => {
      const run = { ...whole, text: text.slice(Math.max(whole.start, from), Math.min(whole.end, to)) };
      if (!run.explanations.length) return run.text;
      const mark = h(
        'mark',
        {
          class: `hl hl-${run.kinds[0]}`,
          dataset: { kinds: run.kinds.join(' '), explanations: run.explanations.join(' ') },
          title: run.explanations.map((index) => describe(explanations[index])).join('\n'),
        },
        run.text,
      );
      // Anchors for the explanations table: each explanation's first run gets its id.
      const starting = run.explanations.filter((index) => !firstRun.has(index));
      starting.forEach((index, n) => {
        firstRun.add(index);
        if (n === 0) mark.id = `hl-${index}`;
        else mark.prepend(h('span', { id: `hl-${index}`, class: 'anchor' }));
      });
      return mark;
    });
}

function describe(explanation) {
  return `${label('explanation', explanation.kind)}: ${explanation.term}${explanation.note ? ` — ${explanation.note}` : ''}`;
}

function renderItem() {
  const item = data.item;
  render($('#item-title'), highlighted(item.title, 'title'));
  document.title = `${item.title.slice(0, 60)} · MediaWatch`;
  const original = externalUrl(item.url);
  render(
    $('#item-meta'),
    h('span', { class: 'source', title: item.sourceId }, sourceName(item.sourceId)),
    h('span', null, label('platform', platformOf(item)), ' · ', label('kind', item.kind)),
    item.author ? h('span', { class: 'author' }, item.author) : null,
    h('span', null, t('item.published'), ': ', formatDateTime(item.publishedAt)),
    h('span', null, t('item.fetched'), ': ', formatDateTime(item.fetchedAt)),
    original
      ? h('a', { id: 'original-link', href: original, target: '_blank', rel: 'noopener noreferrer nofollow' }, t('item.original'))
      : h('span', { class: 'muted', title: String(item.url) }, t('item.noLink')),
    item.epaper ? h('span', { id: 'epaper-page' }, t('item.epaperPage', item.epaper)) : null,
    item.flagged ? h('span', { class: 'badge flagged' }, t('item.flagged')) : null,
    item.knownRumour ? knownRumourBadge(item.knownRumour) : null,
    item.topics.map((topic) => h('span', { class: 'tag' }, label('topic', topic))),
  );
  render($('#item-text'), highlighted(item.text, 'text'));
  renderOcr();
  const kinds = KIND_PRIORITY.filter((kind) => item.explanations.some((explanation) => explanation.kind === kind));
  render(
    $('#legend'),
    kinds.length ? [t('item.legend'), ' ', kinds.map((kind) => h('mark', { class: `hl hl-${kind}` }, label('explanation', kind)))] : t('item.noMarks'),
  );
  renderScores();
  renderRumour();
  renderFacts();
  renderCluster();
}

/**
 * Text read from the item's images: each image (fetched through the API, never from its site by
 * the browser) beside its recognised text with the explanations marked, or why none was read. A
 * scanned e-paper page links to its page in the PDF instead.
 */
function renderOcr() {
  const item = data.item;
  const images = item.ocrImages ?? [];
  const pending = !images.length && Boolean(item.imageUrls?.length || item.epaper?.textFrom === 'ocr');
  $('#ocr-section').hidden = !images.length && !pending;
  if (pending) return render($('#ocr-images'), h('p', { class: 'muted', id: 'ocr-pending' }, t('ocr.pending')));
  render(
    $('#ocr-images'),
    images.map((image, index) => {
      // A PDF page, or an image that is not one, is linked rather than shown.
      const link = externalUrl(image.url);
      const label = item.epaper ? t('ocr.pdfPage', item.epaper) : t('ocr.image', { n: index + 1 });
      const picture =
        item.epaper || image.reason
          ? link
            ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer nofollow' }, label)
            : h('span', { class: 'muted' }, label)
          : h('img', { src: `/api/item-images/${enc(item.id)}/${index}`, alt: label, loading: 'lazy' });
      const text = image.reason
        ? h('p', { class: 'muted ocr-reason' }, t('ocr.noText', { reason: image.reason }))
        : h('div', { class: 'item-text ocr-text' }, highlighted(item.ocrText ?? '', 'ocr', [image.start, image.end]));
      return h('figure', { class: 'ocr-image' }, h('div', { class: 'ocr-picture' }, picture), h('figcaption', null, text));
    }),
  );
}

/** The earlier item this one repeats, what the office decided on it and the answer it published. */
function renderRumour() {
  const known = data.item.knownRumour;
  $('#rumour-section').hidden = !known;
  if (!known) return;
  const earlier = data.earlier;
  const confirmed = known.decision === 'confirmed';
  const response = known.response;
  const responseUrl = response?.url ? externalUrl(response.url) : null;
  const responseLine = response
    ? h(
        'p',
        { id: 'rumour-response' },
        t('rumour.response', { date: formatDate(response.publishedAt) }),
        ' ',
        responseUrl
          ? h('a', { href: responseUrl, target: '_blank', rel: 'noopener noreferrer nofollow' }, response.title || response.url)
          : [response.title || response.id, ' ', h('span', { class: 'muted' }, t('rumour.responseNoLink'))],
      )
    : h('p', { class: 'muted', id: 'rumour-response' }, t('rumour.noResponse'));
  render(
    $('#rumour'),
    h(
      'p',
      { id: 'rumour-decision' },
      t(confirmed ? 'rumour.confirmedText' : 'rumour.dismissedText', { date: formatDate(known.decidedAt) }),
      ' ',
      h('a', { id: 'rumour-earlier', href: `/item?id=${enc(known.itemId)}` }, earlier?.title || earlier?.text?.slice(0, 120) || t('rumour.earlier')),
    ),
    confirmed ? responseLine : null,
    h('p', { class: 'muted' }, t('rumour.similarity', { percent: formatPercent(known.similarity) })),
  );
}

/** Broadcast items: "at 03:12", a link opening the video at the moment the passage was said. */
function momentLink(explanation) {
  const timecodes = data.item.timecodes;
  if (explanation.field !== 'text' || !timecodes) return null;
  const seconds = secondsAt(timecodes, explanation.start);
  const link = seconds === null ? null : videoLinkAt(timecodes.videoUrl, seconds);
  if (!link) return null;
  return [
    ' ',
    h(
      'a',
      { class: 'timecode', href: link, target: '_blank', rel: 'noopener noreferrer nofollow', dataset: { seconds } },
      t('item.at', { time: formatTimecode(seconds) }),
    ),
  ];
}

function renderScores() {
  const item = data.item;
  const rows = item.explanations.map((explanation, index) =>
    h(
      'tr',
      { class: `exp-${explanation.kind}` },
      h('td', null, h('mark', { class: `hl hl-${explanation.kind}` }, label('explanation', explanation.kind))),
      h('td', null, explanation.term),
      h('td', null, h('a', { href: `#hl-${index}` }, explanation.matched)),
      h('td', null, label('field', explanation.field), momentLink(explanation)),
      h('td', { class: 'num' }, formatNumber(explanation.weight, 2)),
      h('td', { class: 'note' }, explanation.note ?? ''),
    ),
  );
  const sums = KIND_PRIORITY.map((kind) => [kind, item.explanations.filter((e) => e.kind === kind).reduce((sum, e) => sum + e.weight, 0)]).filter(
    ([, sum]) => sum > 0,
  );
  render(
    $('#scores'),
    h(
      'div',
      { class: 'score-grid' },
      h(
        'div',
        { class: 'score-box', id: 'score-distortion' },
        h('div', { class: 'label' }, t('scores.distortion')),
        scoreCell(item.scores.distortion),
        h('div', { class: 'muted' }, item.distortion ? t('scores.likely') : t('scores.unlikely')),
      ),
      h(
        'div',
        { class: 'score-box', id: 'score-congress' },
        h('div', { class: 'label' }, t('scores.congress')),
        scoreCell(item.scores.congress),
        h('div', { class: 'muted' }, item.congress ? t('scores.about') : t('scores.notAbout')),
      ),
      h(
        'div',
        { class: 'score-box' },
        h('div', { class: 'label' }, t('scores.weights')),
        h(
          'ul',
          { class: 'plain' },
          sums.map(([kind, sum]) => h('li', null, label('explanation', kind), ': ', formatNumber(sum, 2))),
        ),
      ),
    ),
    h('p', { class: 'muted', id: 'scored-by' }, item.modelVersion ? t('scores.model', { version: item.modelVersion }) : t('scores.lexiconsOnly')),
    rows.length
      ? h(
          'table',
          { class: 'explanations', id: 'explanations' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['scores.kind', 'scores.term', 'scores.matched', 'scores.field', 'scores.weight', 'scores.note'].map((key) => h('th', null, t(key))),
            ),
          ),
          h('tbody', null, rows),
        )
      : h('p', { class: 'muted' }, t('scores.none')),
  );
}

function renderFacts() {
  const item = data.item;
  const byFact = new Map();
  for (const explanation of item.explanations) {
    if (explanation.kind !== 'fact' || !explanation.factId) continue;
    const list = byFact.get(explanation.factId) ?? [];
    list.push(explanation);
    byFact.set(explanation.factId, list);
  }
  $('#facts-section').hidden = byFact.size === 0;
  render(
    $('#facts'),
    [...byFact.entries()].map(([factId, explanations]) => {
      const fact = data.facts.get(factId);
      const quotes = [];
      const seen = new Set();
      for (const explanation of explanations) {
        const text = explanation.field === 'title' ? item.title : explanation.field === 'ocr' ? (item.ocrText ?? '') : item.text;
        const where = context(text, explanation.start, explanation.end);
        const key = `${explanation.field}:${where.from}:${where.to}`;
        if (seen.has(key) || text.slice(explanation.start, explanation.end) !== explanation.matched) continue;
        seen.add(key);
        quotes.push(
          h(
            'blockquote',
            null,
            where.cutBefore ? '…' : '',
            where.before,
            h('mark', { class: 'hl hl-fact' }, where.match),
            where.after,
            where.cutAfter ? '…' : '',
          ),
          explanation.note ? h('p', { class: 'muted note' }, explanation.note, momentLink(explanation)) : momentLink(explanation),
        );
      }
      return h(
        'div',
        { class: 'fact-pair', dataset: { fact: factId } },
        h('div', { class: 'claim' }, h('h3', null, t('facts.claim')), quotes),
        h(
          'div',
          { class: 'official' },
          h('h3', null, t('facts.official'), ' ', h('code', null, factId)),
          fact ? h('p', { class: 'statement' }, fact.statement) : h('p', { class: 'muted' }, t('facts.unknown')),
          fact?.source ? h('p', { class: 'muted' }, t('facts.source'), ': ', fact.source) : null,
          fact?.date ? h('p', { class: 'muted' }, t('facts.date'), ': ', fact.date) : null,
        ),
      );
    }),
  );
}

function renderCluster() {
  const item = data.item;
  const members = data.members;
  if (!item.clusterId || members.length < 2) {
    render($('#cluster'), h('p', { class: 'muted', id: 'cluster-none' }, t('cluster.single')));
    return;
  }
  const cluster = data.cluster;
  const first = members[0];
  const sources = new Set(members.map((member) => member.sourceId));
  render(
    $('#cluster'),
    h(
      'p',
      { id: 'cluster-summary' },
      t('cluster.summary', { count: cluster?.size ?? members.length, sources: sources.size, first: formatDateTime(first.publishedAt ?? first.fetchedAt) }),
    ),
    cluster?.growth?.length
      ? h(
          'div',
          { class: 'growth' },
          t('cluster.growth'),
          ' ',
          cluster.growth.map((bucket) => h('span', { class: 'chip' }, `${formatDay(bucket.key)}: ${bucket.count}`)),
        )
      : null,
    h(
      'table',
      { class: 'members', id: 'cluster-members' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['col.time', 'col.source', 'col.item', 'col.status'].map((key) => h('th', null, t(key))),
        ),
      ),
      h(
        'tbody',
        null,
        members.map((member) =>
          h(
            'tr',
            { class: member.id === item.id ? 'current' : '' },
            h('td', { class: 'time' }, formatDateTime(member.publishedAt ?? member.fetchedAt)),
            h('td', null, sourceName(member.sourceId), h('div', { class: 'muted' }, label('platform', platformOf(member)))),
            h(
              'td',
              null,
              member.id === item.id
                ? h('strong', null, member.title, ' ', h('span', { class: 'muted' }, t('cluster.thisItem')))
                : h('a', { href: `/item?id=${enc(member.id)}` }, member.title),
            ),
            h('td', null, statusBadge(member.review?.status ?? 'new')),
          ),
        ),
      ),
    ),
  );
}

/**
 * Runs a change, then reloads the page's data; `handled(error)` may take an error over (true: handled).
 * @param {() => Promise<unknown>} work
 * @param {string} [doneKey] notice shown when it worked
 * @param {(error: any) => boolean} [handled]
 */
async function act(work, doneKey, handled = () => false) {
  try {
    await work();
    await refresh();
    if (doneKey) notify(t(doneKey), 'ok');
  } catch (error) {
    if (handled(error)) return;
    notify(error.status ? errorText(error) : error.message, 'error');
    if (error.status === 409) await refresh();
  }
}

function reviewActions(review) {
  if (!can.review()) return h('p', { class: 'muted' }, t('review.readOnly'));
  const buttons = [];
  const dismissForm = h(
    'form',
    { id: 'dismiss-form', class: 'subform', hidden: true },
    h('label', { for: 'dismiss-reason' }, t('review.reason')),
    h('textarea', { id: 'dismiss-reason', rows: 3, maxlength: 2000, required: true, placeholder: t('review.reasonHint') }),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'dismiss-not-congress' }), ' ', t('review.notCongress')),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit', class: 'danger', id: 'dismiss-submit' }, t('review.dismissConfirm')),
      h('button', { type: 'button', on: { click: () => (dismissForm.hidden = true) } }, t('common.cancel')),
    ),
  );
  dismissForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const reason = $('#dismiss-reason').value.trim();
    if (!reason) return;
    const congress = $('#dismiss-not-congress').checked ? false : undefined;
    void act(() => dismissItem(id, reason, congress, data.review), 'review.dismissed');
  });
  const reopenForm = h(
    'form',
    { id: 'reopen-form', class: 'subform', hidden: true },
    h('label', { for: 'reopen-reason' }, t('review.reopenReason')),
    h('textarea', { id: 'reopen-reason', rows: 2, maxlength: 2000, required: true }),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('review.reopen'))),
  );
  reopenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const reason = $('#reopen-reason').value.trim();
    if (reason) void act(() => transition(id, { to: 'in_review', version: data.review.version, reason }), 'review.reopened');
  });
  if (review.status === 'new') buttons.push(h('button', { type: 'button', id: 'start-review', on: { click: startReview } }, t('review.start')));
  if (review.status === 'new' || review.status === 'in_review') {
    buttons.push(h('button', { type: 'button', id: 'confirm', class: 'primary', on: { click: confirm } }, t('review.confirm')));
    buttons.push(h('button', { type: 'button', id: 'dismiss', class: 'danger', on: { click: openDismiss } }, t('review.dismiss')));
  }
  if (review.status === 'dismissed')
    buttons.push(
      h('button', { type: 'button', id: 'reopen', on: { click: () => ((reopenForm.hidden = false), $('#reopen-reason').focus()) } }, t('review.reopen')),
    );
  if (ANSWERABLE.has(review.status)) buttons.push(h('p', { class: 'muted' }, t('review.viaResponses')));

  const assignee = h('input', { id: 'assignee', list: 'assignees', maxlength: 64, value: review.assignee ?? '', 'aria-label': t('review.assignee') });
  const priority = h(
    'select',
    {
      id: 'priority',
      'aria-label': t('review.priority'),
      on: {
        change: (event) =>
          void act(() => api.patch(`/api/items/${enc(id)}/review`, { priority: event.target.value || null, version: data.review.version }), 'review.saved'),
      },
    },
    h('option', { value: '' }, '—'),
    ['low', 'normal', 'high', 'urgent'].map((value) => h('option', { value, selected: review.priority === value }, label('priority', value))),
  );
  const tags = h('input', { id: 'tags', value: review.tags.join(', '), maxlength: 500, 'aria-label': t('review.tags') });
  return h(
    'div',
    null,
    h('div', { class: 'buttons' }, buttons),
    dismissForm,
    reopenForm,
    h(
      'datalist',
      { id: 'assignees' },
      data.assignees.map((user) => h('option', { value: user.username }, user.displayName ?? '')),
    ),
    h(
      'div',
      { class: 'row' },
      h('label', { for: 'assignee' }, t('review.assignee')),
      assignee,
      h(
        'button',
        { type: 'button', id: 'assign', on: { click: () => void act(() => assignItem(id, assignee.value.trim() || null, data.review), 'review.saved') } },
        t('review.assign'),
      ),
      h('button', { type: 'button', id: 'assign-me', on: { click: assignMe } }, t('review.assignMe')),
    ),
    h('div', { class: 'row' }, h('label', { for: 'priority' }, t('review.priority')), priority),
    h(
      'div',
      { class: 'row' },
      h('label', { for: 'tags' }, t('review.tags')),
      tags,
      h(
        'button',
        {
          type: 'button',
          id: 'save-tags',
          on: {
            click: () =>
              void act(
                () =>
                  api.patch(`/api/items/${enc(id)}/review`, {
                    tags: tags.value
                      .split(',')
                      .map((tag) => tag.trim())
                      .filter(Boolean),
                    version: data.review.version,
                  }),
                'review.saved',
              ),
          },
        },
        t('common.save'),
      ),
    ),
  );
}

function startReview() {
  if (can.review() && data.review.status === 'new') void act(() => intoReview(id, data.review), 'review.started');
}

function confirm() {
  if (can.review() && ['new', 'in_review'].includes(data.review.status)) void act(() => confirmItem(id, data.review), 'review.confirmed');
}

function openDismiss() {
  const form = $('#dismiss-form');
  if (!form || !['new', 'in_review'].includes(data.review.status)) return;
  form.hidden = false;
  $('#dismiss-reason').focus();
}

function assignMe() {
  if (can.review()) void act(() => assignItem(id, session.me.user.username, data.review), 'review.saved');
}

function renderReview() {
  const review = data.review;
  render(
    $('#review'),
    h(
      'dl',
      { class: 'facts-list' },
      h('dt', null, t('review.status')),
      h('dd', { id: 'review-status' }, statusBadge(review.status), ' ', h('span', { class: 'muted' }, t('review.version', { version: review.version }))),
      h('dt', null, t('review.assignee')),
      h('dd', { id: 'review-assignee' }, review.assignee ?? '—'),
      review.priority ? [h('dt', null, t('review.priority')), h('dd', null, label('priority', review.priority))] : null,
      review.tags.length
        ? [
            h('dt', null, t('review.tags')),
            h(
              'dd',
              null,
              review.tags.map((tag) => h('span', { class: 'tag' }, tag)),
            ),
          ]
        : null,
      review.reason ? [h('dt', null, t('review.reason')), h('dd', { id: 'review-reason' }, review.reason)] : null,
    ),
    reviewActions(review),
  );
}

function renderNotes() {
  const list = h(
    'ul',
    { class: 'notes' },
    data.notes.map((note) =>
      h('li', null, h('div', { class: 'muted' }, note.author, ' · ', formatDateTime(note.createdAt)), h('div', { class: 'note-text' }, note.text)),
    ),
  );
  if (!can.annotate()) {
    render($('#notes'), data.notes.length ? list : h('p', { class: 'muted' }, t('notes.none')));
    return;
  }
  const text = h('textarea', { id: 'note-text', rows: 2, maxlength: 5000, 'aria-label': t('notes.add') });
  const form = h('form', { class: 'subform' }, text, h('button', { type: 'submit', id: 'add-note' }, t('notes.add')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (value) void act(() => api.post(`/api/items/${enc(id)}/review/notes`, { text: value }), 'notes.added');
  });
  render($('#notes'), data.notes.length ? list : h('p', { class: 'muted' }, t('notes.none')), form);
}

function change(field, before, after) {
  const show = (value) =>
    value === null || value === undefined || value === ''
      ? '—'
      : Array.isArray(value)
        ? value.join(', ') || '—'
        : field === 'status'
          ? label('status', value)
          : String(value);
  return h('div', { class: 'change' }, label('field', field), ': ', show(before), ' → ', show(after));
}

function renderHistory() {
  render(
    $('#history'),
    data.history.length
      ? data.history.map((entry) => {
          const before = entry.before && typeof entry.before === 'object' ? entry.before : {};
          const after = entry.after && typeof entry.after === 'object' ? entry.after : {};
          const changes =
            entry.action === 'review.note'
              ? [h('div', { class: 'change' }, after.text ?? '')]
              : Object.keys(after).map((field) => change(field, before[field], after[field]));
          return h(
            'li',
            { dataset: { action: entry.action } },
            h('div', { class: 'muted' }, formatDateTime(entry.at), ' · ', entry.actor),
            h('div', null, label('action', entry.action)),
            changes,
          );
        })
      : h('li', { class: 'muted' }, t('history.none')),
  );
}

function factChoices(prefix, chosen) {
  const facts = [...data.facts.values()];
  if (!facts.length) return h('p', { class: 'muted' }, t('response.noFacts'));
  return h(
    'fieldset',
    { class: 'fact-choices' },
    h('legend', null, t('response.facts')),
    facts.map((fact) =>
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', name: `${prefix}-fact`, value: fact.id, checked: chosen.includes(fact.id) }),
        ' ',
        h('code', null, fact.id),
        ' ',
        h('span', null, fact.statement),
      ),
    ),
  );
}

function chosenFacts(form, prefix) {
  return [...form.querySelectorAll(`input[name="${prefix}-fact"]:checked`)].map((input) => input.value);
}

function contradicted() {
  return [...new Set(data.item.explanations.filter((e) => e.kind === 'fact' && e.factId && data.facts.has(e.factId)).map((e) => e.factId))];
}

function responseCard(response) {
  const editable = response.status === 'draft' && can.respond();
  const head = h(
    'div',
    { class: 'response-head' },
    h('span', { class: `badge response-${response.status}` }, label('responseStatus', response.status)),
    ' ',
    h('span', { class: 'muted' }, t('response.meta', { version: response.version, by: response.updatedBy, at: formatDateTime(response.updatedAt) })),
    response.clusterId ? h('span', { class: 'tag' }, t('response.forCluster')) : null,
  );
  const exports = can.respond()
    ? h(
        'div',
        { class: 'exports' },
        h('a', { href: `/api/responses/${enc(response.id)}/export?format=markdown`, target: '_blank', rel: 'noopener' }, t('response.exportMarkdown')),
        ' · ',
        h('a', { href: `/api/responses/${enc(response.id)}/export?format=text`, target: '_blank', rel: 'noopener' }, t('response.exportText')),
      )
    : null;
  if (!editable) {
    return h(
      'div',
      { class: 'response-card', dataset: { response: response.id } },
      head,
      h('h3', null, response.title),
      h('div', { class: 'response-body' }, response.body),
      response.factIds.length ? h('p', { class: 'muted' }, t('response.cites'), ' ', response.factIds.join(', ')) : null,
      response.publishedUrl && externalUrl(response.publishedUrl)
        ? h('a', { href: externalUrl(response.publishedUrl), target: '_blank', rel: 'noopener noreferrer' }, t('response.publishedAt'))
        : null,
      response.status === 'withdrawn'
        ? h(
            'p',
            { class: 'withdraw-reason' },
            t('response.withdrawnBy', { by: response.withdrawnBy, at: formatDateTime(response.withdrawnAt) }),
            ' ',
            response.withdrawReason,
          )
        : null,
      exports,
    );
  }
  const prefix = `r-${response.id}`;
  const title = h('input', { class: 'response-title', value: response.title, maxlength: 300, required: true, 'aria-label': t('response.titleLabel') });
  const body = h('textarea', { class: 'response-editor', rows: 10, maxlength: 50000, 'aria-label': t('response.body') }, response.body);
  const url = h('input', { class: 'publish-url', type: 'url', maxlength: 2000, placeholder: t('response.urlHint'), 'aria-label': t('response.url') });
  const form = h(
    'form',
    { class: 'response-card editing', dataset: { response: response.id } },
    head,
    h('label', null, t('response.titleLabel')),
    title,
    h('label', null, t('response.body')),
    body,
    factChoices(prefix, response.factIds),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary save-draft' }, t('response.save'))),
    h(
      'div',
      { class: 'row' },
      url,
      h('button', { type: 'button', class: 'publish', on: { click: () => publish(response, form, url.value.trim()) } }, t('response.publish')),
    ),
    withdrawRow(response),
    exports,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(
      () =>
        api.patch(`/api/responses/${enc(response.id)}`, {
          title: title.value.trim(),
          body: body.value,
          factIds: chosenFacts(form, prefix),
          version: response.version,
        }),
      'response.saved',
    );
  });
  return form;
}

function publish(response, form, url) {
  const factIds = chosenFacts(form, `r-${response.id}`);
  void act(
    async () => {
      const saved = await api.patch(`/api/responses/${enc(response.id)}`, { factIds, version: response.version });
      await api.post(`/api/responses/${enc(response.id)}/publish`, { version: saved.version, ...(url ? { url } : {}) });
    },
    'response.published',
    (error) => {
      if (error.code !== 'held_by_check' || !error.check || !error.current) return false;
      showHeld(form, error.current, error.check, url);
      notify(t('check.heldNotice'), 'error');
      return true;
    },
  );
}

/** A publication the check holds: its reasons, and publishing anyway with a reason (audited). */
function showHeld(form, draft, check, url) {
  form.querySelector('.held')?.remove();
  const override = reasonRow(
    { input: 'override-reason', button: 'danger publish-override', texts: 'check.override', action: 'check.publishAnyway' },
    (reason) =>
      act(
        () => api.post(`/api/responses/${enc(draft.id)}/publish`, { version: draft.version, ...(url ? { url } : {}), override: { reason } }),
        'response.published',
      ),
  );
  form.append(
    h(
      'div',
      { class: 'held', role: 'alert' },
      h('h4', null, t('check.heldTitle', { count: check.reasons.length })),
      reasonList({ title: draft.title, text: draft.body }, check),
      h('p', { class: 'muted' }, t('check.overrideExplain')),
      override,
    ),
  );
}

/**
 * An action that needs a reason: an input and a button that refuses to go on while the input is
 * empty. `texts`: the prefix of its texts (<texts>Hint, <texts>Reason, <texts>NeedsReason).
 */
function reasonRow(names, run) {
  const reason = h('input', { class: names.input, maxlength: 1000, placeholder: t(`${names.texts}Hint`), 'aria-label': t(`${names.texts}Reason`) });
  const go = () => {
    if (!reason.value.trim()) {
      notify(t(`${names.texts}NeedsReason`), 'error');
      reason.focus();
      return;
    }
    void run(reason.value.trim());
  };
  return h('div', { class: 'row' }, reason, h('button', { type: 'button', class: names.button, on: { click: go } }, t(names.action)));
}

/** A draft that will not go out is withdrawn with a reason (kept, read-only); its items can be answered again. */
function withdrawRow(response) {
  return reasonRow({ input: 'withdraw-reason-input', button: 'withdraw', texts: 'response.withdraw', action: 'response.withdraw' }, (reason) =>
    act(() => api.post(`/api/responses/${enc(response.id)}/withdraw`, { version: response.version, reason }), 'response.withdrawn'),
  );
}

function newResponseForm() {
  const item = data.item;
  const facts = contradicted();
  const statements = facts.map((factId) => `- ${data.facts.get(factId).statement}`).join('\n');
  const title = h('input', { id: 'response-title', value: t('response.defaultTitle', { title: item.title.slice(0, 80) }), maxlength: 300, required: true });
  const body = h('textarea', { id: 'response-body', class: 'response-editor', rows: 10, maxlength: 50000 }, `${t('response.template')}\n${statements}`.trim());
  const clusterChoice = item.clusterId && data.members.length > 1;
  const target = clusterChoice
    ? h(
        'select',
        { id: 'response-target', 'aria-label': t('response.target') },
        h('option', { value: 'item' }, t('response.targetItem')),
        h('option', { value: 'cluster' }, t('response.targetCluster', { count: data.members.length })),
      )
    : null;
  const form = h(
    'form',
    { id: 'new-response', class: 'subform' },
    h('h3', null, t('response.new')),
    target ? [h('label', { for: 'response-target' }, t('response.target')), target] : null,
    h('label', { for: 'response-title' }, t('response.titleLabel')),
    title,
    h('label', { for: 'response-body' }, t('response.body')),
    body,
    factChoices('new', facts),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'create-response' }, t('response.create'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const payload = { title: title.value.trim(), body: body.value, factIds: chosenFacts(form, 'new') };
    if (target?.value === 'cluster') payload.clusterId = item.clusterId;
    else payload.itemId = id;
    void act(() => api.post('/api/responses', payload), 'response.created');
  });
  return form;
}

function renderResponses() {
  const cards = data.responses.map(responseCard);
  const hasDraft = data.responses.some((response) => response.status === 'draft');
  let tail = null;
  if (can.respond() && !hasDraft) tail = ANSWERABLE.has(data.review.status) ? newResponseForm() : h('p', { class: 'muted' }, t('response.needsConfirm'));
  render($('#response'), cards.length || tail ? [cards, tail] : h('p', { class: 'muted' }, t('response.none')));
}

async function refresh() {
  await load();
  renderItem();
  renderReview();
  renderNotes();
  renderHistory();
  renderResponses();
}

function wire() {
  const back = sessionStorage.getItem('mw-queue');
  if (back && back.startsWith('/') && !back.startsWith('//')) $('#back').setAttribute('href', back);
  $('#help-button').addEventListener('click', () => shortcutHelp(SHORTCUTS));
  bindShortcuts(
    {
      s: startReview,
      c: confirm,
      d: openDismiss,
      a: assignMe,
      e: () => $('.response-editor')?.focus(),
      u: () => location.assign($('#back').getAttribute('href') ?? '/'),
      '?': () => shortcutHelp(SHORTCUTS),
    },
    () => {
      $('#shortcut-help')?.remove();
      const dismissForm = $('#dismiss-form');
      if (dismissForm) dismissForm.hidden = true;
    },
  );
}

async function start() {
  await boot();
  wire();
  if (!id) {
    notify(t('item.missing'), 'error');
    return;
  }
  try {
    await Promise.all([loadSourceNames(), loadAssignees(), load()]);
  } catch (error) {
    notify(error.status === 404 ? t('item.notFound') : errorText(error), 'error');
    $('#item').hidden = true;
    return;
  }
  renderItem();
  renderReview();
  renderNotes();
  renderHistory();
  renderResponses();
  document.body.dataset.loaded = 'true';
  if (location.hash.startsWith('#hl-')) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

start().catch((error) => notify(String(error), 'error'));
