import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** GitHub's heading anchor: lower case, punctuation and symbols dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');

/**
 * The broken links of one markdown text: reference links with no definition, and relative targets whose file or
 * heading anchor does not exist. The README links hundreds of history records by their headings' anchors, and a
 * record's heading edited later would otherwise leave a dead link nobody sees.
 */
function brokenLinks(markdown: string, file: string, read: (path: string) => string | undefined): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const definitions = new Map([...prose.matchAll(/^\[([^\]]+)\]:\s*(\S+)/gm)].map((m) => [m[1], m[2]]));
  const body = prose.replace(/^\[[^\]]+\]:.*$/gm, '');
  const broken = [...body.matchAll(/\]\[([^\]]+)\]/g)].filter((m) => !definitions.has(m[1])).map((m) => `[${m[1]}]: no definition`);
  const targets = [...definitions.values(), ...[...body.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1])];
  const anchorsOf = new Map<string, Set<string>>();
  for (const target of targets) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path, anchor] = target.split('#');
    const targetFile = path ? join(dirname(file), decodeURIComponent(path)) : file;
    const text = read(targetFile);
    if (text === undefined) {
      broken.push(`${target}: no such file`);
      continue;
    }
    if (!anchor || !targetFile.endsWith('.md')) continue;
    if (!anchorsOf.has(targetFile)) anchorsOf.set(targetFile, new Set([...text.matchAll(/^#+\s+(.*)$/gm)].map((m) => slug(m[1]))));
    if (!anchorsOf.get(targetFile)!.has(anchor)) broken.push(`${target}: no such heading`);
  }
  return broken;
}

/** A file's text; a folder (a link to a folder) reads as empty, a missing path as undefined. */
const readIfFile = (path: string) => (!existsSync(path) ? undefined : statSync(path).isDirectory() ? '' : readFileSync(path, 'utf8'));

describe('documentation links', () => {
  const documents = [
    'README.md',
    'tests/fixtures/README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];

  it.each(documents)('%s: every link resolves to a file and, for a heading anchor, to a heading', (document) => {
    const file = join(ROOT, document);
    expect(brokenLinks(readFileSync(file, 'utf8'), file, readIfFile)).toEqual([]);
  });

  it('reports a missing definition, file and heading, and passes good ones and code', () => {
    const files: Record<string, string> = { '/d/a.md': '# Judgement, the 1st pass: “quoted” (branch `x`)\n', '/d/b.ts': '' };
    const markdown = [
      'See [one][h1], [two][h2], [a](a.md#judgement-the-1st-pass-quoted-branch-x), [b](b.ts), [web](https://example.org/x).',
      'Broken: [c](c.md), [d](a.md#no-such), `[e][h9]` in code is not a link.',
      '[h1]: a.md',
      '[h2]: a.md#judgement-the-2nd-pass',
    ].join('\n');
    expect(brokenLinks(markdown, '/d/README.md', (path) => files[path])).toEqual([
      'a.md#judgement-the-2nd-pass: no such heading',
      'c.md: no such file',
      'a.md#no-such: no such heading',
    ]);
    expect(brokenLinks('[x][nowhere]', '/d/README.md', (path) => files[path])).toEqual(['[nowhere]: no definition']);
  });
});
