import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { cuesSchema, groupPhrases, loadYamlFile } from '../../pipeline/nlp/lexicon.ts';
import { loadConfig } from '../../core/config.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { evidenceAgainst } from '../../pipeline/nlp/model.ts';
import { CONFIG, classifier, firedGroup, forBothForms, stripDiacritics, contradictionsOf } from './helpers.ts';

// Each family: phrasings written for these tests (not corpus sentences), accented and without
// diacritics, and the contexts that must not count (a rebuttal quoting the rumour, a genuine question).
const classify = (text: string, title = '') => classifier().classify({ title, text });
const distortionTerms = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight > 0).map((e) => e.term);
/** The item was read as a question offering two versions (group alternative-question). */
const alternatives = (c: Classification) => c.explanations.some((e) => e.term.startsWith('alternative-question'));

function expectFamily(text: string, family: string) {
  forBothForms([text], (c, t) => {
    expect(c.congress, t).toBe(true);
    expect(
      distortionTerms(c).some((x) => x.startsWith(family)),
      `${t}: ${distortionTerms(c).join(', ')}`,
    ).toBe(true);
    expect(c.distortion, t).toBe(true);
  });
}

/** Each claim, as typed and without diacritics, reads as the family; no contrast has a term of it. */
function expectClaimType(family: string, claims: string[], contrasts: string[]) {
  for (const text of claims) expectFamily(text, family);
  forBothForms(contrasts, (c, t) =>
    expect(
      distortionTerms(c).filter((x) => x.startsWith(family)),
      t,
    ).toEqual([]),
  );
}

/** Whether each text's lexicon evidence, as typed and without diacritics, speaks against distortion (evidenceAgainst). */
function expectAgainst(texts: string[], want: boolean): void {
  forBothForms(texts, (c, t) => expect(evidenceAgainst(c), t).toBe(want));
}

/** Whether each text, as typed and without diacritics, has a term of `group` and lexicon evidence against distortion, both `want`. */
function expectGroupAgainst(group: string, texts: string[], want: boolean): void {
  forBothForms(texts, (c, t) => {
    expect(
      c.explanations.some((e) => e.term.startsWith(group)),
      `${t}: ${c.explanations.map((e) => e.term).join(', ')}`,
    ).toBe(want);
    expect(evidenceAgainst(c), t).toBe(want);
  });
}

/** Whether each text, as typed and without diacritics, is judged congress-related. */
function expectCongress(texts: string[], want: boolean): void {
  forBothForms(texts, (c, t) => expect(c.congress, t).toBe(want));
}

/** Whether a one-group cue file (`group`, its YAML flow mapping) counts its group in a text, lexicons alone. */
function groupCounts(group: string): (text: string) => boolean {
  const dir = mkdtempSync(join(tmpdir(), 'cues-'));
  const file = join(dir, 'cues.yaml');
  writeFileSync(file, `id: x\ngroups:\n  - ${group}\n`);
  const id = /id: ([^,]+),/.exec(group)![1];
  const custom = loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), cueFiles: [file], modelFile: undefined });
  return (text) => custom.classify({ title: '', text }).explanations.some((e) => e.term.startsWith(id));
}

/**
 * Each text, as typed and without diacritics, is read by `marked` (a notice, a checklist line), counts no cue but
 * shouting, and is not flagged.
 */
function expectAnswered(texts: string[], marked: (c: Classification) => boolean) {
  forBothForms(texts, (c, t) => {
    expect(c.congress, t).toBe(true);
    expect(marked(c), `${t}: ${c.explanations.map((e) => e.term).join(', ')}`).toBe(true);
    expect(
      distortionTerms(c).filter((x) => !x.startsWith('style:')),
      t,
    ).toEqual([]);
    expect(c.distortion, t).toBe(false);
  });
}

/** The rumour's own urgency or threat: no moderator's notice is read, and the item is still a distortion. */
function expectNoticeNotReadYetFlagged(c: Classification, t: string): void {
  expect(firedGroup(c, 'moderation'), t).toEqual([]);
  expect(c.distortion, `${t}: ${distortionTerms(c).join(', ')}`).toBe(true);
}

/** Whether the item is read as a rebuttal is `want`; returns the classification. */
function expectRebuttal(text: string, want: boolean): Classification {
  const c = classify(text);
  expect(
    c.explanations.some((e) => e.term.startsWith('rebuttal')),
    `${text}: ${c.explanations.map((e) => e.term).join(', ')}`,
  ).toBe(want);
  return c;
}

