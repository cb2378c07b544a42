// Pieces shared by the queue and the item page: badges, scores, and review moves that follow
// the state machine (new → in_review → dismissed | confirmed) with the version the server expects.
import { api, enc } from './api.js';
import { h } from './dom.js';
import { formatDate, formatNumber, label, t } from './i18n.js';

/**
 * "web" for news sites and feeds, else the social platform (as the server's trends count it).
 * @param {{ platform?: string | null, kind: string }} item
 */
export function platformOf(item) {
  if (item.platform) return item.platform;
  return item.kind === 'social' ? 'social' : 'web';
}

/** @param {string} status */
export function statusBadge(status) {
  return h('span', { class: `badge status-${status}`, dataset: { status } }, label('status', status));
}

/**
 * What the office already decided on the rumour this item repeats: "repeats a rumour answered on
 * 16/10/2020", "... confirmed on ..." (no answer yet) or "resembles an item dismissed on ...".
 */
export function knownRumourText(known) {
  if (known.decision === 'dismissed') return t('rumour.dismissed', { date: formatDate(known.decidedAt) });
  if (known.response) return t('rumour.answered', { date: formatDate(known.response.publishedAt) });
  return t('rumour.confirmed', { date: formatDate(known.decidedAt) });
}

export function knownRumourBadge(known) {
  return h('span', { class: `badge known-rumour rumour-${known.decision}`, dataset: { rumourOf: known.itemId } }, knownRumourText(known));
}

/** @param {number} value a score in [0, 1] */
export function scoreCell(value) {
  return h('span', { class: 'score' }, h('meter', { min: 0, max: 1, low: 0.4, high: 0.7, optimum: 0, value }), ' ', formatNumber(value, 2));
}

export async function reviewOf(id) {
  const detail = await api.get(`/api/items/${enc(id)}/review`);
  return detail.review;
}

export function transition(id, body) {
  return api.post(`/api/items/${enc(id)}/review/transition`, body);
}

/** Moves a new item into review first (decisions are taken from in_review). */
export async function intoReview(id, review) {
  const current = review ?? (await reviewOf(id));
  if (current.status === 'new') return transition(id, { to: 'in_review', version: current.version });
  return current;
}

/** Dismisses an item as a false positive; `congress` false says it is not about the congresses at all. */
export async function dismissItem(id, reason, congress, review) {
  const current = await intoReview(id, review);
  if (current.status !== 'in_review') throw Object.assign(new Error(label('status', current.status)), { code: 'invalid_transition' });
  return transition(id, { to: 'dismissed', version: current.version, reason, ...(congress === false ? { congress: false } : {}) });
}

export async function confirmItem(id, review) {
  const current = await intoReview(id, review);
  return transition(id, { to: 'confirmed', version: current.version });
}

export async function assignItem(id, assignee, review) {
  const current = review ?? (await reviewOf(id));
  return api.post(`/api/items/${enc(id)}/review/assign`, { assignee, version: current.version });
}
