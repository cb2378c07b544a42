import { join } from 'node:path';
import { loadConfig } from '../../core/config.ts';
import type { ScoredItem, Store } from '../../core/types.ts';
import { lazyChecker } from '../../pipeline/nlp/check.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import type { Actor, Workflow } from '../../features/workflow/index.ts';
import { makeItem } from '../helpers/items.ts';

export const REPO = join(import.meta.dirname, '../..');

/** The configured classifier and facts sheet (config/mediawatch.yaml), loaded on first use. */
export const configuredChecker = lazyChecker(() => loadClassifier(classifierOptionsFromConfig(loadConfig(join(REPO, 'config/mediawatch.yaml')))));

export const rumourItem = (n: number): ScoredItem =>
  makeItem(
    {
      title: `Tin đồn số đại biểu ${n}`,
      text: 'Nghe nói đại hội tỉnh chỉ có 200 đại biểu, chia sẻ gấp!',
      kind: 'social',
      sourceId: 'nhom',
      url: `https://forum.example/p/${n}`,
    },
    { congress: true, distortion: true },
  );

/** Stores the item and takes it to "confirmed", ready to be answered. */
export async function confirmed(workflow: Workflow, store: Store, item: ScoredItem, analyst: Actor): Promise<string> {
  await store.upsertItems([item]);
  await workflow.reviews.transition(item.id, { to: 'in_review', version: 0 }, analyst);
  await workflow.reviews.transition(item.id, { to: 'confirmed', version: 1 }, analyst);
  return item.id;
}

export const WRONG_COUNT = 'Dự Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI có 400 đại biểu chính thức, không phải 200 như tin đồn.';
export const RIGHT_COUNT = 'Dự Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI có 350 đại biểu chính thức, đại diện cho hơn 66.000 đảng viên.';
