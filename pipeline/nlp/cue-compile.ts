/**
 * A cues file compiled for the classifier (CompiledCues): its phrases for the shared automaton (cue
 * terms, the parts of `combine` entries, negators, words, quote verbs, vague speakers), its rules and
 * per-group options by group index, its style patterns; then, once every phrase set is in the
 * automaton, the per-pattern tables its `combine` parts are read by (withPartTables).
 */
import type { Vocabulary } from './automaton.ts';
import { verdictLineRegExp } from './checklist.ts';
import { type CompiledCues, type CompiledTurn, type CuePhrase, cuePhrase, type TypedSequence, type TypedWords } from './classifier-types.ts';
import { bitSet, NO_COMBOS } from './cue-chains.ts';
import { type CuesFile, groupPhrases, type PhraseMatcher, PhraseSet } from './lexicon.ts';
import type { AbbreviationEntry } from './stream.ts';
import { accentKey, foldedSyllables } from './text.ts';

/** The abbreviations' forms, folded and joined ("dh" for "ĐH"): acronyms, not shouting, in every cues file. */
export function abbreviationForms(abbreviations: AbbreviationEntry[]): Set<string> {
  const forms = new Set<string>();
  for (const a of abbreviations) for (const f of a.forms) forms.add(foldedSyllables(f).join(''));
  return forms;
}

/**
 * Compiles one cues file; `set` is the index its phrases will have among the matcher's phrase sets. The
 * part tables (parts, places, heads, maxPartLength) stay empty until withPartTables.
 */