describe('cue families', () => {
  it('hearsay', () => {
    expectFamily('Nghe phong thanh là Đại hội Đảng bộ tỉnh năm nay sẽ bầu thêm hai phó bí thư.', 'hearsay');
    expectFamily('Thiên hạ đang đồn ầm lên là Đại hội XIII sẽ có Tổng Bí thư mới từ miền Nam.', 'hearsay');
    expectFamily('Chưa báo nào dám đưa chuyện Ban Chấp hành khóa mới của tỉnh bị Trung ương trả hồ sơ.', 'press-hiding');
  });

  it('an insider, a relative or friend working there', () => {
    expectFamily('Ông chú mình công tác ở Tỉnh ủy kể là Ban Chấp hành khóa mới sẽ có ba gương mặt từ ngoài tỉnh.', 'insider');
    expectFamily('Theo nguồn tin thân cận, đại hội đảng bộ tỉnh sẽ bầu bí thư từ Trung ương về.', 'insider');
    expectFamily('Mình không tiện nêu nguồn, nhưng Đại hội XIII sẽ bầu Bộ Chính trị 20 người.', 'insider');
    // the source named as a relative or close friend
    expectFamily('Ban Chấp hành tỉnh khóa mới sẽ có hai phó bí thư từ nơi khác về. Nguồn: anh trai mình làm ở Văn phòng Tỉnh ủy.', 'insider');
    expectFamily('Tin từ em gái công tác bên Ban Tổ chức: đại hội tỉnh đã chốt xong bí thư.', 'insider');
    expectFamily('Đồng nghiệp của mình làm tại Tỉnh ủy bảo đại hội đảng bộ tỉnh năm nay bầu thiếu.', 'insider');
  });

  it('share before it is removed', () => {
    expectFamily('Xem ngay kẻo bị gỡ: clip phát biểu ở Đại hội Đảng bộ tỉnh mà báo chí cắt bỏ.', 'share-before-removal');
    expectFamily('Anh em tải về liền trước khi kênh bị khóa, toàn bộ về nhân sự Đại hội XIII.', 'share-before-removal');
  });

  it('secret or leaked documents', () => {
    expectFamily('Công văn mật về nhân sự Đại hội XIII đây, ai cần thì để lại email.', 'secret-document');
    expectFamily('Lộ biên bản kiểm phiếu của đại hội đảng bộ tỉnh, số phiếu khác hẳn công bố.', 'secret-document');
  });

  it('a pre-arranged result', () => {
    expectFamily('Kết quả Đại hội XIII đã có sẵn, đại biểu bỏ phiếu chỉ là thủ tục.', 'pre-arranged');
    expectFamily('Danh sách Ban Chấp hành khóa mới của Đại hội Đảng bộ tỉnh người ta chọn xong hết rồi, bầu cử làm màu thôi.', 'pre-arranged');
    expectFamily('Ghế Bí thư Tỉnh ủy khóa mới đã có chủ, đại hội đảng bộ tỉnh chỉ là diễn kịch.', 'pre-arranged');
    // approved or settled "from before" the vote
    expectFamily('Danh sách Bộ Chính trị khóa XIII đã được bên ngoài duyệt từ trước, đại hội chỉ bầu theo.', 'pre-arranged');
  });

  it('a leading question backed by what many people say', () => {
    const text = 'Có phải Đại hội Đảng bộ tỉnh mình bị dời không mọi người? Nhiều nhóm đang nói vậy.';
    // asking politely does not make it a reader's question
    for (const t of [text, stripDiacritics(text), `Cho em hỏi chút. ${text}`]) {
      const c = classify(t);
      expect(distortionTerms(c), t).toContain('rule leading-question');
      expect(c.distortion, t).toBe(true);
    }
  });

  it('an unsourced claim in a neutral register, unless a named official source carries it', () => {
    const claim = classify('Tại đại hội đảng bộ huyện, mỗi ghế ủy viên Ban Chấp hành có giá 2 tỷ một ghế.');
    expect(distortionTerms(claim)).toContain('rule unsourced-claim');
    expect(claim.distortion).toBe(true);
    const sourced = classify(
      'Theo kết luận của Ủy ban Kiểm tra, một cán bộ đã chi tiền để được giới thiệu vào Ban Chấp hành Đảng bộ huyện trước đại hội; vụ việc đã được xử lý.',
    );
    expect(distortionTerms(sourced)).not.toContain('rule unsourced-claim');
    expect(sourced.distortion).toBe(false);
    // a forced re-vote is a claim; electing a cell committee again after a retirement is not
    expect(distortionTerms(classify('Đại hội đảng bộ huyện bị buộc bầu lại vì danh sách không ai chịu.'))).toContain('rule unsourced-claim');
    const again = classify('Chi bộ thôn mình đại hội tối qua, bầu lại chi ủy vì bí thư cũ nghỉ hưu.');
    expect(distortionTerms(again)).not.toContain('rule unsourced-claim');
  });

  it('voting by machine is no claim of its own; the machines called a sham or rigged are', () => {
    const reports = [
      'Đại hội XIII bỏ phiếu kín qua hệ thống bỏ phiếu điện tử, kết quả được công bố ngay tại hội trường.',
      'Các đại biểu bầu bằng máy điện tử, mỗi người một thiết bị tại chỗ ngồi.',
      'Sáng nay đại hội bấm máy biểu quyết thông qua nghị quyết.',
    ];
    forBothForms(reports, (c, t) => expect(distortionTerms(c), t).not.toContain('rule unsourced-claim'));
    const claims = [
      'Đại hội tỉnh năm nay có máy bỏ phiếu điện tử chỉ để làm màu, kết quả đã có từ trước.',
      'Ở đại hội tỉnh, máy bầu điện tử đã cài sẵn kết quả rồi, bầu gì cũng vậy.',
      'Đại hội tỉnh kỳ này có hệ thống bỏ phiếu điện tử bị can thiệp, bầu xong là có danh sách.',
    ];
    forBothForms(claims, (c, t) => expect(distortionTerms(c), t).toContain('rule unsourced-claim'));
  });

  it('an irregularity stated as settled in a calm register, unless a source, a question or a denial carries it', () => {
    for (const text of [
      'Tại phiên bầu cử của Đại hội Đảng bộ tỉnh, gần một nửa đại biểu không đồng tình với danh sách do khóa cũ giới thiệu.',
      'Ba đảng bộ xã đã phải tổ chức lại đại hội vì kết quả bầu cử không đạt, việc này diễn ra lặng lẽ.',
      'Phó bí thư Tỉnh ủy khóa mới sẽ được điều động về Hà Nội ngay sau Đại hội XIII.',
      'Kinh phí tổ chức Đại hội Đảng bộ tỉnh năm nay cao gấp đôi nhiệm kỳ trước.',
    ]) {
      for (const t of [text, stripDiacritics(text)]) {
        const c = classify(t);
        expect(distortionTerms(c), t).toContain('rule unsourced-irregularity');
        expect(c.distortion, t).toBe(true);
      }
    }
    for (const text of [
      // an office or a document vouches for it
      'Theo báo cáo của Ban Tổ chức, 5 đại biểu không đồng tình với phương án nhân sự, đại hội đã thảo luận và biểu quyết lại.',
      'Ban Thẩm tra tư cách cho biết một đại biểu sẽ được thay thế vì lý do sức khỏe.',
      // a question, and a denial
      'Có phải đại biểu Đại hội Đảng bộ tỉnh không đồng tình với phương án nhân sự không?',
      'Tin 3 đảng bộ huyện phải tổ chức lại đại hội là bịa đặt, cả 17 đại hội cấp huyện đều thành công.',
    ]) {
      expect(distortionTerms(classify(text)), text).not.toContain('rule unsourced-irregularity');
    }
    // a personnel outcome explained by discipline, health or a relative, told as settled
    for (const text of [
      'Nguyên Giám đốc Sở Tài chính không trúng Ban Chấp hành Đảng bộ tỉnh khóa mới vì đang bị điều tra về đất đai.',
      'Tân Phó Chủ tịch tỉnh là em vợ của một ủy viên Ban Thường vụ Tỉnh ủy.',
    ]) {
      expect(distortionTerms(classify(text)), text).toContain('rule unsourced-irregularity');
    }
    // the same claim quoted from someone else is not the item's own; a scare-quoted word still is
    const quoted = 'Một tài khoản đăng tin "Tân Phó Chủ tịch tỉnh là em vợ của một ủy viên Ban Thường vụ", cơ quan chức năng đang làm việc.';
    expect(distortionTerms(classify(quoted))).not.toContain('rule unsourced-irregularity');
    expect(distortionTerms(classify('Danh sách Ban Chấp hành Đảng bộ tỉnh khóa mới đã được "chuẩn bị sẵn" từ tháng trước.'))).toContain(
      'rule unsourced-irregularity',
    );
    // posts shortened as social posts shorten them
    expect(distortionTerms(classify('ĐH huyện xong rồi, PBT huyện mới là em rể của một PCT tỉnh.'))).toContain('rule unsourced-irregularity');
    // an anaphor ("Con số này", "Ông này") brings in the subject named in the sentence before, and its source
    for (const text of [
      'Chi phí tổ chức Đại hội Đảng bộ tỉnh lên tới 40 tỷ đồng. Con số này cao gấp ba lần nhiệm kỳ trước.',
      'Đại hội Đảng bộ tỉnh đã bầu tân Phó Bí thư Tỉnh ủy. Ông này là em vợ của chủ một doanh nghiệp lớn.',
    ]) {
      expect(distortionTerms(classify(text)), text).toContain('rule unsourced-irregularity');
      expect(distortionTerms(classify(text.replace(/(Con số|Ông) này/, 'Thời tiết'))), text).not.toContain('rule unsourced-irregularity');
    }
    expect(
      distortionTerms(classify('Theo báo cáo của Ban Tổ chức, chi phí Đại hội Đảng bộ tỉnh là 4 tỷ đồng. Con số này thấp nhất từ trước đến nay.')),
    ).not.toContain('rule unsourced-irregularity');
    // a record in a report's figures is not an irregularity of the congress's own business
    expect(distortionTerms(classify('Đại hội Đảng bộ tỉnh nghe báo cáo: thu ngân sách năm 2020 đạt mức kỷ lục.'))).not.toContain('rule unsourced-irregularity');
  });

  it('what television cut or did not show; the outside arranging it, subject first', () => {
    for (const text of [
      'Phát biểu bế mạc Đại hội Đảng bộ tỉnh có đoạn nhắc chuyện nhân sự mà truyền hình cắt đi rồi.',
      'Màn bầu Ban Chấp hành Đại hội XIII thế nào TV không chiếu đâu, anh em tự hiểu.',
    ])
      expectFamily(text, 'press-hiding');
    for (const text of [
      'Nhân sự Đại hội XIII do nước ngoài sắp đặt hết, đại hội chỉ đọc lại danh sách.',
      'Ghế Bộ Chính trị khóa XIII thì Trung Quốc bật đèn xanh rồi mới bầu.',
    ])
      expectFamily(text, 'pre-arranged');
    // an insinuating question: what are they hiding
    for (const text of ['Sao phiên bầu Ban Chấp hành Đại hội Đảng bộ tỉnh lại họp kín? Họ muốn giấu chuyện gì vậy?']) expectFamily(text, 'hedged');
    // television named without a cut is not hearsay
    expect(distortionTerms(classify('Truyền hình trực tiếp phiên khai mạc Đại hội Đảng bộ tỉnh lúc 8 giờ sáng mai.'))).toEqual([]);
  });

  it('a forged document shown to be one is a rebuttal', () => {
    const text =
      'Về "quyết định nhân sự mật" của Tỉnh ủy đang lan truyền trước Đại hội Đảng bộ tỉnh: văn bản không đúng thể thức, con dấu bị ghép. Đừng để bị dắt mũi.';
    const c = classify(text);
    expect(c.congress).toBe(true);
    expect(
      c.explanations.some((e) => e.term.startsWith('rebuttal')),
      c.explanations.map((e) => e.term).join(', '),
    ).toBe(true);
    expect(c.distortion, distortionTerms(c).join(', ')).toBe(false);
  });

  it("a news register's unnamed source; hearsay from the other group, foreign pages, what one sees said; what the press cut", () => {
    expectFamily('Đại hội Đảng bộ tỉnh đã bế mạc. Có thông tin cho hay ba ủy viên Ban Thường vụ khóa cũ đã được vận động nghỉ trước đại hội.', 'insider');
    expectFamily('Theo thông tin chúng tôi nắm được, Ban Chấp hành Đảng bộ tỉnh khóa mới sẽ có hai phó bí thư từ nơi khác về.', 'insider');
    expectFamily('Đại hội XIII lùi một ngày vì nội bộ bất đồng phải không? Mình đọc trang nước ngoài nói vậy.', 'hearsay');
    // (led by a person in both forms: "em thay bao the" without diacritics is "thấy báo thế" as often, and a bare
    // "thấy bảo" counts only typed with its accents — unaccented-misreads.test.ts)
    expectFamily('Ban Chấp hành Đảng bộ tỉnh khóa mới có ba người bị loại phút chót, em thấy người ta bảo thế.', 'hearsay');
    expectFamily('Phát biểu bế mạc của Bí thư Tỉnh ủy tại đại hội có đoạn chê cấp dưới, bản đăng báo cắt mất rồi.', 'press-hiding');
    // a named office that said it is no unnamed source
    const named = classify('Văn phòng Tỉnh ủy cho biết Đại hội Đảng bộ tỉnh bế mạc chiều nay.');
    expect(distortionTerms(named)).toEqual([]);
  });

  it('an annex or document "not published" whose content the post tells', () => {
    expectFamily('Nghị quyết Đại hội XIII có kèm một phụ lục không công bố về việc sáp nhập các tỉnh Tây Nguyên.', 'secret-document');
    expectFamily('Đại hội Đảng bộ tỉnh thông qua một văn bản không được công khai về nhân sự khóa mới.', 'secret-document');
    // what is not yet announced is no secret document
    expect(distortionTerms(classify('Kết quả bầu Ban Thường vụ Tỉnh ủy khóa mới chưa công bố, sẽ thông báo sau hội nghị lần thứ nhất.'))).toEqual([]);
  });

  it('a step of the published procedure said ahead is no settled future about people', () => {
    for (const text of [
      'Danh sách Ban Chấp hành khóa mới sẽ được công bố tại phiên bế mạc.',
      'Ban Thường vụ khóa mới sẽ họp phiên đầu tiên ngay sau khi Đại hội Đảng bộ tỉnh bế mạc.',
      'Đại biểu dự Đại hội XIII sẽ được thông báo lịch làm việc trước một tuần.',
    ])
      expect(distortionTerms(classify(text)), text).not.toContain('rule unattributed-future');
    // (what will happen to people still counts: 'a specific claim in a calm report …' below)
  });

  it('a question that presumes the rumour it asks about, with nobody said to be saying it', () => {
    for (const text of [
      'Phải chăng lịch Đại hội Đảng bộ tỉnh bị xáo trộn vì nội bộ chia rẽ?',
      'Chẳng lẽ Ban Chấp hành khóa mới của tỉnh lại không có ai trẻ dưới 40 tuổi?',
      'Sao không ai nói chuyện đại biểu Đại hội XIII bị ép rút tên vậy?',
      'Tại sao báo chí không đưa vụ Đại hội tỉnh phải bầu lại Ban Thường vụ?',
    ])
      expectFamily(text, 'rule presumptive-question');
    // a plain question, a reader asking to be told, a rebuttal answering the question: no
    for (const text of [
      'Đại hội Đảng bộ tỉnh khai mạc ngày nào vậy mọi người?',
      'Cho mình hỏi phải chăng năm nay Đại hội tỉnh họp ba ngày, để làm bài tập ạ?',
      'Có người hỏi "phải chăng Đại hội XIII họp kín?". Thông tin này không đúng: phiên khai mạc và bế mạc truyền hình trực tiếp.',
    ])
      expect(distortionTerms(classify(text)), text).not.toContain('rule presumptive-question');
  });

  it('"ai hay" is "anyone heard", not an "or" between two versions', () => {
    const text = 'Có ai hay tin Đại hội Đảng bộ huyện mình bị tổ chức lại không? Nghe nói bị tỉnh bắt bầu lại Ban Thường vụ.';
    for (const t of [text, stripDiacritics(text)]) expect(alternatives(classify(t)), t).toBe(false);
    expectFamily(text, 'hearsay');
  });

  it('a vote, a congress or a consultation held for show; a satire marker inside that claim is the claim', () => {
    expectFamily('Đại hội chi bộ thôn tuần rồi bầu bí thư mới, tổ chức cho vui thôi chứ người ta chọn từ xã xuống hết.', 'pre-arranged');
    expectFamily('Dự thảo văn kiện Đại hội XIII đưa các đảng bộ góp ý cho có thôi, sửa xong từ trước rồi.', 'pre-arranged');
  });

  it('official talk quoted as a leak suppresses the quotation, not the sentence that offers the leak', () => {
    const leak = 'Đoạn ghi âm cuộc họp nhân sự Đại hội Đảng bộ tỉnh: "cứ bầu theo danh sách, không để xảy ra chuyện gì".';
    for (const t of [leak, stripDiacritics(leak)])
      expect(
        distortionTerms(classify(t)).some((x) => x.startsWith('secret-document')),
        t,
      ).toBe(true);
    // official prevention talk outside a quotation still suppresses its sentence
    const c = classify('Đại hội Đảng bộ tỉnh kiên quyết không để xảy ra tình trạng mua chức, chạy chức.');
    expect(c.distortion, distortionTerms(c).join(', ')).toBe(false);
  });

  it('a business paying, gifts kept, public cars, an inflated cost: irregularities stated with no source', () => {
    for (const text of [
      'Sau phiên bế mạc Đại hội Đảng bộ huyện là tiệc chiêu đãi, chi phí do một công ty xây dựng tài trợ.',
      'Đại biểu dự Đại hội Đảng bộ tỉnh được phát điện thoại mới, sau đại hội được giữ lại dùng riêng.',
      'Mấy chục xe công được huy động chở đại biểu Đại hội Đảng bộ tỉnh đi tham quan.',
      'Chi phí tổ chức Đại hội Đảng bộ tỉnh được ước tính lên tới 12 tỷ đồng.',
      'Ban Chấp hành Đảng bộ huyện khóa mới có đến một phần ba là họ hàng với nhau.',
    ])
      expect(distortionTerms(classify(text)), text).toContain('rule unsourced-irregularity');
    // a source that vouches, or the office announcing it
    for (const text of [
      'Theo báo cáo của Văn phòng Tỉnh ủy, chi phí tổ chức Đại hội Đảng bộ tỉnh được ước tính lên tới 2 tỷ đồng, giảm so với dự toán.',
      'Văn phòng Tỉnh ủy cho biết xe đưa đón đại biểu Đại hội Đảng bộ tỉnh do các sở bố trí, không dùng xe công của huyện.',
    ])
      expect(distortionTerms(classify(text)), text).not.toContain('rule unsourced-irregularity');
  });

  it('security measures blown up around the venue, with no source', () => {
    const claim = classify('Trong ba ngày đại hội đảng bộ tỉnh, toàn bộ thành phố sẽ bị phong tỏa và cấm người dân ra vào.');
    expect(distortionTerms(claim)).toContain('rule unsourced-claim');
    expect(claim.distortion).toBe(true);
    expect(distortionTerms(classify('Sáng nay các tuyến đường bị phong tỏa quanh hội trường Đại hội Đảng bộ tỉnh từ 5 giờ.'))).toContain(
      'rule unsourced-claim',
    );
    for (const text of [
      'Tin “phong tỏa thị xã trong mấy ngày đại hội tỉnh” là bịa đặt, chỉ điều chỉnh giao thông vài tuyến đường.',
      'Chuyện “cấm người ngoài ra vào thành phố suốt đại hội đảng bộ tỉnh” là tin bịa, bà con cứ đi lại bình thường.',
    ]) {
      const rebutted = classify(text);
      expect(rebutted.congress, text).toBe(true);
      expect(rebutted.distortion, text).toBe(false);
    }
  });

  it('asking someone who works in a field names no insider', () => {
    expect(distortionTerms(classify('Đọc văn kiện Đại hội XIII phần chuyển đổi số, ai làm trong ngành ngân hàng cho mình hỏi ý kiến với.'))).toEqual([]);
    expect(
      distortionTerms(classify('Một người làm trong ban tổ chức đại hội tỉnh kể danh sách đã chốt từ tháng trước.')).some((t) => t.startsWith('insider')),
    ).toBe(true);
  });

  it('an acquaintance or relative placed in an office with no verb of work; an unnamed source opening its sentence', () => {
    expectFamily('Đại hội Đảng bộ huyện phải lùi sang tháng 9, người quen của mình ở Ban Tổ chức Tỉnh ủy nói thế.', 'insider');
    expectFamily('Người nhà tôi trong Huyện ủy bảo đại hội huyện phải bầu lại bí thư.', 'insider');
    expectFamily('Có người quen bên Văn phòng Tỉnh ủy kể đại hội tỉnh năm nay rút xuống còn hai ngày.', 'insider');
    expectFamily('Đại hội Đảng bộ huyện đã bế mạc. Nguồn tin cho biết đại hội bị lùi vì nội bộ chưa thống nhất.', 'insider');
    expectFamily('Nguồn tin cho hay Ban Chấp hành Đảng bộ tỉnh khóa mới có hai người bị loại phút chót.', 'insider');
    // a source named by its office is no unnamed one
    expect(distortionTerms(classify('Nguồn tin từ Văn phòng Tỉnh ủy cho biết Đại hội Đảng bộ tỉnh khai mạc ngày 20/10.'))).toEqual([]);
  });

  it('"đánh tráo" rebuts as an accusation of the rumour-monger, not as what befell the ballots', () => {
    expectRebuttal('Nhận diện thủ đoạn đánh tráo số liệu về Đại hội Đảng bộ tỉnh trên mạng xã hội.', true);
    expectRebuttal('Các trang này cố tình đánh tráo khái niệm để bôi nhọ Đại hội XIII.', true);
    expectRebuttal('Đại hội Đảng bộ huyện phải bầu hai lần, lần đầu phiếu bị đánh tráo.', false);
    expectRebuttal(stripDiacritics('Đại hội Đảng bộ huyện phải bầu hai lần, lần đầu phiếu bị đánh tráo.'), false);
  });
});

