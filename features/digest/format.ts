// Vietnamese presentation of figures, dates and statuses for the digest and alerts.
import type { ReviewStatus } from '../../core/types.ts';
import type { IsoWeek } from './week.ts';

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 12345 → "12.345" (Vietnamese grouping). */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** 0.125 → "12,5%". */
export function formatPercent(ratio: number): string {
  return `${oneDecimal.format(ratio * 100)}%`;
}

/** Relative change from `previous` to `current`; null when there is nothing to compare with. */
export function relativeChange(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / previous;
}

/** "tăng 12,5%", "giảm 3,0%", "không đổi"; "mới" when the week before had none. */
export function describeChange(current: number, previous: number): string {
  const change = relativeChange(current, previous);
  if (change === null) return 'mới';
  if (change === 0) return 'không đổi';
  return `${change > 0 ? 'tăng' : 'giảm'} ${formatPercent(Math.abs(change))}`;
}

/** "+12,5%" / "−3,0%" / "0%" / "mới", for narrow table cells. */
export function shortChange(current: number, previous: number): string {
  const change = relativeChange(current, previous);
  if (change === null) return 'mới';
  if (change === 0) return '0%';
  return `${change > 0 ? '+' : '−'}${formatPercent(Math.abs(change))}`;
}

/** "2020-10-12" → "12/10/2020". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** "2020-10-12" → "12/10". */
export function formatShortDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${d}/${m}`;
}

const WEEKDAYS = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];
const WEEKDAY_NAMES = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "2020-10-12" → "T2" (Thứ Hai); Sunday is "CN". */
export function weekdayShort(day: string): string {
  return WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];
}

export function weekdayName(day: string): string {
  return WEEKDAY_NAMES[new Date(`${day}T00:00:00Z`).getUTCDay()];
}

/** "Tuần 42/2020 (12/10 – 18/10/2020)". */
export function formatWeek(week: IsoWeek): string {
  return `Tuần ${week.week}/${week.year} (${formatShortDay(week.days[0])} – ${formatDay(week.days[6])})`;
}

export const STATUS_LABELS: Record<ReviewStatus, string> = {
  new: 'Chưa xử lý',
  in_review: 'Đang xem xét',
  confirmed: 'Đã xác nhận, chưa phản hồi',
  response_drafted: 'Đã soạn phản hồi',
  responded: 'Đã phản hồi',
  dismissed: 'Đã bỏ qua (không sai lệch)',
};
