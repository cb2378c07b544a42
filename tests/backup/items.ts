// Numbered items for the backup tests (also used by the writer child process, so no vitest here).
import type { ScoredItem } from '../../core/types.ts';
import { makeItem } from '../helpers/items.ts';

export function numberedItem(i: number, word = 'Đại hội'): ScoredItem {
  return makeItem(
    {
      title: `Bài ${i} về ${word} tỉnh Gia Lai`,
      text: `Nội dung số ${i}: ${word} đại biểu Đảng bộ tỉnh lần thứ XVI. `.repeat(4),
      url: `https://bao-a.example/bai-${i}.html`,
    },
    { congress: i % 3 === 0, distortion: i % 7 === 0 },
  );
}
