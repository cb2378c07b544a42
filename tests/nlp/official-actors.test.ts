import { describe, expect, it } from 'vitest';
import { forBothForms } from './helpers.ts';

// An official body as the actor of a posting or an election (seventy-ninth pass): a report that "Ban Thường vụ Tỉnh ủy
// đã điều động, chỉ định …" or that the new committee "sẽ do Đại hội bầu" names who acts, and the body that acts vouches
// for it as a named issuer does — the unattributed-* rules (a claim stated with nobody vouching) do not hold. Not the
// passive "được Ban Thường vụ chỉ định" (a rumour's pre-arranged post as often), nor a body named as the source of a
// secret text. Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the
// lexicons alone.
const rules = (c: { explanations: { kind: string; term: string }[] }) =>
  c.explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith('rule unattributed-')).map((e) => e.term);

// the body that acts, named: a posting reported, an election by the congress or its plenum
const ACTING = [
  'Ban Thường vụ Thành ủy đã điều động hai đồng chí về làm Bí thư quận ủy.',
  'Tỉnh ủy đã luân chuyển, chỉ định hai đồng chí về làm Bí thư huyện ủy.',
  'Nhân sự Ban Chấp hành khóa mới sẽ do Đại hội bầu theo đúng quy trình.',
  'Các ủy viên Ban Thường vụ khóa tới sẽ do Hội nghị Ban Chấp hành bầu ra.',
];
// no body acts; the body is passive (a post said to be pre-arranged); the body is the source of a secret text
const UNVOUCHED = [
  'Ông Tư sẽ bị loại khỏi Ban Chấp hành khóa mới, ghế bí thư về tay người khác.',
  'Ông Tư đã được Ban Thường vụ chỉ định sẵn, nhân sự khóa mới sẽ có ba người bị loại.',
  'Theo nghị quyết mật của Ban Thường vụ, ông Tư sẽ bị loại khỏi danh sách đại hội.',
];

describe('an official body as the actor of a posting or an election', () => {
  it('reads no unattributed claim where the body that posts or elects is named as acting', () => {
    forBothForms(ACTING, (c, t) => expect(rules(c), t).toEqual([]));
  });

  it('still reads the claim where no body acts, or the body is passive or the source of a secret text', () => {
    forBothForms(UNVOUCHED, (c, t) => expect(rules(c).length, t).toBeGreaterThan(0));
  });
});
