import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import {
  compileGatherings,
  gatheringsSchema,
  otherGathering,
  overrideForOtherGathering,
  readGatherings,
  type GatheringReading,
} from '../../pipeline/nlp/gatherings.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { loadYamlFile } from '../../pipeline/nlp/lexicon.ts';
import { bothForms, CONFIG, NAME_PREFIXES, REPO, stripDiacritics } from './helpers.ts';

// Families of phrasings written for these tests (not corpus sentences); each is checked as typed
// and with its diacritics stripped.
const markers = compileGatherings(loadYamlFile(`${REPO}/config/gatherings.yaml`, gatheringsSchema, 'gathering holders'));
const read = (text: string): GatheringReading[] => [readGatherings(markers, ''), readGatherings(markers, text)];

/** Another organisation's gathering: [text, the holder's words as written in it]. */
const OTHERS: Array<[string, string]> = [
  // Youth Union, named after the gathering word, before it as the subject, or as an abbreviation
  ['Đại hội Chi đoàn khu phố 3 sáng nay đã bầu Ban Chấp hành mới gồm 5 đồng chí, bí thư chi đoàn tái đắc cử.', 'Chi đoàn'],
  ['Chủ nhật này Đoàn thanh niên phường mình đại hội nhiệm kỳ mới, bầu lại bí thư, ai rảnh ra cổ vũ nhé.', 'Đoàn thanh niên'],
  ['ĐTN xã Ia Kênh đại hội xong rồi, bạn Hùng làm bí thư mới, mong năm nay có sân bóng cho thanh niên.', 'ĐTN'],
  // clubs, cooperatives, associations (the holder past "đại biểu", "thành viên", an ordinal)
  ['CLB bóng chuyền phố núi tổ chức đại hội cuối năm, bầu lại ban chủ nhiệm, anh Minh tiếp tục làm chủ nhiệm.', 'CLB'],
  ['Đại hội thành viên HTX rau sạch Ia Dêr bầu Hội đồng quản trị mới 5 người. Đại hội thông qua phương án chia lãi.', 'HTX'],
  ['Đại hội đại biểu Hội LHPN xã Ia Bă lần thứ V bầu Ban Chấp hành khóa mới gồm 11 chị, chị Hoa tái đắc cử.', 'Hội'],
  // churches and religious bodies
  ['Giáo phận thông báo hoãn Đại hội Giới trẻ vì mưa lũ, thời gian tổ chức lại sẽ báo sau.', 'Giới trẻ'],
  ['Chi hội Tin lành làng mình tổ chức đại hội thường niên, bầu Ban Chấp sự nhiệm kỳ mới.', 'Chi hội Tin lành'],
  // foreign parties: their name is no Party evidence ("Đảng Cộng sản Trung Quốc" is not ours)
  ['Đại hội toàn quốc của Đảng Cộng hòa Mỹ đã chính thức đề cử ứng viên tổng thống, các đại biểu bỏ phiếu tại hội trường.', 'Đảng Cộng hòa'],
  ['Đại hội lần thứ XX của Đảng Cộng sản Trung Quốc bế mạc, bầu Ban Chấp hành mới.', 'Đảng Cộng sản Trung Quốc'],
  // "đại hội" as an idiom for a get-together
  ['Đại hội võ lâm phố núi: cả xóm tụ tập thi bóc bắp, ai thắng được bầu làm trưởng ban 😂', 'võ lâm'],
  ['Tối nay đại hội nhậu cuối năm, bầu luôn trưởng ban văn nghệ nhiệm kỳ mới haha.', 'nhậu'],
  // a name made of another organisation's words right before the gathering word
  ['Quần Hùng Đại Hội mùa 3 chính thức mở đăng ký, các team nhanh tay bầu đội trưởng nhé.', 'Quần Hùng'],
  // a fandom, an online game's guild, a hobby's keepers (the fandom named before, in its sentence)
  ['Fanclub của nhóm nhạc Hàn chốt ban điều hành trước đại hội thành viên cuối tháng, ai phản đối cứ bình luận.', 'Fanclub'],
  ['Tối nay đại hội bang hội trong game, bầu bang chủ mới, ai không vào bị kick nhé.', 'bang hội'],
  ['Đại hội chim cảnh toàn tỉnh năm nay có hơn 300 lồng dự thi, giải nhất bị nghi dàn xếp.', 'chim cảnh'],
  ['Offline đại hội anime cuối tuần ở công viên, có cosplay và bầu trưởng nhóm mới.', 'anime'],
  // investors (a scheme's "congress"), the Vietnamese abroad
  ['ĐẠI HỘI NHÀ ĐẦU TƯ 2021: góp vốn 5 triệu nhận lãi mỗi ngày, bầu ban đại diện ngay tại hội trường!', 'NHÀ ĐẦU TƯ'],
  ['Đại hội kiều bào toàn thế giới lần thứ IV quy tụ hơn 500 đại biểu từ 40 nước.', 'kiều bào'],
  // a sports federation, a trade-union federation
  ['Đại hội Liên đoàn Bóng đá tỉnh nhiệm kỳ mới bầu chủ tịch, nhiều cựu cầu thủ được đề cử vào Ban Chấp hành.', 'Liên đoàn Bóng đá'],
  ['Đại hội Liên đoàn Lao động huyện lần thứ X bầu Ban Chấp hành 21 người, chủ tịch tái đắc cử.', 'Liên đoàn Lao động'],
  // the residents of a building
  ['Đại hội nhà chung cư tòa A tối qua bầu ban quản trị mới, nhiều hộ nói phiếu ủy quyền bị dàn xếp.', 'nhà chung cư'],
  // yoga and the wellness words, a fandom's own name, a club by its initials, a dealer's customers, a pilgrimage (study118's
  // H1, the 131st pass)
  ['Đại hội yoga toàn thành phố sáng chủ nhật quy tụ gần 800 người, có đồng diễn và thiền tập thể.', 'yoga'],
  ['Đại hội dưỡng sinh của các cụ phường mình năm nay bầu lại trưởng nhóm, ai cũng hào hứng.', 'dưỡng sinh'],
  ['ĐẠI HỘI ARMY MIỀN TRUNG 2021 tổ chức ở quán cà phê, bầu lại ban quản trị nhóm, ai muốn ứng cử nhắn admin.', 'ARMY'],
  ['Ban cán sự FC phố núi nhiệm kỳ mới đã chốt trước đại hội thành viên tháng sau, ai phản đối thì nhắn admin.', 'FC'],
  ['Đại hội tri ân khách hàng cuối năm của cửa hàng vật tư nông nghiệp: bốc thăm trúng xe máy.', 'tri ân khách hàng'],
  ['Nghe nói đại hội hành hương năm nay chỉ cho vài đoàn, ai đi thì đăng ký riêng.', 'hành hương'],
  ['Đại hội Thánh Mẫu năm nay tổ chức gọn, người các nơi về ít hơn mọi năm.', 'Thánh Mẫu'],
  // the word as a name or a nickname, quoted alone after a naming word (study118's H2)
  ['Mấy chị em từng thi hoa hậu hẹn họp mặt cuối năm, họ gọi vui là "đại hội", ai vắng bị phạt.', 'gọi vui là'],
  ['Nhóm nhạc “Đại Hội” vừa tung MV mới, fan đòi bầu lại trưởng nhóm.', 'Nhóm nhạc'],
  ["Quán nhậu mang tên 'Đại Hội' ở phố núi đông khách dịp cuối tuần.", 'mang tên'],
  // study124's H (the 152nd pass): a school year's reunion past "khóa <year>" or a year range, a clan by its surname or
  // "toàn tộc", an association by its board, a union's committee named whole, an international body, a quoted "Đại hội"
  // and its crowd after the closing quote
  ['Đại hội khóa 2010 THPT Chu Văn An xong rồi anh em ơi, lớp trưởng mới bầu bằng cách oẳn tù tì.', 'THPT'],
  ['Đại hội khóa 2002-2005 trường cấp 3 Hùng Vương tổ chức ngày 20/7, ai chưa đăng ký thì nhắn lớp trưởng.', 'trường cấp 3'],
  ['Đại hội họ Trần toàn tộc năm nay làm 50 mâm, trưởng họ mới sẽ được bầu tại đại hội.', 'họ Trần'],
  ['Đại hội toàn tộc năm nay tổ chức ở quê nội, bà con nhớ về đông đủ.', 'toàn tộc'],
  ['Nghe nói ban điều hành của Hội Cà phê Buôn Ma Thuột đã chốt trước đại hội thường niên, bầu cho có.', 'ban điều hành của Hội'],
  ['Lộ danh sách BCH Hội Liên hiệp Phụ nữ huyện khóa mới, mấy người được cài sẵn từ trước đại hội.', 'BCH Hội Liên hiệp Phụ nữ'],
  ['Đại hội Bảo tồn Thế giới khai mạc tại Marseille với hàng nghìn đại biểu từ khắp nơi.', 'Bảo tồn Thế giới'],
  ['Đại hội IUCN năm nay bầu chủ tịch mới, nhiều đại biểu thảo luận về rừng.', 'IUCN'],
  ['“Đại hội” hacker Sài Gòn cuối tuần này có thi CTF, BTC giữ kín giải thưởng.', 'hacker'],
  // the Youth Union's central committee named whole, a crypto DAO, catechists, a singer's fandom, a game's players (the
  // 157th pass; phrasings written for the tests)
  ['Nghe nói danh sách Ban Chấp hành Trung ương Đoàn khóa mới đã chốt từ trước đại hội Đoàn toàn quốc.', 'Đoàn'],
  ['Lộ danh sách BCH TW Đoàn khóa XIII, đại hội tháng sau mới bầu mà ai cũng biết rồi.', 'BCH TW Đoàn khóa'],
  ['Đại hội DAO của dự án sẽ bỏ phiếu chia lại token cho holder vào cuối tuần.', 'DAO'],
  ['Đại hội giáo lý viên giáo xứ năm nay tổ chức ở nhà thờ, các anh chị nhớ ghi danh.', 'giáo lý viên'],
  ['Đại hội Sky toàn quốc năm nay ở Hà Nội, fan nhớ giữ bí mật địa điểm nha.', 'Sky'],
  ['Đại hội Liên Quân toàn quốc cuối tuần này, các team nhớ ghi danh sớm.', 'Liên Quân'],
];

