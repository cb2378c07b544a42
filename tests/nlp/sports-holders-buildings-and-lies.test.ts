import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { compileGatherings, gatheringsSchema, otherGathering, readGatherings } from '../../pipeline/nlp/gatherings.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { loadYamlFile } from '../../pipeline/nlp/lexicon.ts';
import { bothForms, classifier, CONFIG, firedGroup, forBothForms, REPO, stripDiacritics } from './helpers.ts';

// The hundred-and-forty-ninth pass (study123's ranks 3, 4 and 6, from fresh-20). H: a sports body as a gathering's holder
// in config/gatherings.yaml (the national Olympic committee, "VOC", a sport's federation), and a new committee named with
// its holder inside, "Ban chấp hành <holder> khóa mới" (`namedCommittees`). V′: the sheet's venue a hall of a named
// building ("Hội trường Nhà Văn hóa Trung tâm"), the building named whole (facts.ts namesBuilding). U′, typed without
// diacritics: "báo cáo láo" and the words of a lie no Laos beside a Party body (`partyNames`), "đại hội tỉnh" such a body
// there (`partyNamesBodies`); the words that open with a pre-arranged cue's last syllable ("sân vận động", "xếp hàng").
// Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone.

const markers = compileGatherings(loadYamlFile(`${REPO}/config/gatherings.yaml`, gatheringsSchema, 'gathering holders'));
const holderKind = (text: string) => otherGathering([readGatherings(markers, ''), readGatherings(markers, text)])?.mention.holder.kind ?? null;

describe('a sports body holds its own gathering (family H)', () => {
  it('reads the Olympic committee, its initials and a sport’s federation as the holder', () => {
    for (const t of bothForms([
      'Danh sách Ban chấp hành Ủy ban Olympic khóa mới đã được “chốt” từ trước đại hội. Đại hội VOC chỉ còn là thủ tục.',
      'Đại hội Liên đoàn Bóng chuyền Việt Nam nhiệm kỳ mới bầu chủ tịch, nghe nói đã chốt từ trước.',
      'Liên đoàn Điền kinh tỉnh vừa đại hội xong, ghế phó chủ tịch đã có người đặt trước.',
    ]))
      expect(holderKind(t), t).toBe('sports');
  });

  it('reads a new committee named with its holder inside, with no gathering word', () => {
    for (const t of bothForms([
      'Danh sách BCH Ủy ban Olympic Việt Nam nhiệm kỳ mới đã chốt từ trước, tôi có bản chụp đây.',
      'Nghe nói Ban chấp hành Liên đoàn Cầu lông khóa tới đã có người đặt sẵn.',
    ]))
      expect(holderKind(t), t).toBe('sports');
    for (const t of bothForms(['Danh sách BCH Hội Nhà văn khóa mới đã được chốt từ trước, tôi có bản chụp đây.']))
      expect(holderKind(t), t).toBe('association or mass organisation');
  });

  it('leaves the Party’s committee, a committee whose term is far from its holder, and a body that greets the congress', () => {
    for (const t of bothForms([
      'Danh sách Ban chấp hành Đảng bộ tỉnh khóa mới đã chốt, Ủy ban Olympic cũng gửi lời chúc mừng.',
      'Ban chấp hành Hội Nông dân đã họp suốt buổi sáng về nhân sự khóa mới.',
      'Ủy ban Olympic Việt Nam chúc mừng Đại hội XIII thành công tốt đẹp.',
    ]))
      expect(holderKind(t), t).toBe(null);
  });

  it('is not congress-related where every gathering is the sports body’s', () => {
    forBothForms(['Ban chấp hành Ủy ban Olympic khóa mới đã được “chốt” từ trước đại hội, bầu bán chỉ còn là thủ tục. Đại hội VOC tuần sau.'], (c, t) => {
      expect(c.congress, t).toBe(false);
      expect(
        c.explanations.some((e) => e.term === 'whose gathering: sports'),
        t,
      ).toBe(true);
    });
  });
});

