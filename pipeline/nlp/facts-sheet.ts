/**
 * The official facts sheet: the schema of the facts file (scopes, vocabulary, facts with their
 * checks) and its loading, with a shared JSON sheet's facts and values merged in and each check's
 * values resolved. The checks that read items against these facts are in facts.ts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { daySchema } from '../../core/date-params.ts';
import { LexiconError, loadYamlFile } from './lexicon.ts';

const phrase = z.string().min(1);

// Values are read from the fact's `values` (the facts sheet) unless a check sets them: a sheet with
// other values changes what contradicts it without touching the checks.
const checkSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('dates'),
      /** The official period (default: values.start, values.end); a date tied to the event outside it contradicts the fact. */
      start: daySchema.optional(),
      end: daySchema.optional(),
      /**
       * Days after the start the opening may fall on: a single date an opening verb ties ("khai mạc", see `openings`) on
       * none of them contradicts (0: the start only; 1 where the first day may be a preparatory session's).
       */
      openingWithin: z.number().int().min(0).default(0),
    })
    .strict(),
  z
    .object({
      kind: z.literal('duration'),
      /** Official length in days (default: values.days, else the days of the fact's dates check). */
      days: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('claims'),
      /** Asserting any of these (not negated, not in a rebuttal) contradicts the fact. */
      terms: z.array(phrase).min(1),
      note: z.string().optional(),
      /**
       * Only when the sheet's values say so ({format: [in-person]}): "họp trực tuyến" contradicts an
       * in-person congress, not one held in person with online links; another sheet may drop the check.
       */
      when: z.record(z.string(), z.array(z.union([z.string(), z.number()])).min(1)).optional(),
      /**
       * Bodies only the congress elects ("Ban Chấp hành Trung ương"): a term after one of them and one of `electVerbs`
       * in its sentence needs no event noun there ("Ban Chấp hành Trung ương được bầu bằng hình thức biểu quyết giơ tay",
       * "- Bầu BCH TW bằng biểu quyết giơ tay").
       */
      electedBodies: z.array(phrase).default([]),
      electVerbs: z.array(phrase).default([]),
      /**
       * Words that make the congress what another event was moved for: a term with no event noun before it in its
       * sentence, the first event noun after it behind one of these in its clause, is that other event's ("Thi thử … bị
       * dời một tuần vì trường được mượn … cho phóng viên dự Đại hội tỉnh", "trận đấu … được dời sang 25/10 để bảo đảm an
       * ninh, trật tự phục vụ Đại hội").
       */
      causes: z.array(phrase).default([]),
    })
    .strict(),
  z
    .object({
      kind: z.literal('place'),
      /** The official place names (default: the values named by `valuesFrom`); claiming another known place or venue contradicts the fact. */
      places: z.array(phrase).default([]),
      /** Keys of `values` that name official places (venue, city). */
      valuesFrom: z.array(z.string()).default(['venue', 'city']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('number'),
      /** The official number, or the key of `values` holding it. */
      value: z.number().optional(),
      valueFrom: z.string().optional(),
      /** A number within this fraction of the official one is not a contradiction (0: exact). */
      tolerance: z.number().min(0).default(0),
      /** Unit nouns right after the number ("đại biểu", "đồng chí", "người"). */
      units: z.array(phrase).min(1),
      /** One of these must occur in the same sentence before the number (the nearest decides). */
      context: z.array(phrase).min(1),
      /** Or, with no context before it, one of these after it in its clause ("400 đại biểu ... dự Đại hội"). */
      contextAfter: z.array(phrase).default([]),
      /**
       * Or the body's members named after the count ("55 đồng chí Ủy viên Ban Chấp hành …", "bầu 55 ủy viên Ban
       * Chấp hành"), read as `contextAfter`; a count below `partBelow` of the official value is some of them ("5 ủy
       * viên BCH khóa trước đã nhận tiền", "ít nhất 7 ủy viên Ban Chấp hành đã chi"), not the body's size.
       */
      membersAfter: z.array(phrase).default([]),
      partBelow: z.number().min(0).max(1).default(0.5),
      /** A clause with one of these is about something else. */
      exclude: z.array(phrase).default([]),
      /**
       * Another body named before the number in its sentence: the count is that body's ("Ủy ban Kiểm tra Tỉnh ủy …,
       * do Hội nghị lần thứ nhất Ban Chấp hành … bầu, gồm 9 đồng chí"; "Ban Chấp hành … đã bầu Ủy ban Kiểm tra … gồm 9").
       */
      otherBodies: z.array(phrase).default([]),
      /**
       * Right before the context, these make a count after one of `partVerbs` some of its members ("trong Ban Chấp hành
       * mới cũng có 13 người dân tộc"), as "trong đó có" is.
       */
      partOf: z.array(phrase).default([]),
      /** The verbs right before the count that `partOf` needs ("có"; not "Tin trong: BCH … sẽ là 55 người"). */
      partVerbs: z.array(phrase).default([]),
      /**
       * Verbs of electing: a clause's `exclude` named before one of these, which stands before the number, is the body
       * that elects the one counted, not the one counted ("Đại hội Đảng bộ tỉnh … đã bầu Đoàn đại biểu đi dự Đại hội
       * XIII … gồm 15 đồng chí": the delegation's count, not the provincial congress's).
       */
      electors: z.array(phrase).default([]),
      /** A sheet without the value drops the check instead of failing (a figure not every sheet gives). */
      optional: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('completion'),
      /** The day by which the bodies finished their congresses (default: the value named by `valueFrom`). */
      by: daySchema.optional(),
      valueFrom: z.string().default('completed_by'),
      /** The bodies whose congresses the fact dates ("đảng bộ trực thuộc"): one in the finishing verb's clause, or `last`. */
      nouns: z.array(phrase).min(1),
      /** Verbs of finishing ("hoàn thành", "tổ chức xong"): the date they take is when the bodies finished. */
      verbs: z.array(phrase).min(1),
      /**
       * Words right before a date that make it a bound ("trước ngày 25/8", "đến ngày 25/8": all done by then): it agrees
       * when not after the official day and says nothing when after it, unless the clause names the last body (`last`).
       */
      bounds: z.array(phrase).default([]),
      /** Words naming the last body to finish ("đơn vị cuối cùng"): its day is the day all finished. */
      last: z.array(phrase).default([]),
      /** Words right before the verb that say the bodies have not finished ("chưa hoàn thành"), as the negators do. */
      pending: z.array(phrase).default([]),
      /**
       * Verbs of holding the congress that, right after a pending word, say bodies had not held it ("vẫn chưa đại hội
       * được", "chưa tổ chức được đại hội"), as the finishing verbs do there: with a date after the official day in
       * the clause, or after a shift ("dời hết sang tháng 8") later in the sentence, the bodies had not finished by then.
       */
      pendingVerbs: z.array(phrase).default([]),
      /** Bodies read by the pending form only, besides `nouns` ("chi bộ thôn", "đảng bộ xã"): one of the lower levels. */
      pendingNouns: z.array(phrase).default([]),
      /** Pending words read only in scare quotes ("3 xã vẫn 'treo' đại hội"): bare, the word has other uses ("treo cờ"). */
      pendingQuoted: z.array(phrase).default([]),
      /** Words right before a date that move the pending congresses to it ("dời sang", "lùi hết sang"). */
      shifts: z.array(phrase).default([]),
      /**
       * Words opening the clause before the verb's that state how things stood on a day ("Tính đến ngày 15/6/2020,
       * 100% tổ chức cơ sở đảng … đã hoàn thành đại hội"): with all the bodies said to have finished (`whole`, or "100%")
       * in the verb's clause, that day is the completion's, a day after the official one contradicting it.
       */
      asOf: z.array(phrase).default([]),
      /** Words saying all the bodies ("toàn bộ", "tất cả"), as "100%" does. */
      whole: z.array(phrase).default([]),
      /** A sentence with one of these is about other bodies ("trực thuộc Trung ương"). */
      exclude: z.array(phrase).default([]),
      /**
       * Words right before the verb that say the bodies finished only then ("Đến cuối tháng 7/2020, Gia Lai mới cơ bản
       * hoàn thành đại hội các tổ chức cơ sở đảng"): the bound's date is the completion's, as `last` makes it.
       */
      late: z.array(phrase).default([]),
      /**
       * The writer's own count of the bodies that finished, heading a sentence as a correction does ("Thực tế mới 15/19
       * làm xong", "Thực tế chỉ 16 đơn vị xong đúng hạn"), after a sentence naming the bodies (`nouns`) or in it: a
       * count below values[countFrom] (the official number of bodies, all of which finished) contradicts the
       * completion; the official count agrees. Words of `counters` open the sentence, at most two of `countLeads`
       * ("chỉ", "mới") stand before the number, and one of `countVerbs` follows it within `countReach` tokens.
       */
      countFrom: z.string().optional(),
      counters: z.array(phrase).default([]),
      countLeads: z.array(phrase).default([]),
      countVerbs: z.array(phrase).default([]),
      countReach: z.number().int().min(1).default(3),
    })
    .strict(),
]);

