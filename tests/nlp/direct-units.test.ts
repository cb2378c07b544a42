import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { CONFIG, REPO, expectEachReads, forBothForms, stripDiacritics, contradictionsOf } from './helpers.ts';

// The lower levels' congresses as the sheet states them (eighty-fourth pass): the number of units under the provincial
// committee (GL-DIRECT-UNITS `units`) and the day by which they finished (`completed_by`), and the day the grassroots
// finished (GL-GRASSROOTS `completed_by`). Under the configured sheet (17 units by 2020-08-20; grassroots by
// 2020-06-15). Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the
// lexicons alone.
const says = (c: Classification, id: string) =>
  contradictionsOf(c)
    .filter((e) => e.factId === id)
    .map((e) => e.note!.split(';')[0]);
const units = (c: Classification) => says(c, 'GL-DIRECT-UNITS');
const grassroots = (c: Classification) => says(c, 'GL-GRASSROOTS');

describe('the number of units under the provincial committee', () => {
  it('reads a count right before "đảng bộ trực thuộc" as the units’ number', () => {
    expectEachReads(
      [
        ['Tỉnh ủy Gia Lai: 19/19 đảng bộ trực thuộc đã hoàn thành đại hội nhiệm kỳ 2020-2025.', 'says 19 đảng bộ trực thuộc'],
        ['Toàn bộ 15 đảng bộ trực thuộc Tỉnh ủy Gia Lai đã tổ chức xong đại hội.', 'says 15 đảng bộ trực thuộc'],
        ['Đảng bộ tỉnh Gia Lai có tới 21 đảng bộ trực thuộc, đến giờ vẫn còn 2 đơn vị chưa đại hội.', 'says 21 đảng bộ trực thuộc'],
      ],
      units,
    );
  });

  it('keeps the official count, some of the units, a lower level’s and the central committee’s units, another province', () => {
    forBothForms(
      [
        'Tỉnh ủy Gia Lai cho biết 17/17 đảng bộ trực thuộc đã hoàn thành đại hội.',
        'Trong 17 đảng bộ trực thuộc Tỉnh ủy Gia Lai, Đảng bộ Quân sự tỉnh tổ chức đại hội sớm nhất.',
        // some of them, under half the number
        'Tỉnh ủy Gia Lai còn 3 đảng bộ trực thuộc chưa tổ chức đại hội.',
        // a lower level's or the central committee's units
        'Đảng bộ huyện Chư Sê của tỉnh Gia Lai có 12 đảng bộ trực thuộc và 40 chi bộ.',
        'Ban Chấp hành Đảng bộ tỉnh được biết 67 đảng bộ trực thuộc Trung ương đã hoàn thành đại hội.',
        // where the congress is watched
        'Đại hội Đảng bộ tỉnh Gia Lai kết nối trực tuyến tới 19 điểm cầu của các đảng bộ trực thuộc.',
      ],
      (c, t) => expect(units(c), t).toEqual([]),
    );
  });
});

describe('the day the lower levels finished their congresses', () => {
  it('reads a finishing day after the official one as contradicting it', () => {
    expectEachReads(
      [
        ['Toàn bộ 17 đảng bộ trực thuộc Tỉnh ủy Gia Lai đã tổ chức xong đại hội, đơn vị cuối cùng hoàn thành vào ngày 28/8.', 'dates the completion 28/8'],
        ['Tỉnh ủy Gia Lai: 17/17 đảng bộ trực thuộc hoàn thành đại hội ngày 2/9.', 'dates the completion 2/9'],
      ],
      units,
    );
    expectEachReads(
      [['Theo tổng hợp, đến ngày 28/6/2020, tổ chức cơ sở đảng cuối cùng của Đảng bộ tỉnh Gia Lai mới hoàn thành đại hội.', 'dates the completion 28/6/2020']],
      grassroots,
    );
  });

  it('keeps the official day, an earlier one, a later bound, a denied completion, the province’s own congress, another province', () => {
    forBothForms(
      [
        'Tỉnh ủy Gia Lai cho biết 17/17 đảng bộ trực thuộc đã hoàn thành đại hội trước ngày 20/8/2020.',
        // one unit finishing early
        'Đảng bộ Công an tỉnh Gia Lai là đơn vị đầu tiên trong 17 đảng bộ trực thuộc hoàn thành đại hội, ngày 15/6.',
        // all done by a later day: not when
        'Tỉnh ủy Gia Lai cho biết các đảng bộ trực thuộc đều hoàn thành đại hội trước 31/8.',
        // not finished
        'Tỉnh ủy Gia Lai: các đảng bộ trực thuộc chưa hoàn thành đại hội ngày 28/8 như dự kiến.',
        // the province's own congress in the same sentence
        'Sau khi 17/17 đảng bộ trực thuộc hoàn thành đại hội, Đại hội Đảng bộ tỉnh Gia Lai bế mạc ngày 16/10.',
        // another province's units
        'Tỉnh ủy Kon Tum: đơn vị cuối cùng trong các đảng bộ trực thuộc Trung ương hoàn thành đại hội ngày 28/8.',
        'Tổ chức cơ sở đảng cuối cùng của Đảng bộ tỉnh Gia Lai hoàn thành đại hội ngày 10/6.',
      ],
      (c, t) => {
        expect(units(c), t).toEqual([]);
        expect(grassroots(c), t).toEqual([]);
      },
    );
  });

  it('reads the values from the sheet in use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sheet-'));
    const sheet = join(dir, 'units.json');
    const facts = JSON.parse(readFileSync(join(REPO, 'tests/fixtures/dev-corpus-71.facts.json'), 'utf8')) as Array<{ id: string }>;
    writeFileSync(sheet, JSON.stringify(facts));
    const other = loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), modelFile: undefined, factsSheet: sheet });
    // that sheet: 18 units by 2020-08-25, grassroots by 2020-06-10
    const read = (text: string) => {
      const c = other.classify({ title: '', text });
      return [...units(c), ...grassroots(c)];
    };
    for (const strip of [false, true]) {
      const f = (t: string) => (strip ? stripDiacritics(t) : t);
      expect(read(f('Tỉnh ủy Gia Lai: 18/18 đảng bộ trực thuộc đã hoàn thành đại hội trước ngày 25/8/2020.'))).toEqual([]);
      expect(read(f('Tỉnh ủy Gia Lai: 17/17 đảng bộ trực thuộc đã hoàn thành đại hội.'))).toEqual(['says 17 đảng bộ trực thuộc']);
      expect(read(f('Tỉnh ủy Gia Lai: 18/18 đảng bộ trực thuộc hoàn thành đại hội ngày 22/8.'))).toEqual([]);
      expect(read(f('Tỉnh ủy Gia Lai: 18/18 đảng bộ trực thuộc hoàn thành đại hội ngày 27/8.'))).toEqual(['dates the completion 27/8']);
      expect(read(f('Tổ chức cơ sở đảng cuối cùng của Đảng bộ tỉnh Gia Lai hoàn thành đại hội ngày 12/6.'))).toEqual(['dates the completion 12/6']);
    }
  });
});
