// The hostile fixture items (fixtures/hostile-items.json) as stored items: cleaned by the real
// normaliser, explanations pointing at their exact offsets, then given their javascript: URLs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Explanation, ItemKind, ScoredItem } from '../../core/types.ts';
import { normaliseItem } from '../../pipeline/normalise.ts';

interface HostileFixture {
  sourceId: string;
  kind: ItemKind;
  platform?: string;
  url: string;
  hostileUrl: string;
  title: string;
  text: string;
  author?: string;
  publishedAt: string;
  fetchedAt: string;
  topics: string[];
  clusterId: string;
  scores: { congress: number; distortion: number };
  engagement?: ScoredItem['engagement'];
  explain: Array<Omit<Explanation, 'start' | 'end'>>;
}

export const HOSTILE_FIXTURE = join(import.meta.dirname, 'fixtures/hostile-items.json');

export function hostileItems(): ScoredItem[] {
  const fixture = JSON.parse(readFileSync(HOSTILE_FIXTURE, 'utf8')) as { items: HostileFixture[] };
  return fixture.items.map((raw) => {
    const { hostileUrl, explain, topics, clusterId, scores, ...rest } = raw;
    const item = normaliseItem(rest);
    const explanations: Explanation[] = explain.map((explanation) => {
      const field = explanation.field === 'title' ? item.title : item.text;
      const start = field.indexOf(explanation.matched);
      if (start < 0) throw new Error(`hostile fixture: "${explanation.matched}" is not in the ${explanation.field} of ${raw.url}`);
      return { ...explanation, start, end: start + explanation.matched.length };
    });
    return {
      ...item,
      // Stored as a crawler might have found them: the dashboard must not make these links.
      url: hostileUrl,
      canonicalUrl: hostileUrl,
      congress: true,
      distortion: true,
      flagged: true,
      scores,
      topics,
      clusterId,
      explanations,
    };
  });
}
