/**
 * Lexicon files (YAML) and their compiled form: every phrase becomes a sequence of syllable ids.
 * A PhraseSet (one lexicon) can match on its own; the classifier puts all its phrase sets in one
 * PhraseMatcher, one Aho-Corasick automaton, so a field is read once whatever the number of
 * lexicons. Matches are verified against the accents written in the lexicon when the text has them
 * (so "đảng" does not match "đang", but "dang" typed without diacritics does). A syllable the
 * lexicon writes without marks is a word of its own too: "trong" does not match "trọng", nor "cho"
 * "chợ", where the text is typed with diacritics.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MatchBuffer, SyllableAutomaton, type Vocabulary } from './automaton.ts';
import { AccentCache, canonAccentKey, canonSyllable, type SymbolStream } from './stream.ts';
import { foldedSyllables, prepareText, tokenSpan, type PreparedText } from './text.ts';

/** A problem in a lexicon/config file; the message names the file and the key. */
export class LexiconError extends Error {
  override name = 'LexiconError';
  readonly userFacing = true;
}

function formatPath(path: Array<string | number>): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : String(part)), '');
}

const phrase = z
  .string()
  .min(1)
  .refine((s) => prepareText(s).count > 0, { message: 'must contain at least one syllable' });

/** Reads a YAML file and validates it; errors name the file and the offending key. */
export function loadYamlFile<T extends z.ZodTypeAny>(file: string, schema: T, what: string): z.infer<T> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new LexiconError(`${what} file not found: ${file}`);
    throw new LexiconError(`${what} file ${file} is not valid YAML: ${e.message}`);
  }
  const result = schema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((issue: z.ZodIssue) => {
      const key = formatPath(issue.path) || '(top level)';
      const detail = issue.code === 'unrecognized_keys' ? `unknown key(s): ${issue.keys.join(', ')}` : issue.message;
      return `  - ${key}: ${detail}`;
    });
    throw new LexiconError(`Invalid ${what} file ${file}:\n${lines.join('\n')}`);
  }
  return result.data;
}

// ---------------------------------------------------------------------------------------------
// Schemas

