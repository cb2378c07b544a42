// What every signed-in page shares: the session check, the header (navigation, language
// switch, who is signed in, sign out), notices, and the keyboard-shortcut help.
import { api, setCsrfToken, toLogin } from './api.js';
import { $, h, render, typingIn } from './dom.js';
import { currentLanguage, label, loadLanguage, setLanguage, t, translatePage } from './i18n.js';

const REVIEW_ROLES = new Set(['admin', 'analyst']);
const RESPOND_ROLES = new Set(['admin', 'spokesperson']);
const ANNOTATE_ROLES = new Set(['admin', 'analyst', 'spokesperson']);

/** @type {{ me: any }} the signed-in user as GET /api/auth/me answers, once boot() resolved */
export const session = { me: null };

export const can = {
  review: () => REVIEW_ROLES.has(session.me?.role),
  respond: () => RESPOND_ROLES.has(session.me?.role),
  annotate: () => ANNOTATE_ROLES.has(session.me?.role),
  /** Bulk export: the staff who work with items (GET /api/items/export), not viewers. */
  export: () => ANNOTATE_ROLES.has(session.me?.role),
};

const PAGES = [
  { id: 'queue', href: '/', key: 'nav.queue' },
  { id: 'trends', href: '/trends', key: 'nav.trends' },
  { id: 'sources', href: '/sources', key: 'nav.sources' },
  { id: 'portals', href: '/portals', key: 'nav.portals' },
  { id: 'check', href: '/check', key: 'nav.check', when: () => can.annotate() },
];

/**
 * Loads the language and the session; sends the visitor to the login page without one (or
 * when the password must be changed first). Resolves with the signed-in user.
 */
export async function boot() {
  await loadLanguage();
  let me;
  try {
    me = await api.get('/api/auth/me', { redirectOn401: false });
  } catch (error) {
    if (error.status === 401) {
      toLogin();
      return new Promise(() => {});
    }
    throw error;
  }
  if (me.passwordChangeRequired) {
    location.assign(`/login?change=1&next=${encodeURIComponent(location.pathname + location.search)}`);
    return new Promise(() => {});
  }
  session.me = me;
  setCsrfToken(me.csrfToken);
  renderHeader();
  translatePage();
  document.body.classList.add('ready');
  return me;
}

export function languageSwitch() {
  return h(
    'div',
    { class: 'lang-switch', role: 'group', 'aria-label': t('lang.switch') },
    ['vi', 'en'].map((lang) =>
      h('button', {
        type: 'button',
        class: lang === currentLanguage() ? 'active' : '',
        dataset: { lang },
        'aria-pressed': String(lang === currentLanguage()),
        text: lang.toUpperCase(),
        on: { click: () => setLanguage(lang) },
      }),
    ),
  );
}

function renderHeader() {
  const header = $('#top');
  const current = document.body.dataset.page;
  const me = session.me;
  const logout = async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      location.assign('/login');
    }
  };
  render(
    header,
    h('a', { class: 'brand', href: '/' }, 'MediaWatch'),
    h(
      'nav',
      { 'aria-label': t('nav.label') },
      PAGES.filter((page) => !page.when || page.when()).map((page) =>
        h('a', { href: page.href, class: page.id === current ? 'active' : '', 'aria-current': page.id === current ? 'page' : null }, t(page.key)),
      ),
    ),
    h('span', { class: 'spacer' }),
    languageSwitch(),
    h('span', { class: 'whoami', id: 'whoami' }, me.user.displayName || me.user.username, ' · ', label('role', me.role)),
    h('button', { type: 'button', id: 'logout', class: 'link', on: { click: logout } }, t('nav.logout')),
  );
}

/**
 * A message in the page's notice area (role=status): kind "ok", "error" or "info".
 * @param {string} message
 * @param {string} [kind]
 */
export function notify(message, kind = 'info') {
  const area = $('#notice');
  if (!area) return;
  render(area, h('div', { class: `notice ${kind}` }, message));
  if (kind !== 'error') setTimeout(() => area.firstChild?.classList.add('fade'), 4000);
}

/**
 * Text for an API error, translated when its code is known.
 * @param {{ code?: string, message: string }} error
 */
export function errorText(error) {
  const known = t(`error.${error.code}`);
  return known === `error.${error.code}` ? `${t('error.generic')}: ${error.message}` : known;
}

/**
 * Single-key shortcuts for a page ({key: action}): Escape runs onEscape and leaves a text field;
 * the other keys run their action unless the visitor is typing in a field or holds a modifier.
 * @param {Record<string, () => void>} actions
 * @param {() => void} onEscape
 */
export function bindShortcuts(actions, onEscape) {
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      onEscape();
      if (typingIn(event)) /** @type {HTMLElement} */ (event.target).blur();
      return;
    }
    if (typingIn(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = Object.hasOwn(actions, event.key) ? actions[event.key] : undefined;
    if (!action) return;
    action();
    event.preventDefault();
  });
}

/**
 * Toggles the help panel listing the page's shortcuts: [[key, labelKey], ...].
 * @param {string[][]} shortcuts pairs of [key, label key]
 */
export function shortcutHelp(shortcuts) {
  let panel = $('#shortcut-help');
  if (panel) {
    panel.remove();
    return;
  }
  panel = h(
    'aside',
    { id: 'shortcut-help', class: 'panel help', role: 'dialog', 'aria-label': t('keys.title') },
    h('h2', null, t('keys.title')),
    h(
      'dl',
      null,
      shortcuts.map(([key, name]) => [h('dt', null, h('kbd', null, key)), h('dd', null, t(name))]),
    ),
  );
  document.body.append(panel);
}
