/**
 * How the learned layer does on writers it has not seen (docs/history/judgement.md, nineteenth pass).
 * Over the read corpora given with --corpus, every corpus is held out in turn and scored by a model
 * trained on the others; prints, from those out-of-fold scores:
 *   - per held-out corpus: distortion P / R at the fold model's own threshold, and the recall
 *     reachable on it at precision ≥ 0.85 (a threshold chosen on the corpus itself: the ranking's worth);
 *   - pooled: the recall reachable at precision ≥ 0.85 / 0.87 with one threshold on the shown score,
 *     and the best such threshold per held-out corpus (is it stable?);
 *   - how lexicon evidence and the model agree on the flags (model-only, lexicon-only, both);
 *   - with --without SPEC...: the same held-out corpora scored by models trained without those corpora;
 *   - with --curve: held-out recall against the number of training corpora (random subsets).
 * Totals and per-corpus figures only; no item is printed.
 *
 * node --import tsx scripts/eval-learner-writers.ts --corpus FILE[#odd]... [--without SPEC...] [--curve] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { rng } from '../core/random.ts';
import { loadConfig } from '../core/config.ts';
import { countConfusion, metrics } from '../pipeline/nlp/evaluate.ts';
import { classifierOptionsFromConfig } from '../pipeline/nlp/index.ts';
import { probability } from '../pipeline/nlp/model.ts';
import { bestThreshold, DEFAULT_SETTINGS, predict, train, type Example } from '../pipeline/nlp/train.ts';
import { examplesOf, readCorpora, trainSettings, withTrainOptions, type TrainOptions } from '../cli/commands/train.ts';

interface Scored {
  id: string;
  category?: string;
  group: string;
  congressLabel: boolean;
  distortionLabel: boolean;
  congress: boolean;
  /** The shown distortion score: each fold model's threshold lands on the configured one. */
  score: number;
  flagged: boolean;
  modelProbability: number;
  lexiconScore: number;
}

const program = withTrainOptions(new Command())
  .requiredOption('--corpus <specs...>', 'the read corpora (FILE or FILE#odd)')
  .option('--without <specs...>', 'also score each held-out corpus by models trained without these corpora')
  .option('--curve', 'learning curve: held-out recall against the number of training corpora')
  .option('--curve-samples <n>', 'random training subsets per size and held-out corpus', '2')
  .option('--json <file>', 'write the figures as JSON')
  .option('--scores <file>', 'write every out-of-fold score of the leave-one-corpus-out run as JSON lines (ids and numbers, no text)')
  .parse();
const options = program.opts<
  TrainOptions & {
    corpus: string[];
    without?: string[];
    curve?: boolean;
    curveSamples: string;
    json?: string;
    scores?: string;
  }
>();
const settings = trainSettings(options);

const classifierOptions = classifierOptionsFromConfig(loadConfig());
const thresholds = classifierOptions.thresholds;
const { corpora, categories } = readCorpora(options.corpus, 'eval-learner-writers');
const examples = examplesOf(classifierOptions, corpora);
const names = corpora.map((c) => c.name);
const byGroup = new Map(names.map((n) => [n, examples.filter((e) => e.group === n)]));

function scoreHeldOut(heldOut: string, trainedOn: string[]): Scored[] {
  const model = train(
    trainedOn.flatMap((n) => byGroup.get(n)!),
    settings,
    thresholds,
  );
  const d = model.choice.distortion;
  process.stderr.write(
    `held out ${heldOut}, trained on ${trainedOn.length} corpora: distortion ${d.combination.modelWeight} × model${d.combination.lexiconInputs ? ' (with lexicon inputs)' : ''}, λ ${d.lambda}, threshold ${d.threshold}; weak cue needs model ≥ ${model.weakEvidenceMin}; evidence against needs model ≥ ${model.againstEvidenceMin}${settings.modelOnlyRequirement !== undefined ? `; no lexicon evidence needs model ≥ ${model.modelOnlyMin}` : ''}\n`,
  );
  return byGroup.get(heldOut)!.map((e: Example) => {
    const p = predict(model, e, thresholds);
    return {
      id: e.item.id,
      category: categories.get(e.item.id)?.category,
      group: heldOut,
      congressLabel: e.item.labels.congress,
      distortionLabel: e.item.labels.distortion,
      congress: p.congress,
      score: p.scores.distortion,
      flagged: p.distortion,
      modelProbability: probability(model.heads.distortion, model.choice.distortion.combination, e.features),
      lexiconScore: e.lexicon.scores.distortion,
    };
  });
}