type CheckInput = z.infer<typeof checkSchema>;
/** A check with its values resolved from the facts sheet. */
export type FactCheck =
  | { kind: 'dates'; start: string; end: string; openingWithin: number }
  | { kind: 'duration'; days: number }
  | { kind: 'claims'; terms: string[]; note?: string; electedBodies: string[]; electVerbs: string[]; causes: string[] }
  | { kind: 'place'; places: string[] }
  | {
      kind: 'completion';
      by: string;
      nouns: string[];
      verbs: string[];
      bounds: string[];
      last: string[];
      pending: string[];
      pendingVerbs: string[];
      pendingNouns: string[];
      pendingQuoted: string[];
      shifts: string[];
      asOf: string[];
      whole: string[];
      exclude: string[];
      late: string[][];
      /** The official number of bodies (values[countFrom]), or null; its phrases as canonical words. */
      count: number | null;
      counters: string[][];
      countLeads: string[][];
      countVerbs: string[][];
      countReach: number;
    }
  | {
      kind: 'number';
      value: number;
      tolerance: number;
      units: string[];
      context: string[];
      contextAfter: string[];
      membersAfter: string[];
      partBelow: number;
      exclude: string[];
      otherBodies: string[];
      partOf: string[];
      /** partVerbs, as canonical words (longest first). */
      partVerbs: string[][];
      electors: string[];
    };

/** The fields of a fact in the shared facts sheet (official-facts.json). */
const sheetFields = {
  id: z.string().min(1),
  statement: z.string().min(1),
  date: daySchema,
  source: z.string().min(1),
  topic: z.string().min(1),
  values: z.record(z.unknown()).default({}),
};

const factSchema = z
  .object({
    ...sheetFields,
    /** Which event the fact is about: a key of `scopes`. */
    scope: z.string().min(1),
    /**
     * Other events whose claims may be about this fact too, when the sentence also names this
     * fact's event ("the Gia Lai delegation to the national congress").
     */
    alsoScopes: z.array(z.string().min(1)).default([]),
    checks: z.array(checkSchema).default([]),
  })
  .strict();