export function compileCues(file: CuesFile, vocabulary: Vocabulary, abbreviations: ReadonlySet<string>, set: number): CompiledCues {
  const phrases = new PhraseSet<CuePhrase>(vocabulary);
  // A `combine` entry is matched as its parts, chained when adjacent (see chainParts): the
  // automaton holds each part once rather than every combination.
  const combos: CompiledCues['combos'] = [];
  const partOf = new Map<string, Array<[number, number]>>();
  file.groups.forEach((g, group) => {
    for (const t of g.terms) {
      if (typeof t === 'string') {
        phrases.add(t, cuePhrase({ kind: 'cue', group }));
        continue;
      }
      const combo = combos.push({ group, lists: t.combine.length }) - 1;
      t.combine.forEach((list, index) => {
        for (const part of list) {
          const entries = partOf.get(part);
          if (entries) entries.push([combo, index]);
          else partOf.set(part, [[combo, index]]);
        }
      });
    }
  });
  for (const [part, parts] of partOf) phrases.add(part, cuePhrase({ kind: 'part', parts }));
  const groupIndex = new Map(file.groups.map((g, i) => [g.id, i]));
  const groupsOf = (ids: string[]) => ids.map((id) => groupIndex.get(id)!);
  const rules = file.rules.map((r) => ({
    rule: r,
    all: groupsOf(r.all),
    none: groupsOf(r.none),
    any: groupsOf(r.any),
    noneInItem: groupsOf(r.noneInItem),
    anaphors: groupsOf(r.anaphors),
  }));
  for (const n of file.negators) phrases.add(n, cuePhrase({ kind: 'negator', marked: false }));
  for (const n of file.markedNegators) phrases.add(n, cuePhrase({ kind: 'negator', marked: true }));
  for (const w of file.words) phrases.add(w, cuePhrase({ kind: 'word', marked: false }));
  for (const w of file.markedPhrases) phrases.add(w, cuePhrase({ kind: 'word', marked: true }));
  for (const v of file.style.quote.verbs) phrases.add(v, cuePhrase({ kind: 'verb' }));
  for (const v of file.style.quote.vagueSpeakers) phrases.add(v, cuePhrase({ kind: 'vague' }));
  const acronyms = new Set([...abbreviations, ...file.style.shouting.acronyms.map((a) => foldedSyllables(a).join(''))]);
  const runRe = new RegExp(`[!?！？]{${file.style.exclamation.minRun},}`, 'g');
  const emoji = file.style.alarmEmoji.chars;
  const emojiMin = Math.min(...emoji.map((e) => e.charCodeAt(0)));
  return {
    file,
    phrases,
    set,
    acronyms,
    emoji,
    emojiMin,
    runRe,
    verdictLineRe: verdictLineRegExp(file.checklist),
    rules,
    combos,
    chainSpecs: new Map(),
    parts: new Uint8Array(0),
    maxPartLength: 0,
    places: [],
    heads: [],
    notBeside: file.groups.map((g) => (g.joinsAlternatives ? new Set(g.joinsAlternatives.notBeside.map((w) => foldedSyllables(w).join(' '))) : undefined)),
    advisedAgainst: file.groups.map((g) =>
      g.advisedAgainst
        ? {
            advice: g.advisedAgainst.advice.map(typedWords),
            passOn: g.advisedAgainst.passOn.map(typedWords),
            news: g.advisedAgainst.news.map(typedWords),
            notBetween: g.advisedAgainst.notBetween.map(typedWords),
            gap: g.advisedAgainst.gap,
          }
        : undefined,
    ),
    borrowedWith: file.groups.map((g) => (g.borrowedWith ? { all: groupsOf(g.borrowedWith.all), any: groupsOf(g.borrowedWith.any) } : undefined)),
    notInItemWith: file.groups.map((g) => (g.notInItemWith.length ? groupsOf(g.notInItemWith) : undefined)),
    suppressOnlyWith: file.groups.map((g) => (g.suppressOnlyWith.length ? groupsOf(g.suppressOnlyWith) : undefined)),
    termsNotInItemWith: file.groups.map((g) =>
      g.termsNotInItemWith
        ? { texts: new Set(groupPhrases(g.termsNotInItemWith.terms).map((t) => foldedSyllables(t).join(' '))), groups: groupsOf(g.termsNotInItemWith.groups) }
        : undefined,
    ),
    turnedBy: file.groups.map((g) => {
      const t = g.turnedBy;
      if (!t) return undefined;
      const subject = t.subject
        ? {
            groups: groupsOf(t.subject.groups),
            maxGap: t.subject.maxGap,
            notFor: new Set(t.subject.notFor.map((w) => foldedSyllables(w).join(' '))),
            notAfter: t.subject.notAfter.map((w) => foldedSyllables(w)),
            // (as typed: "đảng viên" is no "đăng", a verb of saying, where its accents are written)
            speakerVerbs: t.subject.speakerVerbs.map(typedWords),
            namedClaims: t.subject.namedClaims.map(typedWords),
            afterVerdicts: new Set(t.subject.afterVerdicts.map((w) => foldedSyllables(w).join(' '))),
            afterOnly: groupsOf(t.subject.afterOnly),
            needsBody: t.subject.needsBody ? { groups: groupsOf(t.subject.needsBody.groups), bodies: groupsOf(t.subject.needsBody.bodies) } : null,
          }
        : null;
      return {
        into: groupIndex.get(t.into)!,
        sentence: groupsOf(t.sentence),
        nextSentence: t.nextSentence
          ? {
              groups: groupsOf(t.nextSentence.groups),
              speakers: t.nextSentence.speakers.map((w) => foldedSyllables(w)),
              // (as typed: "đảng" is no "đăng" where its accents are written)
              verbs: t.nextSentence.verbs.map(typedWords),
            }
          : null,
        forecasts: t.forecasts.map((w) => foldedSyllables(w)),
        claimOpeners: t.claimOpeners.map((w) => foldedSyllables(w)),
        subject,
        officialValue: officialValueTurn(t.officialValue),
      };
    }),
    turns: file.groups.some((g) => g.turnedBy !== undefined),
    standsAlone: file.groups.map((g) => {
      const a = g.standsAlone;
      return a
        ? { particles: a.particles.map((w) => foldedSyllables(w)), officialVersion: groupsOf(a.officialVersion), into: groupIndex.get(a.into)! }
        : undefined;
    }),
    // markers read by withTurnedRebuttals and withBareVerdicts alone: the turns' subjects, the weight-0 official versions
    turnMarkers: new Set(
      file.groups.flatMap((g) => [
        ...groupsOf(g.turnedBy?.subject?.groups ?? []),
        ...groupsOf(g.turnedBy?.subject?.afterOnly ?? []),
        // (weight-0 markers of a turn's sentences: "Vậy giải thích sao", "quay sẵn rồi")
        ...groupsOf([...(g.turnedBy?.sentence ?? []), ...(g.turnedBy?.nextSentence?.groups ?? [])]).filter((i) => file.groups[i].weight === 0),
        ...groupsOf(g.turnedBy?.subject?.needsBody?.bodies ?? []),
        ...groupsOf(g.standsAlone?.officialVersion ?? []).filter((i) => file.groups[i].weight === 0),
      ]),
    ),
    turnedSpecs: new Map(),
    beforeAmount: {
      syllables: new Set(file.beforeAmount.syllables.map((w) => foldedSyllables(w).join(' '))),
      words: file.beforeAmount.words.map((w) => foldedSyllables(w)),
    },
    personTitles: {
      folded: new Set(file.personTitles.map((w) => foldedSyllables(w).join(' '))),
      written: new Set(file.personTitles.map((w) => w.normalize('NFC').toLowerCase().trim())),
    },
    nameOpeners: new Set(file.nameOpeners.map((w) => foldedSyllables(w).join(' '))),
    quotationNames: {
      before: file.namedQuotations.names.map(typedWords),
      after: file.namedQuotations.after.map(typedWords),
      answers: {
        openers: file.namedQuotations.answers.openers.map(typedWords),
        labelled: file.namedQuotations.answers.labelled.map(typedWords),
        received: file.namedQuotations.answers.received.map(typedWords),
        replies: new Set(file.namedQuotations.answers.replies.map((w) => foldedSyllables(w).join(' '))),
        labels: file.namedQuotations.answers.labels.map(typedWords),
        reported: {
          openers: file.namedQuotations.answers.reported.openers.map(typedWords),
          verbs: file.namedQuotations.answers.reported.verbs.map(typedWords),
        },
      },
      deniedSaying: {
        // (a speaker, a denial and a verb in turn: "tôi không hề nói", "em chưa từng phát ngôn")
        heads: typedSequence([file.namedQuotations.deniedSaying.speakers, file.namedQuotations.deniedSaying.denials, file.namedQuotations.deniedSaying.verbs]),
        notBefore: file.namedQuotations.deniedSaying.notBefore.map(typedWords),
      },
      removals: {
        verbs: file.namedQuotations.removals.verbs.map(typedWords),
        posts: file.namedQuotations.removals.posts.map(typedWords),
        gap: file.namedQuotations.removals.gap,
      },
      stopForwarding: {
        asks: file.namedQuotations.stopForwarding.asks.map(typedWords),
        verbs: file.namedQuotations.stopForwarding.verbs.map(typedWords),
        posts: file.namedQuotations.stopForwarding.posts.map(typedWords),
        between: file.namedQuotations.stopForwarding.between,
      },
      answeredFrame: {
        openers: file.namedQuotations.answeredFrame.openers.map(typedWords),
        gap: file.namedQuotations.answeredFrame.gap,
        deferrals: file.namedQuotations.answeredFrame.deferrals.map(typedWords),
        called: file.namedQuotations.answeredFrame.called.map(typedWords),
        denials: file.namedQuotations.answeredFrame.denials.map(typedWords),
        refuted: {
          said: file.namedQuotations.answeredFrame.refuted.said.map(typedWords),
          sayers: file.namedQuotations.answeredFrame.refuted.sayers.map(typedWords),
          verdicts: file.namedQuotations.answeredFrame.refuted.verdicts.map(typedWords),
          next: file.namedQuotations.answeredFrame.refuted.next.map(typedWords),
        },
      },
    },
    correctionSources: {
      groups: new Set(file.correctionSources.groups),
      unsourced: file.correctionSources.unsourced.map(typedWords),
      setAside: {
        not: file.correctionSources.setAside.not.map(typedWords),
        as: file.correctionSources.setAside.as.map(typedWords),
        gap: file.correctionSources.setAside.gap,
      },
    },
    listJoiners: new Set([',', ...file.listedQuotations.joiners.flatMap((w) => [foldedSyllables(w).join(' '), `, ${foldedSyllables(w).join(' ')}`])]),
    scareAfter: new Set(file.style.scareQuote.after.map((w) => foldedSyllables(w).join(' '))),
    scareAfterKeys: new Set(file.style.scareQuote.after.map((w) => accentKey(w).key)),
    scareNegators: file.style.scareQuote.negatedBy.map(typedWords),
    quoteNegators: file.style.quote.negatedBy.map(typedWords),
  };
}

