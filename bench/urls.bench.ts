// The long fuzz run of crawler URL handling (the test suite runs 500 cases with a fixed seed):
// every property of tests/crawlers/urls.test.ts on many more hostile URLs, with a fresh seed each
// time (printed, so a failure can be replayed), plus normalising throughput beside a bare
// `new URL()` parse of the same inputs measured in the same run.
//
//   npm run bench:urls                          # 20,000 cases, random seed
//   npm run bench:urls -- --runs 100000 --seed 1234
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { normalizeCrawlUrl } from '../crawlers/urls.ts';
import { checkUrlProperties, FUZZ_BASE, hostileUrl, openFuzzQueue } from '../tests/helpers/url-fuzz.ts';
import { numberArg } from './synthetic.ts';

const RUNS = numberArg('runs', 20_000);
const SEED = numberArg('seed', Math.floor(Math.random() * 2 ** 31));

const inputs = fc.sample(fc.tuple(hostileUrl, fc.boolean()), { seed: SEED, numRuns: RUNS });
const perSecond = (run: () => void) => {
  const started = performance.now();
  run();
  return inputs.length / ((performance.now() - started) / 1000);
};
const baseline = perSecond(() => {
  for (const [raw, withBase] of inputs) {
    try {
      new URL(raw, withBase ? FUZZ_BASE : undefined);
    } catch {
      // an unparsable input counts like any other
    }
  }
});
let accepted = 0;
const normalising = perSecond(() => {
  for (const [raw, withBase] of inputs) if (normalizeCrawlUrl(raw, withBase ? FUZZ_BASE : undefined).ok) accepted++;
});
process.stdout.write(
  `inputs ${inputs.length} (seed ${SEED}), accepted ${accepted}\n` +
    `baseline new URL():     ${Math.round(baseline).toLocaleString('en')} URLs/s\n` +
    `normalizeCrawlUrl():    ${Math.round(normalising).toLocaleString('en')} URLs/s (${(normalising / baseline).toFixed(2)}× baseline)\n`,
);

const queue = await openFuzzQueue();
const started = performance.now();
await fc.assert(
  fc.asyncProperty(hostileUrl, fc.boolean(), (raw, withBase) => checkUrlProperties(raw, withBase, queue)),
  { seed: SEED, numRuns: RUNS },
);
await queue.drop();
process.stdout.write(`properties held for ${RUNS} cases in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${SEED})\n`);
