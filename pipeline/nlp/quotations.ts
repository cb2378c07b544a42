/**
 * Quotation spans of a field, in double and in single marks, and where a token stands relative to
 * them. A quoted claim is someone else's words: cues, rules and style features inside one are read
 * as reported, not as the item's own.
 */
import { firstTokenAtOrAfter, originalOffset } from './offsets.ts';
import type { QuotationNames, TypedSequence, TypedWords } from './classifier-types.ts';
import { type PreparedText, sentenceStart, sentenceTokens, typedAccentKey } from './text.ts';

const QUOTE_CLOSE: Record<string, string> = { '"': '"', '“': '”', '«': '»', '„': '“' };

const QUOTE_CLOSE_CODE = new Map<number, number>(Object.entries(QUOTE_CLOSE).map(([o, c]) => [o.charCodeAt(0), c.charCodeAt(0)]));

/** 1 for the opening quotes (a table: the scan looks at every character). */
const OPENS_QUOTE = new Uint8Array(Math.max(...QUOTE_CLOSE_CODE.keys()) + 1);
for (const c of QUOTE_CLOSE_CODE.keys()) OPENS_QUOTE[c] = 1;

/**
 * Quotation spans [open, close) in a text given as character codes (the folded codes of a prepared
 * text): “...”, «...» and "..." paired in order; an unclosed quotation ends at the paragraph's end.
 */
export function quotationsIn(codes: Uint16Array, length: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  for (;;) {
    let i = from;
    const top = OPENS_QUOTE.length;
    for (; i < length; i++) {
      const c = codes[i];
      if (c < top && OPENS_QUOTE[c] === 1) break;
    }
    if (i >= length) break;
    const close = QUOTE_CLOSE_CODE.get(codes[i])!;
    let end = i + 1;
    while (end < length && codes[end] !== close) end++;
    let para = i + 1;
    while (para < length && codes[para] !== 0x0a) para++;
    if (end >= length || para < end) end = para < length ? para : length;
    out.push([i, end]);
    from = end + 1;
  }
  return out;
}

/** Single quotation marks: ‘…’, and '…' where the marks touch the words they enclose. */
const SINGLE_QUOTE_CLOSE = new Map<number, number>([
  [0x2018, 0x2019],
  [0x27, 0x27],
]);

const isWordCode = (c: number) => /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
/**
 * A closing single mark touches a word or a percentage ("'đại hội tỉnh họp trực tuyến 100%'"; the 123rd pass, c109-096),
 * or a thread's title ending in its question or exclamation mark ("Chủ đề '[HOT] Biên bản kiểm phiếu ĐH XIII?' đã bị
 * khóa"; the 159th pass, c142-102).
 */
const closesWord = (c: number) => c === 0x25 || c === 0x3f || c === 0x21 || isWordCode(c);
/** A single mark opens a quotation before a word, or before a thread's tag in square brackets ("'[HOT] …'"). */
const opensWord = (c: number) => c === 0x5b || isWordCode(c);

/**
 * Spans quoted in single marks, within a paragraph. A rebuttal quotes the rumour that way as
 * often as in double marks ("video 'đại biểu ma'"); elsewhere they stay words (see quotationsIn).
 */
function singleQuotationsIn(codes: Uint16Array, length: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < length; i++) {
    const close = SINGLE_QUOTE_CLOSE.get(codes[i]);
    if (close === undefined || !opensWord(codes[i + 1]) || (i > 0 && isWordCode(codes[i - 1]))) continue;
    let end = i + 1;
    while (end < length && codes[end] !== 0x0a && !(codes[end] === close && closesWord(codes[end - 1]) && !(end + 1 < length && isWordCode(codes[end + 1]))))
      end++;
    if (end >= length || codes[end] !== close) continue;
    out.push([i, end]);
    i = end;
  }
  return out;
}

