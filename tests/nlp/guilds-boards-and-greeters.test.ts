import { describe, expect, it } from 'vitest';
import { classifier, expectCongress, expectEachReads, expectNoContradictions, factIdsOf, forBothForms, stripDiacritics } from './helpers.ts';

// The hundred-and-forty-second pass (study122's ranks 2 and 3 and its X, from fresh-19). H: non-Party holders in
// config/gatherings.yaml — an online game's guild ("đại hội bang", "bang chủ"), a boarding house's tenants' board, an
// arts association as the holder of a new committee ("ban chấp hành khóa mới", `committees`) with no gathering word; a
// jury member not a Party office for the implied congress (impliedInItem). H1: another country's communist party
// (`foreign.communist` × `foreign.countries`) and a bare "đảng cộng sản" after it. N′: a utility's own cut schedule as
// its own event (`celebrants`; distortion-cues `utility-schedule`), "theo dõi / xem trực tuyến" the viewers' format
// (`formatHolders`). X: the audience a company sits before the congress, a bank's greeting SMS (`towards`, `greeters`).
// Phrasings written for these tests, not corpus sentences; on the lexicons alone.

const congressOf = (text: string) => classifier().classify({ title: '', text }).congress;
const rules = (text: string) =>
  classifier()
    .classify({ title: '', text })
    .explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith('rule '))
    .map((e) => e.term);

describe('a game guild', () => {
  it('holds "đại hội bang" and its leader’s election', () => {
    for (const t of [
      'Tối nào con tôi cũng thức khuya vì "đại hội bang" trong game kiếm hiệp, nào là bầu bang chủ, có đứa còn mua phiếu bằng kim cương.',
      'Đại hội bang tối nay bầu bang chủ mới, ai chưa vào server thì vào nhanh, nghe nói đã chia ghế trưởng lão từ trước.',
      'Bang hội của tụi nhỏ đại hội xong rồi, bang chủ cũ bị phế vì bị tố mua phiếu.',
    ])
      expect(congressOf(t), t).toBe(false);
  });

  it('reads "bang" typed without diacritics as a guild only when capitalised', () => {
    expect(congressOf('Dai hoi Bang toi nay bau bang chu moi, nghe noi da chia ghe tu truoc.')).toBe(false);
    // ("dai hoi bang hinh thuc truc tuyen" is "đại hội bằng hình thức trực tuyến")
    expect(congressOf('Dai hoi Dang bo tinh to chuc dai hoi bang hinh thuc truc tuyen, nghe noi da chia ghe tu truoc.')).toBe(true);
  });

  it('leaves the Party’s congress named beside a game', () => {
    expectCongress(['Game thủ bang hội mình cũng bàn chuyện Đại hội Đảng bộ tỉnh, nghe nói đã chia ghế từ trước.'], true);
  });
});

describe('a boarding house’s tenants’ board', () => {
  it('holds its own gathering', () => {
    expectCongress(
      [
        'Rò rỉ danh sách ban đại diện người thuê trọ khóa mới nè, chưa đại hội mà đã chốt chị Thảo làm trưởng ban rồi, nghe nói chủ trọ bồi dưỡng.',
        'Khu trọ mình chủ nhật này đại hội bầu trưởng dãy, nghe nói chốt sẵn người rồi.',
        'Ban đại diện cư dân khóa mới chưa đại hội đã có danh sách, nghe nói ban quản lý cài người.',
      ],
      false,
    );
  });

  it('leaves the Party’s congress a tenant speaks of', () => {
    expectCongress(['Người thuê trọ như mình cũng nghe nói Đại hội Đảng bộ tỉnh đã chốt danh sách Ban Chấp hành khóa mới.'], true);
  });
});

