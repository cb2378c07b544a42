/**
 * Another organisation, a company or a foreign power named as the claim's agent, origin, buyer or the members'
 * description (topic `agents`, topic-terms.ts notTheHolder) — "bên công ty thủy điện lo hết", "thuốc … của Trung
 * Quốc", "bán … cho công ty xuất khẩu", "đồng chí là … cựu chiến binh" — holds no gathering of its own. Its negative
 * still counts for the lexicon score and the model's features (so training does not move); read after the model's
 * decision, an item judged not congress-related whose own terms reach the congress threshold once those negatives
 * are left out is congress-related, and flagged when its distortion score alone would flag it.
 */
import type { Classification, Explanation } from '../../core/types.ts';
import { core, type TopicHit } from './classifier-types.ts';
import { byFieldAndStart, explain } from './explanations.ts';

export function overrideForAgentCongress(
  c: Classification,
  agentCongress: () => Explanation | null,
  thresholds: { congress: number; distortion: number },
): Classification {
  if (c.congress) return c;
  const explanation = agentCongress();
  if (!explanation) return c;
  return {
    ...c,
    congress: true,
    distortion: c.scores.distortion >= thresholds.distortion,
    scores: { congress: Math.max(c.scores.congress, thresholds.congress), distortion: c.scores.distortion },
    explanations: [...c.explanations, explanation].sort(byFieldAndStart),
  };
}

export const AGENT_CONGRESS = 'agent: another body named in the claim, not a holder';

/** How the override is shown: at the first negative left out. */
export function agentCongressExplanation(by: TopicHit[]): Explanation | null {
  const h = by[0];
  if (!h) return null;
  const out: Explanation[] = [];
  const note = `"${h.spec.text}" is the claim's agent, origin, buyer or members, not a gathering's holder: the item's own congress terms stand (read after the model)`;
  explain(out, h.view, h.tokFirst, h.tokLast, core('congress', AGENT_CONGRESS, 0, note), null);
  return out[0] ?? null;
}
