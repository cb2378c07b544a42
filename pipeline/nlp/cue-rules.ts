/**
 * Structural rules (cuesSchema.rules): co-occurrence of cue groups in a sentence or in the item,
 * without the groups that rule them out. A claim type is a shape of several cues, not one word.
 */
import { type CompiledCues, core, type CueMark, type Item, item } from './classifier-types.ts';
import { round } from './weights.ts';
import { inQuotedClaim } from './quotations.ts';
import { reportedDiscount } from './reported-discount.ts';

/**
 * Structural rules (see cuesSchema.rules): co-occurrence of groups in a sentence or in the item,
 * without the groups that rule them out ("có phải ... không" + "nhiều nhóm đang nói", unless the
 * item asks which version is right; a claim with no named source in its sentence). Each rule
 * counts once per item, at its first place.
 */
export function scoreRules(cues: CompiledCues, marks: CueMark[], items: Item[], raw: number): number {
  const inItem = (g: number) => marks.some((m) => m.group === g);
  for (const { rule, all, none, any, noneInItem, anaphors } of cues.rules) {
    let at: CueMark | null = null;
    if (noneInItem.some(inItem)) continue;
    // the rule's groups as found in a scope (the item, or a sentence and its anaphor's)
    const holds = (has: (g: number) => boolean) => all.every(has) && (!any.length || any.some(has)) && !none.some(has);
    if (rule.scope === 'item') {
      if (holds(inItem)) at = marks.find((m) => m.group === all[0]) ?? null;
    } else {
      for (const m of marks) {
        if (m.group !== all[0]) continue;
        if (rule.outsideQuotedClaims && inQuotedClaim(m.view.prepared, m.tokFirst)) continue;
        // an anaphor ("con số này") brings in the sentence before, in the same field (sentence keys step by 2)
        const linked = anaphors.length > 0 && marks.some((x) => x.sent === m.sent && x.view === m.view && anaphors.includes(x.group));
        const inSent = marks.filter((x) => x.view === m.view && (x.sent === m.sent || (linked && x.sent === m.sent - 2)));
        if (holds((g) => inSent.some((x) => x.group === g))) {
          at ??= m;
          if (!rule.actsInsideCongress) break;
          for (const x of inSent) if (x.group === all[0]) for (let t = x.tokFirst; t <= x.tokLast; t++) x.view.foreignHand.add(t);
        }
      }
    }
    if (!at || !rule.weight) continue;
    // a rule whose marker sits in a reported clause the item denies is the rumour's structure, not the item's
    const why = rule.weight > 0 ? reportedDiscount(at.view, at.tokFirst) : null;
    const w = why ? round(rule.weight * at.view.verdict.factor) : rule.weight;
    raw += w;
    items.push(item(at.view, at.tokFirst, at.tokLast, core('distortion', `rule ${rule.id}`, w, why ? `${rule.note ?? ''}${why}` : rule.note)));
  }
  return raw;
}
