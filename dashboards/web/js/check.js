// The Check page: an editor pastes a text (a response, a portal post) and sees what the check
// before publishing would say: contradictions with the official facts, rumour cues, congress
// relevance, each passage marked.
import { api } from './api.js';
import { $, h, render } from './dom.js';
import { segments } from './highlight.js';
import { formatPercent, label, t } from './i18n.js';
import { boot, can, errorText, notify } from './layout.js';
import { reasonList } from './check-view.js';

function marked(text, explanations, field) {
  return segments(text, explanations, field).map((run) =>
    run.explanations.length
      ? h(
          'mark',
          {
            class: `hl hl-${run.kinds[0]}`,
            title: run.explanations.map((i) => `${label('explanation', explanations[i].kind)}: ${explanations[i].note ?? explanations[i].term}`).join('\n'),
          },
          run.text,
        )
      : run.text,
  );
}

function show(content, check) {
  $('#check-result').hidden = false;
  render(
    $('#check-verdict'),
    h(
      'span',
      { class: `badge ${check.held ? 'flagged' : 'ok'}`, id: 'check-held', dataset: { held: String(check.held) } },
      t(check.held ? 'check.held' : 'check.pass'),
    ),
    ' ',
    t(check.held ? 'check.heldText' : 'check.passText', { count: check.reasons.length }),
  );
  render($('#check-reasons'), check.reasons.length ? reasonList(content, check) : null);
  render(
    $('#check-marked'),
    content.title ? h('h3', null, marked(content.title, check.explanations, 'title')) : null,
    h('div', null, marked(content.text, check.explanations, 'text')),
  );
  render(
    $('#check-scores'),
    t(check.congress ? 'check.congress' : 'check.notCongress', { score: formatPercent(check.scores.congress) }),
    ' · ',
    t('check.distortion', { score: formatPercent(check.scores.distortion) }),
  );
}

async function start() {
  await boot();
  if (!can.annotate()) {
    notify(t('check.forbidden'), 'error');
    $('#check-form').hidden = true;
    return;
  }
  $('#check-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const content = { title: $('#check-title').value, text: $('#check-text').value };
    try {
      show(content, await api.post('/api/check', content));
    } catch (error) {
      notify(errorText(error), 'error');
    }
  });
  document.body.dataset.loaded = 'true';
}

start().catch((error) => notify(String(error), 'error'));
