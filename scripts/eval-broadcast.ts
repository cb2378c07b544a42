// Broadcast figures on the local station fixture (tests/fixtures/broadcast, served on 127.0.0.1):
// videos stored, transcripts read by format, reasons for the videos without one, and the flagged
// passages of the transcripts with the moment each maps to: `npm run eval:broadcast`.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScoredItem } from '../core/types.ts';
import { crawlStation, startStation } from '../tests/helpers/station.ts';

const REPO = join(import.meta.dirname, '..');
const { formatTimecode, secondsAt, videoLinkAt } = (await import(pathToFileURL(join(REPO, 'dashboards/web/js/timecode.js')).href)) as {
  formatTimecode(seconds: number): string;
  secondsAt(timecodes: ScoredItem['timecodes'], offset: number): number | null;
  videoLinkAt(url: string, seconds: number): string;
};

const station = await startStation(3_000_000);
try {
  const started = process.hrtime.bigint();
  const { report, items } = await crawlStation(station, 1_000_000);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const all = [...items.values()];
  const timed = all.filter((item) => item.timecodes);
  console.log(
    `videos stored ${all.length}; with a transcript ${timed.length} (${timed.reduce((n, i) => n + i.timecodes!.cues.length, 0)} cues); requests ${report.fetched}; crawl ${ms.toFixed(0)} ms (classifier load included)`,
  );
  let inTranscript = 0;
  let mapped = 0;
  for (const item of all) {
    const found = item.explanations.filter(
      (e) => e.field === 'text' && (e.kind === 'fact' || (e.kind === 'distortion' && e.weight > 0 && !e.term.startsWith('learned'))),
    );
    const firstCue = item.timecodes?.cues[0]?.[0] ?? Infinity;
    console.log(`\n${item.title}${item.flagged ? ' [flagged]' : ''}  ${item.timecodes ? `${item.timecodes.cues.length} cues` : 'no transcript'}`);
    for (const e of found) {
      const seconds = secondsAt(item.timecodes, e.start);
      if (e.start >= firstCue) inTranscript++;
      if (seconds !== null) mapped++;
      console.log(
        `  ${e.kind.padEnd(10)} "${e.matched}"${e.factId ? ` ${e.factId}` : ''}  ${seconds === null ? '(description)' : `at ${formatTimecode(seconds)}  ${videoLinkAt(item.timecodes!.videoUrl, seconds)}`}`,
      );
    }
  }
  console.log(`\nfacts and rumour cues in transcripts: ${inTranscript}, mapped to a time code: ${mapped}`);
  console.log('\nreasons recorded:');
  for (const error of report.errors) console.log(`  ${error.url.replace(station.base, '')}: ${error.reason.replaceAll(station.base, '')}`);
} finally {
  await station.close();
}