/** Fills the part tables of compiled cues from the automaton built with their phrases (in place). */
export function withPartTables(cues: CompiledCues, matcher: PhraseMatcher): void {
  cues.parts = new Uint8Array(matcher.patterns);
  const first = matcher.firstPattern(cues.set);
  // (dense arrays: read at every candidate of every item)
  cues.places = new Array<Uint32Array | undefined>(matcher.patterns).fill(undefined);
  cues.heads = new Array<Int32Array>(matcher.patterns).fill(NO_COMBOS);
  cues.phrases.phrases.forEach((spec, i) => {
    if (spec.data.kind !== 'part') return;
    cues.parts[first + i] = 1;
    cues.places[first + i] = bitSet(spec.data.parts.map(([combo, index]) => index * cues.combos.length + combo));
    cues.heads[first + i] = Int32Array.from(spec.data.parts.filter(([, index]) => index === 0).map(([combo]) => combo));
    cues.maxPartLength = Math.max(cues.maxPartLength, matcher.lengthOf(first + i));
  });
}

/** A group's `turnedBy.officialValue`, its phrases folded. */
function officialValueTurn(
  o: { maxGap: number; notFor: string[]; speakerVerbs: string[]; before: { verdicts: string[]; nouns: string[] } } | undefined,
): CompiledTurn['officialValue'] {
  if (!o) return null;
  return {
    maxGap: o.maxGap,
    notFor: new Set(o.notFor.map((w) => foldedSyllables(w).join(' '))),
    speakerVerbs: o.speakerVerbs.map((w) => foldedSyllables(w)),
    // (longest noun first: phraseAt takes the first that matches)
    before: {
      verdicts: new Set(o.before.verdicts.map((w) => foldedSyllables(w).join(' '))),
      nouns: o.before.nouns.map((w) => foldedSyllables(w)).sort((a, b) => b.length - a.length),
    },
  };
}

/**
 * Lists of phrases read in sequence (one of each, in order, in consecutive tokens: typedSequenceAt), each list's phrases
 * by their first syllable in the list's order: the lists are held once, not their product.
 */
export function typedSequence(lists: string[][]): TypedSequence {
  return {
    lists: lists.map((list) => {
      const byFirst = new Map<string, TypedWords[]>();
      for (const w of list) {
        const phrase = typedWords(w);
        const same = byFirst.get(phrase.syllables[0]);
        if (same) same.push(phrase);
        else byFirst.set(phrase.syllables[0], [phrase]);
      }
      return byFirst;
    }),
  };
}

/** A phrase's folded syllables and each one's accent key (a syllable typed with accents must be one of these). */
function typedWords(w: string): TypedWords {
  return {
    syllables: foldedSyllables(w),
    keys: w
      .normalize('NFC')
      .split(/\s+/)
      .map((s) => accentKey(s).key),
  };
}