export const factsFileSchema = z
  .object({
    /** Known place names (provinces, cities): a claimed venue is recognised among these. */
    places: z.array(phrase).default([]),
    /** Events the facts are about, each recognised by marker phrases; scopes without facts (e.g. "other") stop checks. */
    scopes: z.record(
      z
        .object({
          name: z.string().optional(),
          markers: z.array(phrase).min(1),
          /** Markers that only locate (a place name, "tỉnh mình"): used when no full marker decides. */
          weakMarkers: z.array(phrase).default([]),
          /**
           * The event's ordinals ("khóa XVI", "XIII"): full markers, except right after another scope's
           * marker in the same phrase, where they number that organisation's congress ("Đảng bộ huyện
           * Krông Pa lần thứ XIII" is the district's thirteenth, not the national congress).
           */
          ordinals: z.array(phrase).default([]),
          /** The scope's own places: a marker next to another known place belongs to another event. */
          places: z.array(phrase).default([]),
        })
        .strict(),
    ),
    /** Nouns naming the event ("đại hội"): date, place and claim checks need one in the sentence. */
    eventNouns: z.array(phrase).default([]),
    /** Verbs that tie a date to the event ("khai mạc", "diễn ra", "hoãn sang"). */
    events: z.array(phrase).default([]),
    /**
     * Longer words that hold an event verb's letters across its edge: read without diacritics, an event verb one of
     * these crosses is the word ("hoan thanh truoc 30/6" is "hoàn thành", not "hoãn"; "buoi noi chuyen" is "nói
     * chuyện", not "chuyển"). Typed with accents the accents decide.
     */
    eventWords: z.array(phrase).default([]),
    /**
     * Longer words that hold a claim term's letters across its edge: read without diacritics, a claim term one of these
     * crosses is the word ("Ba Dinh san sang" is Ba Đình ready, not "định sẵn").
     */
    claimWords: z.array(phrase).default([]),
    /**
     * The preparatory session ("phiên trù bị"), held the day before the opening: a date in a
     * sentence naming it may be the day before values.start.
     */
    preparatory: z.array(phrase).default([]),
    /**
     * Event verbs that name the opening ("khai mạc"): a single date they tie is the first day, read against
     * values.start, not the range ("Ngày 22/10, Đại hội … khai mạc" of 21–23/10 contradicts it).
     */
    openings: z.array(phrase).default([]),
    /**
     * The congress's own business a part of its days is given to ("bầu", "thảo luận"): right after the event verb that
     * ties a two-day range inside the official span ("Ngày 30-31/1, Đại hội XIII đã tiến hành bầu …"), the range dates
     * that business, not the event's whole period.
     */
    partActs: z.array(phrase).default([]),
    /** Phrases that introduce a venue ("tổ chức ở", "chuyển vào"). */
    placeVerbs: z.array(phrase).default([]),
    /**
     * Syllables that may stand between an event verb and the last word of its place verb, saying when or how the
     * event opens ("khai mạc hôm nay tại", "khai mạc trọng thể tại"; a number too: "khai mạc sáng 26/1 tại"): the
     * place verb is read across them.
     */
    venueTimeWords: z.array(phrase).default([]),
    /** How far after the event verb those words (and `venueObjects`) are read: each starts within this many tokens of it. */
    venueTimeReach: z.number().int().min(1).default(6),
    /** Objects a verb of moving takes before its direction ("chuyển địa điểm tổ chức ra Đà Nẵng"): the place verb is read across them. */
    venueObjects: z.array(phrase).default([]),
    /**
     * Words that end a venue's name where they follow it ("ở", "tại", "của"): a venue noun with the head of the
     * official name after it ("Cung Văn hóa Hữu nghị" for "… Hữu nghị Việt – Xô") names it when one of these or its
     * clause's end follows. One syllable each.
     */
    venueNameEnds: z.array(z.string().regex(/^\S+$/, 'one syllable')).default([]),
    /**
     * Words after a verb that takes a venue (one that heads a place verb) that put the event outside the place after
     * them ("tổ chức ngoài Thủ đô", "họp bên ngoài Hà Nội"): that place is denied as the venue, as after a negated verb.
     */
    outside: z.array(phrase).default([]),
    /**
     * Other names of a known place (name: the place it names, "Thủ đô": "Hà Nội"): read as that place where a place
     * verb claims it, never where no verb does, nor before a name ("thủ đô Viêng Chăn" is another capital).
     */
    placeAliases: z.record(z.string(), phrase).default({}),
    /**
     * Frames that deny the count inside them: right before it ("làm gì có 1.587 đại biểu", "đâu có 350 đại biểu"), or
     * `open` right before it and `close` right after its unit ("có 1602 đại biểu đâu"). The sheet's own count so denied
     * contradicts its fact (read by its number where no context names it); another count in them says nothing.
     */
    /**
     * The reply that gives the sheet's value against a cited one (the hundred-and-twenty-third pass, study116's R(a)):
     * "Stitch clip "BTV 17 người": không đúng đâu em ơi, Ban Thường vụ … có 13 đồng chí", "Ông nào bảo đại hội tỉnh họp
     * ở Pleiku thì đọc lại thông báo đi nha, họp ở Nhà Văn hóa Trung tâm tỉnh …". A contradiction is the reply's cited
     * value (ItemCheck.repliedByValue) where one of `negations` opens a clause (or follows "là": "… là không phải đâu")
     * and the contradiction stands in that clause or before it in its sentence, or where one of `askers` opens a clause
     * and one of `then` closes the span the contradiction stands in — and only where the item also states the sheet's
     * own value of the same fact after the opener, outside the opener's clause (after `then`). The negated value itself
     * ("không phải 13 đâu, BTV có 17 người") is no reply's: a distortion states its own wrong value and keeps firing.
     */
    repliedByValue: z
      .object({
        negations: z.array(phrase).default([]),
        /** Words before a negation that let it open the predicate ("… là không phải đâu"). */
        predicateLeads: z.array(phrase).default([]),
        askers: z.array(phrase).default([]),
        then: z.array(phrase).default([]),
        /** Words that report another outlet's version ("Một số trang mạng ghi …"): a contradiction after them in their sentence, the sheet's value in a later one. */
        reporters: z.array(phrase).default([]),
        /**
         * A question asking where the version came from, after it in its sentence ("tin 'BCH 53 người' là từ trang nào
         * vậy? … BCH khóa XVI có 49 người"): read as `negations` are — the contradiction before it in its sentence, the
         * sheet's value after it, outside its clause (the hundred-and-twenty-seventh pass, study117's R(c)).
         */
        sourceQuestions: z.array(phrase).default([]),
      })
      .strict()
      .default({}),
    /**
     * Words after a bare count that name where it was printed ("đừng tin con số 320 trên báo"): the count still ends its
     * claim there, as at its clause's end (ItemCheck.countAt).
     */
    countPrintedAt: z.array(phrase).default([]),
    countDenials: z
      .object({
        before: z.array(phrase).default([]),
        open: z.array(phrase).default([]),
        close: z.array(phrase).default([]),
        /** Words opening a question that asks who says the count in it ("Ai nói Đại hội XIII có 1.594 đại biểu?"). */
        asked: z.array(phrase).default([]),
      })
      .strict()
      .default({}),
    /**
     * Phrases that make the venue named just before them the event's, when an event noun follows
     * ("Khách sạn X sẽ là nơi diễn ra Đại hội …").
     */
    venuePredicates: z.array(phrase).default([]),
    /**
     * A relative clause after a venue whose subject attends or holds the event ("Trung tâm Hội nghị Quốc gia, nơi 1.602
     * đại biểu dự Đại hội XIII"): one of `heads`, then within `reach` tokens in its clause one of `verbs` right before an
     * event noun, makes the sites shortly before the head the event's venue (as a venue predicate does), unless one of
     * `stays` follows in the clause (the delegates' hotel: "…, nơi các đại biểu dự Đại hội nghỉ lại").
     */
    venueRelatives: z
      .object({
        heads: z.array(phrase).default([]),
        verbs: z.array(phrase).default([]),
        stays: z.array(phrase).default([]),
        reach: z.number().int().min(1).default(6),
      })
      .strict()
      .default({}),
    /**
     * A list's labels for the venue ("Địa điểm: Trung tâm Hội nnghị Quốc gia" under "TÓM TẮT NHANH ĐẠI HỘI XIII:"): a
     * label opening its clause with a colon right after it claims the sites right after the colon as the event's venue,
     * when the nearest gathering named before it in the item (the title first) is the event, not another gathering.
     */
    venueLabels: z.array(phrase).default([]),
    /**
     * Words that lead a venue before the event is named ("Sáng 8/10, tại Hội trường 2-9, Đại hội … đã khai mạc";
     * "Khai mạc Đại hội Đảng bộ tỉnh tại Hội trường 2-9"): the sites right after one are the event's venue when it
     * opens its clause and the next clause opens with the event's name and its verb, or when it follows the event's
     * name right after the event's verb.
     */
    venueLeads: z.array(phrase).default([]),
    /**
     * Lead words read only after the event's name, right after its verb: "Tuần sau tỉnh mình họp Đại hội ở Pleiku",
     * "Sáng nay khai mạc ĐH tỉnh GL ở Trung tâm Hội nghị tỉnh" — the sites right after one, in its clause, as a lead's;
     * the name may be the bare event noun or end in a marker.
     */
    venueLeadsAfterEvent: z.array(phrase).default([]),
    /**
     * Verbs of watching or listening: a place verb shortly after one in its clause says where the event is followed,
     * not where it is held ("Điểm cầu phường theo dõi phiên khai mạc tại hội trường UBND phường").
     */
    watchers: z.array(phrase).default([]),
    /**
     * Words right after a place verb that point back to a venue named before ("… Hội trường 2/9 ở Pleiku. …
     * đại hội tỉnh năm nay họp ở đây"): the venue named last, in the sentence or the one before it, is claimed.
     */
    venueAnaphors: z.array(phrase).default([]),
    /**
     * Where the writer works, not where the event is held: one of `verbs` (place verbs that also mean to work, "làm ở")
     * right after one of `workers` (the writer, one syllable) that opens its clause ("Em làm ở Pleiku, sáng mai định về
     * An Khê coi không khí đại hội") names no venue. Not "tỉnh mình làm ở An Khê" (the province holds it).
     */
    workplaces: z
      .object({ verbs: z.array(phrase).default([]), workers: z.array(phrase).default([]) })
      .strict()
      .default({}),
    /** Negators: "không tổ chức ở Hà Nội" negates the place verb. */
    negators: z.array(phrase).default([]),
    /**
     * Phrases that set the value before them against the one after ("khai mạc 26/1 chứ đâu phải 25/1"): the value after
     * is denied, never confirmed; a date the sheet accepts only by lying within its days, set against the sheet's own
     * first or last day, contradicts it.
     */
    contrasts: z.array(phrase).default([]),
    /**
     * Words joining two values as alternatives ("họp 3 hay 4 ngày"): a length after one, with a number right before the
     * word, is one of the versions offered, not a value claimed.
     */
    alternatives: z.array(phrase).default([]),
    /**
     * A negation over "any" ("Đại hội không sử dụng bất kỳ danh sách công bố trước nào", "không có danh sách nào được công
     * bố trước"): a claim term after a negator in its clause, with one of `quantifiers` between them or one of `closers`
     * right after the term, is denied as a term right after its negator is.
     */
    quantifiedNegation: z
      .object({
        quantifiers: z.array(phrase).default([]),
        closers: z.array(phrase).default([]),
        /** Negators read only under a quantifier or a closer ("chưa có danh sách nào được công bố trước"). */
        negators: z.array(phrase).default([]),
      })
      .strict()
      .default({}),
    /** Nouns naming a venue without naming a place ("khách sạn", "hội trường"): after a place verb, a claimed venue. */
    venueNouns: z.array(phrase).default([]),
    /**
     * Words that only say whose a venue is ("tỉnh", "quốc gia"): a venue noun followed by the start of
     * the official venue's name names it even without these at its end ("Nhà Văn hóa Trung tâm" for
     * "Nhà Văn hóa Trung tâm tỉnh"), unless another of them follows ("Nhà Văn hóa Trung tâm huyện").
     */
    venueQualifiers: z.array(phrase).default([]),
    /**
     * Phrases before the event a delegation goes to ("Đoàn đại biểu dự Đại hội XIII"): a marker shortly after
     * one is that destination, which a later sentence of the item does not inherit as its event.
     */
    destinations: z.array(phrase).default([]),
    /**
     * Words right before a body that make it the agent of a passive ("đại hội được Ban Thường vụ Tỉnh ủy chọn làm
     * điểm"): a marker right after one names the superior acting on the item's own body, which a later sentence of the
     * item does not inherit as its event (it still names the event of a sentence that names none other).
     */
    passiveAgents: z.array(phrase).default([]),
    /**
     * Verbs by which a body holds its own congress ("Đảng bộ quận X tổ chức đại hội lần thứ XIII"): an
     * ordinal after "<organiser> <event noun>" numbers the body named just before the verb.
     */
    organisers: z.array(phrase).default([]),
    /**
     * Words right before a bare ordinal that belong to it ("lần thứ" in "Đảng bộ Quân sự tỉnh Gia Lai lần thứ XIII"):
     * not counted in the gap between the ordinal and the body it numbers.
     */
    ordinalLeads: z.array(phrase).default([]),
    /**
     * Words right before a date that make it the day a post or an article was published ("Bài "…" đăng ngày 21/1 có
     * sai sót"): the article's date, not the event's; no check reads it.
     */
    publishedBy: z.array(phrase).default([]),
    /**
     * An announcement named with its author, then the day since which it stood: "thông báo của Ban Tổ chức từ tháng 12 đã
     * ghi rõ" — a date right after one of `since`, within `reach` tokens after a head in its clause, is the announcement's.
     */
    publishedSince: z
      .object({ heads: z.array(phrase).default([]), since: z.array(phrase).default([]), reach: z.number().int().min(1).default(6) })
      .default({ heads: [], since: [], reach: 6 }),
    /** Other gatherings ("hội nghị"): a claim whose nearest event noun is one of these is about that gathering. */
    otherEventNouns: z.array(phrase).default([]),
    /**
     * Bodies whose name holds an event verb ("Ban Tổ chức"): the verb inside one is no verb ("Chiều 19/10, Ban Tổ chức Đại
     * hội đã tổng duyệt …" does not say the congress is held on 19/10).
     */
    verbBodies: z.array(phrase).default([]),
    /**
     * A rehearsal of the congress: one between the congress named after a date opening its sentence and the verb that
     * would tie the date ("Chiều 19/10, Ban Tổ chức Đại hội đã tổng duyệt toàn bộ chương trình phiên khai mạc") makes the
     * date the rehearsal's.
     */
    rehearsals: z.array(phrase).default([]),
    /**
     * Verbs of studying a document of the congress: a claim after "<verb> <document> <congress>" in its clause, the
     * congress named last as the document's, says how the study is held ("Gia Lai quán triệt Nghị quyết Đại hội XIII theo
     * hình thức trực tuyến").
     */
    documentStudies: z.array(phrase).default([]),
    /**
     * Documents of the event ("nghị quyết", "văn kiện"): the event noun right after one ("Hội nghị … quán
     * triệt Nghị quyết Đại hội XIII … trực tuyến") names the document, not the gathering a claim is about.
     */
    eventDocuments: z.array(phrase).default([]),
    /**
     * Activities with a format of their own ("cuộc thi", "học", "kênh truyền hình"): a format claim right after one
     * ("cuộc thi trực tuyến tìm hiểu về Đại hội", "học online") says how that activity is held, not the congress.
     */
    formatHolders: z.array(phrase).default([]),
    /**
     * Claim terms that say how the public follows the congress where a watcher (`watchers`) stands before them in their
     * clause ("Công nhân … theo dõi Đại hội XIII qua màn hình tại nhà ăn"): the watchers' screen, not the congress met
     * by screen. Delegates said to sit elsewhere and watch ("ngồi khách sạn xem qua màn hình rồi bỏ phiếu") have no
     * watcher's verb and keep the claim.
     */
    watchedTerms: z.array(phrase).default([]),
    /**
     * Claim terms that name the medium a viewer watches the congress on ("xem khai mạc ĐH 13 qua điện thoại"): one of
     * `terms` after one of `viewers` within the watchers' reach in its clause, with none of `acts` (a vote, an order)
     * between them, is how the viewer watched, not personnel decided by phone ("ngồi nhà xem tài liệu rồi bấm phiếu qua
     * điện thoại" keeps the claim). Wider viewers than `watchers` ("xem", "coi"), for these terms only: "ngồi khách sạn
     * xem qua màn hình" is the delegates' own distortion.
     */
    viewedTerms: z
      .object({ terms: z.array(phrase).default([]), viewers: z.array(phrase).default([]), acts: z.array(phrase).default([]) })
      .strict()
      .default({}),
    /**
     * A claim term the item concedes to another use and then sets the official value against: one of `limits` right
     * after it ("biểu quyết giơ tay chỉ áp dụng cho các nội dung như thông qua chương trình"), or, later in its sentence,
     * one of `contrasts` and then one of `kept` with no negator between them ("đại hội có thể biểu quyết số lượng, danh
     * sách bằng giơ tay, nhưng bầu nhân sự luôn là phiếu kín"): the allowed use, not the claim.
     */
    concessions: z
      .object({ limits: z.array(phrase).default([]), contrasts: z.array(phrase).default([]), kept: z.array(phrase).default([]) })
      .strict()
      .default({}),
    /**
     * Words before the event noun that make it what an activity is for ("chào mừng Đại hội XIII"): the noun is the
     * object of that purpose, not the subject of the sentence a date opens ("Tối 25/1, … tổ chức chương trình …,
     * chào mừng Đại hội XIII khai mạc vào ngày mai").
     */
    purposes: z.array(phrase).default([]),
    /**
     * Words that join a list a purpose is before ("tìm hiểu về Đảng bộ tỉnh và Đại hội XVI"): the event noun right after
     * one, with a scope marker before it right after the purpose, is that purpose's object too.
     */
    purposeListJoins: z.array(phrase).default([]),
    /**
     * Activities held for the congress with their own opening, evening, place and dates ("triển lãm", "chương trình nghệ
     * thuật"): whose event a fact is about is the nearest gathering named before it in its sentence (one of these, or the
     * congress as the object of a purpose after one of these with the fact in a later clause), or one of these as the
     * object of the fact's verb.
     */
    celebrants: z.array(phrase).default([]),
    /** A date right after one of these ends a range the opening starts ("khai mạc … đến 22/10"): not the opening's own day. */
    rangeEnds: z.array(phrase).default([]),
    /**
     * A format claim written as a name's last word ("Sao Việt Online"): capitalised, not all capitals, right after a
     * capitalised word with small letters that names no event.
     */
    nameTails: z.array(phrase).default([]),
    /**
     * Shops and stalls with a format of their own ("tiệm bánh online", "shop mỹ phẩm online", "cửa hàng trực tuyến"): a
     * format claim within `reach` syllables after one of `nouns` in its clause, no event noun or marker between (the
     * shop's goods), says what kind of shop it is, not how the congress meets. A noun that one of `words` runs across
     * ("quán triệt", "cơ quan" typed without diacritics) is that word.
     */
    shopHolders: z
      .object({ nouns: z.array(phrase).default([]), reach: z.number().int().min(0).default(0), words: z.array(phrase).default([]) })
      .strict()
      .default({}),
    /**
     * Facilities of the congress with their own days ("Trung tâm báo chí Đại hội bắt đầu hoạt động từ ngày 23/1"): one of
     * `nouns` named right before the congress's noun (or one of `links` between, "phục vụ"), or as the nearest gathering
     * before a fact in its sentence, owns the fact (FactReader.anotherEventOwns), as an activity held for it does.
     */
    facilities: z
      .object({ nouns: z.array(phrase).default([]), links: z.array(phrase).default([]) })
      .strict()
      .default({}),
    /**
     * The writer's own count answering the sheet's exact count asked ("19 đảng bộ trực thuộc? Sai nhé. Tỉnh chỉ còn 17
     * đảng bộ trực thuộc thôi"): in one of the `reach` sentences after a question holding a count that agrees exactly
     * with a number check, a count of that check's unit right after one of `leads` ("có", "chỉ còn") is that fact's,
     * whatever its sentence's scope (FactReader.answeredCounts; the hundred-and-twentieth pass).
     */
    answeredCounts: z
      .object({ leads: z.array(phrase).default([]), reach: z.number().int().min(1).default(2) })
      .strict()
      .default({}),
    /**
     * "Kết quả kiểm phiếu được công bố trước (toàn thể) Đại hội": "trước" before the audience of an announcement
     * says in front of whom the results are read, not when. A claim term that ends in "trước" right after one of
     * `verbs`, with one of `audiences` right after it and one of `subjects` before it in its sentence (at most
     * twelve tokens before), is no claim, unless one of `settled` stands between the subject and the audience or
     * right after it ("kết quả đã công bố trước đại hội rồi": already out before the congress).
     */
    announcedBefore: z
      .object({
        verbs: z.array(phrase).default([]),
        subjects: z.array(phrase).default([]),
        audiences: z.array(phrase).default([]),
        settled: z.array(phrase).default([]),
        /** The word the claim term ends in that says "in front of" ("trước"). */
        preposition: z.string().regex(/^\S+$/, 'one word').default('trước'),
      })
      .strict()
      .default({}),
    /**
     * Words after which a number is what a claim is compared with, not the claim ("rút ngắn so với 3
     * ngày của nhiệm kỳ trước", "tăng so với 1.510 đại biểu khóa trước"): it is not checked.
     */
    comparators: z.array(phrase).default([]),
    /**
     * The day words ("mai", "hôm nay", "sáng") that may stand before a date leading its clause after a colon or a
     * comma ("Thông báo nhanh: mai 19/10 khai mạc …"); one syllable each.
     */
    clauseDayWords: z.array(z.string().regex(/^\S+$/, 'one syllable')).default([]),
    /**
     * Words that may stand before a period leading its clause ("…: từ 15 đến 17/10 đoạn QL19 … cấm xe khách vì đại hội
     * tỉnh họp ở đó"): such a period is the congress's when the congress is named later in its clause as the subject
     * of an event verb right after its name. One syllable each.
     */
    periodLeads: z.array(z.string().regex(/^\S+$/, 'one syllable')).default([]),
    /**
     * A sheet may give a value in words ("trực tiếp, kết hợp trực tuyến tới 17 điểm cầu"): for a check's
     * `when`, such a value of key K reads as the first form of valueForms[K] one of whose phrases it
     * contains (whole words, diacritics ignored); a value that is a form's name stays itself.
     */
    valueForms: z.record(z.string(), z.record(z.string(), z.array(phrase).min(1))).default({}),
    /**
     * Words that make the count right after them a part of a whole counted before it in its sentence ("… gồm 14 đồng
     * chí, trong đó có 1 đại biểu nữ"): no count of the body, checked by no number check (the 123rd pass, c107-077).
     */
    partLeads: z.array(phrase).default([]),
    /** Words that end a part's list: the count after them is stated of its own ("…; Ban Thường vụ gồm 17 người"). One syllable each. */
    partListStops: z.array(z.string().regex(/^\S+$/, 'one syllable')).default([]),
    /** Words that make a number approximate ("khoảng", "hơn"): it then contradicts only beyond approxTolerance. */
    approximators: z.array(phrase).default([]),
    approxTolerance: z.number().min(0).default(0.1),
    /**
     * An approximate number rounded to its hundreds or more states its value to its last non-zero place ("khoảng 1.500":
     * to the hundred): with this, it contradicts beyond half that place too, when that is tighter than approxTolerance —
     * the sheet's value rounded to the place must be the number ("khoảng 1.600" of 1.587 agrees, "khoảng 1.500" does
     * not; "khoảng 370" of 350 is left to the tolerance).
     */
    approxRounding: z.boolean().default(false),
    /** Words that make a number a floor ("hơn 66.000 đảng viên"): it contradicts an official count below it only. */
    floors: z.array(phrase).default([]),
    /** Words that make a number a ceiling ("chưa tới 300 đại biểu", "ít hơn 55"): it contradicts an official count above it only. */
    ceilings: z.array(phrase).default([]),
    /** Duration checks: the unit ("ngày"), phrases that make "<n> ngày" the event's length, and phrases that make it a shift of its dates. */
    duration: z
      .object({
        units: z.array(phrase).default([]),
        context: z.array(phrase).default([]),
        shift: z.array(phrase).default([]),
        /** Words right after "<n> ngày" that make it the time left before the event ("còn 1 ngày nữa"), not its length. */
        countdown: z.array(phrase).default([]),
        /** Words right after "<n> ngày" that make it the event's length ("bế mạc sau 4 ngày làm việc"), with no length phrase before. */
        lengthAfter: z.array(phrase).default([]),
        /** Words after such a length that make it a part of the event ("2 ngày làm việc đầu tiên"). */
        partial: z.array(phrase).default([]),
        /**
         * Words right after "<n> ngày" that make it an interval from an event, not the event's length ("Chỉ một ngày sau
         * khi Đại hội … bế mạc", "hai ngày trước khai mạc").
         */
        interval: z.array(phrase).default([]),
        /** Words right after "<n> ngày" that make it an indefinite day, no length ("một ngày nọ"). */
        indefinite: z.array(phrase).default([]),
        /** Nouns of the event right before "<n> ngày" that make it the event's length ("đại hội 3 ngày mà …"). */
        nouns: z.array(phrase).default([]),
        /** Words right before such a noun that make "<n> ngày" a time from the event, not its length ("trước đại hội 3 ngày"). */
        relative: z.array(phrase).default([]),
      })
      .strict()
      .default({}),
    facts: z.array(factSchema).min(1),
  })
  .strict()
  .superRefine((data, ctx) => {
    const ids = new Set<string>();
    data.facts.forEach((fact, index) => {
      if (ids.has(fact.id)) ctx.addIssue({ code: 'custom', path: ['facts', index, 'id'], message: `duplicate id "${fact.id}"` });
      ids.add(fact.id);
      for (const [key, scope] of [fact.scope, ...fact.alsoScopes].entries())
        if (!data.scopes[scope])
          ctx.addIssue({
            code: 'custom',
            path: key ? ['facts', index, 'alsoScopes', key - 1] : ['facts', index, 'scope'],
            message: `unknown scope "${scope}" (known: ${Object.keys(data.scopes).join(', ')})`,
          });
    });
  });