/** Every mark that opens a quotation, double (QUOTE_CLOSE) or single (SINGLE_QUOTE_CLOSE). */
const QUOTE_OPENERS = new Set([...Object.keys(QUOTE_CLOSE), ...[...SINGLE_QUOTE_CLOSE.keys()].map((c) => String.fromCharCode(c))]);

/** Whether a quotation mark is the last character before token `tok` (spaces aside). */
export function opensQuotation(p: PreparedText, tok: number): boolean {
  let i = originalOffset(p, p.tokStart[tok]) - 1;
  while (i >= 0 && p.original[i] === ' ') i--;
  return i >= 0 && QUOTE_OPENERS.has(p.original[i]);
}

/** A quotation, not a scare-quoted word: at least this many syllables inside. */
export const QUOTED_CLAIM_SYLLABLES = 4;

export function syllablesFrom(p: PreparedText, tok: number, end: number): number {
  let t = tok;
  while (t < p.count && p.tokStart[t] < end) t++;
  return t - tok;
}

/** Whether a token sits inside a quoted claim (someone else's words, not the item's). */
export function inQuotedClaim(p: PreparedText, tok: number): boolean {
  const at = p.tokStart[tok];
  for (const [open, close] of quotationsIn(p.codes, p.foldedLength)) {
    if (open < at && at < close) return syllablesFrom(p, firstTokenAtOrAfter(p, open), close) >= QUOTED_CLAIM_SYLLABLES;
  }
  return false;
}

export function inQuotation(p: PreparedText, tok: number): boolean {
  return within(quotationsIn(p.codes, p.foldedLength), p.tokStart[tok]);
}

/** What a rebuttal quotes: its spans in double marks and in single ones. */
export function rebuttalQuotations(p: PreparedText): Array<[number, number]> {
  return [...quotationsIn(p.codes, p.foldedLength), ...singleQuotationsIn(p.codes, p.foldedLength)];
}

/**
 * The lines a reply quotes in the forum and mail manner ("> nghe nói …"), each someone else's words — the message
 * it answers — when the writer's own text follows one of them (a line of three words or more not so marked).
 * A forward of quoted lines alone is no reply: its lines stay the item's own.
 */
export function replyQuotations(p: PreparedText): Array<[number, number]> {
  const { codes, foldedLength: length } = p;
  const lines: Array<[number, number]> = [];
  let answered = false;
  for (let start = 0; start < length;) {
    let end = start;
    while (end < length && codes[end] !== 0x0a) end++;
    let i = start;
    while (i < end && (codes[i] === 0x20 || codes[i] === 0x09)) i++;
    if (i < end && codes[i] === 0x3e) lines.push([i, end]);
    else if (lines.length && !answered) answered = wordsIn(codes, i, end) >= 3;
    start = end + 1;
  }
  return answered ? lines : [];
}

/** The words (runs of letters or digits) in codes [from, to). */
function wordsIn(codes: Uint16Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (isWordCode(codes[i]) && (i === from || !isWordCode(codes[i - 1]))) n++;
  return n;
}

export function within(spans: Array<[number, number]>, at: number): boolean {
  for (const [open, close] of spans) if (open < at && at < close) return true;
  return false;
}

/**
 * The quotations each field names (namedQuotations), and in the text, those that repeat word for word a quotation the
 * title names: "Cảnh giác với "danh sách rò rỉ" …" over a text with "các "danh sách rò rỉ" … đều không có giá trị" —
 * the title gives the words as the rumour's, the text quotes them again (the hundred-and-twenty-third pass, c108-171).
 */