/** The Party's congress, named or implicit: never another organisation's gathering. */
const PARTY = [
  'Tỉnh đoàn ra quân tình nguyện hướng tới Đại hội Đảng bộ tỉnh lần thứ XVI.',
  'Đại hội tỉnh Gia Lai lần thứ XVI bầu Ban Chấp hành 51 người.',
  'Đại hội đại biểu toàn quốc lần thứ XIII của Đảng khai mạc tại Hà Nội.',
  'ĐH 13 sắp khai mạc rồi, mọi người theo dõi nhé.',
  // another organisation greets, serves or attends the congress: it is not that organisation's
  'Hội Nông dân xã chúc mừng đại hội thành công tốt đẹp, mong khóa mới quan tâm giá cà phê.',
  'CLB hưu trí phường mình cử người đi dự đại hội, nghe nói ban chấp hành mới trẻ lắm.',
  'Đoàn thanh niên xã mình tổ chức văn nghệ chào mừng đại hội, mong đại hội bầu được người tâm huyết.',
  // another organisation's gathering beside Party evidence
  'Đại hội Đoàn trường diễn ra sau khi Đảng bộ xã tổng kết nhiệm kỳ, Bí thư Đảng ủy về dự.',
  // another organisation's gathering beside a Party one named by its level
  'Đại hội Chi đoàn xong rồi, tháng sau tới đại hội tỉnh, mong khóa mới quan tâm thanh niên.',
  // a delegation ("đoàn đại biểu") is not the Youth Union
  'Đoàn đại biểu Gia Lai lên đường dự đại hội, mang theo nhiều tâm tư của cử tri.',
  // words that are no holder right before the gathering word: "chờ đợi", "hai" ("doi", "hai" typed
  // without diacritics are also "đội", "hài"), a group's admins ("ban quản trị")
  'Cả tỉnh chờ đợi đại hội, mong khóa mới chống tham nhũng mạnh tay hơn.',
  'Hai đại hội liền nhau tỉnh mình đều có bí thư trẻ, năm nay chắc cũng vậy.',
  'Ban quản trị nhóm nhắc các bác: danh sách nhân sự trước Đại hội đều là tin đồn, Trung ương do Đại hội bầu.',
  // the writer's scorn for the congress, a scare quote with no naming word: no name (the 131st pass)
  "Cái gọi là 'đại hội' chỉ là hình thức, bầu ai cũng đã chốt sẵn từ trước.",
  "'Đại hội' năm nay đã được dàn xếp hết rồi, bầu cho có thôi.",
  // "họ" the pronoun, not a clan ("ho dang" typed without diacritics is "họ đang"); the bare "thế giới" no holder; a
  // scare quote before a Party word (the 152nd pass)
  'Trước đại hội họ đang chạy chức rầm rộ, ai cũng biết.',
  'Đại hội họ định bầu ai thì bầu, dân mình biết gì.',
  'Bạn bè thế giới theo dõi Đại hội, nhiều đại biểu quốc tế gửi điện mừng.',
  '“Đại hội” tỉnh năm nay đã dàn xếp hết rồi, bầu cho có thôi.',
  'Đại hội nhiệm kỳ 2020-2025 Đảng bộ tỉnh bầu Ban Chấp hành 51 người.',
  // the Party's own central committee, united ("đoàn kết": no Youth Union), and words that are no holder typed without
  // diacritics ("dạo này", "liên quan") (the 157th pass)
  'Đại hội XIII bầu Ban Chấp hành Trung ương gồm 180 ủy viên chính thức.',
  'Ban Chấp hành Trung ương đoàn kết, thống nhất, đại hội thành công tốt đẹp.',
  'Đại hội dạo này toàn chuyện nhân sự, tỉnh mình chắc cũng đã chốt.',
  'Tin đồn đại hội liên quan đến nhân sự tỉnh lan nhanh quá.',
  // implicit: no "đại hội" at all
  'Bí thư Tỉnh ủy đọc diễn văn bế mạc, Ban Chấp hành khóa mới ra mắt.',
];

