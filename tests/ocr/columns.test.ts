// Columns of a `pdftotext -layout` page put one after the other (written apart from the
// generated edition that `npm run eval:epaper` measures).
import { describe, expect, it } from 'vitest';
import { untangleColumns } from '../../crawlers/pdf.ts';

const row = (...cells: string[]) =>
  cells
    .map((cell) => cell.padEnd(30))
    .join('')
    .trimEnd();

describe('untangleColumns', () => {
  it('reads three columns top to bottom, left to right', () => {
    const page = [
      row('Cột một dòng một', 'Cột hai dòng một', 'Cột ba dòng một'),
      row('cột một dòng hai', 'cột hai dòng hai', 'cột ba dòng hai'),
      row('cột một dòng ba', 'cột hai dòng ba', 'cột ba dòng ba'),
      row('cột một hết.', '', 'cột ba hết.'),
      row('', 'cột hai hết.'),
    ].join('\n');
    const words = untangleColumns(page)
      .split(/\s*\n\s*/)
      .filter(Boolean);
    expect(words).toEqual([
      'Cột một dòng một',
      'cột một dòng hai',
      'cột một dòng ba',
      'cột một hết.',
      'Cột hai dòng một',
      'cột hai dòng hai',
      'cột hai dòng ba',
      'cột hai hết.',
      'Cột ba dòng một',
      'cột ba dòng hai',
      'cột ba dòng ba',
      'cột ba hết.',
    ]);
  });

  it('leaves one column alone, ragged lines and indented paragraphs included', () => {
    const page = [
      'Đại hội Đảng bộ tỉnh khai mạc sáng nay với sự tham dự của',
      'các đại biểu.',
      '      Trong phiên làm việc đầu tiên, đại hội đã nghe báo cáo',
      'chính trị và thảo luận về phương hướng nhiệm kỳ tới.',
      'Hết.',
    ].join('\n');
    expect(untangleColumns(page)).toBe(page);
  });
});