export function namedInItem(
  fields: ReadonlyArray<{ prepared: PreparedText; quotations: Array<[number, number]> }>,
  names: QuotationNames,
): Array<Array<[number, number]>> {
  const out = fields.map((f) => (f.quotations.length ? namedQuotations(f.prepared, names, f.quotations) : []));
  const denied = fields.map((f) => [
    ...deniedSayings(f.prepared, names.deniedSaying, f.quotations),
    ...refutedSayings(f.prepared, names.answeredFrame.refuted),
  ]);
  const inner = (p: PreparedText, [open, close]: [number, number]) => p.folded.slice(open + 1, close).trim();
  // (the text quoting again, word for word, a part of the claim the title's speaker denies having said: "'Tôi không hề
  // nói Đại hội kéo dài 12 ngày'" over "… cho rằng Đại hội XIII 'kéo dài 12 ngày'")
  if (fields.length > 1 && denied[0].length && fields[1].quotations.length) {
    const claims = denied[0].map((span) => ` ${inner(fields[0].prepared, span)} `);
    const quoted = fields[1].quotations.filter((q) => {
      const words = inner(fields[1].prepared, q);
      return words.includes(' ') && claims.some((c) => c.includes(` ${words} `));
    });
    if (quoted.length) denied[1] = [...denied[1], ...quoted];
  }
  const withDenied = () => out.map((spans, i) => (denied[i].length ? [...spans, ...denied[i]] : spans));
  if (fields.length < 2 || !out[0].length || !fields[1].quotations.length) return withDenied();
  const titled = new Set(out[0].map((q) => inner(fields[0].prepared, q)).filter((w) => w.length > 0));
  const again = fields[1].quotations.filter((q) => titled.has(inner(fields[1].prepared, q)) && !out[1].includes(q));
  if (again.length) out[1] = [...out[1], ...again];
  return withDenied();
}

/**
 * The claims a speaker denies having said (namedQuotations.deniedSaying): "'Tôi không hề nói Đại hội kéo dài 12 ngày'",
 * "Ca sĩ …: Tôi chưa từng nói …". The denial opens a quotation, a sentence or the words after a colon, and no word of
 * `notBefore` follows it ("tôi không nói sai: …" insists); the span from its end to the quotation's close, or else to its
 * clause's end, is the claim, cited.
 */
export function deniedSayings(p: PreparedText, denied: QuotationNames['deniedSaying'], quotes: Array<[number, number]>): Array<[number, number]> {
  if (denied.heads.lists.some((list) => list.size === 0)) return [];
  const out: Array<[number, number]> = [];
  for (let t = 0; t < p.count; t++) {
    // (the speaker's first syllable first: most tokens open no head, and the checks below cost more)
    const length = typedSequenceAt(p, t, denied.heads);
    if (!length) continue;
    const opensQuote = opensQuotation(p, t);
    if (!(t === 0 || p.tokSent[t - 1] !== p.tokSent[t] || opensQuote || colonBefore(p, t))) continue;
    const next = t + length;
    if (next >= p.count || p.tokSent[next] !== p.tokSent[t] || denied.notBefore.some((w) => typedWordsAt(p, next, w))) continue;
    const quote = opensQuote ? quotes.find(([open, close]) => open < p.tokStart[t] && p.tokStart[t] < close) : undefined;
    // (unquoted, to its clause's end: "Tôi chưa bao giờ đăng tin sai, lần này …" keeps the claim after the comma)
    let last = next;
    while (last + 1 < p.count && p.tokClause[last + 1] === p.tokClause[next]) last++;
    // (from just before the claim's first word: a contradiction's first token stands inside the span)
    out.push([p.tokStart[next] - 1, quote ? quote[1] : p.tokEnd[last]]);
  }
  return out;
}

/**
 * The versions a field reports without quotation marks and refutes (answeredFrame.refuted): "Bạn nào nói đại hội tỉnh
 * họp 1 ngày là nhầm rồi, lịch là 3 ngày" (an asker opening the sentence, the verb, the version, a verdict in the same
 * sentence) and "Mình thấy một page … ghi Đại hội XIII họp 1–10/2 … Không đúng nha các bạn: …" (the verb, the version to
 * the sentence's end, the next sentence opening with the refutation). The span from just before the version's first word
 * to its last is cited, as a denied saying is; what follows the verdict or the refutation stays the item's own.
 */
