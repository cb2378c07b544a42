import { describe, expect, it } from 'vitest';
import { expectEachReads, expectGroup, factIdsOf, forBothForms, forBothFormsTitled } from './helpers.ts';

// The hundred-and-ninth pass (study107's rank 2, fresh-12's family S): talk about rumours, not a rumour. (1) A value
// offered as one of two alternatives in an argument ("cãi nhau chuyện 'ĐH tỉnh họp 3 hay 4 ngày'", c98-008), and a
// question that lists the versions, then asks which is right or is sure of none ("người bảo … Pleiku, người bảo … An
// Khê, … Rốt cuộc đâu là đúng ạ?", c96-175; "người nói …, người nói … chứ tôi không dám chắc bên nào", c95-099);
// (2) a cue inside quotation marks named as what others forward or as a kind of source a column discusses ("có người
// chuyển tiếp “tin mật ĐH 13”", c98-178; "Khi “người nhà làm trong tỉnh ủy” thành nguồn tin", c98-132), and the
// official link asked for ("Ai có link nguồn chính thống thì gửi mình"). Phrasings written for these tests, not corpus
// sentences; as typed and without diacritics, on the lexicons alone (the configured sheet: the provincial congress
// 14–16/10/2020, 3 days, in person).

describe('values offered as alternatives (S)', () => {
  it('reads "<n> hay <m> ngày" as two versions, claiming neither', () => {
    forBothForms(['Trong nhóm cãi nhau chuyện “ĐH tỉnh họp 3 hay 4 ngày” suốt buổi, chờ thông cáo chính thức là biết.'], (c, t) =>
      expect(factIdsOf(c), t).toEqual([]),
    );
  });

  it('keeps a length asserted beside another value', () => {
    expectEachReads(
      [
        ['Đại hội tỉnh họp 4 ngày chứ không phải 3 như báo đưa.', 'GL-DATE'],
        ['Chốt rồi nhé, đại hội tỉnh kéo dài 5 ngày, từ 3 hay 4 gì đó mới bầu.', 'GL-DATE'],
      ],
      factIdsOf,
    );
  });

  it('reads a question that lists the versions and asks which is right, or is sure of none, as citing them', () => {
    forBothForms(
      [
        'Em nghe người bảo đại hội tỉnh họp ở Pleiku, người bảo ở An Khê, hôm qua lại có tin họp trực tuyến. Rốt cuộc đâu là đúng ạ?',
        'Người nói đại hội tỉnh họp trực tuyến, người nói họp ở hội trường, chứ tôi không dám chắc bên nào.',
      ],
      (c, t) => {
        expect(factIdsOf(c), t).toEqual([]);
        expect(c.distortion, `${t} (${c.scores.distortion})`).toBe(false);
      },
    );
  });

  it('keeps the versions cited as the writer’s own claim when nothing doubts them', () => {
    expectEachReads([['Người bảo gì thì bảo, đại hội tỉnh năm nay họp trực tuyến hết rồi.', 'GL-FORMAT']], factIdsOf);
  });
});

describe('cues quoted as what others forward, or as a kind of source (S)', () => {
  it('reads a quotation after "có người chuyển tiếp / gửi", "lỡ chia sẻ bài" as mentioned', () => {
    expectGroup(
      [
        'Ngày nào cũng có người chuyển tiếp “tin mật ĐH 13”, hôm thì đổi ngày, hôm thì danh sách này kia.',
        'Hôm qua có người gửi “danh sách rò rỉ Ban Thường vụ khóa mới”, có ai biết thật hay không?',
      ],
      'insider',
      false,
    );
    expectGroup(['Hôm qua có người gửi “danh sách rò rỉ Ban Thường vụ khóa mới”, có ai biết thật hay không?'], 'secret-document', false);
  });

  it('reads a quotation named as a kind of source ("“…” thành nguồn tin") as mentioned', () => {
    forBothFormsTitled([['Khi “người nhà làm trong tỉnh ủy” thành nguồn tin', 'Quanh Đại hội tỉnh, nhóm nào cũng có người dẫn lời người nhà.']], (c, t) =>
      expect(
        c.explanations.filter((e) => e.term.startsWith('insider:')),
        t,
      ).toEqual([]),
    );
  });

  it('reads "ai có link nguồn chính thống" as asking for the official source', () => {
    expectGroup(['Ai có link nguồn chính thống về lịch đại hội tỉnh thì gửi mình với.'], 'share-before-removal', false);
  });

  it('keeps the cues used outside the quotation, and the rumour’s own link asked for', () => {
    expectGroup(['Tin mật: đại hội tỉnh sẽ lùi sang tháng 11, có người chuyển tiếp cho mình.'], 'insider', true);
    expectGroup(['Ai có link clip đại hội tỉnh bị cắt thì gửi mình gấp trước khi bị xóa.'], 'share-before-removal', true);
  });
});