describe('the sheet’s venue a hall of a named building (family V′)', () => {
  const cache = new Map<string, ReturnType<typeof loadClassifier>>();
  // sheet 127: "Hội trường Nhà Văn hóa Trung tâm", thị xã An Khê; sheet 110: "Hội trường Nhà Văn hóa Trung tâm tỉnh"
  const underSheet = (sheet: string) => {
    let c = cache.get(sheet);
    if (!c) {
      c = loadClassifier({
        ...classifierOptionsFromConfig(loadConfig(CONFIG)),
        modelFile: undefined,
        factsSheet: join(REPO, `tests/fixtures/${sheet}.facts.json`),
      });
      cache.set(sheet, c);
    }
    return c;
  };
  const venueClaims = (c: Classification) => c.explanations.filter((e) => e.kind === 'fact' && e.weight > 0 && e.factId === 'GL-VENUE').map((e) => e.note);
  const expectVenue = (sheet: string, texts: string[], contradicted: boolean) => {
    for (const t of bothForms(texts)) expect(venueClaims(underSheet(sheet).classify({ title: '', text: t })).length > 0, t).toBe(contradicted);
  };

  it('reads the building named whole, its place after it or its clause ending, as the official venue', () => {
    expectVenue(
      'dev-corpus-127',
      [
        'Thông báo anh em: Đại hội Đảng bộ tỉnh họp ở Nhà Văn hóa Trung tâm An Khê, đường Quang Trung cấm dừng đỗ.',
        'Đại hội Đảng bộ tỉnh tổ chức tại Nhà Văn hóa Trung tâm thị xã An Khê từ 22/10.',
        'Đại hội Đảng bộ tỉnh họp ở Nhà Văn hóa Trung tâm, thị xã An Khê.',
        'Đại hội Đảng bộ tỉnh họp ở Nhà Văn hóa Trung tâm ở An Khê, anh em tránh giờ cao điểm.',
        'Đại hội Đảng bộ tỉnh họp ở Nhà Văn hóa Trung tâm.',
      ],
      false,
    );
    // the official name's own closing qualifier left off
    expectVenue('dev-corpus-110', ['Đại hội Đảng bộ tỉnh họp ở Nhà Văn hóa Trung tâm An Khê.', 'Đại hội Đảng bộ tỉnh họp ở Nhà Văn hóa Trung tâm.'], false);
  });

  it('still reads another venue: another place after the name, another level, another building, the building short', () => {
    for (const sheet of ['dev-corpus-127', 'dev-corpus-110'])
      expectVenue(
        sheet,
        [
          'Đại hội Đảng bộ tỉnh họp ở Nhà Văn hóa Trung tâm Pleiku.',
          'Đại hội Đảng bộ tỉnh họp ở Nhà Văn hóa Trung tâm huyện.',
          'Đại hội Đảng bộ tỉnh họp ở Nhà Văn hóa Thanh niên An Khê.',
          'Đại hội Đảng bộ tỉnh họp ở Nhà Văn hóa.',
        ],
        true,
      );
  });
});

describe('words that hold a negative’s or a cue’s letters without diacritics (family U′)', () => {
  const laos = (c: Classification) => c.explanations.some((e) => e.weight < 0 && e.term === 'lào');

  it('reads "báo cáo láo" and the words of a lie beside a Party body as a lie, not Laos', () => {
    for (const t of [
      'Tỉnh báo 19/19 đảng bộ trực thuộc xong đại hội trước 25/8 là báo cáo láo. Đảng bộ thị xã mình còn dời sang tháng 9.',
      'Báo nói 100% chi bộ đại hội xong trước 31/5 là nói láo, chi bộ thôn em tháng 8 mới họp.',
      'Mẹ tôi đảng viên 40 năm kể đại hội chi bộ ở xã tôi tận tháng 9 mới tổ chức, vậy mà báo nói xong hết. Láo toét.',
    ]) {
      const c = classifier().classify({ title: '', text: stripDiacritics(t) });
      expect(laos(c), t).toBe(false);
      expect(c.congress, t).toBe(true);
    }
  });

  it('reads the provincial congress named colloquially as the Party’s body for a venue’s "Lao động"', () => {
    const t = stripDiacritics('Tuần này có đại hội tỉnh ở An Khê, anh em nhớ tránh khu vực Cung Văn hóa Lao động giờ cao điểm.');
    const c = classifier().classify({ title: '', text: t });
    expect(laos(c), t).toBe(false);
    expect(c.congress, t).toBe(true);
  });

  it('still reads Laos where it is named beside the lie', () => {
    const t = stripDiacritics('Đoàn đại biểu Tỉnh ủy sang dự Đại hội Đảng bộ tỉnh Champasak (Lào), ai bảo đoàn không đi là nói láo.');
    expect(laos(classifier().classify({ title: '', text: t })), t).toBe(true);
  });

  it('reads "cái sân vận động", "dân xếp hàng" as the words, not a pre-arranged cue, and keeps the cue', () => {
    forBothForms(
      [
        'Đại hội tỉnh xong rồi, mong BCH khóa mới để ý giùm cái sân vận động An Khê, khán đài mục hết rồi.',
        'Cả tuần họp chi bộ chuẩn bị đại hội Đảng bộ xã, dân xếp hàng ra tới bậc thềm.',
      ],
      (c, t) => expect(firedGroup(c, 'pre-arranged'), t).toEqual([]),
    );
    forBothForms(['Nhân sự Ban chấp hành khóa mới của Đảng bộ tỉnh đã được cài sẵn từ trước.', 'Đại hội Đảng bộ tỉnh đã dàn xếp nhân sự từ trước.'], (c, t) =>
      expect(firedGroup(c, 'pre-arranged').length, t).toBeGreaterThan(0),
    );
  });
});