export function refutedSayings(p: PreparedText, refuted: QuotationNames['answeredFrame']['refuted']): Array<[number, number]> {
  const { said, sayers, verdicts, next } = refuted;
  if (!said.length) return [];
  const out: Array<[number, number]> = [];
  for (let first = 0; first < p.count;) {
    let end = first;
    while (end < p.count && p.tokSent[end] === p.tokSent[first]) end++;
    const refutedNext = end < p.count && next.some((name) => typedWordsAt(p, end, name));
    for (let t = first; t < end; t++) {
      const verb = said.find((name) => typedWordsAt(p, t, name));
      if (!verb) continue;
      const from = t + verb.syllables.length;
      if (from >= end) break;
      // (the asker opening the sentence right before the verb: "Bạn nào nói …", "Ai bảo …")
      const asker = sayers.find((name) => name.syllables.length === t - first && typedWordsAt(p, first, name));
      let verdict = -1;
      if (asker) for (let u = from + 1; u < end && verdict < 0; u++) if (verdicts.some((name) => typedWordsAt(p, u, name))) verdict = u;
      if (verdict > 0) out.push([p.tokStart[from] - 1, p.tokEnd[verdict - 1]]);
      else if (refutedNext) out.push([p.tokStart[from] - 1, p.tokEnd[end - 1]]);
      // (the first verb of saying only: the version is what it reports)
      break;
    }
    first = end;
  }
  return out;
}

/** Whether a colon stands right before token `t` (spaces aside). */
function colonBefore(p: PreparedText, t: number): boolean {
  let i = p.tokStart[t] - 1;
  while (i >= 0 && (p.codes[i] === 0x20 || p.codes[i] === 0xa0)) i--;
  return i >= 0 && p.codes[i] === 0x3a;
}

/**
 * The quotations of a field that a name right before them gives as someone else's words ("lời kêu gọi 'share …'",
 * "luận điệu: '…'"): only spaces or one colon between the name and the opening mark; or a name right after the
 * closing mark ("Bài '…' đã bị gỡ vì sai", namedAfter). A syllable typed with accents must be the name's as written
 * ("đóng chữ" is no "dòng chữ").
 */
export function namedQuotations(p: PreparedText, names: QuotationNames, quotes: Array<[number, number]>): Array<[number, number]> {
  const frame = names.answeredFrame;
  if (
    !names.before.length &&
    !names.after.length &&
    !names.removals.verbs.length &&
    !names.stopForwarding.verbs.length &&
    !frame.openers.length &&
    !frame.called.length
  )
    return [];
  const out: Array<[number, number]> = [];
  for (const span of quotes) {
    const after = firstTokenAtOrAfter(p, span[0]);
    const t = (after < 0 ? p.count : after) - 1;
    if (t >= 0 && onlyColonBetween(p, p.tokEnd[t], span[0]) && names.before.some((name) => namedBy(p, t, name))) out.push(span);
    else if (names.after.length && namedAfter(p, span[1], names.after)) out.push(span);
    else if (t >= 0 && removedBefore(p, t, names.removals)) out.push(span);
    else if (t >= 0 && onlyColonBetween(p, p.tokEnd[t], span[0]) && stopForwardedBefore(p, t, names.stopForwarding)) out.push(span);
    else if (t >= 0 && framedBefore(p, t, span, quotes, frame) && !deferredAfter(p, span, frame.deferrals)) out.push(span);
    else if (t >= 0 && onlyColonBetween(p, p.tokEnd[t], span[0], 0) && calledAndDenied(p, t, span, frame)) out.push(span);
  }
  return out;
}

/** The quotations of a field an answer's frame takes up (framedBefore). */
export function framedQuotations(p: PreparedText, quotes: Array<[number, number]>, frame: QuotationNames['answeredFrame']): Array<[number, number]> {
  return quotes.filter((span) => {
    const after = firstTokenAtOrAfter(p, span[0]);
    const t = (after < 0 ? p.count : after) - 1;
    return t >= 0 && framedBefore(p, t, span, quotes, frame);
  });
}

