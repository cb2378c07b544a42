import { readFileSync } from 'node:fs';
import type { LoadedConfig } from '../../core/config.ts';
import type { RawItem } from '../../core/types.ts';
import { openWorkflow, workflowOptionsFromConfig, type Actor } from '../../features/workflow/index.ts';
import { openPipeline } from '../../features/crawl-job/open-pipeline.ts';
import type { CorpusPost } from './forum-feed.ts';

/** A rumour the office already handled before the demo's crawl, and reposts of it for the forum feed. */
export interface KnownRumourSeed {
  rumour: RawItem;
  /** When and by whom it was confirmed as distortion. */
  review: { at: string; actor: string };
  /** The published answer. */
  response: { at: string; actor: string; title: string; body: string; factIds: string[]; url?: string };
  reposts: CorpusPost[];
}

export function readKnownRumourSeed(file: string): KnownRumourSeed {
  return JSON.parse(readFileSync(file, 'utf8')) as KnownRumourSeed;
}

/**
 * Stores the rumour through the crawl pipeline, confirms it and publishes the office's answer, on
 * the dates the seed gives (so the demo reads "answered on 14/10/2020"). Returns the ids.
 */
export async function seedKnownRumour(config: LoadedConfig, seed: KnownRumourSeed): Promise<{ itemId: string; responseId: string }> {
  const { store, pipeline, close } = await openPipeline(config);
  try {
    const outcome = await pipeline.ingest(seed.rumour);
    if (outcome.status === 'error') throw new Error(`the demo's known rumour could not be stored: ${outcome.reason}`);
    const itemId = outcome.item.id;
    let now = new Date(seed.review.at);
    const workflow = openWorkflow({ ...workflowOptionsFromConfig(config, { store }), now: () => now });
    try {
      const analyst: Actor = { username: seed.review.actor, via: 'system' };
      const inReview = await workflow.reviews.transition(itemId, { to: 'in_review', version: 0 }, analyst);
      await workflow.reviews.transition(itemId, { to: 'confirmed', version: inReview.version }, analyst);
      now = new Date(seed.response.at);
      const spokesperson: Actor = { username: seed.response.actor, via: 'system' };
      const { title, body, factIds, url } = seed.response;
      const draft = await workflow.responses.create({ itemId, title, body, factIds }, spokesperson);
      await workflow.responses.publish(draft.id, { version: draft.version, url }, spokesperson);
      return { itemId, responseId: draft.id };
    } finally {
      workflow.close();
    }
  } finally {
    await close();
  }
}