describe('whose gathering (gatherings.ts)', () => {
  it.each(OTHERS.flatMap(([t, h]) => [[t, h] as const, [stripDiacritics(t), stripDiacritics(h)] as const]))(
    'reads another organisation as the holder: %s',
    (text, holder) => {
      const verdict = otherGathering(read(text));
      expect(verdict).not.toBeNull();
      expect(verdict!.mention.holderText).toBe(holder);
      expect(text.slice(verdict!.mention.holderStart, verdict!.mention.holderEnd)).toBe(holder);
    },
  );

  it.each(bothForms(PARTY))('does not make a Party congress another organisation’s: %s', (text) => {
    expect(otherGathering(read(text))).toBeNull();
  });

  it('reads the Party as the holder after the gathering word, past "đại biểu", "toàn quốc" and the ordinal', () => {
    for (const text of bothForms(['Đại hội đại biểu Đảng bộ huyện Chư Sê', 'Đại hội đại biểu toàn quốc lần thứ XIII của Đảng', 'đại hội tỉnh lần thứ XVI']))
      expect(readGatherings(markers, text).mentions[0].holder).toEqual({ party: true });
  });

  it('checks accents where the text has them: "đang" is not "đảng"', () => {
    expect(readGatherings(markers, 'Đại hội đang diễn ra ở hội trường.').mentions[0].holder).toBeNull();
    // typed without diacritics the same letters may be the Party: no override then
    expect(readGatherings(markers, 'Dai hoi dang dien ra o hoi truong.').mentions[0].holder).toEqual({ party: true });
  });

  it('reads a one-word holder typed without diacritics only when capitalised ("hoi" may be "hồi")', () => {
    expect(readGatherings(markers, 'dai hoi hoi thang 10 bau duoc bi thu moi, ai cung mung').mentions[0].holder).toBeNull();
    expect(readGatherings(markers, 'dai hoi doan ket qua the nao roi mn').mentions[0].holder).toBeNull();
    expect(readGatherings(markers, 'Dai hoi Hoi Nong dan xa bau Ban Chap hanh moi').mentions[0].holder).toEqual({
      party: false,
      kind: 'association or mass organisation',
    });
    expect(readGatherings(markers, 'Đại hội hồi tháng 10 bầu được bí thư mới').mentions[0].holder).toBeNull();
  });

  it('reads a holder before "TP. Pleiku" in its sentence: that dot ends none (the sentences of discourse.ts and text.ts)', () => {
    const holder = (text: string) => readGatherings(markers, text, undefined, NAME_PREFIXES).mentions[0].holder;
    for (const t of bothForms(['Đoàn thanh niên TP. Pleiku đại hội xong rồi, bầu bí thư mới.', 'Đoàn thanh niên Q. 1 tổ chức đại hội cuối tuần.']))
      expect(holder(t), t).toMatchObject({ party: false });
    // a line break after the dot ends the sentence: no holder named before it
    for (const t of bothForms(['Đoàn thanh niên về TP.\nĐại hội xong rồi, bầu bí thư mới.'])) expect(holder(t), t).toBeNull();
  });

  it('reads a name before the gathering word only from another organisation, and typed without diacritics only capitalised', () => {
    const holder = (text: string) => readGatherings(markers, text).mentions[0].holder;
    for (const t of bothForms(['Anh Hùng Đại Hội tập 2 lên sóng tối mai.', 'Võ Lâm Đại Hội server mới mở.']))
      expect(holder(t), t).toMatchObject({ party: false });
    // the Party's words there are read as before them ("xã" of "ĐTN xã"), the one-word holders never
    expect(holder('Chủ nhật này cả xã đại hội, ai cũng háo hức.')).toBeNull();
    expect(holder('Dân làng chờ đợi đại hội.')).toBeNull();
    for (const t of ['hai dai hoi lien tiep deu bau bi thu tre', 'Hai dai hoi lien tiep deu bau bi thu tre', 'cho doi dai hoi'])
      expect(holder(t), t).toBeNull();
  });

  it('keeps offsets into NFD text', () => {
    const text = 'CLB xe cổ tổ chức đại hội thường niên.'.normalize('NFD');
    const verdict = otherGathering(read(text))!;
    expect(text.slice(verdict.mention.start, verdict.mention.end).normalize('NFC')).toBe('đại hội');
    expect(verdict.mention.holderText).toBe('CLB');
  });

  it('overrides only a positive congress decision, below the threshold, with an explanation at the holder', () => {
    const text = 'Đại hội võ lâm phố núi tối nay.';
    const verdict = otherGathering(read(text));
    const positive: Classification = { congress: true, distortion: true, scores: { congress: 0.8, distortion: 0.7 }, topics: [], explanations: [] };
    const out = overrideForOtherGathering(positive, verdict, 0.5);
    expect(out).toMatchObject({ congress: false, distortion: false, scores: { congress: 0.499, distortion: 0.7 } });
    expect(out.explanations).toEqual([
      expect.objectContaining({ kind: 'negative', term: 'whose gathering: idiom or a gathering of friends', field: 'text', matched: 'võ lâm' }),
    ]);
    const negative = { ...positive, congress: false, distortion: false };
    expect(overrideForOtherGathering(negative, verdict, 0.5)).toBe(negative);
    expect(overrideForOtherGathering(positive, null, 0.5)).toBe(positive);
  });

  it('rejects a phrase listed for two holders', () => {
    const m = loadYamlFile(`${REPO}/config/gatherings.yaml`, gatheringsSchema, 'gathering holders');
    expect(() => compileGatherings({ ...m, party: { ...m.party, after: [...m.party.after, 'clb'] } })).toThrow(/"clb" is listed for two holders/);
  });
});

