/**
 * The layering of docs/architecture.md, checked by tests/architecture/imports.test.ts:
 * core ← crawlers ← pipeline ← features ← api, dashboards ← cli. A folder imports only
 * from folders below it (and itself); no file takes part in an import cycle; code outside features/ uses a
 * feature module through its index.ts, and so do the other feature modules. Type-only imports count too.
 */
/** Feature modules with an index.ts (features/crawl-job is two independent files). */
const INDEXED_FEATURES = 'workflow|portals|alerts|schedules|backup|digest|notify';

const upward = (layer, above) => ({
  name: `${layer}-imports-upward`,
  comment: `${layer}/ may import only from the layers below it (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^${layer}/` },
  to: { path: `^(${above.join('|')})/` },
});

module.exports = {
  forbidden: [
    upward('core', ['crawlers', 'pipeline', 'features', 'api', 'dashboards', 'cli']),
    upward('crawlers', ['pipeline', 'features', 'api', 'dashboards', 'cli']),
    upward('pipeline', ['features', 'api', 'dashboards', 'cli']),
    upward('features', ['api', 'dashboards', 'cli']),
    {
      name: 'api-imports-dashboards',
      comment: 'api/ and dashboards/ sit side by side: cli mounts both; api/ imports nothing from dashboards/',
      severity: 'error',
      from: { path: '^api/' },
      to: { path: '^(dashboards|cli)/' },
    },
    {
      name: 'dashboards-imports-api',
      comment: 'dashboards/ serves pages and calls the API over HTTP like any client',
      severity: 'error',
      from: { path: '^dashboards/' },
      to: { path: '^(api|cli)/' },
    },
    {
      name: 'feature-internals',
      comment: 'outside a feature module, import it through its index.ts',
      severity: 'error',
      from: { pathNot: '^features/' },
      to: { path: `^features/(${INDEXED_FEATURES})/`, pathNot: '^features/[^/]+/index\\.ts$' },
    },
    {
      name: 'feature-internals-across-features',
      comment: 'a feature module uses another one through its index.ts, like any other caller',
      severity: 'error',
      from: { path: '^features/([^/]+)' },
      to: { path: `^features/(${INDEXED_FEATURES})/`, pathNot: ['^features/$1/', '^features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles (a type-only import counts)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