/** Clause marks: a quotation after one of them is outside the frame's clause. */
const CLAUSE_MARKS = new Set([0x2c, 0x3b, 0x3a, 0x2e, 0x21, 0x3f, 0x0a]);

/**
 * Whether the sentence of token `last` (right before a quotation) opens with an answer's frame (`answeredFrame.openers`:
 * "Trước thông tin …", "Đối với thông tin …"), the quotation opening within `gap` words after it and no clause mark
 * between outside the other quotations ("Trước thông tin trên mạng xã hội cho rằng 'Đại hội … lùi sang tháng 11', Ban
 * Tổ chức khẳng định …": the quotation is the post's claim the answer takes up, not the office's words after the comma).
 */
function framedBefore(p: PreparedText, last: number, span: [number, number], quotes: Array<[number, number]>, frame: QuotationNames['answeredFrame']): boolean {
  if (!frame.openers.length) return false;
  const first = sentenceStart(p, last);
  const opener = frame.openers.find((name) => typedWordsAt(p, first, name));
  if (!opener) return false;
  const from = first + opener.syllables.length;
  if (last - from + 1 > frame.gap || from > last + 1) return false;
  for (let i = p.tokEnd[from - 1]; i < span[0]; i++) {
    if (!CLAUSE_MARKS.has(p.codes[i])) continue;
    if (!quotes.some(([open, close]) => open < i && i < close)) return false;
  }
  return true;
}

/**
 * Whether the office's clause after a framed quotation only puts the answer off (one of `deferrals` later in the
 * quotation's sentence: "Trước thông tin '…', Ban Tổ chức khẳng định sẽ thông báo sau"): such a frame answers nothing,
 * and the 121st pass leaves that claim to the corrected claim's reading.
 */
function deferredAfter(p: PreparedText, span: [number, number], deferrals: readonly TypedWords[]): boolean {
  const from = firstTokenAtOrAfter(p, span[1] + 1);
  if (from < 0 || !deferrals.length) return false;
  for (let t = from; t < p.count && p.tokSent[t] === p.tokSent[from]; t++) if (deferrals.some((name) => typedWordsAt(p, t, name))) return true;
  return false;
}

/**
 * Whether a quotation named by one of `answeredFrame.called` right before it ("Về cái gọi là '…'") is denied after a colon
 * later in its sentence, one of `denials` right after the colon ("…' của Nghị quyết Đại hội XIII: không có."): the thing
 * so called is the rumour's, cited. A bare "cái gọi là" is no denial (a rumour scorns the official word with it too).
 */
function calledAndDenied(p: PreparedText, last: number, span: [number, number], frame: QuotationNames['answeredFrame']): boolean {
  if (!frame.called.length || !frame.denials.length || !frame.called.some((name) => namedBy(p, last, name))) return false;
  for (let i = span[1] + 1; i < p.foldedLength; i++) {
    const c = p.codes[i];
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a) return false;
    if (c !== 0x3a) continue;
    const t = firstTokenAtOrAfter(p, i + 1);
    return t >= 0 && frame.denials.some((name) => typedWordsAt(p, t, name));
  }
  return false;
}

/**
 * Whether the words ending at token `last` (right before a quotation) ask the reader to stop forwarding the post quoted:
 * one of `asks` right before one of `verbs`, at most `between` words, then one of `posts` ending at `last`, all in its
 * sentence ("đừng chuyển tiếp cái tin “…”", "thôi share mấy bài “…”").
 */
