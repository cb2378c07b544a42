// The live progress lines a long crawl prints (CI logs and cron mail get them every few seconds).
import { describe, expect, it } from 'vitest';
import { CrawlProgress, formatCrawlSummary, sourceNamesOf } from '../../cli/progress.ts';
import { SourceReport } from '../../crawlers/report.ts';

function logLines() {
  const lines: string[] = [];
  const out = { isTTY: false, write: (chunk: string) => lines.push(...chunk.trimEnd().split('\n')) > 0 } as unknown as NodeJS.WriteStream;
  return { lines, progress: new CrawlProgress(out) };
}

describe('crawl progress', () => {
  it('says a source waits for its first page instead of printing a row of zeros, then counts', () => {
    const { lines, progress } = logLines();
    const quiet = new SourceReport('baogialai');
    progress.update(quiet, true);
    expect(lines).toEqual([expect.stringMatching(/^\[0s\] baogialai: waiting for its first page$/)]);

    quiet.fetched = 3;
    quiet.extracted = 2;
    quiet.new = 2;
    quiet.recordError('https://baogialai.example/x', 'HTTP 500');
    progress.update(quiet, true);
    expect(lines.at(-1)).toMatch(/baogialai: 3 fetched, 2 extracted, 2 new, 0 duplicates, 0 flagged, 1 errors$/);
  });

  it('keeps a source that has only failed so far on its counts, not as waiting', () => {
    const { lines, progress } = logLines();
    const failing = new SourceReport('loi');
    failing.recordError('https://loi.example/feed.xml', 'timed out after 6s');
    progress.update(failing, true);
    expect(lines.at(-1)).toMatch(/loi: 0 fetched, .* 1 errors$/);
  });

  it('names each source in the end-of-crawl summary beside the id that --source takes', () => {
    const named = new SourceReport('tin-pho-nui');
    named.fetched = 2;
    named.recordError('https://tin-pho-nui.example/a', 'HTTP 503');
    const unnamed = new SourceReport('rss-1');
    const names = sourceNamesOf([{ id: 'tin-pho-nui', name: 'Tin Phố Núi' }, { id: 'rss-1' }]);
    const summary = formatCrawlSummary([named, unnamed], names).split('\n');
    expect(summary[1]).toMatch(/^Tin Phố Núi \(tin-pho-nui\)\s+2\s/);
    expect(summary[2]).toMatch(/^rss-1\s/);
    expect(summary).toContain('Tin Phố Núi (tin-pho-nui): 1 error(s)');
  });
});