const count = (scored: Scored[], flagged: (s: Scored) => boolean) => countConfusion(scored.map((s) => [flagged(s), s.distortionLabel] as const));

const THRESHOLDS = Array.from({ length: 91 }, (_, i) => Math.round((0.05 + i * 0.01) * 100) / 100);

/** The best recall (and its threshold) among thresholds on the shown score whose precision reaches `target`. */
function recallAt(scored: Scored[], target: number): { threshold: number | null; recall: number; precision: number; tp: number; fp: number } {
  let best = { threshold: null as number | null, recall: 0, precision: 0, tp: 0, fp: 0 };
  for (const t of THRESHOLDS) {
    const c = count(scored, (s) => s.congress && s.score >= t);
    const m = metrics(c);
    if (c.tp > 0 && m.precision >= target && m.recall > best.recall) best = { threshold: t, recall: m.recall, precision: m.precision, tp: c.tp, fp: c.fp };
  }
  return best;
}

const f3 = (x: number) => x.toFixed(3);

function summary(label: string, scored: Scored[]) {
  const c = count(scored, (s) => s.flagged);
  const m = metrics(c);
  const at85 = recallAt(scored, 0.85);
  const at87 = recallAt(scored, 0.87);
  return { label, ...c, precision: m.precision, recall: m.recall, f1: m.f1, at85, at87 };
}

function printSummary(s: ReturnType<typeof summary>): void {
  const at = (a: ReturnType<typeof recallAt>) => (a.threshold === null ? 'unreachable' : `R ${f3(a.recall)} (P ${f3(a.precision)}, t ${a.threshold})`);
  process.stdout.write(
    `${s.label.padEnd(44)} P ${f3(s.precision)} R ${f3(s.recall)} F1 ${f3(s.f1)} (tp ${s.tp} fp ${s.fp} fn ${s.fn})  at P≥0.85: ${at(s.at85)}  at P≥0.87: ${at(s.at87)}\n`,
  );
}

/** Leave-one-corpus-out over `pool`: each corpus of `pool` held out, trained on the rest of `pool`. */
function leaveOneOut(pool: string[]): Scored[] {
  return pool.flatMap((h) =>
    scoreHeldOut(
      h,
      pool.filter((n) => n !== h),
    ),
  );
}

/**
 * Each held-out corpus flagged at a threshold chosen on the other corpora's out-of-fold scores (as
 * `train` chooses one: best F1, or best recall at a precision target): an honest operating point.
 */
function chosenOnOthers(scored: Scored[], precisionTarget: number) {
  const groups = [...new Set(scored.map((s) => s.group))];
  const chosen = new Map(
    groups.map((g) => {
      const others = scored.filter((s) => s.group !== g);
      const { threshold, meetsTarget } = bestThreshold(
        others.map((s) => s.score),
        others.map((s) => s.distortionLabel),
        others.map((s) => s.congress),
        precisionTarget,
      );
      return [g, meetsTarget ? threshold : thresholds.distortion];
    }),
  );
  const c = count(scored, (s) => s.congress && s.score >= chosen.get(s.group)!);
  return { precisionTarget, thresholds: [...chosen.values()], ...c, ...metrics(c) };
}