function stopForwardedBefore(p: PreparedText, last: number, sf: QuotationNames['stopForwarding']): boolean {
  const { asks, verbs, posts, between } = sf;
  if (!asks.length || !verbs.length || !posts.length) return false;
  const sentence = p.tokSent[last];
  for (const post of posts) {
    const first = last - post.syllables.length + 1;
    if (first < 0 || p.tokSent[first] !== sentence || !typedWordsAt(p, first, post)) continue;
    for (const verb of verbs)
      for (let skip = 0; skip <= between; skip++) {
        const v = first - skip - verb.syllables.length;
        if (v < 0 || p.tokSent[v] !== sentence || !typedWordsAt(p, v, verb)) continue;
        if (
          asks.some(
            (ask) => v - ask.syllables.length >= 0 && p.tokSent[v - ask.syllables.length] === sentence && typedWordsAt(p, v - ask.syllables.length, ask),
          )
        )
          return true;
      }
  }
  return false;
}

/**
 * Whether the words ending at token `last` (right before a quotation) hold a moderator's removal of the posts quoted:
 * one of `verbs`, at most one word (a count: "3", "các"), one of `posts`, then at most `gap` words, all in `last`'s
 * sentence ("Nhóm đã xóa 3 bài đăng 'danh sách … rò rỉ'", "đã gỡ 6 bài đăng chia sẻ "…"").
 */
function removedBefore(p: PreparedText, last: number, removals: QuotationNames['removals']): boolean {
  const { verbs, posts, gap } = removals;
  if (!verbs.length || !posts.length) return false;
  const sentence = p.tokSent[last];
  for (const post of posts) {
    for (let end = last; end >= 0 && end >= last - gap; end--) {
      const first = end - post.syllables.length + 1;
      if (first < 0 || p.tokSent[first] !== sentence || !typedWordsAt(p, first, post)) continue;
      for (const verb of verbs)
        for (let skip = 0; skip <= 1; skip++) {
          const v = first - skip - verb.syllables.length;
          if (v >= 0 && p.tokSent[v] === sentence && typedWordsAt(p, v, verb)) return true;
        }
    }
  }
  return false;
}

/**
 * Whether a field answers a question or a rumour in the answer, mailbag, newsletter or notice register: it opens with
 * one of `answers.openers` ("Trả lời câu hỏi hôm qua của chị Lan …", "Hộp thư thính giả: …", "Về câu hỏi '…': …"),
 * or one of `answers.labelled` with a colon after it ("📢 ADMIN: …") or in square brackets ("[ADMIN] …"), or one of `answers.reported.openers` with one of its
 * verbs later in the sentence ("Trước thông tin … cho rằng '…'"), after one of `answers.replies` ("Re: …") and one
 * of `answers.labels` with its colon ("Tóm tắt: …") at most, or holds one of `answers.received` anywhere ("Bản tin nhận được
 * câu hỏi của nhiều hội viên …", "Một số thính giả gửi tin nhắn hỏi về …").
 */
export function answersQuestion(p: PreparedText, answers: QuotationNames['answers']): boolean {
  if (!p.count) return false;
  let first = answers.replies.has(p.tokText[0]) ? 1 : 0;
  // (a field's label, a colon after it: "Tóm tắt: Trả lời phóng viên về …")
  const label = answers.labels.find((name) => typedWordsAt(p, first, name) && colonAfter(p, first + name.syllables.length - 1));
  if (label) first += label.syllables.length;
  if (answers.openers.some((name) => typedWordsAt(p, first, name))) return true;
  if (answers.labelled.some((name) => typedWordsAt(p, first, name) && (colonAfter(p, first + name.syllables.length - 1) || bracketed(p, first, name))))
    return true;
  // (the answer to a post whose claim the sentence reports: "Trước thông tin … cho rằng '…', Văn phòng Tỉnh ủy khẳng định …")
  const reported = answers.reported.openers.find((name) => typedWordsAt(p, first, name));
  if (reported) {
    let end = first + reported.syllables.length;
    while (end < p.count && p.tokSent[end] === p.tokSent[first]) end++;
    if (typedWordsWithin(p, first + reported.syllables.length, end, answers.reported.verbs)) return true;
  }
  return typedWordsWithin(p, 0, p.count, answers.received);
}

