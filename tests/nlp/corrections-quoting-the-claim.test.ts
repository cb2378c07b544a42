import { describe, it } from 'vitest';
import { expectDates } from './helpers.ts';

// The 159th pass (study126's R, rank 1): a correction, a notice or a denial quoting the wrong version does not assert
// it — "… thì sửa lại nha:", "Không đúng nha các bạn:", "Ngược với tin đồn '…'", "Về bài '…':", "bài '…' không dẫn
// nguồn", "Bạn nào nói … là nhầm rồi". The version is cited; what the item says after the verdict stays its own, and a
// rumour quoting a post to spread it keeps the claim. Phrasings written for these tests, not corpus sentences; each as
// typed and with its diacritics stripped, on the lexicons alone.

const WRONG = 'Đại hội XIII kéo dài tới ngày 10/2';

describe('a correction quoting the wrong version (R)', () => {
  it('reads the version a correction, a notice or a reply names as cited', () => {
    expectDates(
      [
        `Bạn nào chú thích ảnh là “${WRONG}” thì sửa lại nha: lịch chính thức đã đăng trên báo.`,
        `Ngược với tin đồn '${WRONG}', báo Nhân Dân đã đăng lịch chính thức.`,
        `Về bài '${WRONG}' trên một trang mạng: lịch chính thức đã đăng trên báo.`,
        `Về tin '${WRONG}': lịch chính thức đã đăng trên báo.`,
        `Cái bài '${WRONG}' không dẫn văn bản nào cả. Đừng share nữa các bạn.`,
        `Nhóm nhắc: bài '${WRONG}' không có nguồn, đã xóa và khóa bình luận.`,
        `Tin “${WRONG}” là tin đồn, mọi người xem lịch trên báo.`,
        // (a thread's title with its tag and its question mark inside single marks, locked)
        `Chủ đề '[HOT] ${WRONG}?' đã bị khóa. Vui lòng không lập lại chủ đề.`,
      ],
      0,
    );
  });

  it('reads a version reported without quotation marks and refuted as cited', () => {
    expectDates(
      [
        `Mình thấy một page dịch vụ cưới ghi ${WRONG}. Không đúng nha các bạn: lịch chính thức đã đăng trên báo.`,
        `Bạn nào nói ${WRONG} là nhầm rồi, lịch chính thức đã đăng trên báo.`,
        `Có người đồn ${WRONG}. Sai rồi nhé, báo đã đăng lịch.`,
      ],
      0,
    );
  });

  it('keeps the claim the same frames vouch for after the verdict', () => {
    expectDates(
      [
        `Bạn nào ghi 'Đại hội XIII họp đúng lịch' thì sửa lại nha: ${WRONG} rồi.`,
        `Mình thấy báo ghi Đại hội XIII họp đúng lịch. Không đúng nha các bạn: ${WRONG}.`,
        `Ai nói Đại hội XIII họp đúng lịch là nhầm to, ${WRONG} mà.`,
      ],
      1,
    );
  });

  it('keeps the claim of a rumour that quotes or reports a post to spread it, or states it plainly', () => {
    expectDates(
      [
        `Chia sẻ lại bài '${WRONG}', nguồn nội bộ, share nhanh kẻo bị xóa.`,
        `Mình thấy một page ghi ${WRONG}. Chắc chắn luôn, người nhà làm trong đó.`,
        `Ai nói ${WRONG} thì đúng rồi đó, nội bộ báo vậy.`,
        `Không đúng. ${WRONG}, báo chí đăng cho đẹp thôi.`,
      ],
      1,
    );
  });
});
