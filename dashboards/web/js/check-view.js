// The verdict of the check before publishing (POST /api/check, or a publication held with 409
// held_by_check), shown the same way on the Check page and in the publish flow: each reason
// with its passage marked in context.
import { h } from './dom.js';
import { context } from './highlight.js';
import { t } from './i18n.js';

/**
 * The reasons of a verdict on { title, text }, each with the sentence around its span.
 * @param {{ title?: string | null, text: string }} content
 * @param {{ reasons: Array<{ kind: string, field?: string, start: number, end: number, matched: string, message: string, factId?: string }> }} check
 */
export function reasonList(content, check) {
  return h(
    'ul',
    { class: 'check-reasons' },
    check.reasons.map((reason) => {
      const text = reason.field === 'title' ? (content.title ?? '') : content.text;
      const where = text.slice(reason.start, reason.end) === reason.matched ? context(text, reason.start, reason.end) : null;
      return h(
        'li',
        { class: `check-reason reason-${reason.kind}`, dataset: { kind: reason.kind, ...(reason.factId ? { fact: reason.factId } : {}) } },
        h('span', { class: `badge reason-${reason.kind}` }, t(`check.kind.${reason.kind}`)),
        ' ',
        where
          ? h(
              'q',
              null,
              where.cutBefore ? '…' : '',
              where.before,
              h('mark', { class: `hl hl-${reason.kind === 'fact' ? 'fact' : 'distortion'}` }, where.match),
              where.after,
              where.cutAfter ? '…' : '',
            )
          : h('mark', { class: 'hl' }, reason.matched),
        h('div', { class: 'muted note' }, reason.message),
      );
    }),
  );
}