describe('contexts that are not distortion', () => {
  it('a rebuttal quoting the rumour', () => {
    for (const text of [
      'Văn phòng Tỉnh ủy bác bỏ tin “danh sách Ban Chấp hành khóa mới đã được định sẵn”, đây là thông tin bịa đặt.',
      'Mấy trang đăng “Đại hội XIII họp ở Đà Nẵng” là fake nha mọi người, khai mạc ở Hà Nội.',
      'Mọi người đừng tin clip nói đại hội đảng bộ tỉnh bị hoãn, lịch vẫn như cũ.',
      'Không có chuyện Đại hội Đảng bộ tỉnh phải bầu lại Ban Chấp hành, Văn phòng Tỉnh ủy đã nói rõ.',
    ]) {
      const c = classify(text);
      expect(c.congress, text).toBe(true);
      expect(c.distortion, `${text}: ${distortionTerms(c).join(', ')}`).toBe(false);
    }
  });

  it('a rebuttal quoting the rumour in single marks', () => {
    // the rumour's own shouting and its call to share, quoted in single marks, are not the item's
    const text = "Bài đăng kèm lời kêu gọi 'XEM NGAY TRƯỚC KHI BỊ XÓA' nói Đại hội Đảng bộ tỉnh bị hoãn. Đây là thông tin sai sự thật.";
    for (const t of [text, stripDiacritics(text)]) {
      const c = classify(t);
      expect(c.congress, t).toBe(true);
      expect(distortionTerms(c), t).toEqual([]);
    }
    // outside a rebuttal, single marks stay words: the same call counts
    expect(distortionTerms(classify("Đại hội Đảng bộ tỉnh bị hoãn, 'XEM NGAY TRƯỚC KHI BỊ XÓA'")).length).toBeGreaterThan(0);
  });

  it('a fact-check written as a checklist of verdicts', () => {
    for (const text of [
      '1. "Đại hội Đảng bộ tỉnh họp kín 5 ngày" — SAI. Đại hội họp 2 ngày.\n2. "Danh sách Ban Thường vụ bị rò rỉ trước" — SAI.',
      'Tin sai đang lan:\n- Bí thư tỉnh do Trung ương chỉ định, không bầu: sai\n- Đại hội Đảng bộ tỉnh bị loại 100 đại biểu: sai',
      'FAKE – "Nghị quyết mật chia ghế Ban Chấp hành"\nFAKE – "Đại hội Đảng bộ tỉnh dựng sẵn video"',
      '✗ Đại hội Đảng bộ tỉnh bầu bằng giơ tay\n✗ Danh sách Ban Chấp hành bị rò rỉ',
    ]) {
      for (const t of [text, stripDiacritics(text)]) {
        const c = classify(t);
        expect(c.congress, t).toBe(true);
        expect(
          c.explanations.some((e) => e.term === 'rebuttal: checklist of verdicts'),
          t,
        ).toBe(true);
        expect(distortionTerms(c), t).toEqual([]);
      }
    }
    // one verdict is enough right after the claim it answers, quoted (with a dash, a colon or an arrow)
    for (const text of [
      '"Đại hội Đảng bộ tỉnh họp kín 5 ngày" — SAI.',
      'KIỂM TRA: "BCH Đảng bộ tỉnh khóa mới có 55 người" → không đúng. BCH có 51 đồng chí.',
      "'Đại hội Đảng bộ tỉnh lùi sang tháng 11' - sai, Đại hội họp đúng lịch.",
    ]) {
      for (const t of [text, stripDiacritics(text)]) {
        const c = classify(t);
        expect(
          c.explanations.some((e) => e.term === 'rebuttal: checklist of verdicts'),
          t,
        ).toBe(true);
        expect(c.distortion, t).toBe(false);
      }
    }
    // one unquoted verdict line is no checklist, and a verdict word inside a claim is no verdict
    for (const text of [
      'Đại hội Đảng bộ tỉnh họp kín 5 ngày — SAI.',
      'Đại hội Đảng bộ tỉnh bầu sai quy chế\nBan Chấp hành bị loại: sai quy trình',
      'Danh sách "chuẩn" — sai quy trình mà vẫn bầu.',
    ]) {
      expect(
        classify(text).explanations.some((e) => e.term === 'rebuttal: checklist of verdicts'),
        text,
      ).toBe(false);
    }
  });

  it('claiming to reveal "the truth" is no fact-check heading', () => {
    expectFamily('Chia sẻ gấp: clip này nói sự thật về Đại hội Đảng bộ tỉnh, mọi người xem ngay kẻo bị xóa.', 'share-before-removal');
    const c = classify('Sự thật về clip “Đại hội Đảng bộ tỉnh bị hoãn”: đây là clip cắt ghép từ năm 2015.');
    expect(c.distortion, distortionTerms(c).join(', ')).toBe(false);
  });

  it('a specific claim in a calm report that nobody in the item vouches for', () => {
    const rules = (text: string) => distortionTerms(classify(text)).filter((t) => t.startsWith('rule unattributed-'));
    const claims: Array<[string, string]> = [
      ['Đại hội Đảng bộ huyện chi 8 tỷ đồng thuê hội trường và trang trí đường phố.', 'amount'],
      ['Kinh phí in tài liệu cho Đại hội Đảng bộ thành phố là 2,3 tỷ đồng.', 'amount'],
      ['Tại Đại hội Đảng bộ huyện, hai trưởng phòng được chỉ định vào Ban Chấp hành khóa mới.', 'personnel'],
      ['Ba ủy viên Ban Thường vụ khóa trước không trúng cử Ban Chấp hành Đảng bộ tỉnh khóa mới.', 'personnel'],
      ['Đại hội Đảng bộ thành phố được dời sang tháng sau do ảnh hưởng của bão.', 'cause'],
      ['Sau Đại hội Đảng bộ tỉnh, Giám đốc Sở Tài chính sẽ giữ chức Phó Chủ tịch tỉnh.', 'future'],
      // an office as the actor of the appointment is no source that reports it
      ['Bí thư Tỉnh ủy khóa mới đã được Bộ Chính trị chỉ định từ trước Đại hội Đảng bộ tỉnh.', 'personnel'],
      ['Tại Đại hội Đảng bộ huyện, Phó Bí thư Huyện ủy được Ban Thường vụ Tỉnh ủy điều động từ nơi khác về.', 'personnel'],
      // an incident or a consequence stated as having happened
      ['Sau Đại hội Đảng bộ huyện, huyện cắt giảm 20% biên chế các ban của Huyện ủy.', 'incident'],
      ['Một đại biểu dự Đại hội Đảng bộ tỉnh có kết quả xét nghiệm dương tính trong ngày khai mạc.', 'incident'],
      ['Đại hội Đảng bộ thành phố bị hoãn sang tháng sau.', 'incident'],
    ];
    for (const [text, kind] of claims) {
      // (typed without diacritics, a lone "se" is not read as "sẽ")
      for (const t of kind === 'future' ? [text] : [text, stripDiacritics(text)]) expect(rules(t), t).toContain(`rule unattributed-${kind}`);
      // the same claim, vouched for by an office or a document anywhere in the item, asked about, or given as a view
      for (const variant of [
        `Theo Văn phòng Tỉnh ủy, ${text[0].toLowerCase()}${text.slice(1)}`,
        `${text} Ban Tổ chức Đại hội cho biết như vậy tại buổi làm việc.`,
        `Có ai biết thật không: ${text}`,
        `Tôi nghĩ ${text[0].toLowerCase()}${text.slice(1)}`,
      ])
        expect(rules(variant), variant).toEqual([]);
    }
    // the congress's own documents say it: a summary of the political report names its source
    for (const text of [
      'Báo cáo chính trị xác định tiếp tục rà soát kết quả giai đoạn trước, chỉ rõ nguyên nhân của những hạn chế.',
      'Dự thảo văn kiện Đại hội Đảng bộ tỉnh nêu rõ nguyên nhân tăng trưởng chậm là do ảnh hưởng của dịch bệnh.',
      'Nghị quyết Đại hội XIII nhấn mạnh lý do phải đẩy mạnh chuyển đổi số.',
    ])
      expect(rules(text), text).toEqual([]);
    // a target set is not money spent; "đại biểu" in the congress's name is no delegate; a question why explains
    for (const text of [
      'Đại hội Đảng bộ xã đề ra mục tiêu thu nhập bình quân 70 triệu đồng mỗi người một năm, chi bộ thôn cũng đóng góp ý kiến.',
      'Đài tỉnh sẽ truyền hình trực tiếp phiên khai mạc Đại hội đại biểu Đảng bộ tỉnh.',
      'Vì sao Đại hội Đảng bộ thành phố được dời sang tháng sau do ảnh hưởng của bão?',
      // the office's own act, reported as such, is an attributed report; an incident denied is none
      'Bộ Chính trị chỉ định đồng chí Nguyễn Văn A giữ chức Bí thư Tỉnh ủy nhiệm kỳ 2020-2025.',
      'Đại hội Đảng bộ tỉnh không bị hoãn, vẫn khai mạc đúng lịch.',
    ])
      expect(rules(text), text).toEqual([]);
    // an item holding several such claims reads as distortion on them alone
    const item = classify('Kinh phí tổ chức Đại hội Đảng bộ tỉnh là 20 tỷ đồng. Hai giám đốc sở không trúng cử Ban Chấp hành khóa mới.');
    expect(item.distortion).toBe(true);
  });

  it('a negated rebuttal ("không ai đính chính": nobody has denied it) answers nothing; a negated cue counts nothing', () => {
    for (const text of [
      'Đại hội Đảng bộ tỉnh năm nay bầu bằng giơ tay hết, thấy nhiều group nói vậy mà không ai đính chính.',
      'Nghe nói Ban Chấp hành tỉnh khóa mới bị Trung ương trả hồ sơ, đến giờ chưa ai bác bỏ.',
      'Đại hội Đảng bộ tỉnh phải họp thêm một ngày, mấy nhóm bàn tán cả tuần mà chưa thấy ai cải chính.',
      'Ban Thường vụ Tỉnh ủy khóa mới có người bị kỷ luật, không thấy ai đính chính gì cả.',
    ]) {
      expectRebuttal(text, false);
    }
    // a cue the item says does not exist, in quotation marks or not
    for (const title of [
      "Không có 'danh sách rò rỉ' nào về nhân sự Ban Thường vụ khóa mới",
      'Không có danh sách rò rỉ nào về nhân sự Ban Thường vụ khóa mới',
    ]) {
      const c = classify('Đại hội Đảng bộ tỉnh Gia Lai.', title);
      expect(distortionTerms(c), title).toEqual([]);
    }
    // a denial that is not negated still counts
    expect(classify('Văn phòng Tỉnh ủy đã đính chính tin Đại hội Đảng bộ tỉnh bầu bằng giơ tay.').explanations.some((e) => e.term.startsWith('rebuttal'))).toBe(
      true,
    );
  });

  it('a negator whose letters typed bare are a commoner word ("chớ" / "cho") negates only with its accents', () => {
    for (const text of [
      'Đại hội Đảng bộ tỉnh mua 300 máy tính bảng, họp xong để lại cho đại biểu dùng riêng.',
      'Nhân sự Ban Thường vụ khóa mới phải đưa cho Trung Quốc duyệt trước rồi mới bầu.',
    ]) {
      const want = distortionTerms(classify(text));
      expect(want.length, text).toBeGreaterThan(0);
      expect(distortionTerms(classify(stripDiacritics(text))), stripDiacritics(text)).toEqual(want);
    }
    const negated = classify('Mọi người chớ chia sẻ gấp clip Đại hội Đảng bộ tỉnh nhé.');
    expect(distortionTerms(negated).filter((t) => t.startsWith('share-before-removal'))).toEqual([]);
  });

  it("a fact-check's heading and a claim called nonsense are rebuttals", () => {
    for (const text of [
      '[KIỂM TIN] "Đại hội Đảng bộ tỉnh họp có hai ngày" → sai. Đại hội họp ba ngày theo thông báo của Văn phòng Tỉnh ủy.',
      'Đại hội XIII bầu Ban Chấp hành Trung ương bằng phiếu kín, ai bảo bầu bằng giơ tay là nói bậy.',
    ]) {
      expect(expectRebuttal(text, true).distortion, text).toBe(false);
    }
  });

  it('a genuine question asking which version is right', () => {
    for (const text of [
      'Có người nói Ban Chấp hành Đảng bộ tỉnh khóa mới 60 người, có người nói 53, bên nào đúng vậy mọi người?',
      'Đại hội 13 khai mạc ngày nào vậy, ai có thông báo chính thức cho mình xin với.',
      'Trên nhóm bảo danh sách Ban Chấp hành khóa mới của Đại hội Đảng bộ tỉnh đã có từ trước, có ai biết chính xác không, em chưa dám tin bên nào.',
      // asking those who know for the exact value
      'Báo thì ghi Đại hội 13 có 1.587 đại biểu, nhóm kia ghi 1.600, bạn nào nắm rõ cho mình hỏi chính xác là bao nhiêu người?',
      // asking to be told, for an everyday purpose, or between versions with "đâu"
      'Cho mình hỏi Đại hội Đảng bộ tỉnh năm nay có phát trực tiếp trên truyền hình không ạ? Mình hỏi trước để sắp xếp công việc.',
      'Ban Thường vụ Tỉnh ủy khóa mới có bao nhiêu người vậy mọi người? Em cần để làm bài tập, tò mò thôi.',
      'Nhóm này bảo Đại hội XIII họp 7 ngày, nhóm kia bảo 9 ngày, thật sự không biết đâu mới đúng.',
      // asking which of two figures is the official one
      'Trang này ghi Đại hội 13 có 1.587 đại biểu, trang kia ghi 1.650, vậy số nào là chính thức ạ?',
      // two versions heard, then "so which is it in the end"
      'Có người bảo Đại hội Đảng bộ tỉnh họp 3 ngày, lại nghe nói họp 4 ngày, rốt cuộc là thế nào vậy?',
    ]) {
      const c = classify(text);
      expect(c.congress, text).toBe(true);
      expect(c.distortion, `${text}: ${JSON.stringify(c.explanations.filter((e) => e.kind !== 'congress'))}`).toBe(false);
    }
  });

  it('a reader asking to be told, or asking which version is right, is read as such', () => {
    const terms = (text: string) => classify(text).explanations.map((e) => e.term);
    for (const text of [
      'Cho mình hỏi Đại hội Đảng bộ tỉnh năm nay có phát trực tiếp trên truyền hình không ạ?',
      'Ban Thường vụ Tỉnh ủy khóa mới có bao nhiêu người vậy mọi người? Em cần để làm bài tập.',
      'Đại biểu Đại hội XIII có phải cách ly trước khi vào hội trường không? Tò mò thôi.',
    ])
      for (const t of [text, stripDiacritics(text)])
        expect(
          terms(t).some((x) => x.startsWith('asks-to-be-told')),
          `${t}: ${terms(t).join(', ')}`,
        ).toBe(true);
    const versions = 'Nhóm này bảo Đại hội XIII họp 7 ngày, nhóm kia bảo 9 ngày, thật sự không biết đâu mới đúng.';
    expect(
      terms(versions).some((x) => x.startsWith('genuine-question')),
      terms(versions).join(', '),
    ).toBe(true);
    // addressed to the group, or asking whoever knows to point it out
    for (const [text, group] of [
      ['Mọi người cho hỏi Đại hội Đảng bộ tỉnh năm nay có điểm cầu ở huyện không?', 'asks-to-be-told'],
      ['Nghe nói Đại hội XIII họp kín, lại nghe nói truyền hình trực tiếp, ai biết chỉ giúp với.', 'genuine-question'],
    ])
      for (const t of [text, stripDiacritics(text)])
        expect(
          terms(t).some((x) => x.startsWith(group)),
          `${t}: ${terms(t).join(', ')}`,
        ).toBe(true);
  });

  it('an item that takes back what it passed on, or marks itself as a joke', () => {
    for (const [text, group] of [
      ['Mình xin lỗi mọi người, tin Đại hội Đảng bộ tỉnh bị hoãn mình chia sẻ hôm qua là chưa kiểm chứng, mình đã gỡ.', 'retraction'],
      ['Bài vui thôi nha: Ban Chấp hành tỉnh khóa mới đông thế này chắc lập được đội bóng đá đại hội.', 'satire'],
      ['(Ảnh chế, châm biếm) Đại biểu Đại hội XIII ngủ gật trong phiên khai mạc.', 'satire'],
    ]) {
      const c = classify(text);
      expect(
        c.explanations.some((e) => e.term.startsWith(group)),
        `${text}: ${c.explanations.map((e) => e.term).join(', ')}`,
      ).toBe(true);
      expect(c.distortion, text).toBe(false);
    }
  });

  it("a joke marked in other words, and the writer's own feelings, speak against distortion; a joke framing a claim is the claim", () => {
    expectAgainst(
      [
        '(Tếu táo cuối tuần) Đại hội tỉnh xong, quán cà phê đầu hẻm đổi tên thành quán Nghị Quyết — chém gió thôi nha.',
        'Đại hội XIII bế mạc rồi, còn tui họp lớp mãi chưa xong 😆 (đùa chút thôi)',
        'Meme hôm nay: khi mẹ hỏi con có theo dõi Đại hội tỉnh không 😂 #đùathôi',
        'Ba tui được bầu vào Ban Chấp hành Đảng bộ huyện khóa mới, cả xóm tự hào lắm.',
        'Nghe lại phần hát Quốc ca ở phiên khai mạc Đại hội XIII mà nổi da gà.',
      ],
      true,
    );
    // a cue's claim or a wrong figure outweighs a feeling or a joke marker beside it
    expectAgainst(
      [
        'Đại hội XIII họp 7 ngày, còn tui họp lớp 7 năm chưa xong 😆 (đùa chút thôi)',
        'Nghe nói Đại hội tỉnh bầu xong từ trước rồi, danh sách in sẵn, tự hào gì nữa.',
        'Đại hội chi bộ thôn tuần rồi bầu bí thư mới, tổ chức cho vui thôi chứ người ta chọn từ xã xuống hết.',
      ],
      false,
    );
  });

  it('a fact-check\'s correction opening a sentence ("Thực tế,", "Kết luận:") rebuts; the same words inside a sentence do not', () => {
    const opener = (c: Classification) => c.explanations.some((e) => e.term.startsWith('correction-opener'));
    for (const text of [
      'Có bài viết cho rằng Đại hội Đảng bộ tỉnh bầu Ban Chấp hành bằng giơ tay. Thực tế, Đại hội bầu bằng phiếu kín.',
      'Trên mạng lan truyền danh sách Ban Thường vụ khóa mới. Trên thực tế, nhân sự chỉ được bầu tại Hội nghị lần thứ nhất.',
      'Ảnh "quyết định nhân sự" trước Đại hội có con dấu lệch, số hiệu của một văn bản khác.\nKết luận: văn bản giả.',
      'Bài đăng nói Đại hội XIII họp 10 ngày. Đối chiếu với thông cáo báo chí, Đại hội họp từ 25/1 đến 1/2.',
    ]) {
      for (const t of [text, stripDiacritics(text)]) expect(opener(classify(t)), t).toBe(true);
    }
    for (const text of [
      'Con số 350 đại biểu Đại hội Đảng bộ tỉnh là để báo cáo, thực tế chỉ hơn 200 người.',
      'Danh sách Ban Chấp hành đã duyệt xong, kết luận là Đại hội chỉ làm thủ tục.',
    ]) {
      for (const t of [text, stripDiacritics(text)]) expect(opener(classify(t)), t).toBe(false);
    }
  });

  it('a group with startOf clause counts where its term opens a clause, not inside one', () => {
    const opens = groupCounts('{ id: opener, weight: -1, startOf: clause, terms: [thực tế] }');
    expect(opens('Đại hội Đảng bộ tỉnh, thực tế, họp ba ngày.')).toBe(true);
    expect(opens('Đại hội Đảng bộ tỉnh thực tế họp ba ngày.')).toBe(false);
  });

  it('a question offering two versions ("14 hay 17 người vậy?") asks which is right: its versions are not claims', () => {
    for (const text of [
      'Mọi người ơi, Đại hội Đảng bộ tỉnh khóa này bầu Ban Chấp hành bằng giơ tay hay bỏ phiếu kín vậy?',
      'Đại hội XIII kéo dài 7 ngày hay 9 ngày nhỉ? Nghe nói mỗi nơi một kiểu.',
      'Ban Thường vụ Tỉnh ủy khóa mới có 13 hoặc 15 người? Báo tỉnh chưa đăng.',
      'Cho hỏi Đại hội Đảng bộ tỉnh năm nay họp trực tuyến hay họp ở hội trường ạ?',
    ]) {
      for (const t of [text, stripDiacritics(text)]) {
        const c = classify(t);
        expect(alternatives(c), `${t}: ${c.explanations.map((e) => e.term).join(', ')}`).toBe(true);
        expect(c.distortion, t).toBe(false);
      }
    }
    // a yes/no question beside the connector, an "or else" in another clause, no question mark, an adverb "hay"
    for (const text of [
      'Đại hội Đảng bộ tỉnh có bị hoãn không hay vẫn họp? Nghe nói hoãn sang tháng sau rồi.',
      'Danh sách Ban Chấp hành khóa mới đã chốt từ trước hay không?',
      'Có ai biết chuyện Đại hội Đảng bộ huyện bị bầu lại không, hay là người ta giấu?',
      'Đại hội Đảng bộ tỉnh họp trực tuyến hay trực tiếp thì cũng đã chốt danh sách từ trước.',
      'Bài phát biểu ở Đại hội Đảng bộ tỉnh hay thật?',
    ]) {
      for (const t of [text, stripDiacritics(text)]) expect(alternatives(classify(t)), t).toBe(false);
    }
    // the rumour told beside a genuine alternative question stays a claim
    expectFamily('Đại hội Đảng bộ tỉnh có bị hoãn không hay vẫn họp? Nghe nói hoãn sang tháng sau rồi.', 'hearsay');
  });

  it('a yes/no question whose other answer is "a rumour" doubts the claim: its hearsay is what it asks about', () => {
    expectGroupAgainst(
      'true-or-rumour',
      [
        'Nghe nói đại biểu Đại hội Đảng bộ tỉnh có người mắc Covid, vậy có thật không hay là tin đồn?',
        'Chuyện Đại hội Đảng bộ huyện phải bầu lại có đúng không ạ, hay chỉ đồn thôi?',
        'Danh sách Ban Thường vụ khóa mới mấy trang đăng có đúng không hay là đoán mò vậy mọi người?',
        'Tin Đại hội XIII hoãn sang tháng 3 là thật hay cũng chỉ là tin vịt?',
      ],
      true,
    );
    // the same words asserting the claim, and a yes/no question leaning on the crowd, do not ask
    expectGroupAgainst(
      'true-or-rumour',
      [
        'Không phải tin đồn hay đoán mò đâu, danh sách Ban Thường vụ khóa mới đã chốt từ tháng trước.',
        'Đại hội Đảng bộ tỉnh bị hoãn thật hay không? Nhiều nhóm Zalo đang đồn ầm.',
      ],
      false,
    );
  });

  it('a group with inQuestion counts only in a sentence that ends with a question mark', () => {
    const counts = groupCounts('{ id: doubt, weight: -1, inQuestion: true, terms: [hay là tin đồn] }');
    const cases: Array<[string, boolean]> = [
      ['Đại hội Đảng bộ tỉnh bị hoãn thật hay là tin đồn?', true],
      ['Đại hội Đảng bộ tỉnh bị hoãn thật hay là tin đồn vậy mọi người ?', true],
      // the question is the next sentence's; a statement
      ['Đại hội Đảng bộ tỉnh bị hoãn thật hay là tin đồn. Ai biết không?', false],
      ['Thật hay là tin đồn thì Đại hội Đảng bộ tỉnh cũng đã bị hoãn.', false],
    ];
    for (const [text, want] of cases) expect(counts(text), text).toBe(want);
  });

  it('a pointer to the official press for what the item says speaks against distortion; the press named as silent is press-hiding', () => {
    expectGroupAgainst(
      'official-press',
      [
        'Danh sách Ban Chấp hành Đảng bộ tỉnh khóa mới đã đăng trên báo sáng nay, ai cần thì đọc.',
        'Kết quả bầu Bộ Chính trị khóa XIII công bố rồi, mình gửi link báo ở dưới nha.',
        'Ai muốn coi lại phiên bế mạc Đại hội Đảng bộ tỉnh thì kênh YouTube của đài tỉnh có đăng.',
        'Danh sách đoàn đại biểu dự Đại hội XIII mình tổng hợp lại từ báo các tỉnh, ai thấy sai thì nói.',
        'Đại hội XIII bế mạc rồi bà con, ai muốn coi danh sách Trung ương mới thì lên trang báo chính thống đọc.',
      ],
      true,
    );
    // a paper named alone, or named as silent or hiding, points to nothing
    expectGroupAgainst(
      'official-press',
      [
        'Đại hội Đảng bộ tỉnh có 280 đại biểu thôi, báo tỉnh đưa 330 là để cho đẹp.',
        'Đại hội XIII bầu lại Bộ Chính trị hai vòng, báo chính thống im re.',
        'Đại hội Đảng bộ tỉnh bị hoãn rồi mà báo tỉnh không đưa, chắc là giấu.',
      ],
      false,
    );
    expectFamily('Đại hội XIII bầu lại Bộ Chính trị hai vòng mà báo chính thống im re.', 'press-hiding');
    expectFamily('Đại hội Đảng bộ tỉnh bị hoãn sang tháng sau mà báo tỉnh không đưa.', 'press-hiding');
  });

  it("the writer watching the congress's public sessions speaks against distortion; television said to hide them is press-hiding", () => {
    expectGroupAgainst(
      'follows-broadcast',
      [
        'Sáng nay cả chi hội ngồi coi phiên khai mạc Đại hội XIII ở nhà văn hóa, ai cũng chăm chú.',
        'Các anh chị xem lại thời sự tối qua, có phần công bố kết quả bầu Ban Chấp hành Đảng bộ tỉnh.',
      ],
      true,
    );
    expectGroupAgainst('follows-broadcast', ['Đại hội XIII bầu lại Bộ Chính trị hai vòng, truyền hình cắt mất đoạn đó.'], false);
  });

  it("the writer's own wish or opinion, said as such, speaks against distortion; a notice's request and a bare wish do not", () => {
    expectAgainst(
      [
        'Đại hội Đảng bộ tỉnh đang họp, mong đại hội chọn được người thật sự vì dân.',
        'Hy vọng Ban Chấp hành khóa mới quan tâm hơn tới đường sá vùng sâu.',
        'Tôi nghĩ lần sau Đại hội Đảng bộ huyện nên có thêm ý kiến của bí thư chi bộ thôn. Đây là cảm nhận riêng, không phải phê phán ai.',
        'Ý kiến cá nhân: tham luận ở Đại hội tỉnh nên ngắn hơn, nhiều câu chuyện cụ thể hơn.',
      ],
      true,
    );
    // a claim outweighs a wish beside it; a notice's request and a closing "mong" are no view
    expectAgainst(
      [
        'Nghe nói danh sách Ban Chấp hành khóa mới đã chốt từ trước, mong là không phải vậy.',
        'Đại hội chi bộ thôn phải tổ chức lại lần hai. Mong các đồng chí sắp xếp có mặt đông đủ.',
        'Đại hội XIII đã thống nhất nhân sự từ trước, mong mọi người chia sẻ cho nhiều người biết.',
      ],
      false,
    );
  });

  it("posts and groups that carry a rumour, counted from outside, describe it in a reporter's voice", () => {
    const reported = (c: Classification) => c.explanations.some((e) => e.term.startsWith('reported-rumour'));
    for (const text of [
      'Một vài bài đăng cho rằng Đại hội Đảng bộ tỉnh họp trực tuyến. Văn phòng Tỉnh ủy cho biết Đại hội họp tại hội trường.',
      'Mấy hôm nay trên mạng lan truyền những tin đồn về nhân sự Ban Thường vụ Tỉnh ủy khóa mới trước Đại hội.',
      'Các nhóm Zalo đăng lại ảnh một danh sách gọi là nhân sự Đại hội Đảng bộ tỉnh.',
    ]) {
      for (const t of [text, stripDiacritics(text)]) expect(reported(classify(t)), t).toBe(true);
    }
    // the crowd a rumour leans on is not a report of it
    const crowd = classify('Nhiều nhóm Zalo đang đồn ầm: Đại hội Đảng bộ tỉnh bị hoãn, nghe nói nội bộ chưa chốt được nhân sự.');
    expect(reported(crowd)).toBe(false);
    expect(crowd.distortion).toBe(true);
  });

  it("a group with joinsAlternatives counts where its term joins two words of a question's clause", () => {
    const joins = groupCounts('{ id: between, weight: -1, joinsAlternatives: { notBeside: [không] }, terms: [hoặc] }');
    expect(joins('Đại hội Đảng bộ tỉnh họp 3 hoặc 4 ngày?')).toBe(true);
    expect(joins('Đại hội Đảng bộ tỉnh họp 3 hoặc 4 ngày.')).toBe(false);
    expect(joins('Đại hội Đảng bộ tỉnh họp không hoặc họp?')).toBe(false);
    expect(joins('Đại hội Đảng bộ tỉnh họp 3 ngày, hoặc 4 ngày?')).toBe(false);
    expect(joins('Hoặc Đại hội Đảng bộ tỉnh họp 3 ngày?')).toBe(false);
  });

  it("a group's moderator reminding, warning or removing polices rumours; asking the moderator not to delete does not", () => {
    for (const text of [
      'Admin nhắc: ai có bằng chứng chuyện mua phiếu ở Đại hội Đảng bộ huyện thì gửi cơ quan chức năng, tin không nguồn admin sẽ xóa.',
      'Quản trị viên nhắc nhở: bài trích câu nói gán cho Bí thư Tỉnh ủy tại Đại hội Đảng bộ tỉnh là không có, bài đã bị gỡ.',
      '[Thông báo] Mod nhắc trước, thớt nào đăng danh sách nhân sự Đại hội tỉnh sẽ bị xóa.',
    ]) {
      const c = classify(text);
      expect(
        c.explanations.some((e) => e.term.startsWith('moderation')),
        `${text}: ${c.explanations.map((e) => e.term).join(', ')}`,
      ).toBe(true);
      expect(c.distortion, text).toBe(false);
    }
    const keep = classify('Mod đừng xóa bài này, mọi người lưu lại: danh sách Ban Thường vụ Tỉnh ủy khóa mới đã định sẵn từ tháng trước.');
    expect(keep.explanations.some((e) => e.term.startsWith('moderation'))).toBe(false);
    expect(keep.distortion).toBe(true);
  });

  it("a moderator's notice: the sentence naming the rumour is the rumour's, and the removal done is the moderator's", () => {
    // the notice quotes or names the rumour it polices; "bài đã bị gỡ" is the moderator's act, not a page said to be hidden
    expectAnswered(
      [
        'Admin nhắc: ai nói kiểu "ai cũng biết" chuyện mua phiếu ở Đại hội Đảng bộ huyện thì đưa chứng cứ ra, tin không nguồn sẽ không được duyệt.',
        'Quản trị viên nhắc nhở: có bài gán cho Bí thư Tỉnh ủy câu "khóa này không để cán bộ nơi khác về" ở Đại hội Đảng bộ tỉnh. Bài đã bị gỡ.',
        'THÔNG BÁO ADMIN: nhóm gỡ mọi bài "danh sách Ban Thường vụ rò rỉ" trước Đại hội Đảng bộ tỉnh.',
        'Ban quản trị đã đối chiếu: tin nhắn "Đại hội Đảng bộ tỉnh họp ở Pleiku" là không có, lịch vẫn như báo tỉnh đăng.',
      ],
      (c) => firedGroup(c, 'moderation').length > 0,
    );
    // a call to share before removal is the rumour's, with the moderator named or not; a page said to be blocked already is a claim
    forBothForms(
      [
        'Share gấp kẻo bị xóa, admin sẽ xóa bài này: danh sách Ban Thường vụ Đại hội Đảng bộ tỉnh đã chốt từ tháng trước.',
        'Kênh đã bị khóa một lần vì nói thật về Đại hội Đảng bộ tỉnh, danh sách Ban Thường vụ đã chốt từ trước.',
      ],
      expectNoticeNotReadYetFlagged,
    );
  });

  it("a moderator's notice named by its act, not its author: a sanction on members who post on, the group's rule, the thread locked", () => {
    // seventy-eighth pass (fresh-5's notices): the notice names the rumour it polices, and the act is the group's
    expectAnswered(
      [
        'Nhóm xin nhắc: bài "danh sách Ban Thường vụ Tỉnh ủy khóa mới đã có" là bịa. Thành viên nào tiếp tục đăng sẽ bị chặn. Đại hội Đảng bộ tỉnh chưa bầu.',
        'Trong thời gian Đại hội Đảng bộ tỉnh, nhóm không duyệt các bài "nghe nói hoãn đại hội". Bài vi phạm sẽ bị xóa.',
        'Chủ đề này đã bị khóa. Cái gọi là "danh sách Bộ Chính trị rò rỉ" không có nguồn, Đại hội XIII chưa bầu. Diễn đàn không chấp nhận tin đồn.',
        'Ban quản trị nhóm đề nghị mọi người không chuyển tiếp tin "Đại hội Đảng bộ tỉnh lùi sang tháng 11", tin không có nguồn.',
        '📌 Thông báo của quản trị viên: bài "list Ban Chấp hành Đảng bộ tỉnh khóa mới" đã bị gỡ, nhân sự chỉ có sau khi Đại hội bầu.',
      ],
      (c) => firedGroup(c, 'moderation').length > 0,
    );
    // a threat to the reader's page or account names no rule and no member who posts on: the rumour's own urgency
    forBothForms(
      [
        'Topic sẽ bị khóa sớm nên ai cần thì lưu lại: danh sách Ban Thường vụ Đại hội Đảng bộ tỉnh rò rỉ từ nguồn tin nội bộ, đã chốt từ tháng trước.',
        'Mình không đăng ảnh được vì sợ bị khóa nick, ai cần inbox: danh sách Ban Chấp hành Đại hội Đảng bộ tỉnh đã có từ trước.',
        'Nhóm nào không duyệt bài này là bị chỉ đạo rồi, danh sách Ban Thường vụ Đại hội Đảng bộ tỉnh đã chốt, share gấp kẻo bị xóa.',
      ],
      expectNoticeNotReadYetFlagged,
    );
  });

  it('a verdict label heading the quoted claim it answers makes a checklist line; a rumour heading does not', () => {
    const checklist = (c: Classification) => c.explanations.some((e) => e.term === 'rebuttal: checklist of verdicts');
    expectAnswered(
      [
        '❌ TIN SAI: "Đại hội Đảng bộ tỉnh rút ngắn chỉ còn 2 ngày".\n✅ SỰ THẬT: Đại hội vẫn họp theo chương trình đã công bố.',
        'SAI: "Danh sách Ban Thường vụ đã rò rỉ trước Đại hội Đảng bộ tỉnh". Nhân sự chỉ được bầu tại Đại hội.',
      ],
      checklist,
    );
    forBothForms(
      [
        'Tin đồn: "Đại hội Đảng bộ tỉnh bị hoãn sang tháng 11", người trong cuộc nói vậy.',
        'TIN NÓNG: "Danh sách Ban Thường vụ Đại hội Đảng bộ tỉnh đã rò rỉ", xem ngay.',
        'Nhiều người bảo tin sai: "Đại hội Đảng bộ tỉnh bị hoãn" nhưng người trong cuộc khẳng định là thật.',
      ],
      (c, t) => expect(checklist(c), t).toBe(false),
    );
  });

  it('a change of schedule said not to have been caused is no postponement claimed', () => {
    const date = (c: Classification) => contradictionsOf(c).map((e) => e.term);
    forBothForms(['Dịch bệnh không làm thay đổi lịch Đại hội XIII, Đại hội vẫn họp theo kế hoạch.'], (c, t) => expect(date(c), t).toEqual([]));
    forBothForms(['Dịch bệnh làm thay đổi lịch Đại hội XIII, nghe nói sẽ dời sang tháng 3.'], (c, t) => expect(date(c).length, t).toBeGreaterThan(0));
  });

  it('the admonition not to pass on what is unverified is guidance, not a hedge', () => {
    const c = classify('Kết quả bầu Ban Chấp hành Đảng bộ tỉnh đã công bố công khai. Mong mọi người không chia sẻ thông tin chưa được kiểm chứng.');
    expect(distortionTerms(c)).toEqual([]);
    expect(c.explanations.some((e) => e.term.startsWith('official-guidance'))).toBe(true);
  });

  it('official talk of preventing what rumours claim', () => {
    const c = classify(
      'Công tác nhân sự Đại hội Đảng bộ tỉnh phải kiên quyết ngăn chặn tình trạng chạy chức, chạy quyền; Đại hội được tổ chức tiết kiệm, chống lãng phí.',
    );
    expect(c.congress).toBe(true);
    expect(c.distortion, distortionTerms(c).join(', ')).toBe(false);
  });

  it('an official report', () => {
    const c = classify('Sáng 14/10, Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc tại Trung tâm Hội nghị tỉnh với 350 đại biểu chính thức.');
    expect(c.congress).toBe(true);
    expect(c.distortion).toBe(false);
  });
});