/** Whether `name` at token `first` stands in square brackets at the head of its field ("[ADMIN] …", "[THÔNG BÁO TỪ ADMIN] …"). */
function bracketed(p: PreparedText, first: number, name: TypedWords): boolean {
  const before = String.fromCharCode(...p.codes.subarray(0, p.tokStart[first])).trim();
  if (!before.endsWith('[')) return false;
  let i = p.tokEnd[first + name.syllables.length - 1];
  while (i < p.foldedLength && (p.codes[i] === 0x20 || p.codes[i] === 0xa0)) i++;
  return i < p.foldedLength && p.codes[i] === 0x5d;
}

/** Whether a colon follows token `t`, only spaces between. */
function colonAfter(p: PreparedText, t: number): boolean {
  let i = p.tokEnd[t];
  while (i < p.foldedLength && (p.codes[i] === 0x20 || p.codes[i] === 0xa0)) i++;
  return i < p.foldedLength && p.codes[i] === 0x3a;
}

/**
 * Whether an item answers a question or a rumour (answersQuestion, in either field): every quotation in it is the
 * question's or the rumour's words, quoted.
 */
export function answeringItem(fields: Array<{ prepared: PreparedText; quotations: Array<[number, number]> }>, names: QuotationNames): boolean {
  const { openers, labelled, received, reported } = names.answers;
  return (
    (openers.length > 0 || labelled.length > 0 || received.length > 0 || reported.openers.length > 0) &&
    fields.some((f) => f.quotations.length) &&
    fields.some((f) => answersQuestion(f.prepared, names.answers))
  );
}

/** Whether one of `names` stands in sentence `sentence` of a field ("… bảo chưa có văn bản nào"). */
export function unsourcedIn(p: PreparedText, sentence: number, names: TypedWords[]): boolean {
  if (!names.length) return false;
  const [first, end] = sentenceTokens(p, sentence);
  for (let t = first; t < end; t++) if (names.some((name) => typedWordsAt(p, t, name))) return true;
  return false;
}

/**
 * Whether sentence `sentence` sets a value aside as the rumour's: one of `not` ("không phải") and, within `gap` words
 * after it in the sentence, one of `as` ("như tin", "như tin đồn"): "không phải 1 ngày như tin bên nhóm mình".
 */
export function setAsideIn(p: PreparedText, sentence: number, setAside: { not: TypedWords[]; as: TypedWords[]; gap: number }): boolean {
  if (!setAside.not.length || !setAside.as.length) return false;
  const [first, end] = sentenceTokens(p, sentence);
  for (let t = first; t < end; t++) {
    const not = setAside.not.find((n) => typedWordsAt(p, t, n));
    if (!not) continue;
    const from = t + not.syllables.length;
    for (let u = from; u < end && u <= from + setAside.gap; u++) if (setAside.as.some((a) => typedWordsAt(p, u, a))) return true;
  }
  return false;
}

/**
 * A name right after the closing mark at `close`, only spaces between: what was done to the post quoted ("Bài 'Đại
 * hội 13 kéo dài đến 5/2' đã bị gỡ vì sai").
 */
function namedAfter(p: PreparedText, close: number, names: TypedWords[]): boolean {
  const t = firstTokenAtOrAfter(p, close + 1);
  if (t < 0) return false;
  return (onlyColonBetween(p, close + 1, p.tokStart[t], 0) || onlyArrowBetween(p, close + 1, p.tokStart[t])) && names.some((name) => typedWordsAt(p, t, name));
}

/** Arrow marks "→", "⇒", "➡", "->", "=>" between `from` and `to`, spaces around: a checklist's "'…' → sai". */
function onlyArrowBetween(p: PreparedText, from: number, to: number): boolean {
  const text = String.fromCharCode(...p.codes.subarray(from, to)).trim();
  return ARROWS.has(text);
}

