import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import {
  categoryFigures,
  evaluate,
  formatError,
  formatGroups,
  formatReport,
  withoutItemIds,
  type EvalReport,
  type LabelledItem,
} from '../../pipeline/nlp/evaluate.ts';
import { classifierOptionsFromConfig, LearnedScorer, type Classifier } from '../../pipeline/nlp/index.ts';
import { crossValidate } from '../../pipeline/nlp/train.ts';
import { loadConfiguredClassifier } from '../../features/crawl-job/open-pipeline.ts';
import { UserError } from '../errors.ts';
import { CORPUS_HELP, corporaOverlap } from '../corpus.ts';
import {
  cvReport,
  examplesOf,
  formatCvReport,
  hasTrainOptions,
  readCorpora,
  trainSettings,
  withTrainOptions,
  type TrainOptions,
  withFacts,
  withoutDiacritics,
} from './train.ts';

export function registerEval(program: Command): void {
  const command = program
    .command('eval')
    .description('evaluate the classifier on labelled JSON-lines corpora (labels.congress, labels.distortion)')
    .requiredOption('--corpus <files...>', CORPUS_HELP)
    .option(
      '--cv <k>',
      'k-fold cross-validation of the learned layer over the corpora (trained on k−1 folds, scored on the k-th), beside the lexicons alone and the baseline; ' +
        '"by-corpus": leave one corpus out (each corpus scored by a model trained on the others only)',
    );
  withTrainOptions(command, 'with --cv: ')
    .option('--lexicons-only', 'ignore the model named in the config')
    .option(
      '--facts <file>',
      "official facts for every corpus instead of the configured ones or a corpus's own <name>.facts.json: a YAML facts file, or a JSON facts sheet (shared format) whose values replace the configured facts' values",
    )
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)')
    .option('--errors', 'list misclassified items')
    .option(
      '--totals-only',
      'figures over all items only: no per-category or per-family rows (for corpora kept unread: even family names tell a reader what they hold)',
    )
    .option('--strip-diacritics', 'also score every item with its diacritics removed and report the F1 gap (as typed − without)')
    .option('--json', 'print the report as JSON')
    .action(
      (
        options: TrainOptions & {
          corpus: string[];
          cv?: string;
          lexiconsOnly?: boolean;
          facts?: string;
          config?: string;
          errors?: boolean;
          totalsOnly?: boolean;
          json?: boolean;
          stripDiacritics?: boolean;
        },
      ) => {
        const config = loadConfig(options.config);
        const classifierOptions = classifierOptionsFromConfig(config);
        let facts: string | undefined;
        if (options.facts) {
          facts = resolve(options.facts);
          if (!existsSync(facts)) throw new UserError(`facts file not found: ${facts}`);
        }
        if (hasTrainOptions(options) && options.cv === undefined)
          throw new UserError(
            '--precision-target, --inner-split, --distortion-fixed, --averaged-epochs, --refit-bias and --seed set how the models of --cv are trained: give --cv too',
          );
        if (options.totalsOnly && options.errors) throw new UserError('--totals-only prints no items: leave out --errors');
        if (options.lexiconsOnly) classifierOptions.modelFile = undefined;
        const { corpora, items, categories, problems } = readCorpora(options.corpus, 'eval', facts);
        const categoryOf = (item: { id: string }) => (options.totalsOnly ? undefined : categories.get(item.id));
        if (problems) process.exitCode = 1;
        if (options.cv !== undefined) {
          const k = options.cv === 'by-corpus' ? 'by-group' : Number(options.cv);
          if (k === 'by-group' && corpora.length < 2)
            throw new UserError('--cv by-corpus needs at least two corpora (e.g. FILE#odd and another file): each is held out in turn');
          if (k !== 'by-group' && (!Number.isInteger(k) || k < 2 || k > items.length))
            throw new UserError(`--cv must be a whole number of folds between 2 and the number of items, or "by-corpus" (got "${options.cv}")`);
          const examples = examplesOf(classifierOptions, corpora);
          const variants = options.stripDiacritics ? examplesOf(classifierOptions, corpora, withoutDiacritics) : [];
          const cv = crossValidate(examples, k, classifierOptions.thresholds, trainSettings(options), variants);
          const report = cvReport(examples, corpora, cv, variants);
          const groups = categoryFigures(items, (i) => cv.predictions.get(i.id)!.distortion, categoryOf);
          if (options.json) {
            process.stdout.write(`${JSON.stringify({ ...report, ...groups }, null, 2)}\n`);
            return;
          }
          process.stdout.write(`${formatCvReport(report)}\n${groups ? `${formatCategoryFigures(groups, 'out-of-fold')}\n` : ''}`);
          if (options.errors)
            for (const c of corpora) {
              const errors = evaluate(c.items, (i) => cv.predictions.get(i.id)!).errors;
              process.stdout.write(`errors of ${c.name} (out-of-fold scores):\n${errors.map((e) => formatError(e, categoryOf(e))).join('\n') || '  none'}\n`);
            }
          return;
        }
        // each corpus under its own facts; one classifier per facts sheet (the same model)
        const classifiers = new Map<string | undefined, Classifier>();
        const classifierOf = new Map<string, Classifier>();
        for (const c of corpora) {
          if (!classifiers.has(c.facts)) classifiers.set(c.facts, loadConfiguredClassifier(withFacts(classifierOptions, c.facts)));
          for (const item of c.items) classifierOf.set(item.id, classifiers.get(c.facts)!);
        }
        const classifier = classifiers.values().next().value!;
        const model = classifier.learned instanceof LearnedScorer ? classifier.learned.model : null;
        const classify = (item: LabelledItem) => classifierOf.get(item.id)!.classify(item);
        const asTyped = new Map<string, Classification>();
        // totals only: no item ids anywhere, not even the hard negatives' or the errors' in --json
        const shown = (r: EvalReport): EvalReport => (options.totalsOnly ? withoutItemIds(r) : r);
        const report = shown(
          evaluate(items, (item) => {
            const c = classify(item);
            asTyped.set(item.id, c);
            return c;
          }),
        );
        const groups = categoryFigures(items, (i) => asTyped.get(i.id)!.distortion, categoryOf);
        const stripped = options.stripDiacritics ? shown(evaluate(withoutDiacritics(items), classify)) : null;
        const gap = stripped && {
          congress: Math.round((report.congress.f1 - stripped.congress.f1) * 10000) / 10000,
          distortion: Math.round((report.distortion.f1 - stripped.distortion.f1) * 10000) / 10000,
        };
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ ...report, ...groups, modelVersion: model?.version ?? null, ...(stripped ? { withoutDiacritics: { report: stripped, f1Gap: gap } } : {}) }, null, 2)}\n`,
          );
          return;
        }
        process.stdout.write(`scored by: ${model ? `model ${model.version} (${classifierOptions.modelFile}) with the lexicons` : 'lexicons only'}\n`);
        const seen = model?.corpora.filter((c) => corpora.some((e) => corporaOverlap(e.name, c.name))) ?? [];
        if (seen.length)
          process.stdout.write(
            `note: the model was trained on ${seen.map((c) => c.name).join(', ')}: these are training-set figures; use --cv for honest ones\n`,
          );
        process.stdout.write(`${formatReport(report, options.errors, categoryOf)}\n`);
        if (groups) process.stdout.write(`${formatCategoryFigures(groups, 'as typed')}\n`);
        if (stripped && gap)
          process.stdout.write(
            `\nthe same items without diacritics:\n${formatReport(stripped, options.errors, categoryOf)}\n` +
              `F1 gap, as typed − without diacritics (same items): congress ${gap.congress.toFixed(3)}, distortion ${gap.distortion.toFixed(3)}\n`,
          );
      },
    );
}

function formatCategoryFigures(groups: NonNullable<ReturnType<typeof categoryFigures>>, scored: string): string {
  return [
    formatGroups(`distortion by category (${scored})`, groups.byCategory),
    ...(groups.byFamily.length ? [formatGroups(`distortion by family (${scored})`, groups.byFamily)] : []),
  ].join('\n');
}