describe('the classifier with whose-gathering reading (shipped config and model)', () => {
  const options = classifierOptionsFromConfig(loadConfig(CONFIG));
  const learned = loadClassifier(options);
  const lexicons = loadClassifier({ ...options, modelFile: undefined });
  const before = loadClassifier({ ...options, gatheringsFile: undefined });

  it.each(bothForms(OTHERS.map(([t]) => t)))('is not congress-related: %s', (text) => {
    for (const c of [learned, lexicons]) {
      const r = c.classify({ title: '', text });
      expect(r.congress).toBe(false);
      expect(r.scores.congress).toBeLessThan(0.5);
    }
  });

  it('reads Party evidence in a field without any "đại hội": no override', () => {
    for (const [title, text] of [
      ['Đại hội Chi đoàn thôn 2 nhiệm kỳ mới', 'Bí thư Đảng ủy xã về dự, mong các bạn trẻ đi đầu làm đường giao thông nông thôn.'],
      ['CLB hưu trí phường tổ chức đại hội', 'Các cụ là đảng viên lâu năm gửi nhiều ý kiến tâm huyết lên Tỉnh ủy.'],
    ])
      for (const [t, x] of [
        [title, text],
        [stripDiacritics(title), stripDiacritics(text)],
      ])
        expect(learned.classify({ title: t, text: x })).toEqual(before.classify({ title: t, text: x }));
  });

  it('explains the override at the holder’s words', () => {
    const text = 'ĐTN xã Ia Kênh đại hội xong rồi, bạn Hùng làm bí thư mới, mong năm nay có sân bóng cho thanh niên.';
    const r = learned.classify({ title: '', text });
    const e = r.explanations.find((x) => x.term.startsWith('whose gathering'));
    expect(e).toMatchObject({ kind: 'negative', matched: 'ĐTN', start: 0, end: 3 });
  });

  it.each(bothForms(PARTY))('leaves the decision on the Party congress as it was: %s', (text) => {
    const r = learned.classify({ title: '', text });
    expect(r).toEqual(before.classify({ title: '', text }));
    expect(r.explanations.some((e) => e.term.startsWith('whose gathering'))).toBe(false);
  });
});