type FactsFileInput = z.infer<typeof factsFileSchema>;
type FactInput = FactsFileInput['facts'][number];
export type OfficialFact = Omit<FactInput, 'checks'> & { checks: FactCheck[] };
export type FactsFile = Omit<FactsFileInput, 'facts'> & { facts: OfficialFact[] };

/** A facts sheet in the shared JSON format: facts with values, without scopes or checks. */
const sheetSchema = z.array(z.object(sheetFields).passthrough());

/** Reads and validates the official-facts YAML; the spokesperson UI lists these. */
export function loadOfficialFacts(file: string, sheet?: string): OfficialFact[] {
  return loadFactsFile(file, sheet).facts;
}

/**
 * Reads the facts file (YAML: scopes, vocabulary, facts with checks). With `sheet` (the shared JSON
 * format), the sheet's facts replace the file's: each keeps the checks of the file's fact with the
 * same id (else the same topic), and its own statement, source and values.
 */
export function loadFactsFile(file: string, sheet?: string): FactsFile {
  const data = loadYamlFile(file, factsFileSchema, 'official facts');
  if (sheet) data.facts = mergeSheet(data.facts, readSheet(sheet), sheet);
  return { ...data, facts: data.facts.map((fact, index) => resolveFact(fact, index, sheet ?? file, data.valueForms)) };
}