function report(title: string, scored: Scored[]) {
  process.stdout.write(`\n${title}\n`);
  const rows = [...new Set(scored.map((s) => s.group))].map((g) =>
    summary(
      `  held out ${g}`,
      scored.filter((s) => s.group === g),
    ),
  );
  const pooled = summary('  pooled', scored);
  for (const r of rows) printSummary(r);
  printSummary(pooled);
  const operatingPoints = [0, 0.85, 0.87, 0.9].map((target) => chosenOnOthers(scored, target));
  process.stdout.write('  threshold chosen on the other corpora, applied to each held-out one:\n');
  for (const o of operatingPoints)
    process.stdout.write(
      `    ${o.precisionTarget ? `best recall at P ≥ ${o.precisionTarget}` : 'best F1'}: thresholds ${Math.min(...o.thresholds)}–${Math.max(...o.thresholds)}, pooled P ${f3(o.precision)} R ${f3(o.recall)} F1 ${f3(o.f1)} (tp ${o.tp} fp ${o.fp} fn ${o.fn})\n`,
    );
  // agreement of the two evidences on the out-of-fold flags and misses
  const lexiconFires = (s: Scored) => s.lexiconScore >= thresholds.distortion;
  const modelFires = (s: Scored) => s.modelProbability >= 0.5;
  const cells = ['both', 'model only', 'lexicon only', 'neither'].map((name, i) => {
    const inCell = scored.filter(
      (s) =>
        s.congress &&
        [lexiconFires(s) && modelFires(s), modelFires(s) && !lexiconFires(s), lexiconFires(s) && !modelFires(s), !lexiconFires(s) && !modelFires(s)][i],
    );
    const c = count(inCell, (s) => s.flagged);
    return { name, items: inCell.length, distortions: inCell.filter((s) => s.distortionLabel).length, ...c };
  });
  process.stdout.write(
    `  evidence (congress-judged items; lexicon score ≥ ${thresholds.distortion}, model probability ≥ 0.5): items / distortions; flags tp fp; misses fn\n`,
  );
  for (const cell of cells)
    process.stdout.write(`    ${cell.name.padEnd(13)} ${cell.items} / ${cell.distortions}; tp ${cell.tp} fp ${cell.fp}; fn ${cell.fn}\n`);
  return { rows, pooled, operatingPoints, cells };
}

const out: Record<string, unknown> = {};
const all = leaveOneOut(names);
out.all = report(`leave-one-corpus-out over ${names.join(', ')}`, all);
if (options.scores) writeFileSync(options.scores, all.map((s) => JSON.stringify(s)).join('\n') + '\n');
if (options.without?.length) {
  const without = new Set(options.without);
  const pool = names.filter((n) => !without.has(n));
  // the corpora of `pool` held out with the others of `pool` only; the excluded ones scored by a model of the whole `pool`
  const scored = [...leaveOneOut(pool), ...names.filter((n) => without.has(n)).flatMap((h) => scoreHeldOut(h, pool))];
  out.without = report(`the same held-out corpora, trained without ${[...without].join(', ')}`, scored);
  if (options.scores) writeFileSync(`${options.scores}.without`, scored.map((s) => JSON.stringify(s)).join('\n') + '\n');
}
if (options.curve) {
  const samples = Number(options.curveSamples);
  const random = rng(DEFAULT_SETTINGS.seed);
  const curve: Array<{ size: number; pooled: ReturnType<typeof summary>; perCorpus: Array<{ heldOut: string; recall: number; at85: number }> }> = [];
  process.stdout.write(
    `\nlearning curve: training corpora → held-out distortion P / R (fold threshold) and recall at P ≥ 0.85, pooled over held-out corpora and ${samples} random subsets\n`,
  );
  for (let size = 1; size < names.length; size++) {
    const scored: Scored[] = [];
    const perCorpus: Array<{ heldOut: string; recall: number; at85: number }> = [];
    for (const h of names) {
      const others = names.filter((n) => n !== h);
      const draws = size === others.length ? 1 : samples;
      for (let d = 0; d < draws; d++) {
        const shuffled = [...others];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const s = scoreHeldOut(h, shuffled.slice(0, size));
        scored.push(...s);
        const one = summary(h, s);
        perCorpus.push({ heldOut: h, recall: one.recall, at85: one.at85.recall });
      }
    }
    const pooled = summary(`  ${size} training corpora`, scored);
    printSummary(pooled);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    process.stdout.write(
      `    mean over held-out corpora: R ${f3(mean(perCorpus.map((p) => p.recall)))}, R at P≥0.85 on the corpus ${f3(mean(perCorpus.map((p) => p.at85)))}\n`,
    );
    curve.push({ size, pooled, perCorpus });
  }
  out.curve = curve;
}
if (options.json) writeFileSync(options.json, `${JSON.stringify(out, null, 2)}\n`);
