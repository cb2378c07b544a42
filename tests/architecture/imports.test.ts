import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LAYERS = ['core', 'crawlers', 'pipeline', 'features', 'api', 'dashboards', 'cli'];
const rules = createRequire(import.meta.url)(resolve(ROOT, '.dependency-cruiser.cjs'));

/** Cruises the given folders of `base` (paths are reported relative to it) with the project's rules. */
async function check(folders: string[], base = ROOT): Promise<ICruiseResult> {
  const result = await cruise(folders, { ...rules.options, ruleSet: rules, validate: true, baseDir: base }, undefined, {
    tsConfig: extractTSConfig(resolve(ROOT, 'tsconfig.json')),
  });
  return result.output as ICruiseResult;
}

const violations = (result: ICruiseResult) =>
  result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);

describe('import direction (docs/architecture.md)', () => {
  let result: ICruiseResult;
  beforeAll(async () => {
    result = await check(LAYERS);
  }, 180_000);

  it('every import points down the layers, through feature indexes, and none takes part in a cycle', () => {
    expect(result.summary.totalCruised).toBeGreaterThan(200);
    expect(violations(result)).toEqual([]);
  });
});

describe('the rules catch what they are for', () => {
  // Small made-up trees under tests/architecture/fixtures, cruised with the same rules: a rule that
  // never fires would let the test above pass on any tree.
  it('report an upward import, an api → dashboards import, a type-only cycle and reaches into a feature internal from outside and from another feature', async () => {
    const result = await check(['core', 'pipeline', 'features', 'api'], resolve(import.meta.dirname, 'fixtures'));
    expect(violations(result).sort()).toEqual([
      'api-imports-dashboards: api/route.ts → dashboards/page.ts',
      'feature-internals-across-features: features/alerts/index.ts → features/digest/internal.ts',
      'feature-internals: api/route.ts → features/digest/internal.ts',
      'no-circular: core/a.ts → core/b.ts (cycle core/b.ts → core/a.ts)',
      'pipeline-imports-upward: pipeline/stage.ts → features/digest/index.ts',
    ]);
  }, 60_000);
});
