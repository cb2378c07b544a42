// Sign in (and change the password when the server asks for it), then go where the visitor was headed.
import { api, safeNext, setCsrfToken } from './api.js';
import { $, h, render } from './dom.js';
import { loadLanguage, t, translatePage } from './i18n.js';
import { errorText, languageSwitch } from './layout.js';

const params = new URLSearchParams(location.search);
const next = safeNext(params.get('next') ?? '/');

function showError(message) {
  render($('#notice'), h('div', { class: 'notice error', role: 'alert' }, message));
}

function loginError(error) {
  if (error.status === 401) return t('login.wrong');
  if (error.code === 'account_locked') return t('login.locked', { seconds: error.retryAfter ?? '?' });
  if (error.code === 'too_many_logins') return t('login.tooMany');
  return errorText(error);
}

function askForNewPassword(reason) {
  $('#login-form').hidden = true;
  $('#change-form').hidden = false;
  $('#change-reason').textContent = reason === 'expired' ? t('login.expired') : t('login.mustChange');
  $('#current-password').value = $('#password').value;
  $('#new-password').focus();
}

async function start() {
  await loadLanguage();
  translatePage();
  render($('#lang'), languageSwitch());
  document.body.classList.add('ready');

  // Already signed in (e.g. the back button): carry on, unless the password must change.
  try {
    const me = await api.get('/api/auth/me', { redirectOn401: false });
    setCsrfToken(me.csrfToken);
    if (me.passwordChangeRequired) askForNewPassword(me.reason);
    else if (!params.has('change')) location.replace(next);
  } catch {
    // Not signed in: the form it is.
  }

  $('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = event.submitter;
    if (button) button.disabled = true;
    try {
      const session = await api.post('/api/auth/login', { username: $('#username').value.trim(), password: $('#password').value }, { redirectOn401: false });
      setCsrfToken(session.csrfToken);
      if (session.passwordChangeRequired) askForNewPassword(session.reason);
      else location.assign(next);
    } catch (error) {
      showError(loginError(error));
      $('#password').select();
    } finally {
      if (button) button.disabled = false;
    }
  });

  $('#change-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const newPassword = $('#new-password').value;
    if (newPassword !== $('#new-password-2').value) {
      showError(t('login.mismatch'));
      return;
    }
    try {
      await api.post('/api/auth/change-password', { currentPassword: $('#current-password').value, newPassword }, { redirectOn401: false });
      location.assign(next);
    } catch (error) {
      showError(error.code === 'invalid' || error.status === 400 ? `${t('login.weak')} ${error.message}` : errorText(error));
    }
  });
}

start().catch((error) => showError(String(error)));