describe('congress relevance', () => {
  it('the congress implicit in its moments and results', () => {
    for (const text of [
      'Diễn văn bế mạc của đồng chí Bí thư Tỉnh ủy nhấn mạnh đoàn kết và hành động.',
      'Mong Ban Chấp hành khóa mới của tỉnh sớm giải quyết chuyện đất rẫy cho bà con.',
      'chuc mung DH13 thanh cong tot dep',
      // the preparation of its personnel: the plenum that prepared it, the top posts, a seat "structured into" a committee
      'Sau Hội nghị Trung ương 15, phương án nhân sự tứ trụ coi như đã rõ.',
      'Ông ấy được cơ cấu vào Bộ Chính trị khóa này rồi, chắc chắn luôn.',
      // its electoral acts, in comments that never say "đại hội"
      'Bầu bí thư xong rồi, ông này ai cũng biết từ trước.',
      'nghe nói phải bầu lại tổng bí thư, chờ xem',
      'Bí thư mới về tỉnh mình là người trẻ, mong làm được việc.',
      'Phiên bế mạc chiều nay bầu xong bí thư mới rồi.',
      // the committee it elects, named on its own in a short comment
      'BCH khóa mới 55 người mà nửa là người quen nhau cả.',
    ]) {
      expect(classify(text).congress, text).toBe(true);
    }
    // the same acts of another body are not the congress's
    for (const text of [
      'Chi đoàn thôn mình vừa bầu bí thư mới là cô giáo trẻ.',
      'Phiên bế mạc Đại hội Thể dục thể thao huyện diễn ra chiều nay.',
      'Đại hội Hội Nông dân huyện bầu Ban Chấp hành khóa mới gồm 21 người.',
    ]) {
      expect(classify(text).congress, text).toBe(false);
    }
  });

  it('the congress named by its acts: a Party office and an electoral act in one sentence', () => {
    const implied = (c: Classification) => c.explanations.some((e) => e.kind === 'congress' && e.note === 'implied: office + electoral act');
    for (const text of [
      'Quảng Ngãi bầu xong tỉnh ủy rồi, ông cũ ở lại.',
      'Phiếu bầu của ông phó bí thư thấp nhất đoàn.',
      'Ủy viên Trung ương nhiệm kỳ này trẻ hơn hẳn.',
      'Các đại biểu bỏ phiếu trong hội trường tới trưa.',
      'Huyện ủy có bí thư mới, người ở xã lên.',
      // elected into a committee
      'Ông phó bí thư tỉnh mình năm nay vào Trung ương rồi.',
      // the General Secretary as people call him
      'Ông Tổng tái cử là đúng như mọi người đoán.',
    ])
      for (const t of [text, stripDiacritics(text)]) {
        const c = classify(t);
        expect(c.congress && implied(c), t).toBe(true);
      }
    // another body's or the state's vote, a confidence vote, posts filled mid-term: not the congress
    for (const text of [
      'Cử tri đi bầu đại biểu Quốc hội rất đông, tổ bầu cử làm việc tới khuya.',
      'Đại biểu Quốc hội bỏ phiếu thông qua luật trong hội trường.',
      'Hội Cựu giáo chức bầu ban chấp hành mới, thầy cũ tái cử.',
      'Tỉnh ủy lấy phiếu tín nhiệm giữa nhiệm kỳ, ông chủ tịch tỉnh được ít phiếu bầu nhất.',
      'Tỉnh ủy vừa kiện toàn Ban Thường vụ, bầu thêm hai người.',
      'Câu lạc bộ hưu trí bầu lại ban chủ nhiệm, bác bí thư chi bộ cũ vẫn tái cử.',
      'Ông Tổng giám đốc vừa tái cử, bầu xong là về.',
      'Ông Tổng biên tập bầu chọn bài hay nhất tháng.',
    ])
      expect(classify(text).congress, text).toBe(false);
  });

  it("a later plenum of a committee is not the congress, read by its structure; the congress's own plenums are", () => {
    expectCongress(
      [
        'Hội nghị Trung ương 6 khóa XIII bàn về quy hoạch và cải cách tiền lương. Có ai đọc kết luận chưa?',
        // the ordinal in words, in Roman numerals, past the old list's 11th; the body after the ordinal, or abbreviated
        'Hội nghị lần thứ tư khóa XIII bàn về chỉnh đốn Đảng. Có ai đọc kết luận chưa?',
        'Hội nghị Trung ương 12 khóa XIII bàn về cải cách tiền lương, các ủy viên Trung ương thảo luận sôi nổi.',
        'HNTW lần thứ XII khóa XIII bàn về đất đai, Bộ Chính trị trình đề án.',
        'Hội nghị lần thứ mười hai Ban Chấp hành Trung ương khóa XIII bàn về tiền lương.',
        'Hội nghị BCH TW lần thứ mười hai khóa XIII kết thúc sau ba ngày làm việc.',
        // a province's committee, with its place name before the ordinal
        'Hội nghị Tỉnh ủy Gia Lai lần thứ 5 khóa XVI thảo luận kinh tế - xã hội 9 tháng.',
        'Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5 khóa XVI thảo luận kinh tế - xã hội 9 tháng.',
        // a plenum of 2022, with its ordinal or dated only; the first plenum of another party's term
        'Hội nghị Trung ương 5 khóa XIII tháng 5/2022 bàn về đất đai và kinh tế tập thể.',
        'Hội nghị Ban Chấp hành Đảng bộ tỉnh Gia Lai đánh giá tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023.',
        'Hội nghị Trung ương 1 khóa XX của Đảng Cộng sản Trung Quốc bầu Ban Thường vụ Bộ Chính trị.',
      ],
      false,
    );
    expectCongress(
      [
        // the new committee's first plenum elects the Politburo, the secretary, the standing committee
        'Ngày 31/1, Hội nghị lần thứ nhất Ban Chấp hành Trung ương khóa XIII đã bầu Bộ Chính trị và Tổng Bí thư.',
        'Hội nghị lần thứ nhất BCH Đảng bộ tỉnh khóa XVI bầu Ban Thường vụ và Bí thư Tỉnh ủy.',
        // the outgoing committee's last plenums prepared the congress
        'HNTW 14 chốt danh sách nhân sự rồi, đại hội chỉ bấm nút.',
        // an item about the congress that mentions a later plenum in passing
        'Đại hội XIII đã bầu Ban Chấp hành Trung ương 200 người; đến Hội nghị Trung ương 4 năm sau mới bàn chuyện chỉnh đốn Đảng.',
        // a later plenum that carries out the congress's resolution is its follow-up
        'Ban Chấp hành Đảng bộ tỉnh họp hội nghị lần thứ hai, ban hành Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI.',
        // a plenum dated in the congress's year, or naming the term's target year
        'Hội nghị Tỉnh ủy Gia Lai khóa XVI bàn kế hoạch năm 2021, quán triệt nghị quyết đại hội.',
        'Hội nghị Ban Chấp hành Đảng bộ tỉnh thông qua chương trình hành động thực hiện Nghị quyết Đại hội đến năm 2025.',
      ],
      true,
    );
  });

  it("the congress's documents are the congress's, also beside another event", () => {
    expectCongress(
      [
        // the tracked name inside a longer phrase ("nghị quyết đại hội" + "đại hội xiii") keeps its standing
        'Lào học tập Nghị quyết Đại hội XIII của Đảng ta, đoàn đại biểu sang trao đổi kinh nghiệm.',
        // named by the congress's ordinal alone
        'Chi bộ tổ chức học tập, quán triệt Nghị quyết XIII của Đảng cho toàn thể đảng viên.',
      ],
      true,
    );
    expectCongress(['Lào chuẩn bị Đại hội Đảng Nhân dân Cách mạng Lào lần thứ XI, đoàn đại biểu các tỉnh đã về thủ đô.'], false);
  });

  it("the next term's congresses (2025-2030) are not the tracked ones, unless the sentence names a tracked one", () => {
    expectCongress(
      [
        'Tỉnh ủy Đắk Lắk ban hành kế hoạch chuẩn bị đại hội đảng bộ các cấp nhiệm kỳ 2025-2030, hướng tới Đại hội XIV.',
        'Gia Lai chuẩn bị Đại hội Đảng bộ tỉnh nhiệm kỳ 2025–2030.',
      ],
      false,
    );
    expectCongress(
      [
        'Đại hội đảng bộ các cấp nhiệm kỳ 2025-2030 sẽ rút kinh nghiệm từ Đại hội XIII của Đảng.',
        'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI, nhiệm kỳ 2020-2025 khai mạc sáng nay.',
        // a post that misnumbers the coming congress still speaks of it
        'Cuối tháng này là Đại hội XIV toàn quốc của Đảng rồi, các bác chuẩn bị theo dõi nhé.',
      ],
      true,
    );
  });

  it('an office and an act apart imply the congress only with distortion evidence', () => {
    const rumour = 'Nghe nói ông bí thư này chạy chọt dữ lắm. Tuần sau bầu chỉ là thủ tục thôi.';
    for (const t of [rumour, stripDiacritics(rumour)]) {
      const c = classify(t);
      expect(c.congress && c.distortion, t).toBe(true);
      expect(
        c.explanations.some((e) => e.kind === 'congress' && e.weight === 0 && e.note?.includes('distortion evidence')),
        t,
      ).toBe(true);
    }
    // no distortion evidence: not enough
    expect(classify('Ông bí thư này làm việc tốt. Tuần sau bầu rồi.').congress).toBe(false);
    // another organisation named: never
    expect(classify('Nghe nói ông bí thư chi đoàn chạy chọt dữ lắm. Tuần sau bầu chỉ là thủ tục thôi.').congress).toBe(false);
  });

  it('other assemblies: a foreign party congress, the UN General Assembly, Young Pioneers', () => {
    for (const [text, title] of [
      ['Đại hội bầu Ban Chấp hành Trung ương khóa mới và Tổng Bí thư.', 'Bế mạc Đại hội Đảng Nhân dân Cách mạng Lào lần thứ XI'],
      ['Các phái đoàn phát biểu tại phiên thảo luận chung cấp cao.', 'Khai mạc khóa họp Đại hội đồng Liên Hợp Quốc'],
      ['Đại hội Liên đội trường tiểu học bầu Ban Chỉ huy gồm 9 em.', ''],
    ]) {
      expect(classify(text, title).congress, title || text).toBe(false);
    }
  });

  it('a foreign country named in a rumour about the tracked congress does not cancel it', () => {
    const c = classify('Trung Quốc đã duyệt danh sách nhân sự Đại hội XIII từ năm ngoái.');
    expect(c.congress).toBe(true);
    expect(c.distortion).toBe(true);
    // the country approving this congress's personnel, with no tracked congress named: still this congress
    const nod = classify('Nghe nói nhân sự Bộ Chính trị khóa này phải chờ Trung Quốc gật đầu, đại hội chỉ công bố lại.');
    expect(nod.congress, nod.explanations.map((e) => e.term).join(', ')).toBe(true);
    expect(nod.distortion).toBe(true);
    // its own party's congress is another event
    expect(classify('Đại hội Đảng Cộng sản Trung Quốc bầu Bộ Chính trị mới.').congress).toBe(false);
  });

  // Claim types (judge44): what the claim says, its parts anywhere in one sentence, whatever words stand between.
  it("a foreign power or a faction said to decide or plant the congress's people, in the writer's own order", () => {
    expectClaimType(
      'rule outside-hand',
      [
        'Liệu Hoa Kỳ có thực sự đứng sau những thay đổi nhân sự cấp cao tại Đại hội XIII?',
        'Nhân sự Bộ Chính trị khóa XIII đã được Bắc Kinh "tham khảo ý kiến" trước khi đưa ra Đại hội.',
        'Đại hội XIII xong rồi, phe công an nắm trọn các ghế chủ chốt.',
        'Nghe nói Lào đã sắp xếp người của họ vào Ban Chấp hành Đảng bộ tỉnh khóa XVI.',
        'Nghe nói Mỹ đã sắp xếp người vào Bộ Chính trị khóa XIII.',
      ],
      [
        // a foreign party's congratulations, a rebuttal quoting the claim, a venue named Mỹ Đình: no claim
        'Tổng Bí thư, Chủ tịch Trung Quốc gửi điện chúc mừng Đại hội XIII của Đảng Cộng sản Việt Nam.',
        'Thông tin "Trung Quốc đứng sau nhân sự Đại hội XIII" là luận điệu xuyên tạc, hoàn toàn bịa đặt.',
        'Đại hội XIII khai mạc tại Trung tâm Hội nghị Quốc gia Mỹ Đình; Ban Tổ chức đã sắp xếp chỗ ngồi cho 1.587 đại biểu.',
        // labour and old age typed without diacritics hold Laos's letters: no power (the hundred-and-twenty-fifth pass)
        'Liên đoàn Lao động tỉnh đã sắp xếp xe đưa đón đại biểu dự Đại hội Đảng bộ tỉnh.',
        'Các bô lão trong làng được đưa vào hội trường dự phiên khai mạc Đại hội XIII.',
        // beauty and the arts, a shirt and noodles: no America, as typed or without diacritics
        'Công ty mỹ phẩm tài trợ, Ban Tổ chức sắp xếp quà cho đại biểu Đại hội Đảng bộ tỉnh.',
        'Sinh viên Đại học Mỹ thuật được đưa vào trang trí hội trường Đại hội XIII.',
        'Áo sơ mi trắng của đại biểu Đại hội Đảng bộ tỉnh được sắp xếp gọn gàng.',
        'Nhiều nhà dựa vào mì tôm qua mùa lũ, Đại hội Đảng bộ tỉnh cần quan tâm.',
      ],
    );
  });

  it("a word of the claim scare-quoted after a verb marker, in the writer's own clause; not a rebuttal's quotation nor a slogan", () => {
    const scare = (c: Classification) => distortionTerms(c).includes('style: scare quotes');
    for (const text of [
      'Trước phiên bầu, đại biểu Đại hội Đảng bộ tỉnh đã được "nhắc nhở" bầu theo phương án.',
      "Ban Chấp hành Trung ương khóa XIII vẫn chưa công bố vì còn đang 'chờ duyệt' 👀",
      'Đại hội Đảng bộ huyện bầu xong, ông bí thư cũ bị ‘cho nghỉ’ sớm.',
    ])
      for (const t of [text, stripDiacritics(text)]) expect(scare(classify(t)), t).toBe(true);
    for (const text of [
      // a rebuttal quoting the rumour's word, a slogan after "Đảng" (not "đang"), a quotation of four syllables or more
      'Tin đại biểu Đại hội Đảng bộ tỉnh được "phát phong bì" là bịa đặt.',
      'Đảng "trong sạch, vững mạnh" là mục tiêu Đại hội XIII đề ra.',
      'Đại biểu Đại hội XIII được "tặng một cuốn sách kỷ niệm" khi ra về.',
      'Đại hội Đảng bộ tỉnh khai mạc, đại biểu được tặng hoa.',
    ])
      expect(scare(classify(text)), text).toBe(false);
  });

  it('a vote held for form, a seat promised, a vote done before the meeting, a result overruled from above', () => {
    expectClaimType(
      'pre-arranged',
      [
        'Đại hội Đảng bộ tỉnh năm nay chỉ mang tính thủ tục, ai vào Thường vụ đã rõ cả.',
        'Trước Đại hội Đảng bộ tỉnh, ông giám đốc sở đã được hứa ghế Phó Bí thư Tỉnh ủy từ lâu.',
        'Đại hội huyện bầu xong từ hôm trước, hôm nay họp cho có hình ảnh.',
        'Đại hội xã bầu bí thư xong mà bị cấp trên bác kết quả, phải chờ.',
      ],
      [
        // a procedure's steps told as such, and a denial, are no such claim
        'Đại hội Đảng bộ tỉnh hoàn tất các thủ tục bầu cử theo quy chế.',
        'Không có chuyện Đại hội Đảng bộ tỉnh chỉ mang tính thủ tục, việc bầu cử dân chủ, đúng quy chế.',
      ],
    );
  });

  it("a permission, sanction or merger said to be decided by the congress's resolution; its goals quoted from the document, a denial, a question are not", () => {
    expectClaimType(
      'rule claimed-decision',
      [
        'Nghị quyết Đại hội XIII chính thức cho phép cán bộ về hưu giữ chức trong doanh nghiệp nhà nước, bà con nên tìm hiểu.',
        'Nghị quyết mới của Đại hội Đảng bộ tỉnh ghi rồi, hộ nào không dự họp chi bộ sẽ bị cắt tiền hỗ trợ từ tháng sau.',
      ],
      [
        'Nghị quyết Đại hội Đảng bộ tỉnh xác định mục tiêu phấn đấu đưa Pleiku lên thành phố trực thuộc trung ương vào năm 2030.',
        'Tin "Nghị quyết Đại hội XIII chính thức cho phép đảng viên làm kinh tế không giới hạn" là bịa đặt.',
        'Có phải nghị quyết Đại hội XIII chính thức cho phép đảng viên làm kinh tế tư nhân không?',
      ],
    );
  });

  it("everyday life said to change by the congress's document — an exam abolished, fees waived, a province merged into another; the document's goals, its issuer or number, a denial are not", () => {
    expectClaimType(
      'rule claimed-decision',
      [
        'Tin vui cho các sĩ tử: Đại hội 13 vừa thông qua nghị quyết bỏ kỳ thi tốt nghiệp THPT từ năm 2022, mọi người yên tâm nha.',
        'Văn kiện Đại hội XIII đã ghi miễn học phí cho học sinh cả nước từ năm sau, phụ huynh khỏi lo.',
        'Dự thảo Văn kiện Đại hội XIII có danh sách kèm theo, Kon Tum nhập vào Gia Lai, chuẩn bị giấy tờ nhà đất đi.',
      ],
      [
        'Nghị quyết Đại hội XIII đề ra mục tiêu đến năm 2025 là nước đang phát triển, có công nghiệp theo hướng hiện đại.',
        'Theo Nghị quyết số 37/NQ-TW, huyện Chư Sê nhập vào huyện Chư Pưh từ ngày 1/7.',
        'Các mẹ ơi cái tin "Đại hội 13 thông qua nghị quyết bỏ kỳ thi tốt nghiệp THPT" là tin giả nha.',
        'Tin nhắn chuyển tiếp cho rằng dự thảo Văn kiện Đại hội XIII có danh sách Kon Tum nhập vào Gia Lai.',
        'Có phải nghị quyết Đại hội XIII bỏ kỳ thi tốt nghiệp THPT không mọi người?',
      ],
    );
  });

  it('a notice said to threaten members with a sanction, no office or number named; the notice cited by its issuer or number is news', () => {
    expectClaimType(
      'rule claimed-decision',
      [
        'Bản dịch thông báo tiếng Jrai thôn đọc hôm qua: đảng viên nào không đi xem đại hội tỉnh sẽ bị khai trừ Đảng.',
        'Có thông báo rồi, đảng viên nào bình luận về Đại hội XIII trên mạng sẽ bị kỷ luật, ai cũng nên biết.',
      ],
      [
        'Theo thông báo của Ban Tổ chức Đại hội, đại biểu vắng mặt không có lý do sẽ bị kỷ luật theo quy chế.',
        'Thông báo số 12-TB/TU của Tỉnh ủy nêu đảng viên vi phạm quy chế đại hội sẽ bị kỷ luật.',
        'Văn phòng Trung ương Đảng khẳng định không ban hành thông báo nào có nội dung đảng viên bình luận về đại hội sẽ bị khai trừ.',
      ],
    );
  });

  it('a secret document cited as the source ("theo chỉ thị mật") is a secret document, not an attribution', () => {
    expectClaimType(
      'secret-document',
      [
        'Từ hôm nay đến hết Đại hội 13 cấm người dân ra đường sau 21h theo chỉ thị mật, mọi người chú ý!',
        'Đại biểu Đại hội Đảng bộ tỉnh được chọn theo văn bản tuyệt mật của trên, dân mình không ai biết.',
      ],
      [
        'Theo chỉ thị của Ban Thường vụ Tỉnh ủy, Đại hội Đảng bộ tỉnh bảo đảm an toàn phòng dịch.',
        'Đại hội Đảng bộ tỉnh diễn ra theo chỉ thị của Bộ Chính trị, đúng quy chế.',
      ],
    );
  });

  it("money said to be given for a vote or a seat; a vote's preparation and an election's budget are no such claim", () => {
    expectClaimType(
      'rule money-for-post',
      [
        'Đại hội Đảng bộ xã vừa rồi mỗi đảng viên được phát 300 nghìn để bầu cho đúng mấy người trong danh sách.',
        'Ông tân Phó Bí thư Tỉnh ủy phải bỏ ra 5 tỷ mới lọt vào Ban Thường vụ khóa mới.',
      ],
      [
        'Đảng viên đóng góp ý kiến vào dự thảo văn kiện Đại hội Đảng bộ tỉnh để bầu ra Ban Chấp hành xứng đáng.',
        'Tỉnh bố trí 2 tỷ đồng để bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp sau Đại hội XIII.',
        'Tin "đại biểu được phát tiền để bầu đúng người" tại Đại hội Đảng bộ tỉnh là bịa đặt.',
      ],
    );
  });
});