describe('an arts association’s new committee', () => {
  it('holds "ban chấp hành khóa mới" with no gathering word', () => {
    expectCongress(
      [
        "Nội bộ Hội Nhà văn đang xôn xao vì danh sách ban chấp hành khóa mới được 'thống nhất' từ trước ở một quán cà phê.",
        'Hội Nhiếp ảnh tỉnh rò rỉ danh sách ban chấp hành khóa mới, nghe nói đã chốt từ trước.',
        'Liên hiệp các Hội Văn học nghệ thuật tỉnh: nghe nói danh sách BCH khóa mới đã chốt sẵn.',
      ],
      false,
    );
  });

  it('reads a committee at the end of a text', () => {
    expectCongress(['Hội Nhà văn tỉnh vừa có danh sách BCH khóa mới'], false);
  });

  it('reads an association named after the committee, capitalised', () => {
    expectCongress(['Nghe nói danh sách Ban chấp hành khóa mới Hội Nhiếp ảnh tỉnh đã chốt từ trước ở quán cà phê.'], false);
  });

  it('leaves the Party’s committee, and an association that greets it', () => {
    expectCongress(
      [
        // ("đoàn kết" after the committee is unity, not the Youth Union)
        'Phiên bế mạc chiều nay đã khép lại sau 9 ngày làm việc. Bài diễn văn bế mạc ngắn gọn mà nhiều ý. Chúc BCH khóa mới đoàn kết, làm việc hiệu quả.',
        'Hội Nhà văn tỉnh chúc mừng ban chấp hành khóa mới của Đảng bộ tỉnh, nghe nói danh sách đã chốt từ trước.',
        'Nghe nói danh sách Ban Chấp hành khóa mới của Đảng bộ tỉnh đã chốt từ trước, Hội Nhà văn cũng bàn tán.',
      ],
      true,
    );
  });
});

describe('a jury member', () => {
  it('is no Party office for the congress implied by an office and an act', () => {
    expectCongress(
      [
        'Share trước khi bị xóa: giải vàng cuộc thi ảnh năm nay đã được sắp đặt từ trước, người thắng là con cháu một ủy viên ban giám khảo.',
        'Share trước khi bị xóa: hội thi văn nghệ năm nay đã được sắp đặt từ trước, giải nhất về tay cháu một ủy viên ban giám khảo.',
      ],
      false,
    );
  });

  it('leaves a Party office and an act with no contest named', () => {
    expectCongress(['Share trước khi bị xóa: năm nay ghế ủy viên thường vụ đã được sắp đặt từ trước, người được chọn là con cháu lãnh đạo.'], true);
  });
});

describe('another country’s communist party', () => {
  it('holds its congress, and a bare "đảng cộng sản" after it is that party', () => {
    expectCongress(
      [
        'Hôm nay đi làm về thấy người phát tờ rơi, hỏi ra là Đại hội Đảng Cộng sản Nhật Bản vừa xong, họ vận động cho lao động nước ngoài. Ở Nhật cũng có đảng cộng sản đó anh em.',
        'Đại hội Đảng Cộng sản Pháp bầu lãnh đạo mới, đảng cộng sản ở đó giờ ít người trẻ.',
        'Đại hội Đảng Cộng sản Ấn Độ kết thúc, báo chí bên đó nói bầu cử nội bộ có tranh cãi.',
      ],
      false,
    );
  });

  it('leaves the Party named as ours, and its congress', () => {
    expectCongress(
      [
        'Đảng Cộng sản Nhật Bản gửi điện mừng Đại hội XIII của Đảng Cộng sản Việt Nam.',
        'Đại hội Đảng Cộng sản Pháp vừa xong, còn Đại hội Đảng bộ tỉnh ta sắp khai mạc.',
      ],
      true,
    );
  });

  it('does not read "anh hùng" after the Party’s name as a country', () => {
    expectCongress(['Đại hội Đảng Cộng sản anh hùng đã bầu Ban Chấp hành Trung ương khóa mới.'], true);
  });
});

