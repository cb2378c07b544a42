import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { compileGatherings, gatheringsSchema, readGatherings } from '../../pipeline/nlp/gatherings.ts';
import { loadYamlFile, topicSchema } from '../../pipeline/nlp/lexicon.ts';
import { bothForms, expectCongress, firedGroup, forBothForms, forBothFormsTitled, REPO, stripDiacritics } from './helpers.ts';

// The hundred-and-seventeenth pass. A: words typed without diacritics whose letters fold onto a lexicon term of another
// meaning — a longer word running across the term's edge ("dai hoi chi bo phieu" is "chỉ bỏ phiếu", not the Party cell's
// "đại hội chi bộ"; "dai hoi dong khach" is "đông khách", not "đại hội đồng"; "tai khoan dang bi chan" is the account
// that posts, not "đang bị chặn"), or a person's title before a capitalised name ("Chi Dinh Thi …" is "Chị Đinh Thị …",
// not "chỉ định"). B: the title "Thông tin <claim> là sai sự thật" with its claim unquoted, and an insider cited beside
// "không phải … như tin" as the correction's source. Phrasings written for these tests, not corpus sentences; as typed
// and without diacritics, on the lexicons alone (under the default sheet: Gia Lai 14–16/10/2020).
const topic = loadYamlFile(`${REPO}/config/topics/congress-2020.yaml`, topicSchema, 'topic');
const markers = compileGatherings(loadYamlFile(`${REPO}/config/gatherings.yaml`, gatheringsSchema, 'gathering holders'), topic.words);
const unpartisan = (t: string) => readGatherings(markers, t, false).evidence;

describe('a word across a term’s edge, typed without diacritics (A)', () => {
  it('is no Party cell, no general assembly', () => {
    expectCongress(
      [
        'Nghe nói danh sách Ban Thường vụ của Hội đồng Giám mục khóa tới đã chốt, đại hội chỉ bỏ phiếu cho có.',
        'Hội thánh Tin Lành miền Nam họp đại hội, các mục sư chỉ bỏ phiếu một lần.',
      ],
      false,
    );
    expectCongress(['Quán phở cạnh hội trường mấy hôm đại hội đông khách lắm, cả nhà chạy không kịp. Chúc đại hội thành công!'], true);
    for (const t of ['Đại hội Hội đồng Giám mục, các giám mục chỉ bỏ phiếu một lần.'].map(stripDiacritics)) expect(unpartisan(t), t).toBeNull();
  });

  it('keeps the Party cell and the general assembly where no word crosses them', () => {
    expectCongress(
      ['Đại hội chi bộ thôn 3 bỏ phiếu bầu chi ủy khóa mới, nhiệm kỳ 2020-2025.', 'Chi bộ bỏ phiếu bầu bí thư tại đại hội chi bộ sáng nay.'],
      true,
    );
    expectCongress(['Đại hội đồng cổ đông thường niên của công ty họp sáng nay, đông cổ đông tham dự.'], false);
    for (const t of bothForms(['Đại hội chi bộ bỏ phiếu bầu bí thư.'])) expect(unpartisan(t), t).not.toBeNull();
  });
});

describe('the post and the poster across “đang”, typed without diacritics (A)', () => {
  it('is no call to share before removal', () => {
    forBothForms(['Từ nay bài kiểu "danh sách rò rỉ" sẽ bị xóa và tài khoản đăng bị chặn.', 'Hôm qua có bài đăng bị gỡ vì nói sai về đại hội.'], (c, t) =>
      expect(firedGroup(c, 'share-before-removal'), t).toEqual([]),
    );
  });

  it('keeps the call where the page itself is being blocked', () => {
    forBothForms(['Xem ngay kẻo trang đang bị chặn, danh sách nhân sự đại hội đây.'], (c, t) =>
      expect(firedGroup(c, 'share-before-removal').length, t).toBeGreaterThan(0),
    );
  });
});