export const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, ".", "_" or "-"'),
    name: z.string().optional(),
    description: z.string().optional(),
    /** Which score this topic feeds ("congress"), or "none" to only tag items with the topic id. */
    feeds: z.enum(['congress', 'none']).default('congress'),
    scoring: z
      .object({
        /** Evidence (sum of weights) at which the topic score is 0.5. */
        evidenceAtHalf: z.number().positive().default(2),
        /** Multiplier for matches in the title. */
        titleWeight: z.number().positive().default(1.5),
        /** Each repeat of the same term counts this fraction of the previous one. */
        repeatDecay: z.number().min(0).max(1).default(0.5),
        /** Co-occurrence window, in syllables, within one sentence. */
        nearWindow: z.number().int().positive().default(8),
        /**
         * A foreign power's name at most this many syllables after a congress term names that congress
         * ("Đại hội 20 bên Trung Quốc"), even where a rule finds the power acting inside ours.
         */
        foreignOwnerGap: z.number().int().min(0).default(2),
        /** Added per distinct context term near an anchor (at most two per anchor). */
        nearBonus: z.number().min(0).default(0.75),
        /** Context terms together never add more than this. */
        contextCap: z.number().min(0).default(1),
        /** Long bodies whose only evidence is one passing mention are damped below this density (matches per 1000 syllables). */
        minDensity: z.number().min(0).default(2),
        /**
         * A Party office or body and an electoral act of a congress (context terms marked `implies`) in one
         * sentence, within nearWindow, count as one anchor of this weight: the congress named by its acts
         * ("Bến Tre bầu xong … ông bí thư"). 0: off.
         */
        impliedPairWeight: z.number().min(0).default(0),
      })
      .strict()
      .default({}),
    terms: z
      .array(
        z
          .object({
            term: phrase,
            weight: z.number().positive(),
            /** strong: names the event on its own; anchor: ambiguous event word; context: counts only with an anchor. */
            role: z.enum(['strong', 'anchor', 'context']).default('anchor'),
            /**
             * A Party office or body, or an electoral act or its outcome: an office and an act pair into an anchor
             * (scoring.impliedPairWeight); `elected-body`, a body named as newly elected ("Ban Thường vụ mới"), is both.
             */
            implies: z.enum(['office', 'act', 'sitting', 'elected-body']).optional(),
            /** Names the tracked event itself ("Đại hội XIII"): another event named in the item does not cancel it. */
            tracked: z.boolean().default(false),
            note: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
    negatives: z
      .array(
        z
          .object({
            term: phrase,
            weight: z.number().positive(),
            /**
             * near: cancels anchors close to it (and, without strong evidence, the whole item); item: subtracts from the item;
             * event: names another event (a foreign party, the UN): cancels its sentence, and in the title or lead the item.
             */
            scope: z.enum(['near', 'item', 'event']).default('near'),
            note: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    /**
     * Words that imply the congress only for an item's distortion evidence (overrideForImpliedCongress), never
     * scored and never paired into an anchor, so the congress score and the model do not move with them: the
     * sitting's attendees (office), a candidate or a personnel plan (act), a post and its election in one phrase
     * (elected-body), the term spoken of as "this time" (term: beside an office only), another event's sitting
     * (other: then only a Party office and an electoral act count) — "Nay khai mạc có 1.800 người dự", "ứng viên
     * Bí thư …", "Ban Thường vụ lần này …", "lễ khai mạc festival".
     */
    impliedInItem: z
      .array(z.object({ term: phrase, implies: z.enum(['office', 'act', 'sitting', 'elected-body', 'term', 'other']), note: z.string().optional() }).strict())
      .default([]),
    /**
     * Longer words that hold a negative's letters once their accents are gone ("lao thanh" is "lão thành", a veteran,
     * not "Lào"): a negative inside one is no negative. Never scored (typed with diacritics they never meet the
     * negative, so the items' lexicon reading does not move), unlike a context term ("lào cai").
     */
    names: z.array(phrase).default([]),
    /**
     * Longer words that hold a negative's letters without diacritics as `names` do, but that read so only where the item
     * names a Party body of `agents.party` among its congress terms ("Nghi quyet Dai hoi Dang bo tinh … dua 100 lao dong
     * di lam viec o nuoc ngoai": "lao động", labour, not "Lào"): elsewhere the negative stands, as it did before. Never
     * scored; typed with diacritics they never meet the negative.
     */
    partyNames: z.array(phrase).default([]),
    /**
     * Congress terms that name the Party's own body for `partyNames` as a Party body of `agents.party` does: the
     * colloquial congress of a level ("dai hoi tinh o An Khe … tranh khu vuc Cung Van hoa Lao dong": the provincial Party
     * congress, and the venue's "Lao động" no Laos; the hundred-and-forty-ninth pass). Read for `partyNames` only.
     */
    partyNamesBodies: z.array(phrase).default([]),
    /**
     * Common words of two syllables that, typed without diacritics, run across a term's edge (any role, negatives too):
     * the same letters are then the longer word ("dai hoi chi bo phieu" is "chỉ bỏ phiếu", not "đại hội chi bộ"; "dai
     * hoi dong khach" is "đại hội đông khách", not "đại hội đồng"), and the term is no term there. Never scored; typed
     * with diacritics the word and the term cannot both match the shared syllable (pipeline/nlp/topic-terms.ts
     * withoutCrossedTerms; for a gathering's holder or Party evidence, gatherings.ts crossedByWord).
     */
    words: z.array(phrase).default([]),
    /**
     * The cue groups (of the distortion cues) of a rumour's own shape — an insider, a call to share before removal: an
     * item that names nothing of this topic (no term in any role, no word read for the implied
     * congress) and carries one is another topic's rumour, not this topic's, read AFTER the model's decision
     * (other-news.ts): the model reads the rumour-shaped n-grams as the congress's.
     */
    otherNews: z.array(z.string().min(1)).default([]),
    /**
     * A leak's cue groups (`groups`) read as another topic's rumour only with one of `objects` written within `reach`
     * syllables after the cue in its sentence ("Rò rỉ lịch thi tốt nghiệp THPT": an exam's, not the congress's): a bare
     * leak is the congress's own rumour genre too, told with no term (other-news.ts; the 157th pass).
     */
    otherNewsObjects: z
      .object({ groups: z.array(z.string().min(1)).min(1), objects: z.array(phrase).min(1), reach: z.number().int().min(0) })
      .strict()
      .optional(),
    /**
     * Terms that name nothing of the topic for the other-news reading where their letters are typed with no mark at all:
     * "dang" is mostly "đang" or "đăng", not the Party's "đảng" ("danh sach dang nam tren ban giam doc"; the 157th pass).
     */
    otherNewsUnmarked: z.array(phrase).default([]),
    /**
     * Near negatives of a workplace that stand beside the Party's own body rather than hold a gathering ("Ban Chấp hành
     * Công đoàn Nhà máy tham dự" after "Chi bộ Phân xưởng … tổ chức đại hội"): in an item that names a Party body of
     * `agents.party` and no gathering held by another organisation (config/gatherings.yaml), one cancels only what it
     * overlaps or stands near, not every anchor of an item without a strong term (topic-terms.ts cancellations).
     */
    bystanders: z.array(phrase).default([]),
    /**
     * Another organisation, a company or a foreign power named as the claim's agent, origin, buyer or the members'
     * description, not as a gathering's holder (topic-terms.ts notTheHolder), read AFTER the model's decision
     * (agent-congress.ts): a near or event negative followed in its clause, within `window` syllables, by a verb of
     * `verbs` ("bên công ty thủy điện lo hết", "Bắc Kinh đã vận động"), or right after a word of `markers` ("thêm người
     * của Tỉnh đoàn", "thuốc … của Trung Quốc", "bán … cho công ty"), or within `memberWindow` syllables of its
     * sentence after a word of `members` ("31 đồng chí là cán bộ hưu trí, cựu chiến binh") — where its sentence names
     * the congress by more than a word of `bare` (a strong term, an anchor, or a Party body of `party`), and no congress term right before it in its clause makes it the holder
     * ("Đại hội Tỉnh đoàn", "đại hội của công ty"). Its negatives still count for the lexicon score and the model.
     */
    agents: z
      .object({
        verbs: z.array(phrase).min(1),
        markers: z.array(phrase).default([]),
        members: z.array(phrase).default([]),
        window: z.number().int().min(0).default(4),
        memberWindow: z.number().int().min(0).default(4),
        bare: z.array(phrase).default([]),
        party: z.array(phrase).default([]),
        /**
         * Verbs of serving or carrying out another's gathering ("cử … trong 2 ngày Đại hội", "đảm bảo y tế cho Đại hội",
         * "thực hiện Nghị quyết Đại hội"): as `verbs`, and a gathering word of `bare` after the verb in its sentence
         * names the congress (the served gathering is not the body's own).
         */
        serves: z.array(phrase).default([]),
        /** A negative inside a parenthesis right after a person's name is that person's description ("chị Hằng (chi hội trưởng phụ nữ)"). */
        parenthesised: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /**
     * Plenums of a committee read by their structure (pipeline/nlp/plenums.ts): opener, body, lead,
     * ordinal, term. The congress's own plenums count as anchors, every other one as a near negative.
     */
    plenums: z
      .object({
        opener: z.array(phrase).min(1),
        /** Between the body (or the opener) and the ordinal ("lần thứ"); required when no body comes first. */
        leads: z.array(phrase).default([]),
        /** Before the committee's term number ("khóa"). */
        termMarkers: z.array(phrase).default([]),
        /** Ordinal forms the number reader does not read as numbers ("nhất": 1, "tư": 4). */
        ordinalWords: z.record(z.string().min(1), z.number().int().positive()).default({}),
        /** Tokens allowed between a body and the lead (a place name: "Hội nghị Tỉnh ủy Gia Lai lần thứ 5"). */
        gap: z.number().int().min(0).default(3),
        maxOrdinal: z.number().int().positive().default(40),
        /**
         * Years between the congress cycle and the next: a plenum with no ordinal whose sentence names
         * one is the term's own business ("… 6 tháng đầu năm 2022").
         */
        midTermYears: z.object({ from: z.number().int(), to: z.number().int() }).strict().optional(),
        /** The level of a plenum whose body is not named. */
        unnamed: z.string().min(1),
        congressWeight: z.number().positive(),
        laterWeight: z.number().positive(),
        /** Shown where a later plenum cancels a term. */
        laterNote: z.string().optional(),
        levels: z
          .array(
            z
              .object({
                level: z.string().min(1),
                bodies: z.array(phrase).min(1),
                /** The congress's plenums: these ordinals, of this term when the text names one ("khóa XIII"). */
                congress: z.array(z.object({ term: z.number().int().positive().optional(), ordinals: z.array(z.number().int().positive()).min(1) }).strict()),
              })
              .strict(),
          )
          .min(1),
      })
      .strict()
      .refine((pl) => pl.levels.some((l) => l.level === pl.unnamed), { message: '`unnamed` must name one of the levels' })
      .optional(),
  })
  .strict();
export type TopicFile = z.infer<typeof topicSchema>;

export const cuesSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    description: z.string().optional(),
    scoring: z
      .object({
        evidenceAtHalf: z.number().positive().default(2),
        titleWeight: z.number().positive().default(1.2),
        repeatDecay: z.number().min(0).max(1).default(0.5),
        /** Weight of the first contradicted official fact; later ones decay. */
        contradictionWeight: z.number().min(0).default(2.5),
      })
      .strict()
      .default({}),
    /** Words that negate a cue right after them ("không chia sẻ", "đừng share"). */
    negators: z.array(phrase).default([]),
    /**
     * Negators that count only typed with their accents: without them the letters are a commoner
     * word ("cho" is "for", not "chớ"), so "de lai cho dai bieu dung ca nhan" negates nothing.
     */
    markedNegators: z.array(phrase).default([]),
    /**
     * Phrases a cue holds that count only typed with their accents: typed without diacritics their letters are
     * as often another phrase ("thay bao" is "thấy báo", saw the paper, as often as "thấy bảo", heard it said), so a
     * cue that holds one read without them is dropped; the same cue led by a person ("thấy người ta bảo") stays.
     */
    markedPhrases: z.array(phrase).default([]),
    /**
     * Common words of several syllables. In text typed without diacritics, a cue whose first or
     * last syllable belongs to one of these words running across the cue's edge is another reading
     * of the same letters ("bau Ban Chap hanh" is not "bầu bán"; "nghe bao cao" is not "nghe bảo").
     */
    words: z.array(phrase).default([]),
    /**
     * A person's titles ("chị", "anh", "ông" …): typed without diacritics, a cue that begins with one's letters but not
     * with the title itself, where the next syllable is written capitalised, is the title before a name ("Chi Dinh Thi
     * H'Loi" is "Chị Đinh Thị H'Lơi", not the appointment "chỉ định"; the hundred-and-seventeenth pass).
     */
    personTitles: z.array(phrase).default([]),
    /**
     * Syllables that, typed without diacritics, end a cue and open a proper name: a cue whose last syllable has the letters
     * of one and is written capitalised after a syllable of the cue that is not, with the next syllable capitalised too,
     * is the name ("lay ten tinh moi la Gia Kon" is "là Gia Kon", a province's name, not the rebuttal "là giả"; the
     * hundred-and-forty-third pass). A title-case line ("Thong Tin Gia Ve …") keeps the cue.
     */
    nameOpeners: z.array(phrase).default([]),
    /**
     * Syllables that, typed without diacritics, end a cue and begin a word of amount: a cue ending
     * with one of `syllables` right before a number (digits or words; not a percentage) or one of
     * `words` in its clause ends with that word ("thi gia 2 ty", "la gia vai ty": thì giá, a price,
     * not the rebuttal "thì giả"; "là giả 100%" stays one).
     */
    beforeAmount: z
      .object({ syllables: z.array(phrase).default([]), words: z.array(phrase).default([]) })
      .strict()
      .default({}),
    groups: z
      .array(
        z
          .object({
            id: z.string().min(1),
            /** Negative weights lower the score (e.g. official rebuttal framing). */
            weight: z.number(),
            note: z.string().optional(),
            /** A sentence with one of these terms reports or rebuts a claim: claims and cues in it do not count. */
            suppressSentence: z.boolean().default(false),
            /**
             * With `suppressSentence`: the group's terms suppress their sentence only where a match of one of these
             * groups stands after them in it — a habitual frame ("Mỗi mùa đại hội, …") is talk about rumours in
             * general only where the sentence goes on to name them ("… lại xuất hiện đủ loại “tin nội bộ”"); the
             * frame alone may open a claim of its own ("Mỗi kỳ đại hội là một cuộc mặc cả …").
             */
            suppressOnlyWith: z.array(z.string().min(1)).default([]),
            /**
             * The item answers a rumour (a rebuttal, an official denial): a known rumour it repeats
             * is a quotation, not a repost (pipeline/nlp/known-rumours.ts gives it no raise).
             */
            rebuts: z.boolean().default(false),
            /**
             * The item cites the versions it answers or asks about (a rebuttal, a genuine question):
             * a contradiction of the facts anywhere in it is one of those versions, not the author's claim.
             */
            citesVersions: z.boolean().default(false),
            /**
             * The group's terms count only where they open a sentence (or a clause): an opener of a
             * correction ("Thực tế, …", "Kết luận: …") is one there and a plain word elsewhere
             * ("…, thực tế chỉ hơn 200").
             */
            startOf: z.enum(['sentence', 'clause']).optional(),
            /**
             * The group's terms count only where they join two alternatives of a question: in a
             * sentence that ends with a question mark, with a word of the same clause on each side
             * that is none of `notBeside` (one syllable each) — "14 hay 17 người vậy?" asks which
             * version is right; "… có bị hoãn không hay …" and "… hay không?" are yes/no questions.
             */
            joinsAlternatives: z
              .object({ notBeside: z.array(z.string().min(1)).default([]) })
              .strict()
              .optional(),
            /**
             * The group's terms count only inside a question: their sentence ends with a question mark.
             * "… có thật không hay là tin đồn?" asks whether a claim is true or a rumour; "không phải tin
             * đồn hay đoán mò đâu" asserts it.
             */
            inQuestion: z.boolean().default(false),
            /**
             * The group's terms count only where they head a statement: a clause mark (":", ",")
             * follows them, or at least `minWords` more words in their sentence. A correction states
             * the right version ("Thực tế, …", "Kết luận: SAI"); "Thực tế phũ phàng." states none.
             */
            headsStatement: z
              .object({ minWords: z.number().int().min(1) })
              .strict()
              .optional(),
            /**
             * A frame a rumour borrows: the group's terms in the title count only when the body asks
             * too (a question mark) or gives evidence of its own against distortion (a negative group);
             * a headline that asks "X hay Y?" over a body that asserts X asks nothing.
             */
            answeredInBody: z.boolean().default(false),
            /**
             * A frame a rumour borrows: the group's terms do not count in an item where every group of
             * `all` and one of `any` have a match — a polite or open asking frame ("cho em hỏi", "ai
             * biết rõ …") around a yes/no question that leans on what others say is a leading question.
             */
            borrowedWith: z
              .object({ all: z.array(z.string().min(1)).min(1), any: z.array(z.string().min(1)).min(1) })
              .strict()
              .optional(),
            /**
             * A rumour's frame that other speakers use for their own acts: the group's terms do not count in an
             * item where one of these groups has a match — "Bài đã bị gỡ" in a moderator's notice is the
             * moderator's removal, not a page said to be hidden; a call to share before removal is no notice.
             */
            notInItemWith: z.array(z.string().min(1)).default([]),
            /**
             * As `notInItemWith`, for some of the group's phrases only: those of `terms` do not count in an item where
             * one of `groups` has a match outside quotation marks — "Link ở comment 👇" under "Vlog mới: một ngày làm
             * TNV …" points to the writer's own video, while the group's calls to watch before removal keep counting.
             */
            termsNotInItemWith: z
              .object({
                terms: z.array(z.union([phrase, z.object({ combine: z.array(z.array(z.string().min(1)).min(1)).min(2) }).strict()])).min(1),
                groups: z.array(z.string().min(1)).min(1),
              })
              .strict()
              .optional(),
            /**
             * Advice against passing news on: a hit of the group does not count where, in its sentence and at most `gap`
             * syllables before it, one of `advice` stands, then one of `passOn`, then one of `news` ("miễn đừng đăng tin linh tinh chưa
             * kiểm chứng", "không để nó trở thành nơi chuyển tiếp những thông tin mà chính mình chưa kiểm chứng"): the
             * news the writer advises against passing on, not the item's own claim hedged. Matched as typed ("đảng" is no
             * "đăng" where its accents are written).
             */
            advisedAgainst: z
              .object({
                advice: z.array(z.string().min(1)).min(1),
                passOn: z.array(z.string().min(1)).min(1),
                /** The news passed on, named between the verb and the hit ("tin", "thông tin", "bài"). */
                news: z.array(z.string().min(1)).min(1),
                /** Words between the verb and the hit that make the hit the writer's reason ("… không nên đăng vì chưa kiểm chứng, nhưng …"). */
                notBetween: z.array(z.string().min(1)).default([]),
                gap: z.number().int().min(1).default(12),
              })
              .strict()
              .optional(),
            /**
             * Rebuttal words a rumour turns on the official version: a hit of the group is read as a hit
             * of group `into` (its phrase, its place) where its sentence holds a match of a `sentence`
             * group (the press said to lie or to hide it, an official denial dismissed), or where a match
             * of a `subject` group (the official account: "thông tin chính thức", "báo chí chính thống",
             * "chỉ tiêu") stands before it in its clause, at most `maxGap` syllables away, with no evidence
             * against distortion nor verb of saying between them (an office that speaks: "… khẳng định tin
             * đồn là bịa"), and not cited as a source ("theo thông tin chính thức thì …") —
             * "Thông tin chính thức về đại hội là sai sự thật" calls the official account a lie. Phrases of
             * `notFor` (acts of correcting: "đính chính", "bác bỏ") are corrections the official account
             * makes, never turned by a subject. Matches outside quotations only; the `subject` groups are
             * markers read here alone (their matches are dropped after).
             */
            turnedBy: z
              .object({
                into: z.string().min(1),
                sentence: z.array(z.string().min(1)).default([]),
                /**
                 * The writer's attack on a denial the press made, in the next sentence: a hit whose sentence opens with
                 * one of `speakers` (the press: "VTV", "Báo Gia Lai") and holds one of `verbs` (its saying or publishing:
                 * "bảo", "đăng bài") before the hit, followed by a sentence that opens with a match of one of `groups`
                 * ("Càng bác càng chứng tỏ là thật", "Vậy giải thích sao …?"), is read as a hit of `into`: the denial
                 * reported to be dismissed, not the writer's own.
                 */
                nextSentence: z
                  .object({
                    groups: z.array(z.string().min(1)).min(1),
                    speakers: z.array(z.string().min(1)).min(1),
                    verbs: z.array(z.string().min(1)).min(1),
                  })
                  .strict()
                  .optional(),
                /**
                 * Words right before a hit that make the act a forecast ("Tuần sau báo sẽ phải đính chính: …"): the
                 * correction is what the writer says the press will be forced into, not one made, so the hit is not read.
                 */
                forecasts: z.array(z.string().min(1)).default([]),
                subject: z
                  .object({
                    groups: z.array(z.string().min(1)).min(1),
                    maxGap: z.number().int().min(0).default(6),
                    notFor: z.array(z.string().min(1)).default([]),
                    /** Words right before the subject that make it the source cited ("theo thông tin chính thức thì …"). */
                    notAfter: z.array(z.string().min(1)).default([]),
                    /** Verbs of saying between the subject and the verdict make the subject its speaker ("truyền hình nói rõ tin đó là bịa"). */
                    speakerVerbs: z.array(z.string().min(1)).default([]),
                    /**
                     * Words between the subject and the verdict that name the claim the verdict judges ("báo nói tin
                     * đồn … là bịa", "đài đưa chuyện … là sai"): the subject speaks a verdict on a claim named as such,
                     * and is not the official version accused — the press as a subject with its own verb of saying
                     * ("đài nói 64 ngàn đảng viên là nói điêu") is accused only of what it says itself.
                     */
                    namedClaims: z.array(z.string().min(1)).default([]),
                    /**
                     * Verdicts said before the official account they dismiss ("Đừng tin lịch trên báo"): a hit whose words
                     * are one of these is turned by a subject right after it in its clause, as by one before it.
                     */
                    afterVerdicts: z.array(z.string().min(1)).default([]),
                    /**
                     * Groups read as the subject only right after one of `afterVerdicts`, in or out of a quotation that opens
                     * there ("Đừng tin 'phiếu kín', danh sách … đã in sẵn"): the official practice the writer dismisses, its
                     * name scare-quoted. Before a verdict they turn nothing ("bỏ phiếu kín nên chẳng có chuyện …").
                     */
                    afterOnly: z.array(z.string().min(1)).default([]),
                    /**
                     * Subject groups that say a completion ("Báo cáo lên tỉnh là xong hết là không đúng"): they turn a
                     * verdict only where a match of `bodies` (the Party bodies whose congresses the sheet says are done)
                     * stands before the verdict in the subject's sentence or the one before it ("Ở Chư Păh còn cả chục
                     * chi bộ … . Báo cáo … xong hết là không đúng"); personnel said to be settled keeps the rebuttal.
                     */
                    needsBody: z
                      .object({ groups: z.array(z.string().min(1)).min(1), bodies: z.array(z.string().min(1)).min(1) })
                      .strict()
                      .optional(),
                  })
                  .strict()
                  .optional(),
                /**
                 * Words that open the claim a verdict denies, at the head of its sentence or clause ("Tin …, Chuyện
                 * … là bịa"): a `subject` or `sentence` match between them and the verdict is what the claim says
                 * ("Tin đại hội không truyền hình trực tiếp là bịa đặt", "Chuyện tivi không chiếu … là bịa"), not
                 * the official version accused, and turns nothing; neither does a negated subject ("không truyền hình").
                 */
                claimOpeners: z.array(z.string().min(1)).default([]),
                /**
                 * The verdict said of the sheet's own value: a hit whose nearest value before it in its clause, at
                 * most `maxGap` syllables away, is the official one ("ai bảo Hà Nội là sai bét", "chuyện Đại hội
                 * khai mạc ngày 25/1 là không có thật" under a sheet of Hà Nội and 25/1) denies the truth: it is no
                 * rebuttal, and the facts check reads it as a contradiction of that fact (ItemCheck.deniedOfficialValues).
                 * A value the sheet rules out or a denied one ("ai bảo giơ tay là nói bậy", "tin không họp ở Hà Nội
                 * là bịa") leaves it a rebuttal; so does a question.
                 */
                officialValue: z
                  .object({
                    maxGap: z.number().int().min(0).default(3),
                    /** Acts of correcting: the value before them is their speaker's name ("Tỉnh ủy Gia Lai bác bỏ"), never turned. */
                    notFor: z.array(z.string().min(1)).default([]),
                    /** Verbs of saying between the value and the verdict make the value the speaker's ("… Gia Lai cho biết tin này sai"). */
                    speakerVerbs: z.array(z.string().min(1)).default([]),
                    /**
                     * Verdicts said before the value they judge ("Đừng tin con số 1.612 đại biểu", "đừng tin 1.592!"): a
                     * hit whose words are one of `verdicts` judges the value right after it (past one of `nouns`), a
                     * count the checks read or, where no context names its fact, the sheet's own count by its number.
                     */
                    before: z
                      .object({ verdicts: z.array(z.string().min(1)).default([]), nouns: z.array(z.string().min(1)).default([]) })
                      .strict()
                      .default({}),
                  })
                  .strict()
                  .optional(),
              })
              .strict()
              .optional(),
            /**
             * A verdict standing alone: the group's terms count only where they open their clause with nothing
             * after them there but `particles` ("nhé", "hết", "mọi người"), and that clause either opens a sentence
             * after another (it answers the sentence before: "Có tin nói … . Sai.", "… . Không đúng nhé, …") or
             * closes a sentence of several clauses (it answers its own: "…, tin đồn nhảm thôi"); a clause with ":"
             * after it heads what follows ("Tin đồn: …") and answers nothing. The sentence answered is suppressed
             * as the verdict's own is. Where the part answered holds a match of an `officialVersion` group
             * outside quotations (the official account, the press reporting it, a named official source), the
             * verdict is said of the official version: it is read as a hit of `into` ("Báo tỉnh đưa 350 đại biểu.
             * Sai bét, …"), and the answered sentence is not suppressed. Weight-0 `officialVersion` groups are
             * markers read here alone.
             */
            standsAlone: z
              .object({
                particles: z.array(z.string().min(1)).default([]),
                officialVersion: z.array(z.string().min(1)).default([]),
                into: z.string().min(1),
              })
              .strict()
              .optional(),
            /**
             * Phrases, or `combine: [[...], [...]]`: every phrase made of one part from each list in
             * order (verbs × sources × modifiers), so a family is written as its parts.
             */
            terms: z.array(z.union([phrase, z.object({ combine: z.array(z.array(z.string().min(1)).min(1)).min(2) }).strict()])).min(1),
          })
          .strict(),
      )
      .min(1),
    /**
     * Structural rules over groups (weight-0 groups serve as markers): the rule adds its weight
     * when every group of `all` has a counted match in one sentence (scope sentence) or in the item
     * (scope item), and no group of `none` has one there.
     */
    rules: z
      .array(
        z
          .object({
            id: z.string().min(1),
            weight: z.number(),
            note: z.string().optional(),
            scope: z.enum(['sentence', 'item']).default('sentence'),
            all: z.array(z.string().min(1)).min(1),
            none: z.array(z.string().min(1)).default([]),
            /** At least one of these groups must have a counted match there too (one phrase counts for one group only). */
            any: z.array(z.string().min(1)).default([]),
            /**
             * Groups whose counted match anywhere in the item rules it out, whatever the scope: a
             * claim stated as settled with nobody in the whole item vouching for it.
             */
            noneInItem: z.array(z.string().min(1)).default([]),
            /** The first `all` group's match must be the item's own words: not inside a quotation of a claim (a scare-quoted word is not one). */
            outsideQuotedClaims: z.boolean().default(false),
            /**
             * Scope sentence: groups whose match makes its sentence read the one before it as its own
             * ("Con số này cao gấp ba lần …" after the sentence naming the cost).
             */
            anaphors: z.array(z.string().min(1)).default([]),
            /**
             * Where the rule holds, the foreign power its sentence names acts inside the tracked congress
             * ("Mỹ với Trung Quốc đã thỏa thuận danh sách"): the power's name there is no other event.
             */
            actsInsideCongress: z.boolean().default(false),
          })
          .strict(),
      )
      .default([]),
    /**
     * A quotation the writer names as someone else's words — a call, a caption, a comment, a line of argument: "(kèm)
     * lời kêu gọi 'share trước khi bị xóa'", "luận điệu '…'" — holds the rumour's words as quoted, in any item: the cues
     * and style inside it are not the writer's. Only names a rumour never gives its own words by (a speech's "câu" or
     * a document's "tiêu đề" are claims' evidence as often). Matched right before the opening mark (a colon between).
     */
    namedQuotations: z
      .object({
        names: z.array(z.string().min(1)).default([]),
        /** Names matched right after the closing mark, only spaces between: what was done to the post ("bài '…' đã bị gỡ vì sai"). */
        after: z.array(z.string().min(1)).default([]),
        /**
         * A speaker's own denial of having said the claim, opening a quotation, a sentence or the words after a colon
         * ("Ca sĩ Thu Trà: 'Tôi không hề nói Đại hội kéo dài 12 ngày'"): one of `speakers`, one of `denials`, one of
         * `verbs` — the words after it to the quotation's or the clause's end are the claim denied, cited. Not where one
         * of `notBefore` follows the verb: "tôi không nói sai / nói đùa" is the speaker's insistence on the claim.
         */
        deniedSaying: z
          .object({
            speakers: z.array(z.string().min(1)).default([]),
            denials: z.array(z.string().min(1)).default([]),
            verbs: z.array(z.string().min(1)).default([]),
            notBefore: z.array(z.string().min(1)).default([]),
          })
          .strict()
          .default({}),
        /**
         * A moderator's removal named before the posts it removes ("Nhóm đã xóa 3 bài đăng 'danh sách … rò rỉ'", "gỡ 6
         * bài đăng chia sẻ "…""): one of `verbs`, at most one word (a count, "các"), one of `posts`, then at most `gap`
         * words of the sentence before the opening mark.
         */
        removals: z
          .object({
            verbs: z.array(z.string().min(1)).default([]),
            posts: z.array(z.string().min(1)).default([]),
            gap: z.number().int().min(0).default(0),
          })
          .strict()
          .default({}),
        /**
         * The reader asked to stop forwarding the post quoted ("Mấy chị đừng chuyển tiếp cái tin “BCH tỉnh có 45 người”
         * nữa nha"; the 148th pass): one of `asks` right before one of `verbs`, at most `between` words (a determiner:
         * "cái", "mấy cái"), one of `posts` right before the opening mark.
         */
        stopForwarding: z
          .object({
            asks: z.array(z.string().min(1)).default([]),
            verbs: z.array(z.string().min(1)).default([]),
            posts: z.array(z.string().min(1)).default([]),
            between: z.number().int().min(0).default(0),
          })
          .strict()
          .default({}),
        /**
         * An answer's frame opening its sentence, the post's claim quoted in that clause ("Trước thông tin trên mạng xã
         * hội cho rằng 'Đại hội … lùi sang tháng 11', Ban Tổ chức …", "Đối với thông tin trên một trang mạng về việc
         * '…'"; the 155th pass): one of `openers` opening the sentence, every quotation opening within `gap` words after
         * it with no clause mark between. And a thing named so and denied after a colon in its sentence ("Về cái gọi là
         * 'phụ lục mật' của Nghị quyết …: không có"): one of `called` right before the opening mark, one of `denials`
         * right after a colon later in the sentence. A frame whose office only puts the answer off (one of `deferrals`
         * after the quotation in its sentence: "…', Ban Tổ chức khẳng định sẽ thông báo sau") answers nothing: the claim
         * stays the item's.
         */
        answeredFrame: z
          .object({
            openers: z.array(z.string().min(1)).default([]),
            gap: z.number().int().min(0).default(0),
            deferrals: z.array(z.string().min(1)).default([]),
            called: z.array(z.string().min(1)).default([]),
            denials: z.array(z.string().min(1)).default([]),
            /**
             * A version reported without quotation marks and refuted (the 159th pass): one of `sayers` opening the
             * sentence right before one of `said`, one of `verdicts` later in it ("Bạn nào nói đại hội tỉnh họp 1 ngày
             * là nhầm rồi, …"), or one of `said` in a sentence the next one opens refuting with one of `next` ("Mình
             * thấy một page … ghi Đại hội XIII họp 1–10/2 … Không đúng nha các bạn: …"): the words after the verb to the
             * verdict or the sentence's end are the version, cited.
             */
            refuted: z
              .object({
                said: z.array(z.string().min(1)).default([]),
                sayers: z.array(z.string().min(1)).default([]),
                verdicts: z.array(z.string().min(1)).default([]),
                next: z.array(z.string().min(1)).default([]),
              })
              .strict()
              .default({}),
          })
          .strict()
          .default({}),
        /**
         * An item that answers a question or a rumour in the answer, mailbag, newsletter or notice register: a field
         * opening with one of `openers` ("Trả lời câu hỏi …", "Hộp thư thính giả: …", "Về câu hỏi '…'") or holding one
         * of `received` ("Bản tin nhận được câu hỏi …", "thính giả gửi tin nhắn hỏi …"). Every quotation of such an
         * item is the question's or the rumour's words. `replies`: single words an opener may follow ("Re: Trả lời …").
         */
        answers: z
          .object({
            openers: z.array(z.string().min(1)).default([]),
            /** Openers that count only with a colon right after them, a field's label ("📢 ADMIN: …"). */
            labelled: z.array(z.string().min(1)).default([]),
            received: z.array(z.string().min(1)).default([]),
            replies: z.array(z.string().min(1)).default([]),
            /** A field's label an opener may follow, a colon after it ("Tóm tắt: Trả lời phóng viên về …"). */
            labels: z.array(z.string().min(1)).default([]),
            /**
             * Openers that count only with one of `verbs` later in their sentence, the post's claim reported ("Trước
             * thông tin … cho rằng '…', Văn phòng Tỉnh ủy khẳng định …"): "Trước thông tin '…', Ban Tổ chức khẳng định sẽ
             * thông báo sau" reports no one's claim and leaves the quotation to the correction's reading.
             */
            reported: z
              .object({ openers: z.array(z.string().min(1)).default([]), verbs: z.array(z.string().min(1)).default([]) })
              .strict()
              .default({}),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    /**
     * Two or more quotations joined only by a comma or one of these words ("toàn tin “mua ghế”, “rò rỉ” hay “nghị quyết
     * mật”") are a list of what others say: the cues inside are mentioned, not used.
     */
    listedQuotations: z
      .object({ joiners: z.array(z.string().min(1)).default([]) })
      .strict()
      .default({}),
    /**
     * An insider cited for the truth ("Con trai tôi làm ở BHYT tỉnh bảo chưa có văn bản nào"): a cue of `groups` whose
     * sentence holds one of `unsourced` (nothing issued) is the correction's source, not the rumour's — where no value
     * of the item contradicts the sheet and no other cue stands in its sentence.
     */
    correctionSources: z
      .object({
        groups: z.array(z.string().min(1)).default([]),
        unsourced: z.array(z.string().min(1)).default([]),
        /**
         * The rumour's value set aside against the truth in the cue's sentence: one of `not` ("không phải") and, within
         * `gap` words after it, one of `as` ("như tin", "như tin đồn"): "… ĐH tỉnh họp 3 ngày 21-23, không phải 1 ngày
         * như tin bên nhóm mình" — the insider cited for the correction (the hundred-and-seventeenth pass).
         */
        setAside: z
          .object({ not: z.array(z.string().min(1)).default([]), as: z.array(z.string().min(1)).default([]), gap: z.number().int().min(0).default(6) })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    /** A fact-check written as a list: each line gives a rumour and its verdict ("… — SAI.", "FAKE – …", "✗ …"). */
    checklist: z
      .object({
        /** Verdict words that stand alone beside a dash or colon. */
        verdicts: z.array(z.string().min(1)).default([]),
        /** Marks that open a line as a rumour crossed out. */
        marks: z.array(z.string().min(1)).default([]),
        /**
         * Verdict labels that head the claim they answer, quoted, at the start of a line ('❌ TIN SAI: "…"', 'SAI:
         * "…"'): such a line counts as a verdict after a quoted claim does. A label that only names the claim as
         * a rumour ("Tin đồn: '…'") heads a rumour as often as a fact-check and is not one.
         */
        labels: z.array(z.string().min(1)).default([]),
        /** Verdict lines from which an item reads as a checklist. */
        minLines: z.number().int().min(1).default(2),
        /** Verdict lines enough when each verdict follows the claim it answers in quotation marks ('"…" — SAI'); default minLines. */
        quotedMinLines: z.number().int().min(1).optional(),
        /** Weight of a checklist (negative: it rebuts), counted once at its first verdict line. */
        weight: z.number().max(0).default(-2),
        note: z.string().optional(),
      })
      .strict()
      .default({}),
    style: z
      .object({
        shouting: z
          .object({
            perWord: z.number().min(0).default(0.3),
            max: z.number().min(0).default(1),
            /** All-caps words that are acronyms, not shouting. */
            acronyms: z.array(z.string()).default([]),
          })
          .strict()
          .default({}),
        exclamation: z
          .object({ perRun: z.number().min(0).default(0.5), max: z.number().min(0).default(1), minRun: z.number().int().min(2).default(2) })
          .strict()
          .default({}),
        alarmEmoji: z
          .object({ perEmoji: z.number().min(0).default(0.4), max: z.number().min(0).default(0.8), chars: z.array(z.string().min(1)).default([]) })
          .strict()
          .default({}),
        quote: z
          .object({
            /** A quotation introduced by a verb of saying. */
            weight: z.number().min(0).default(0.3),
            /** ... attributed to a vague, unnamed speaker. */
            vagueWeight: z.number().min(0).default(1.5),
            verbs: z.array(phrase).default([]),
            vagueSpeakers: z.array(phrase).default([]),
            /**
             * A negator right before the verb says the speaker did not say the quotation ("ông chủ tịch … KHÔNG hề nói
             * câu '…'"): a denied quote, its speaker not read as the vague source of a fabricated one.
             */
            negatedBy: z.array(z.string().min(1)).default([]),
          })
          .strict()
          .default({}),
        /**
         * A scare-quoted word in the writer's own clause: one to `maxSyllables` syllables in quotation
         * marks right after one of `after` ("được 'gợi ý'", "đã \"chỉ định\"") — the claim's act, put
         * in quotes to say it was not what it was called. A word of `after` typed with accents counts
         * only as written ("Đảng" is not "đang").
         */
        scareQuote: z
          .object({
            perQuote: z.number().min(0).default(0),
            max: z.number().min(0).default(1),
            maxSyllables: z.number().int().min(1).default(3),
            after: z.array(z.string().min(1)).default([]),
            /** a negator right before the marker denies the quoted word ("không bị 'cắt'"): no scare quote */
            negatedBy: z.array(z.string().min(1)).default([]),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((data, ctx) => {
    const ids = new Set(data.groups.map((g) => g.id));
    const known = (id: string, path: Array<string | number>) => {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `unknown group "${id}"` });
    };
    data.rules.forEach((rule, index) => {
      for (const key of ['all', 'none', 'any', 'noneInItem', 'anaphors'] as const) rule[key].forEach((id, k) => known(id, ['rules', index, key, k]));
    });
    data.correctionSources.groups.forEach((id, k) => known(id, ['correctionSources', 'groups', k]));
    data.groups.forEach((group, index) => {
      const at = (...path: Array<string | number>) => ['groups', index, ...path];
      for (const key of ['all', 'any'] as const) group.borrowedWith?.[key].forEach((id, k) => known(id, at('borrowedWith', key, k)));
      group.notInItemWith.forEach((id, k) => known(id, at('notInItemWith', k)));
      group.suppressOnlyWith.forEach((id, k) => known(id, at('suppressOnlyWith', k)));
      group.termsNotInItemWith?.groups.forEach((id, k) => known(id, at('termsNotInItemWith', 'groups', k)));
      const turned = group.turnedBy;
      if (turned) {
        known(turned.into, at('turnedBy', 'into'));
        turned.sentence.forEach((id, k) => known(id, at('turnedBy', 'sentence', k)));
        turned.subject?.groups.forEach((id, k) => known(id, at('turnedBy', 'subject', 'groups', k)));
        for (const key of ['groups', 'bodies'] as const)
          turned.subject?.needsBody?.[key].forEach((id, k) => known(id, at('turnedBy', 'subject', 'needsBody', key, k)));
      }
      const alone = group.standsAlone;
      if (alone) {
        known(alone.into, at('standsAlone', 'into'));
        alone.officialVersion.forEach((id, k) => known(id, at('standsAlone', 'officialVersion', k)));
      }
    });
  });
export type CuesFile = z.infer<typeof cuesSchema>;

/** The phrases of a cue group's terms, `combine` entries expanded. */
export function groupPhrases(terms: CuesFile['groups'][number]['terms']): string[] {
  const out: string[] = [];
  for (const t of terms) {
    if (typeof t === 'string') out.push(t);
    else {
      let acc = [''];
      for (const parts of t.combine) acc = acc.flatMap((a) => parts.map((p) => (a ? `${a} ${p}` : p)));
      out.push(...acc);
    }
  }
  return out;
}

export const abbreviationsSchema = z
  .object({
    abbreviations: z
      .array(
        z
          .object({
            abbr: z.union([phrase, z.array(phrase).min(1)]),
            expansion: phrase,
            match: z.enum(['folded', 'exact']).default('folded'),
            beforeName: z.boolean().default(false),
            note: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type AbbreviationsFile = z.infer<typeof abbreviationsSchema>;

// ---------------------------------------------------------------------------------------------
// Compiled phrases

export interface PhraseSpec<T> {
  text: string;
  syllables: string[];
  keys: Array<{ key: string; bare: boolean }>;
  data: T;
}

export interface PhraseHit<T> {
  spec: PhraseSpec<T>;
  /** Stream positions (inclusive). */
  first: number;
  last: number;
  /** Source tokens (inclusive). */
  tokFirst: number;
  tokLast: number;
}

/** Splits a phrase into canonical folded syllables and the accent keys as written. */
export function compilePhrase<T>(text: string, data: T): PhraseSpec<T> {
  const p = prepareText(text.normalize('NFC'));
  const syllables: string[] = [];
  const keys: Array<{ key: string; bare: boolean }> = [];
  for (let i = 0; i < p.count; i++) {
    syllables.push(canonSyllable(p.tokText[i]));
    const [s, e] = tokenSpan(p, i, i);
    keys.push(canonAccentKey(p.original.slice(s, e)));
  }
  return { text, syllables, keys, data };
}

/** A set of phrases in one automaton. */
export class PhraseSet<T> {
  private readonly specs: Array<PhraseSpec<T>> = [];
  private matcher: PhraseMatcher | null = null;

  constructor(readonly vocabulary: Vocabulary) {}

  add(text: string, data: T): void {
    if (this.matcher) throw new Error('phrase set already built');
    const spec = compilePhrase(text, data);
    if (!spec.syllables.length) return;
    for (const s of spec.syllables) this.vocabulary.add(s);
    this.specs.push(spec);
  }

  get size(): number {
    return this.specs.length;
  }

  /** The compiled phrases, in the order they were added. */
  get phrases(): ReadonlyArray<PhraseSpec<T>> {
    return this.specs;
  }

  /** Builds the automaton; call after every phrase set sharing the vocabulary has been filled. */
  build(): void {
    this.matcher = new PhraseMatcher([this], this.vocabulary);
  }

  /** Every verified match, in stream order. */
  match(stream: SymbolStream, accents: AccentCache): Array<PhraseHit<T>> {
    if (!this.matcher) this.build();
    const raw = new MatchBuffer();
    this.matcher!.scan(stream, raw);
    return this.matcher!.hits<T>(0, raw, stream, accents);
  }
}

/**
 * Several phrase sets (sharing one vocabulary) in one automaton: one pass over a stream finds the
 * candidate matches of every set; `hits` then verifies the accents of one set's candidates, and
 * gives what that set's own `match` would give, in the same order.
 */
export class PhraseMatcher {
  private readonly automaton: SyllableAutomaton;
  /** Patterns of set s are setStart[s] .. setStart[s + 1] - 1 (sets are added one after the other). */
  private readonly setStart: Int32Array;
  /** Per pattern: its spec, its length, where its keys start in wantKey. */
  private readonly patSpec: Array<PhraseSpec<unknown>> = [];
  private readonly patLength: Int32Array;
  private readonly keyStart: Int32Array;
  /** Accent key wanted for each syllable of each pattern, as the lexicon wrote it (bare included). */
  private readonly wantKey: string[] = [];

  constructor(sets: ReadonlyArray<PhraseSet<any>>, vocabulary: Vocabulary) {
    const automaton = new SyllableAutomaton(vocabulary.size);
    const keyStart: number[] = [];
    const setStart: number[] = [0];
    for (const set of sets) {
      for (const spec of set.phrases as ReadonlyArray<PhraseSpec<unknown>>) {
        automaton.add(spec.syllables.map((s) => vocabulary.get(s)));
        keyStart.push(this.wantKey.length);
        for (const k of spec.keys) this.wantKey.push(k.key);
        this.patSpec.push(spec);
      }
      setStart.push(this.patSpec.length);
    }
    automaton.build();
    this.automaton = automaton;
    this.setStart = Int32Array.from(setStart);
    this.patLength = Int32Array.from(this.patSpec.map((s) => s.syllables.length));
    this.keyStart = Int32Array.from(keyStart);
  }

  /** Candidate matches of every set (before accent checks) into `out`, which is cleared first. */
  scan(stream: SymbolStream, out: MatchBuffer): void {
    out.count = 0;
    this.automaton.scan(stream.sym, stream.length, out);
  }

  /** Number of patterns, every set together. */
  get patterns(): number {
    return this.patSpec.length;
  }

  /** Index of the first pattern of set `set` (its phrases follow in the order they were added). */
  firstPattern(set: number): number {
    return this.setStart[set];
  }

  /** The phrase of pattern `p`. */
  spec(p: number): PhraseSpec<unknown> {
    return this.patSpec[p];
  }

  /** Length of pattern `p`, in stream positions. */
  lengthOf(p: number): number {
    return this.patLength[p];
  }

  /**
   * Whether the candidate match of pattern `p` ending at `last` has the accents the lexicon wrote:
   * a syllable typed without diacritics (in text, or a clause, typed so) may stand for any accents;
   * a marked one, or a syllable of accented text, must be the lexicon's, bare or not.
   */
  verified(p: number, last: number, stream: SymbolStream, accents: AccentCache): boolean {
    const wantKey = this.wantKey;
    const tokFirst = stream.tokFirst;
    const expanded = stream.expanded;
    const first = last - this.patLength[p] + 1;
    const keys = this.keyStart[p] - first;
    for (let k = first; k <= last; k++) {
      const want = wantKey[keys + k];
      if (expanded[k]) {
        const got = stream.expansionKey(k);
        if (got !== null && got !== want) return false;
        continue;
      }
      const got = accents.get(tokFirst[k]);
      if (got.bare && (accents.lenient || accents.bareClause(tokFirst[k]))) continue;
      if (got.key !== want) return false;
    }
    return true;
  }

  /**
   * Verified matches of set `set` among the candidates, in stream order; patterns marked in `skip`
   * are left out (the caller reads their candidates itself, see chainParts in cue-chains.ts).
   */
  hits<T>(set: number, raw: MatchBuffer, stream: SymbolStream, accents: AccentCache, skip?: Uint8Array): Array<PhraseHit<T>> {
    const out: Array<PhraseHit<T>> = [];
    const patLength = this.patLength;
    const lo = this.setStart[set];
    const hi = this.setStart[set + 1];
    const pattern = raw.pattern;
    const lastOf = raw.last;
    const tokFirst = stream.tokFirst;
    for (let m = 0; m < raw.count; m++) {
      const p = pattern[m];
      if (p < lo || p >= hi || (skip !== undefined && skip[p])) continue;
      const last = lastOf[m];
      if (!this.verified(p, last, stream, accents)) continue;
      const first = last - patLength[p] + 1;
      out.push({ spec: this.patSpec[p] as PhraseSpec<T>, first, last, tokFirst: tokFirst[first], tokLast: stream.tokLast[last] });
    }
    return out;
  }
}

/** Keeps the longest of overlapping hits (leftmost-longest), in order. */
function byStartThenLongest(a: PhraseHit<unknown>, b: PhraseHit<unknown>): number {
  return a.first - b.first || b.last - b.first - (a.last - a.first);
}

export function longestNonOverlapping<T>(hits: Array<PhraseHit<T>>): Array<PhraseHit<T>> {
  const sorted = hits.slice().sort(byStartThenLongest);
  const out: Array<PhraseHit<T>> = [];
  let end = -1;
  for (const h of sorted) {
    if (h.first > end) {
      out.push(h);
      end = h.last;
    }
  }
  return out;
}

/**
 * Whether phrase `word` overlaps phrase `hit` and runs past one of its edges: read without diacritics, the same letters
 * are then the longer word ("hoan thanh" is hoàn thành, "bau Ban Chap hanh" is not the cue "bầu bán").
 */
export function runsAcrossEdge(word: { first: number; last: number }, hit: { first: number; last: number }): boolean {
  return word.first <= hit.last && word.last >= hit.first && (word.first < hit.first || word.last > hit.last);
}

/**
 * Whether a listed word (as syllables) runs across an edge of the match `inside`, read among the syllables `before`
 * and `after` it (runsAcrossEdge over syllable positions): the same letters are then the longer word. For a
 * gathering's holder or Party evidence (gatherings.ts crossedByWord), whose matches are folded text, not token hits.
 */
export function crossedByListedWord(listed: string[][], before: string[], inside: string[], after: string[]): boolean {
  const syllables = [...before, ...inside, ...after];
  const hit = { first: before.length, last: before.length + inside.length - 1 };
  for (const w of listed) {
    for (let first = 0; first + w.length <= syllables.length; first++) {
      if (!runsAcrossEdge({ first, last: first + w.length - 1 }, hit)) continue;
      if (w.every((s, i) => s === syllables[first + i])) return true;
    }
  }
  return false;
}

export { foldedSyllables, type PreparedText };