describe('a utility’s own cut schedule', () => {
  it('reads the schedule’s moved date as the schedule’s, not the congress’s', () => {
    expectNoContradictions([
      'Điện lực An Khê thông báo bảo đảm cấp điện phục vụ Đại hội Đảng bộ tỉnh, lịch cắt điện bảo trì tại phường An Phú tạm hoãn, chuyển sang ngày 27/10.',
      'Công ty cấp nước thông báo phục vụ Đại hội Đảng bộ tỉnh, lịch ngừng cấp nước khu vực trung tâm lùi sang ngày 26/10.',
    ]);
  });

  it('keeps the congress said to be moved beside the schedule', () => {
    expectEachReads([['Lịch cắt điện vẫn giữ, còn Đại hội Đảng bộ tỉnh hoãn sang ngày 27/10.', 'GL-DATE']], factIdsOf);
  });

  it('reads the schedule’s change in its sentence as the schedule’s', () => {
    for (const text of [
      'Dạ lịch cắt nước phường Tây Sơn đã được lùi sang ngày 26/10 để bảo đảm cấp nước phục vụ Đại hội Đảng bộ tỉnh ạ.',
      'Lịch cúp điện khu phố 3 hoãn sang tuần sau để phục vụ Đại hội Đảng bộ tỉnh nha bà con.',
    ])
      for (const t of [text, stripDiacritics(text)]) expect(rules(t), t).not.toContain('rule unattributed-incident');
  });

  it('keeps a change of the congress, and a cause given "do" after a schedule', () => {
    for (const text of ['Lịch cắt điện vẫn giữ nguyên. Còn đại hội tỉnh thì đã lùi sang tháng 11 rồi.'])
      for (const t of [text, stripDiacritics(text)]) expect(rules(t), t).toContain('rule unattributed-incident');
    forBothForms(['Đại hội tỉnh bị lùi lịch do chờ ý kiến cấp trên.'], (c, t) =>
      expect(
        c.explanations.map((e) => e.term),
        t,
      ).toContain('rule unattributed-cause'),
    );
  });
});

describe('the viewers’ format', () => {
  it('reads "theo dõi / xem trực tuyến" as how the viewers follow the congress', () => {
    expectNoContradictions([
      'Đại sứ quán tổ chức cho cán bộ, du học sinh theo dõi trực tuyến phiên khai mạc Đại hội XIII của Đảng.',
      'Cộng đồng người Việt ở Úc theo dõi trực tuyến lễ khai mạc Đại hội XIII cùng nhau.',
      'Sinh viên ký túc xá theo dõi online phiên bế mạc Đại hội XIII.',
    ]);
  });

  it('keeps the congress said to meet online, and the delegates said to watch by screen', () => {
    expectEachReads(
      [
        ['Nghe nói Đại hội XIII họp trực tuyến, đại biểu theo dõi ở tỉnh.', 'NC-VENUE'],
        ['Vì dịch, Đại hội XIII chỉ có một phần đại biểu vào hội trường, số còn lại ngồi khách sạn xem qua màn hình.', 'NC-VENUE'],
      ],
      factIdsOf,
    );
  });
});

describe('a company or a bank before the Party’s congress', () => {
  it('does not hold the congress its workers sit to watch', () => {
    forBothForms(['Công ty bắt cả đám học viên chờ bay ngồi xem Đại hội trong giờ nghỉ trưa rồi viết thu hoạch.'], (c, t) =>
      expect(
        c.explanations.some((e) => e.term.startsWith('whose gathering')),
        t,
      ).toBe(false),
    );
  });

  it('does not hold the congress its SMS greets', () => {
    forBothForms(['Sáng ra nhận tin nhắn chào mừng đại hội của ngân hàng, cũng lạ lạ.'], (c, t) =>
      expect(
        c.explanations.some((e) => e.term.startsWith('whose gathering')),
        t,
      ).toBe(false),
    );
  });

  it('keeps a company’s own gathering', () => {
    forBothForms(['Đại hội của công ty năm nay tổ chức ở Đà Lạt, nghe nói ban giám đốc đã chốt người từ trước.'], (c, t) => expect(c.congress, t).toBe(false));
    forBothForms(['Công ty tổ chức đại hội cổ đông thường niên, nghe nói đã chốt người từ trước.'], (c, t) => expect(c.congress, t).toBe(false));
  });
});