const ARROWS = new Set(['→', '⇒', '➡', '->', '=>', '-->', '==>'].map((a) => a.normalize('NFC')));

/**
 * The quotations of a field that stand in a list — two or more joined only by one of `joiners` (folded, spaces
 * collapsed: a comma, "và", "hay", "hoặc"): "toàn tin “mua ghế”, “rò rỉ”, “nghị quyết mật”", "mạng tràn ngập 'danh
 * sách rò rỉ', 'tin nội bộ'", "các bài "danh sách nhân sự", "tin nội bộ"". A writer who lists what others say names their words: the cues inside are mentioned, not used, in any
 * item (no read distortion lists its claims so; every read item that does is a complaint, a notice or a rebuttal).
 */
export function listedQuotations(p: PreparedText, quotes: Array<[number, number]>, joiners: Set<string>): Array<[number, number]> {
  const spans = [...quotes].sort((a, b) => a[0] - b[0]);
  const out = new Set<[number, number]>();
  for (let k = 0; k + 1 < spans.length; k++) {
    const close = spans[k][1];
    const open = spans[k + 1][0];
    if (open <= close) continue;
    const between = String.fromCharCode(...p.codes.subarray(close + 1, open))
      .trim()
      .replace(/\s+/g, ' ');
    if (!joiners.has(between)) continue;
    out.add(spans[k]);
    out.add(spans[k + 1]);
  }
  return [...out];
}

/** Whether the tokens ending at `last` are `name`. */
function namedBy(p: PreparedText, last: number, name: TypedWords): boolean {
  return typedWordsAt(p, last - name.syllables.length + 1, name);
}

/** Whether one of `names` (as typedWordsAt reads them) stands wholly within tokens `from` to `to - 1`. */
export function typedWordsWithin(p: PreparedText, from: number, to: number, names: readonly TypedWords[]): boolean {
  for (let t = from; t < to; t++) for (const name of names) if (t + name.syllables.length <= to && typedWordsAt(p, t, name)) return true;
  return false;
}

/**
 * The number of tokens from `first` that a sequence's phrases cover, one of each list in order (as typedWordsAt reads
 * them), or 0: the first combination in the lists' order, each list's phrases tried in turn.
 */
export function typedSequenceAt(p: PreparedText, first: number, sequence: TypedSequence): number {
  return Math.max(0, listsFrom(p, first, sequence, 0));
}

/** The tokens that lists `list` on cover from `first` (typedSequenceAt), or -1. */
function listsFrom(p: PreparedText, first: number, sequence: TypedSequence, list: number): number {
  if (list === sequence.lists.length) return 0;
  const phrases = first < p.count ? sequence.lists[list].get(p.tokText[first]) : undefined;
  if (!phrases) return -1;
  for (const phrase of phrases) {
    if (!typedWordsAt(p, first, phrase)) continue;
    const rest = listsFrom(p, first + phrase.syllables.length, sequence, list + 1);
    if (rest >= 0) return phrase.syllables.length + rest;
  }
  return -1;
}

/** Whether the tokens from `first` are `name`'s words, each typed with its accents or without any. */
export function typedWordsAt(p: PreparedText, first: number, name: TypedWords): boolean {
  if (first < 0 || first + name.syllables.length > p.count) return false;
  for (let k = 0; k < name.syllables.length; k++) {
    const t = first + k;
    if (p.tokText[t] !== name.syllables[k]) return false;
    const typed = typedAccentKey(p, t);
    if (typed !== null && typed !== name.keys[k]) return false;
  }
  return true;
}

/** Only spaces (and at most `maxColons` colons) between offsets `from` and `to`. */
function onlyColonBetween(p: PreparedText, from: number, to: number, maxColons = 1): boolean {
  let colons = 0;
  for (let i = from; i < to; i++) {
    const c = p.codes[i];
    if (c === 0x3a) colons++;
    else if (c !== 0x20 && c !== 0xa0) return false;
  }
  return colons <= maxColons;
}