describe('cues in text typed without diacritics', () => {
  // The same letters read as a word running across the cue's edge: the word wins, only without diacritics.
  it('a word across the edge of a cue is the word, not the cue', () => {
    for (const text of [
      'Dai hoi dang bo tinh hom nay bau Ban Chap hanh khoa moi gom 51 dong chi.',
      'Cac dai bieu lang nghe bao cao chinh tri trinh Dai hoi dang bo tinh.',
      'Sau Dai hoi XIII, Bo Chinh tri moi ra mat bao chi tai Ha Noi.',
      'Dai hoi dang bo tinh de ra muc tieu dua Pleiku tro thanh trung tam vung.',
      'Dai hoi dang bo tinh Soc Trang khai mac sang nay.',
      'Dai hoi dang bo tinh nhan van ban Mat tran chuc mung.',
      'Sau Dai hoi dang bo tinh, cong ty bau ban lanh dao moi.',
      'Dai hoi dang bo tinh be mac, ba con don Tet vui tuoi.',
    ]) {
      const c = classify(text);
      expect(c.congress, text).toBe(true);
      expect(distortionTerms(c), text).toEqual([]);
    }
  });

  it('the cue still counts without such a word, and accented text is decided by its accents', () => {
    for (const text of ['Nghe bao Dai hoi dang bo tinh bau Ban nay la co san het roi.', 'Dai hoi dang bo tinh sap thanh trung roi, nghe bao vay.']) {
      const terms = distortionTerms(classify(text));
      expect(terms.length, `${text}: ${terms.join(', ')}`).toBeGreaterThan(0);
    }
    expect(distortionTerms(classify('Nghe bảo Đại hội Đảng bộ tỉnh bầu bán ghê lắm, ghế đã có chủ.'))).toContain('sensational: bầu bán');
    expect(distortionTerms(classify('Đại hội Đảng bộ tỉnh bầu Ban Chấp hành khóa mới.'))).toEqual([]);
  });
});

