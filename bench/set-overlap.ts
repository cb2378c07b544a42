// What a new evaluation set must leave out: every page also in one of our other sets (the 990-page set,
// WCXB's pages of both splits, Zyte's benchmark, and any set added before it), by the same URL (scheme,
// `www.`, trailing slash and fragment ignored) or the same HTML bytes. The overlap scripts print only
// counts and record the excluded pages as salted hashes, so that no untouched page of another set is
// read through the new one.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const normalisedUrl = (url: string) =>
  url
    .trim()
    .toLowerCase()
    .replace(/#.*$/, '')
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');

export const pageHash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface OtherSet {
  name: string;
  pages: Array<{ url: string; path: string }>;
}

/** The 990-page set, WCXB and Zyte's benchmark; a string naming what is missing. */
export function otherSets(dirs: { evalDir: string; wcxbDir: string; articlesDir: string }): OtherSet[] | string {
  const { evalDir, wcxbDir, articlesDir } = dirs;
  const missing = [evalDir, wcxbDir, articlesDir].filter((d) => !existsSync(d));
  if (missing.length) return `missing: ${missing.join(', ')} (every other set is needed to exclude its pages)`;
  const evalData = JSON.parse(readFileSync(join(evalDir, 'evaldata.json'), 'utf8')) as Record<string, { file: string }>;
  const wcxb = ['dev', 'test'].flatMap((split) =>
    readdirSync(join(wcxbDir, split, 'ground-truth'))
      .filter((n) => n.endsWith('.json'))
      .map((n) => ({
        url: (JSON.parse(readFileSync(join(wcxbDir, split, 'ground-truth', n), 'utf8')) as { url?: string }).url ?? '',
        path: join(wcxbDir, split, 'html', n.replace(/\.json$/, '.html.gz')),
      })),
  );
  const zyte = JSON.parse(readFileSync(join(articlesDir, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>;
  return [
    { name: '990-page set', pages: Object.entries(evalData).map(([url, v]) => ({ url, path: join(evalDir, 'pages', `${v.file}.gz`) })) },
    { name: 'WCXB (all pages)', pages: wcxb },
    { name: "Zyte's benchmark", pages: Object.entries(zyte).map(([id, v]) => ({ url: v.url ?? '', path: join(articlesDir, 'html', `${id}.html.gz`) })) },
  ];
}

/** Names of the candidate pages found in each other set (same URL or same bytes); prints only counts. */
export function overlapping(candidates: Array<{ name: string; urls: string[]; hash: string }>, sets: OtherSet[]): Set<string> {
  const excluded = new Set<string>();
  for (const set of sets) {
    const urls = new Set(set.pages.map((p) => normalisedUrl(p.url)).filter(Boolean));
    const hashes = new Set(set.pages.filter((p) => existsSync(p.path)).map((p) => pageHash(gunzipSync(readFileSync(p.path)))));
    const found = candidates.filter((p) => p.urls.some((u) => urls.has(normalisedUrl(u))) || hashes.has(p.hash));
    found.forEach((p) => excluded.add(p.name));
    console.log(`${set.name}: ${found.length} of the ${candidates.length} pages overlap (${set.pages.length} pages compared)`);
  }
  return excluded;
}

/** A page of a new set as the overlap check reads it: the address it was fetched from and the ones it gives itself, and its bytes' hash. */
export function candidatePage(name: string, url: string, path: string): { name: string; urls: string[]; hash: string } {
  const bytes = gunzipSync(readFileSync(path));
  return { name, urls: [url, ...ownUrls(bytes.toString('latin1'))], hash: pageHash(bytes) };
}

/** Finds the candidates also in another set, prints the counts and writes them as salted hashes (`key`) to `file`. */
export function recordOverlap(
  candidates: Array<{ name: string; urls: string[]; hash: string }>,
  sets: OtherSet[],
  file: URL,
  key: (name: string) => string,
): void {
  const excluded = overlapping(candidates, sets);
  writeFileSync(file, `${JSON.stringify([...excluded].map(key).sort(), null, 1)}\n`);
  console.log(`excluded: ${excluded.size} pages, written as salted hashes to ${fileURLToPath(file)}`);
}

/** The addresses a saved page gives itself (canonical link, og:url), as written. */
export function ownUrls(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.match(/<(?:link|meta)\b[^>]*>/gi) ?? []) {
    if (!/rel=["']?canonical|property=["']?og:url/i.test(tag)) continue;
    const url = /(?:href|content)=["']([^"']+)["']/i.exec(tag)?.[1];
    if (url && /^https?:\/\//i.test(url)) urls.push(url);
  }
  return urls;
}

/** The salted hashes of a set's excluded pages; a string naming the overlap script when the list is missing. */
export function excludedHashes(file: URL, script: string): Set<string> | string {
  try {
    return new Set(JSON.parse(readFileSync(file, 'utf8')) as string[]);
  } catch {
    return `the overlap list ${file.pathname} is missing: run \`node --import tsx ${script}\``;
  }
}

/** A folder option of an overlap script's command line (`--name DIR`), else the fallback, as an absolute path. */
export function pathOption(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return resolve(i >= 0 ? args[i + 1] : fallback);
}
