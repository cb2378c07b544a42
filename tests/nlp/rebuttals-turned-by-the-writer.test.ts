import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { loadOfficialFacts } from '../../pipeline/nlp/facts-sheet.ts';
import { bothForms, classifier, contradictionsOf, forBothForms, REPO } from './helpers.ts';

// The hundred-and-tenth pass (#14, study107's family Z): the rebuttal's words used by the claim — the press's denial
// dismissed by the writer's next sentence ("Càng bác càng …", "Vậy giải thích sao …?"), a correction forecast ("báo sẽ
// phải đính chính: …"), the official broadcast said to be recorded and edited ("đoạn quay trước rồi cắt ghép lại"), and
// the writer's own count after "Sai. Thực tế …". Each as typed and without diacritics, on the lexicons alone; every
// value is the configured sheet's.

const sheet = loadOfficialFacts(join(REPO, 'config/official-facts.yaml'));
const value = (id: string, key: string) => sheet.find((f) => f.id === id)!.values[key] as number;
const units = value('GL-DIRECT-UNITS', 'units');
const members = value('GL-BCH', 'members');

const groups = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight !== 0).map((e) => e.term.split(':')[0]);
const read = (text: string) => classifier().classify({ title: '', text });

describe('the press’s denial dismissed by the writer’s next sentence', () => {
  it('reads the denial as the press distrusted where the next sentence challenges it', () => {
    forBothForms(
      [
        'VTV bảo tin “Đại hội kéo dài” là tin giả. Vậy giải thích sao việc các khách sạn quanh hội trường được đặt phòng đến tận tháng sau?',
        'Báo tỉnh vừa đăng bài bác tin “danh sách Thường vụ rò rỉ”. Càng bác càng chứng tỏ là thật.',
      ],
      (c, t) => {
        expect(groups(c), t).toContain('press-distrust');
        expect(groups(c), t).not.toContain('rebuttal');
      },
    );
  });

  it('keeps a denial the press made, followed by anything else, or said by nobody named, a rebuttal', () => {
    forBothForms(
      [
        'VTV bảo tin “Đại hội kéo dài” là tin giả. Vậy là yên tâm rồi nhé mọi người.',
        'Báo tỉnh vừa đăng bài bác tin “danh sách Thường vụ rò rỉ”. Mọi người đọc kỹ trước khi chia sẻ.',
        'Tin “Đại hội kéo dài” là tin giả. Vậy giải thích sao được chuyện ai cũng chia sẻ nó?',
      ],
      (c, t) => {
        expect(groups(c), t).toContain('rebuttal');
        expect(groups(c), t).not.toContain('press-distrust');
      },
    );
  });
});

describe('a correction forecast', () => {
  it('does not read "sẽ phải đính chính" as a correction: the writer’s count is counted', () => {
    for (const t of bothForms([
      `Tuần sau báo sẽ phải đính chính: Đại hội tỉnh thực ra bầu Ban Chấp hành ${members - 3} người chứ không phải ${members}, có 3 người bị gạch tên phút chót.`,
    ])) {
      expect(groups(read(t)), t).not.toContain('rebuttal');
      expect(
        contradictionsOf(read(t)).map((e) => e.factId),
        t,
      ).toContain('GL-BCH');
    }
  });

  it('keeps a correction made a rebuttal', () => {
    forBothForms([`Báo tỉnh đính chính: Đại hội tỉnh bầu Ban Chấp hành ${members} người, không phải ${members - 3} như bài trước.`], (c, t) => {
      expect(groups(c), t).toContain('rebuttal');
      expect(contradictionsOf(c), t).toEqual([]);
    });
  });
});

describe('the official broadcast said to be recorded and edited', () => {
  it('reads "quay trước rồi cắt ghép" as the press said to cut what it shows', () => {
    forBothForms(
      ['Nói cho mọi người biết, đại hội họp kín. Mai đài có phát thì cũng là đoạn quay trước rồi cắt ghép lại, chỉ là phát lại có chọn lọc.'],
      (c, t) => {
        expect(groups(c), t).toContain('press-hiding');
        expect(groups(c), t).not.toContain('rebuttal');
      },
    );
  });

  it('keeps a doctored clip exposed, and the rumour of a recorded broadcast denied, rebuttals', () => {
    forBothForms(
      [
        'Clip “đại biểu bỏ về” là cắt ghép từ đoạn quay trước rồi ghép tiếng, đừng chia sẻ.',
        'Tin phiên khai mạc là đoạn quay sẵn rồi cắt ghép là bịa đặt, phiên khai mạc được truyền hình trực tiếp.',
      ],
      (c, t) => {
        expect(groups(c), t).toContain('rebuttal');
        expect(groups(c), t).not.toContain('press-hiding');
      },
    );
  });
});

describe('the writer’s own count after "Sai. Thực tế …"', () => {
  it('counts a smaller count of the units that finished as a contradiction, the verdict before it not a rebuttal', () => {
    for (const t of bothForms([
      `${units}/${units} đảng bộ trực thuộc hoàn thành đại hội? Sai. Thực tế mới ${units - 4}/${units} làm xong, báo giấu nhẹm.`,
      `${units} đảng bộ trực thuộc hoàn thành đại hội đúng hạn là số đẹp trên báo thôi. Thực tế chỉ ${units - 3} đơn vị xong đúng hạn.`,
    ])) {
      const c = read(t);
      expect(
        contradictionsOf(c).map((e) => e.factId),
        t,
      ).toEqual(['GL-DIRECT-UNITS']);
      expect(groups(c), t).not.toContain('bare-verdict');
      expect(groups(c), t).not.toContain('correction-opener');
    }
  });

  it('keeps the sheet’s own count after "Thực tế" a correction, and a count without the units named unread', () => {
    for (const t of bothForms([
      `Có tin chỉ ${units - 4}/${units} đảng bộ trực thuộc hoàn thành đại hội? Sai. Thực tế ${units}/${units} đảng bộ trực thuộc đã hoàn thành đại hội.`,
      `Nhiều người hỏi về lịch đại hội. Thực tế mới ${units - 4} xã làm xong khâu chuẩn bị.`,
    ])) {
      const c = read(t);
      expect(contradictionsOf(c), t).toEqual([]);
      expect(c.distortion, t).toBe(false);
    }
  });
});