// The hundred-and-twentieth pass (study115's U′): "bao chua (dam) dua thoi" is the press that has not (dared to) run it,
// not the satire cue "đùa thôi" (c105-135, c68-004, c87-003); "chi doi hoi" is "chỉ đòi hỏi", not the Young Pioneers'
// "chi đội" (c104-007) — the same words across a term's edge, listed in config.
describe('the withheld story and a demand across a term’s edge, typed without diacritics (U′)', () => {
  const satire = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.term.includes('đùa thôi'));

  it('is no joke after “chưa / chưa dám / không” before “đưa”', () => {
    forBothForms(
      [
        'Đại hội tỉnh hoãn rồi mọi người ơi, tin chính xác từ huyện, báo chưa đưa thôi.',
        'Đại hội 13 họp trực tuyến hết rồi, báo chưa dám đưa thôi.',
        'Đại hội tỉnh dời địa điểm rồi, báo chí không đưa thôi chứ ai cũng biết.',
      ],
      (c, t) => expect(satire(c), t).toEqual([]),
    );
  });

  it('keeps the joke said as such', () => {
    forBothForms(['Đại hội tỉnh chuyển lên mặt trăng họp, đùa thôi mọi người nhé 😂'], (c, t) => expect(satire(c).length, t).toBeGreaterThan(0));
  });

  it('is no Young Pioneers’ unit before “hỏi”, and keeps the unit elsewhere', () => {
    expectCongress(['Nhiều câu hỏi trong cuộc thi tìm hiểu Nghị quyết Đại hội XIII chỉ đòi hỏi nhớ con số: ngày khai mạc, số đại biểu.'], true);
    expectCongress(['Chi đội 7A tổ chức đại hội chi đội, bầu chi đội trưởng mới cho năm học.'], false);
  });
});

describe('a person’s title before a capitalised name, typed without diacritics (A)', () => {
  const personnel = (c: Classification) => c.explanations.filter((e) => e.term === 'rule unattributed-personnel');

  it('is no appointment', () => {
    forBothForms(['Chị Đinh Thị Hoa, 35 tuổi, là một trong những gương mặt mới của Ban Chấp hành Đảng bộ tỉnh khóa XVI.'], (c, t) =>
      expect(personnel(c), t).toEqual([]),
    );
  });

  it('keeps the appointment written in lower case, or named by an office', () => {
    forBothForms(
      ['Nghe đâu ông ấy đã được chỉ định làm bí thư từ trước đại hội rồi.', 'Nghe đâu bí thư huyện là do trên chỉ định sẵn trước đại hội.'],
      (c, t) => expect(personnel(c).length, t).toBeGreaterThan(0),
    );
  });
});

describe('a title naming its claim unquoted, a verdict closing it (B)', () => {
  const DENIAL = 'discourse: the headline denies the claim';
  const terms = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion').map((e) => e.term);
  const BODY = 'Mấy ngày qua, trên một số nhóm Facebook xuất hiện bài viết về chuyện này. Văn phòng Tỉnh ủy khẳng định đại hội diễn ra đúng kế hoạch.';

  it('reads the title as the rebuttal', () => {
    forBothFormsTitled(
      [
        ['Thông tin Đại hội Đảng bộ tỉnh Gia Lai dời sang cuối tháng 11 là sai sự thật', BODY],
        ['Tin Đại hội Đảng bộ tỉnh bị hoãn sang tháng 12 là không đúng', BODY],
      ],
      (c, t) => {
        expect(terms(c), t).toContain(DENIAL);
        expect(c.distortion, t).toBe(false);
      },
    );
  });

  it('not a claim that agrees with the sheet called false, a question, or a verdict with no claim', () => {
    forBothFormsTitled(
      [
        ['Thông tin Đại hội Đảng bộ tỉnh Gia Lai diễn ra từ 14 đến 16/10 là sai sự thật', BODY],
        ['Tin Đại hội Đảng bộ tỉnh bị hoãn sang tháng 12 là sai sự thật?', BODY],
        ['Thông tin sai sự thật', BODY],
      ],
      (c, t) => expect(terms(c), t).not.toContain(DENIAL),
    );
  });
});

describe('an insider cited beside the rumour’s value set aside (B)', () => {
  const insiderWeight = (c: Classification) => firedGroup(c, 'insider').reduce((sum, e) => sum + e.weight, 0);

  it('takes back the insider’s weight', () => {
    forBothForms(
      [
        'Mình hỏi chú mình làm ở Văn phòng Tỉnh ủy rồi: đại hội họp 3 ngày, không phải 1 ngày như tin bên nhóm mình hôm qua.',
        'Em có anh họ làm ở Tỉnh ủy, anh ấy bảo đại hội vẫn bầu bằng phiếu kín, không phải giơ tay như tin đồn đâu.',
      ],
      (c, t) => expect(insiderWeight(c), t).toBe(0),
    );
  });

  it('still reads the insider who sets the official version aside, or with no rumour named', () => {
    forBothForms(
      [
        'Chú mình làm ở Tỉnh ủy bảo danh sách nhân sự đã được chốt sẵn, không phải bầu thật như tin trên báo đâu.',
        'Chú mình làm ở Tỉnh ủy bảo đại hội sẽ họp 1 ngày thôi, không phải 3 ngày đâu.',
      ],
      (c, t) => expect(insiderWeight(c), t).toBe(2),
    );
  });
});
