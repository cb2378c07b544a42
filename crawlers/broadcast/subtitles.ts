/**
 * Subtitle tracks and published transcripts as cues with time codes: WebVTT (webvtt-parser, which
 * follows the W3C parsing rules and names the line of each error), SRT (rewritten as WebVTT: the
 * formats differ in the header and the decimal comma) and YouTube's timedtext captions (XML
 * `<transcript><text start dur>`, format 3 `<timedtext><body><p t d>`, or json3). Pure: text in,
 * cues or a SubtitleError worded for the crawl report out.
 */
import { createRequire } from 'node:module';
import { decodeHTML } from 'entities';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { CueNode } from 'webvtt-parser';
import { z } from 'zod';

export type SubtitleFormat = 'webvtt' | 'srt' | 'timedtext' | 'json3';

export interface Cue {
  /** Seconds from the start of the video. */
  start: number;
  end: number;
  text: string;
}

export interface Transcript {
  format: SubtitleFormat;
  cues: Cue[];
  /** Things read past (malformed lines, cues over the cap), for the crawl report. */
  problems: string[];
}

/** A track that cannot be read at all; the message is for the crawl report. */
export class SubtitleError extends Error {
  override name = 'SubtitleError';
}

// A CommonJS module whose exports Node's ESM loader cannot see by name: loaded with require.
const require = createRequire(import.meta.url);
const { WebVTTParser } = require('webvtt-parser') as typeof import('webvtt-parser');
// The parser's built-in table knows "&amp" but not "&amp;" (it reads "&amp;" as "&;"): give it the
// full HTML table it ships.
const HTML_ENTITIES = require('webvtt-parser/html-entities.json') as Record<string, string>;

const SRT_START = /^\d+[ \t]*\r?\n[ \t]*\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->/;

/** The track's format from its first characters (servers label tracks text/plain as often as not). */
export function detectFormat(body: string): SubtitleFormat | null {
  const head = body
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 200);
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(head)) return 'webvtt';
  if (SRT_START.test(head)) return 'srt';
  if (head.startsWith('{')) return 'json3';
  if (/^<(?:\?xml|transcript|timedtext)\b/.test(head)) return 'timedtext';
  return null;
}

/** Reads a subtitle track; `maxCues` bounds the cues kept (a huge track costs what the cap allows). */
export function parseSubtitles(body: string, maxCues: number): Transcript {
  const format = detectFormat(body);
  if (!format) throw new SubtitleError('not a subtitle track: expected WebVTT, SRT or YouTube timedtext (XML or json3)');
  const problems: string[] = [];
  let cues = format === 'webvtt' || format === 'srt' ? readWebVtt(body, format, problems) : format === 'json3' ? readJson3(body) : readTimedText(body);
  cues = cues.filter((cue) => cue.text);
  if (!cues.length) throw new SubtitleError(`${LABEL[format]} track has no cue with text`);
  if (cues.length > maxCues) {
    problems.push(`${LABEL[format]} track has ${cues.length} cues; read the first ${maxCues}`);
    cues = cues.slice(0, maxCues);
  }
  return { format, cues, problems };
}

const LABEL: Record<SubtitleFormat, string> = { webvtt: 'WebVTT', srt: 'SRT', timedtext: 'timedtext', json3: 'json3 caption' };

function readWebVtt(body: string, format: 'webvtt' | 'srt', problems: string[]): Cue[] {
  const text = body.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // SRT → WebVTT: a header, and "00:00:01,000" → "00:00:01.000"; line numbers become cue ids.
  const vtt = format === 'srt' ? `WEBVTT\n\n${text.trimStart().replace(/(\d{1,3}:\d{2}:\d{2}),(\d{1,3})/g, '$1.$2')}` : text;
  const parsed = new WebVTTParser(HTML_ENTITIES).parse(vtt, 'subtitles');
  const cues = parsed.cues;
  // Header lines under the signature ("Kind: captions", "Language: vi", as YouTube writes them)
  // lose nothing; the parser reports them all the same.
  const errors = parsed.errors.filter((e) => !/^No blank line after the signature/.test(e.message));
  // Cue-text markup errors (an unknown tag) do not lose text; timing and structure errors lose cues.
  const lineShift = format === 'srt' ? 2 : 0;
  const where = (e: { message: string; line: number }) => `${e.message.replace(/\.$/, '')} (line ${Math.max(1, e.line - lineShift)})`;
  if (!cues.length) throw new SubtitleError(`malformed ${LABEL[format]} track: ${errors.length ? where(errors[0]) : 'no cues'}`);
  if (errors.length)
    problems.push(`${LABEL[format]} track has ${errors.length} malformed part(s), first: ${where(errors[0])}; read the ${cues.length} valid cues`);
  return cues.map((cue) => ({ start: cue.startTime, end: cue.endTime, text: cueText(cue.tree.children) }));
}

/** Plain text of a cue: voice, class and language spans unwrapped, inline timestamps dropped. */
function cueText(nodes: CueNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.value ?? '';
    else if (node.type === 'object') out += cueText(node.children ?? []);
  }
  return out.trim();
}

const seconds = (value: string | undefined, scale: number): number | null => {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value) / scale;
  return Number.isFinite(n) && n >= 0 ? n : null;
};

function readTimedText(body: string): Cue[] {
  const doc = parseDocument(body, { xmlMode: true, decodeEntities: true });
  const root = DomUtils.findOne((el) => el.name === 'transcript' || el.name === 'timedtext', doc.children, true);
  if (!root) throw new SubtitleError('malformed timedtext: no <transcript> or <timedtext> element');
  // <transcript><text start="1.2" dur="3"> in seconds; format 3: <p t="1200" d="3000"> in milliseconds.
  const legacy = root.name === 'transcript';
  const elements = DomUtils.findAll((el) => el.name === (legacy ? 'text' : 'p'), root.children);
  const cues: Cue[] = [];
  for (const el of elements) {
    const start = seconds(el.attribs[legacy ? 'start' : 't'], legacy ? 1 : 1000);
    if (start === null) continue;
    const duration = seconds(el.attribs[legacy ? 'dur' : 'd'], legacy ? 1 : 1000) ?? 0;
    // YouTube escapes the caption text twice ("&amp;#39;"): the parser undoes one level.
    cues.push({ start, end: start + duration, text: decodeHTML(DomUtils.textContent(el)).replace(/\s+/g, ' ').trim() });
  }
  if (!cues.length && elements.length) throw new SubtitleError('malformed timedtext: no caption has a start time');
  return cues;
}

const json3Schema = z.object({
  events: z.array(
    z
      .object({
        tStartMs: z.number().nonnegative().optional(),
        dDurationMs: z.number().nonnegative().optional(),
        segs: z.array(z.object({ utf8: z.string().optional() }).passthrough()).optional(),
      })
      .passthrough(),
  ),
});

function readJson3(body: string): Cue[] {
  let raw: unknown;
  try {
    raw = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    throw new SubtitleError('malformed json3 captions: not valid JSON');
  }
  const parsed = json3Schema.safeParse(raw);
  if (!parsed.success) throw new SubtitleError('malformed json3 captions: expected {"events": [{"tStartMs", "segs": [{"utf8"}]}]}');
  const cues: Cue[] = [];
  for (const event of parsed.data.events) {
    if (event.tStartMs === undefined || !event.segs) continue;
    const start = event.tStartMs / 1000;
    cues.push({
      start,
      end: start + (event.dDurationMs ?? 0) / 1000,
      text: event.segs
        .map((s) => s.utf8 ?? '')
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    });
  }
  return cues;
}
