// URLs as hostile sites serve them (byte flips, truncation, odd characters, huge values, other
// schemes and ports) and the properties every crawler URL must keep; shared by the property test
// (fixed seed) and the long fuzz run in bench/urls.bench.ts.
import fc from 'fast-check';
import { Configuration, Request, RequestQueue } from 'crawlee';
import { MAX_URL_LENGTH, normalizeCrawlUrl, SiteScope } from '../../crawlers/urls.ts';

export const FUZZ_BASE = 'http://127.0.0.1:8080/tin-tuc/bai.html';

/** Any UTF-16 unit, lone surrogates and controls included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const oddText = fc.oneof(
  fc.string({ unit: anyUnit, maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(' ', '\t', '\n', '\u0000', '\u007f', '\u0085', '\u00a0', '\u200b', '\u202e', '%', '%zz', '\\', '@', ':', '#', '?', '//', '..', '[', ']'),
);
const prefix = fc.constantFrom(
  '',
  'http://',
  'https://',
  'HTTP://',
  '//',
  'ftp://',
  'javascript:',
  'mailto:',
  'file:///',
  'data:,',
  'http:',
  'htt://',
  'http:\\\\',
  'http://user:pw@',
);

type Mutation = (url: string) => string;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), oddText).map(
    ([at, text]): Mutation =>
      (url) =>
        url.slice(0, at % (url.length + 1)) + text + url.slice(at % (url.length + 1)),
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 15 })).map(([at, bit]): Mutation => (url) => {
    if (!url) return url;
    const i = at % url.length;
    return url.slice(0, i) + String.fromCharCode(url.charCodeAt(i) ^ (1 << bit)) + url.slice(i + 1);
  }),
  fc.nat().map(
    (at): Mutation =>
      (url) =>
        url.slice(0, at % (url.length + 1)),
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 100, max: 3000 })).map(([at, times]): Mutation => (url) => {
    const i = at % (url.length + 1);
    return url.slice(0, i) + (url[i] ?? 'a').repeat(times) + url.slice(i);
  }),
  prefix.map(
    (scheme): Mutation =>
      (url) =>
        scheme + url.replace(/^[a-z]+:\/\//i, ''),
  ),
  fc.integer({ min: 0, max: 70000 }).map(
    (port): Mutation =>
      (url) =>
        url.replace(/^(https?:\/\/[^/:]+)(:\d+)?/i, `$1:${port}`),
  ),
);

const webUrl = fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['http', 'https'] });
const relative = fc.webPath().map((path) => path.replace(/^\//, ''));

/** Text (a URL, a whole sitemap) after up to `max` random mutations. */
export function mutated(start: fc.Arbitrary<string>, max = 4): fc.Arbitrary<string> {
  return fc.tuple(start, fc.array(mutation, { maxLength: max })).map(([text, mutations]) => mutations.reduce((out, mutate) => mutate(out), text));
}

/** A link as found in a page, feed or sitemap: a URL, relative or not, mutated 0-4 times. */
export const hostileUrl = mutated(fc.oneof(webUrl, relative, fc.constant(FUZZ_BASE), fc.string({ unit: anyUnit })));

export async function openFuzzQueue(): Promise<RequestQueue> {
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  return RequestQueue.open(`fuzz-${process.pid}-${Math.random().toString(36).slice(2)}`, { config });
}

/** Origin compared field by field, independently of SiteScope's own comparison. */
function sameSiteByParts(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  return x.protocol === y.protocol && x.hostname === y.hostname && x.port === y.port;
}

/**
 * The properties of one input (throws on a violation): never throws; an accepted URL is
 * http(s), short, free of whitespace and controls, accepted by crawlee's Request and request
 * queue, unchanged by normalising it again, and same-site exactly when scheme, host and port match.
 */
export async function checkUrlProperties(raw: string, withBase: boolean, queue: RequestQueue): Promise<void> {
  const checked = normalizeCrawlUrl(raw, withBase ? FUZZ_BASE : undefined);
  if (!checked.ok) {
    if (!checked.reason) throw new Error('rejected without a reason');
    return;
  }
  const { url } = checked;
  if (!/^https?:\/\//.test(url)) throw new Error(`not http(s): ${url}`);
  if (url.length > MAX_URL_LENGTH) throw new Error(`too long: ${url.length}`);
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(url)) throw new Error(`whitespace or control in ${JSON.stringify(url)}`);
  new Request({ url });
  await queue.addRequest({ url });
  const again = normalizeCrawlUrl(url);
  if (!again.ok || again.url !== url) throw new Error(`not idempotent: ${url} -> ${JSON.stringify(again)}`);
  const scope = new SiteScope([FUZZ_BASE], ['/tin-tuc/']);
  if (scope.contains(url) !== sameSiteByParts(url, FUZZ_BASE)) throw new Error(`same-site disagrees for ${url}`);
}