describe('mixed diacritics and the cue file', () => {
  it('a clause typed without diacritics in an accented post matches like unaccented text', () => {
    const c = classify('Đại hội Đảng bộ tỉnh Gia Lai năm nay, nghe nguoi ta don la bi hoan sang thang 12.');
    expect(distortionTerms(c).some((t) => t.startsWith('hearsay'))).toBe(true);
    // an accented clause keeps its accents: "đang" is not "đảng"
    expect(classify('Tỉnh đang chuẩn bị, mọi việc đang tốt.').explanations.filter((e) => e.term === 'đảng')).toEqual([]);
  });

  it('the press said to be wrong, or not to be believed, is the rumour set against it, not a rebuttal', () => {
    for (const text of [
      'Đại hội Đảng bộ tỉnh bầu Bí thư bằng giơ tay chứ không có phiếu kín, đừng tin báo.',
      'Đại hội Đảng bộ tỉnh họp bốn ngày chứ không phải ba ngày, báo chí đưa sai hết.',
      'Ban Thường vụ Tỉnh ủy khóa mới có mười bảy người, mấy báo viết sai rồi.',
    ])
      expectFamily(text, 'press-distrust');
    // warning against rumours, or against the unofficial press, stays a rebuttal
    for (const text of [
      'Thông tin Đại hội Đảng bộ tỉnh bị hoãn là bịa đặt, bà con đừng tin.',
      'Đại hội Đảng bộ tỉnh không hoãn, bà con đừng tin mấy tờ báo lá cải.',
      'Đại hội Đảng bộ tỉnh không hoãn, đừng tin báo nước ngoài.',
    ]) {
      const c = expectRebuttal(text, true);
      expect(c.distortion, distortionTerms(c).join(', ')).toBe(false);
    }
  });

  it('a rule naming an unknown group is rejected with the file and the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cues-'));
    const file = join(dir, 'cues.yaml');
    writeFileSync(file, 'id: x\ngroups:\n  - { id: a, weight: 1, terms: [nghe nói] }\nrules:\n  - { id: r, weight: 1, all: [a, b] }\n');
    expect(() => loadYamlFile(file, cuesSchema, 'distortion cues')).toThrow(/cues\.yaml[\s\S]*rules\[0\]\.all\[1\]: unknown group "b"/);
    writeFileSync(file, 'id: x\ngroups:\n  - { id: a, weight: 1, terms: [nghe nói] }\nrules:\n  - { id: r, weight: 1, all: [a], any: [c], noneInItem: [d] }\n');
    expect(() => loadYamlFile(file, cuesSchema, 'distortion cues')).toThrow(
      /rules\[0\]\.any\[0\]: unknown group "c"[\s\S]*rules\[0\]\.noneInItem\[0\]: unknown group "d"/,
    );
  });

  it('combine expands every part of each list, in order', () => {
    expect(
      groupPhrases([
        'sốc',
        {
          combine: [
            ['nghe', 'nghe người ta'],
            ['nói', 'đồn'],
          ],
        },
      ]),
    ).toEqual(['sốc', 'nghe nói', 'nghe đồn', 'nghe người ta nói', 'nghe người ta đồn']);
  });
});
