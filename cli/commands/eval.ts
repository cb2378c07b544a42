import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { evaluate, formatReport, type LabelledItem } from '../../pipeline/nlp/evaluate.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { UserError } from '../errors.ts';

/** Reads a labelled JSON-lines corpus; malformed lines are reported (by line number) and skipped. */
export function readCorpus(file: string): { items: LabelledItem[]; problems: string[] } {
  if (!existsSync(file)) throw new UserError(`corpus file not found: ${file}`);
  const items: LabelledItem[] = [];
  const problems: string[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (!line.trim()) return;
      const where = `${file}:${index + 1}`;
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line) as Record<string, unknown>;
      } catch (error) {
        problems.push(`${where}: not valid JSON (${(error as Error).message})`);
        return;
      }
      const labels = o?.labels as Record<string, unknown> | undefined;
      if (!o || typeof o !== 'object' || typeof o.text !== 'string' || !labels || typeof labels.congress !== 'boolean' || typeof labels.distortion !== 'boolean') {
        problems.push(`${where}: expected {id, title, text, labels: {congress: boolean, distortion: boolean}}`);
        return;
      }
      items.push({
        id: String(o.id ?? `line-${index + 1}`),
        title: typeof o.title === 'string' ? o.title : '',
        text: o.text,
        kind: typeof o.kind === 'string' ? o.kind : undefined,
        labels: { congress: labels.congress, distortion: labels.distortion },
      });
    });
  return { items, problems };
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('evaluate the classifier on a labelled JSON-lines corpus (labels.congress, labels.distortion)')
    .requiredOption('--corpus <file>', 'labelled corpus (JSON lines, e.g. tests/fixtures/dev-corpus.jsonl)')
    .option('--facts <file>', 'official facts to use instead of the configured ones: a YAML facts file, or a JSON facts sheet (shared format) whose values replace the configured facts\' values')
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)')
    .option('--errors', 'list misclassified items')
    .option('--json', 'print the report as JSON')
    .action((options: { corpus: string; facts?: string; config?: string; errors?: boolean; json?: boolean }) => {
      const config = loadConfig(options.config);
      const classifierOptions = classifierOptionsFromConfig(config);
      if (options.facts) {
        const facts = resolve(options.facts);
        if (!existsSync(facts)) throw new UserError(`facts file not found: ${facts}`);
        if (facts.toLowerCase().endsWith('.json')) classifierOptions.factsSheet = facts;
        else classifierOptions.factsFile = facts;
      }
      const classifier = loadClassifier(classifierOptions);
      const { items, problems } = readCorpus(resolve(options.corpus));
      for (const p of problems) process.stderr.write(`mediawatch eval: ${p}\n`);
      if (!items.length) throw new UserError(`no labelled items in ${options.corpus}`);
      const report = evaluate(items, (item) => classifier.classify(item));
      if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(`${formatReport(report, options.errors)}\n`);
      if (problems.length) process.exitCode = 1;
    });
}
