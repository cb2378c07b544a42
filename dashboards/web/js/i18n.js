// Vietnamese by default, English on request; the strings live in /i18n/vi.json and /i18n/en.json.
const STORAGE_KEY = 'mw-lang';
export const LANGUAGES = ['vi', 'en'];
/** @type {Record<string, string>} */
const LOCALES = { vi: 'vi-VN', en: 'en-GB' };
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

let language = 'vi';
/** @type {Record<string, string>} */
let strings = {};
/** @type {Record<string, string>} */
let fallback = {};

export function currentLanguage() {
  return language;
}

/**
 * @param {string} lang
 * @returns {Promise<Record<string, string>>}
 */
async function fetchStrings(lang) {
  const response = await fetch(`/i18n/${lang}.json`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`cannot load /i18n/${lang}.json (${response.status})`);
  return response.json();
}

/** Loads the chosen language (?lang=en|vi wins, then the saved choice, then Vietnamese). */
export async function loadLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (LANGUAGES.includes(asked)) localStorage.setItem(STORAGE_KEY, asked);
  const saved = localStorage.getItem(STORAGE_KEY);
  language = LANGUAGES.includes(saved) ? saved : 'vi';
  strings = await fetchStrings(language);
  fallback = language === 'vi' ? strings : await fetchStrings('vi');
  document.documentElement.lang = language;
}

/** @param {string} lang */
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === language) return;
  localStorage.setItem(STORAGE_KEY, lang);
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  location.replace(url.href);
}

/**
 * The string for `key`, with {name} placeholders filled from `vars`.
 * @param {string} key
 * @param {Record<string, unknown>} [vars]
 * @returns {string}
 */
export function t(key, vars) {
  const template = strings[key] ?? fallback[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (vars[name] === undefined ? whole : String(vars[name])));
}

/**
 * t() for a key that may not exist (e.g. a status or kind from the data): the raw value if it does not.
 * @param {string} prefix
 * @param {unknown} value
 * @returns {string}
 */
export function label(prefix, value) {
  const key = `${prefix}.${value}`;
  return strings[key] ?? fallback[key] ?? String(value);
}

/** Fills data-i18n (text), data-i18n-placeholder, data-i18n-title and data-i18n-aria-label. */
/** @param {ParentNode} [root] */
export function translatePage(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.getAttribute('data-i18n'));
  for (const element of root.querySelectorAll('[data-i18n-placeholder]')) element.setAttribute('placeholder', t(element.getAttribute('data-i18n-placeholder')));
  for (const element of root.querySelectorAll('[data-i18n-title]')) element.setAttribute('title', t(element.getAttribute('data-i18n-title')));
  for (const element of root.querySelectorAll('[data-i18n-aria-label]')) element.setAttribute('aria-label', t(element.getAttribute('data-i18n-aria-label')));
  const title = document.body?.dataset.titleKey;
  if (title) document.title = `${t(title)} · MediaWatch`;
}

/** @param {string | null | undefined} iso */
export function formatDateTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'short', timeStyle: 'short', timeZone: TIME_ZONE }).format(date);
}

/**
 * The calendar day of an instant, in Vietnam time (16/10/2020).
 * @param {string | null | undefined} iso
 */
export function formatDate(iso) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(LOCALES[language], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TIME_ZONE }).format(date);
}

/**
 * A YYYY-MM-DD day (already in Vietnam time).
 * @param {string} day
 */
export function formatDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return String(day);
  return new Intl.DateTimeFormat(LOCALES[language], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * @param {number} value
 * @param {number} [digits]
 */
export function formatNumber(value, digits = 0) {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** @param {number | null | undefined} value */
export function formatPercent(value) {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 0 }).format(value);
}