function readSheet(file: string): z.infer<typeof sheetSchema> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new LexiconError(e.code === 'ENOENT' ? `facts sheet not found: ${file}` : `facts sheet ${file} is not valid JSON: ${e.message}`);
  }
  const result = sheetSchema.safeParse(raw);
  if (!result.success)
    throw new LexiconError(
      `Invalid facts sheet ${file}:\n${result.error.issues.map((i) => `  - ${i.path.join('.') || '(top level)'}: ${i.message}`).join('\n')}`,
    );
  return result.data;
}

function mergeSheet(template: FactInput[], sheet: z.infer<typeof sheetSchema>, file: string): FactInput[] {
  return sheet.map((f) => {
    const model = template.find((t) => t.id === f.id) ?? template.find((t) => t.topic === f.topic);
    if (!model)
      throw new LexiconError(
        `Invalid facts sheet ${file}:\n  - ${f.id}: no fact with this id or topic "${f.topic}" in the facts file, so no event or checks for it`,
      );
    return { ...model, id: f.id, statement: f.statement, date: f.date, source: f.source, topic: f.topic, values: f.values };
  });
}

/** The checks of a fact with their values read from the sheet; a missing value is an error naming the fact. */
function resolveFact(fact: FactInput, index: number, file: string, forms: FactsFileInput['valueForms']): OfficialFact {
  const fail = (c: number, message: string): never => {
    throw new LexiconError(`Invalid official facts file ${file}:\n  - facts[${index}] (${fact.id}).checks[${c}]: ${message}`);
  };
  const v = fact.values;
  const str = (key: string): string | undefined => (typeof v[key] === 'string' && v[key] ? (v[key] as string) : undefined);
  // (a count a check names by its key; a sheet without it gives none)
  const countOf = (key: string | undefined): number | null => (key !== undefined && typeof v[key] === 'number' ? (v[key] as number) : null);
  const dates = fact.checks.find((c): c is Extract<CheckInput, { kind: 'dates' }> => c.kind === 'dates');
  const period = dates ? { start: dates.start ?? str('start'), end: dates.end ?? str('end') } : { start: str('start'), end: str('end') };
  const checks = fact.checks.map((c, k): FactCheck | null => {
    switch (c.kind) {
      case 'dates': {
        const { start, end } = period;
        if (!start || !end || !daySchema.safeParse(start).success || !daySchema.safeParse(end).success)
          return fail(k, 'needs start and end (YYYY-MM-DD), in the check or in values.start / values.end');
        return { kind: 'dates', start, end, openingWithin: c.openingWithin };
      }
      case 'duration': {
        const days = c.days ?? (typeof v.days === 'number' ? v.days : period.start && period.end ? daysBetween(period.start, period.end) : undefined);
        if (!days) return fail(k, 'needs days, in the check, in values.days or from values.start / values.end');
        return { kind: 'duration', days };
      }
      case 'place': {
        const places = [...c.places, ...c.valuesFrom.map(str).filter((x): x is string => !!x)];
        if (!places.length) return fail(k, `needs places, in the check or in values (${c.valuesFrom.join(', ')})`);
        return { kind: 'place', places };
      }
      case 'number': {
        const value = c.value ?? (c.valueFrom !== undefined && typeof v[c.valueFrom] === 'number' ? (v[c.valueFrom] as number) : undefined);
        if (value === undefined) return c.optional ? null : fail(k, `needs value, in the check or in values.${c.valueFrom ?? '<valueFrom>'}`);
        return {
          kind: 'number',
          value,
          tolerance: c.tolerance,
          units: c.units,
          context: c.context,
          contextAfter: c.contextAfter,
          membersAfter: c.membersAfter,
          partBelow: c.partBelow,
          exclude: c.exclude,
          otherBodies: c.otherBodies,
          partOf: c.partOf,
          partVerbs: c.partVerbs.map((w) => canon(w).split(' ')).sort((a, b) => b.length - a.length),
          electors: c.electors,
        };
      }
      case 'claims':
        return { kind: 'claims', terms: c.terms, note: c.note, electedBodies: c.electedBodies, electVerbs: c.electVerbs, causes: c.causes };
      case 'completion': {
        const by = c.by ?? str(c.valueFrom);
        if (!by || !daySchema.safeParse(by).success) return fail(k, `needs by (YYYY-MM-DD), in the check or in values.${c.valueFrom}`);
        return {
          kind: 'completion',
          by,
          nouns: c.nouns,
          verbs: c.verbs,
          bounds: c.bounds,
          last: c.last,
          pending: c.pending,
          pendingVerbs: c.pendingVerbs,
          pendingNouns: c.pendingNouns,
          pendingQuoted: c.pendingQuoted.map(canon),
          shifts: c.shifts,
          asOf: c.asOf,
          whole: c.whole,
          exclude: c.exclude,
          late: c.late.map((w) => canon(w).split(' ')),
          count: countOf(c.countFrom),
          counters: c.counters.map((w) => canon(w).split(' ')),
          countLeads: c.countLeads.map((w) => canon(w).split(' ')),
          countVerbs: c.countVerbs.map((w) => canon(w).split(' ')),
          countReach: c.countReach,
        };
      }
    }
  });
  // a claims check whose `when` the sheet's values do not meet is dropped
  return { ...fact, checks: checks.filter((c, k): c is FactCheck => c !== null && applies(fact.checks[k], v, forms)) };
}

function applies(check: CheckInput, values: Record<string, unknown>, forms: FactsFileInput['valueForms']): boolean {
  if (check.kind !== 'claims' || !check.when) return true;
  return Object.entries(check.when).every(([key, allowed]) => {
    const value = formOf(values[key], forms[key]);
    return allowed.some((a) => a === value);
  });
}

/** A sheet's value as one of the forms of its key (see valueForms), else unchanged. */
function formOf(value: unknown, forms: Record<string, string[]> | undefined): unknown {
  if (typeof value !== 'string' || !forms || value in forms) return value;
  const words = ` ${canon(value)} `;
  for (const [form, phrases] of Object.entries(forms)) if (phrases.some((p) => words.includes(` ${canon(p)} `))) return form;
  return value;
}

/** Days from start to end, both included. */
function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * Text folded for comparing words: lower case, no diacritics, đ as d, runs of anything but letters and
 * digits as one space. The sheet's resolved phrases are in this form, and facts.ts folds item text the same way.
 */
export function canon(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
