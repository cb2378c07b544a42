import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { classifierOptionsFromConfig, type Classifier } from '../../pipeline/nlp/index.ts';
import { loadConfiguredClassifier } from '../../features/crawl-job/open-pipeline.ts';

export interface ClassifyInput {
  id: string;
  title: string;
  text: string;
  kind?: string;
}

/** Validates one parsed JSON line; returns the input or a reason. */
export function parseClassifyLine(line: string): ClassifyInput | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'expected a JSON object' };
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return { error: 'missing "id" (string)' };
  if (o.title !== undefined && o.title !== null && typeof o.title !== 'string') return { error: '"title" must be a string' };
  if (typeof o.text !== 'string') {
    if (o.text === undefined && typeof o.title === 'string' && o.title) return { id: String(o.id), title: o.title, text: '' };
    return { error: 'missing "text" (string)' };
  }
  if (o.kind !== undefined && typeof o.kind !== 'string') return { error: '"kind" must be a string' };
  return { id: String(o.id), title: (o.title as string | undefined) ?? '', text: o.text, kind: o.kind as string | undefined };
}

/** Classifies JSON lines from `input`, writing one JSON line per item; returns the number of failed lines. */
export async function classifyStream(
  classifier: Classifier,
  input: NodeJS.ReadableStream,
  write: (line: string) => void,
  warn: (line: string) => void,
): Promise<{ ok: number; failed: number }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let ok = 0;
  let failed = 0;
  for await (const raw of rl) {
    lineNo++;
    const line = raw.trim();
    if (!line) continue;
    const parsed = parseClassifyLine(line);
    if ('error' in parsed) {
      failed++;
      warn(`mediawatch classify: line ${lineNo}: ${parsed.error}`);
      continue;
    }
    try {
      const c = classifier.classify(parsed);
      write(
        JSON.stringify({
          id: parsed.id,
          congress: c.congress,
          distortion: c.distortion,
          scores: c.scores,
          topics: c.topics,
          explanations: c.explanations,
          modelVersion: c.modelVersion ?? null,
        }),
      );
      ok++;
    } catch (error) {
      failed++;
      warn(`mediawatch classify: line ${lineNo}: classification failed: ${(error as Error).message}`);
    }
  }
  return { ok, failed };
}

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('classify items read as JSON lines on stdin ({id, title, text}); writes one JSON line per item')
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)')
    .action(async (options: { config?: string }) => {
      const config = loadConfig(options.config);
      const classifier = loadConfiguredClassifier(classifierOptionsFromConfig(config));
      const { failed } = await classifyStream(
        classifier,
        process.stdin,
        (line) => process.stdout.write(`${line}\n`),
        (line) => process.stderr.write(`${line}\n`),
      );
      if (failed) {
        process.stderr.write(`mediawatch classify: ${failed} line(s) failed\n`);
        process.exitCode = 1;
      }
    });
}
