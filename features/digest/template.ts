// The digest as an e-mail: HTML for mail clients (table layout, inline CSS only, 600 px wide,
// charts as <img> whose src is a cid: reference or, for --dry-run files, a data: URI) and a
// plain-text part carrying the same figures.
import { httpUrl } from '../../core/urls.ts';
import type { DigestData, Figure } from './data.ts';
import { STATUS_LABELS, describeChange, formatCount, formatDay, formatPercent, formatWeek, shortChange, weekdayName } from './format.ts';
import { escapeHtml as esc, formatDateTime, truncate, type DashboardLinks } from '../notify/index.ts';

export interface ChartImage {
  /** "cid:…" or "data:image/png;base64,…". */
  src: string;
  /** Display size in CSS pixels (the PNG itself may be denser). */
  width: number;
  height: number;
  alt: string;
}

export interface TemplateContext {
  links: DashboardLinks;
  charts: { daily?: ChartImage; sources?: ChartImage };
  topicNames?: Record<string, string>;
  /** Shown in the header; default "Văn phòng báo chí". */
  organisation?: string;
}

export function digestSubject(data: DigestData): string {
  return `Bản tin theo dõi báo chí ${formatWeek(data.week)}: ${formatCount(data.items.current)} tin, ` + `${formatCount(data.flagged.current)} tin cần chú ý`;
}

function weekFilters(data: DigestData) {
  return { from: data.week.days[0], to: data.week.days[6] };
}

function previousLine(figure: Figure): string {
  const change = figure.previous === 0 && figure.current === 0 ? '' : ` (${describeChange(figure.current, figure.previous)})`;
  return `Tuần trước: ${formatCount(figure.previous)}${change}`;
}

// --- HTML -------------------------------------------------------------------------------------

const FONT = "font-family:Arial,Helvetica,'Segoe UI',sans-serif;";
const C = { text: '#27323c', muted: '#5f6b76', line: '#e3e7eb', head: '#14406e', red: '#c0392b', blue: '#2f6db5', band: '#f3f6f9' };

function section(title: string, body: string): string {
  return `<tr><td style="padding:22px 24px 4px 24px;${FONT}">
<h2 style="margin:0 0 10px 0;font-size:17px;line-height:22px;color:${C.head};${FONT}">${esc(title)}</h2>
${body}
</td></tr>`;
}

/** A link, or the bare label when the address is not http(s) (a crawled `javascript:` link stays inert). */
function link(href: string, label: string, style = ''): string {
  const url = httpUrl(href);
  return url ? `<a href="${esc(url)}" style="color:${C.blue};text-decoration:underline;${style}">${esc(label)}</a>` : esc(label);
}

function figureCell(label: string, figure: Figure, color: string, href: string): string {
  return `<td width="33%" valign="top" style="padding:12px 10px;background-color:${C.band};border:1px solid ${C.line};${FONT}" bgcolor="${C.band}">
<div style="font-size:13px;line-height:18px;color:${C.muted};">${esc(label)}</div>
<div style="font-size:28px;line-height:36px;font-weight:bold;color:${color};"><a href="${esc(href)}" style="color:${color};text-decoration:none;">${formatCount(figure.current)}</a></div>
<div style="font-size:12px;line-height:17px;color:${C.muted};">${esc(previousLine(figure))}</div>
</td>`;
}

function table(headers: Array<[string, 'left' | 'right']>, rows: string[][]): string {
  const th = headers
    .map(
      ([h, align]) =>
        `<th align="${align}" style="padding:6px 8px;border-bottom:2px solid ${C.line};font-size:12px;color:${C.muted};text-align:${align};${FONT}">${esc(h)}</th>`,
    )
    .join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells
          .map(
            (cell, i) =>
              `<td align="${headers[i][1]}" style="padding:6px 8px;border-bottom:1px solid ${C.line};font-size:13px;line-height:18px;color:${C.text};text-align:${headers[i][1]};${FONT}">${cell}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
<tr>${th}</tr>
${body}
</table>`;
}

function chart(image: ChartImage | undefined): string {
  if (!image) return '';
  return `<img src="${esc(image.src)}" width="${image.width}" height="${image.height}" alt="${esc(image.alt)}" style="display:block;width:100%;max-width:${image.width}px;height:auto;border:0;margin:0 0 10px 0;">`;
}

export function renderDigestHtml(data: DigestData, ctx: TemplateContext): string {
  const { links } = ctx;
  const range = weekFilters(data);
  const title = `Bản tin tổng hợp tuần ${data.week.week}/${data.week.year}`;
  const parts: string[] = [];

  parts.push(`<tr><td style="padding:20px 24px;background-color:${C.head};${FONT}" bgcolor="${C.head}">
<div style="font-size:12px;line-height:16px;color:#cfe0f2;text-transform:uppercase;letter-spacing:1px;">${esc(ctx.organisation ?? 'Văn phòng báo chí')} · Theo dõi báo chí, mạng xã hội</div>
<h1 style="margin:6px 0 0 0;font-size:22px;line-height:28px;color:#ffffff;${FONT}">${esc(title)}</h1>
<div style="font-size:13px;line-height:18px;color:#cfe0f2;">Từ ${esc(weekdayName(data.week.days[0]))} ${formatDay(data.week.days[0])} đến ${esc(weekdayName(data.week.days[6]))} ${formatDay(data.week.days[6])}</div>
</td></tr>`);

  parts.push(
    section(
      'Số liệu chính',
      `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
${figureCell('Tổng số tin thu thập', data.items, C.text, links.items(range))}
${figureCell('Tin liên quan Đại hội', data.congress, C.blue, links.items({ ...range, congress: true }))}
${figureCell('Tin cần chú ý (nghi sai lệch)', data.flagged, C.red, links.items({ ...range, flagged: true }))}
</tr></table>
<p style="margin:10px 0 0 0;font-size:13px;line-height:19px;color:${C.text};${FONT}">Đã phản hồi <b>${formatCount(data.review.responded)}</b> / ${formatCount(data.flagged.current)} tin cần chú ý (${formatPercent(data.answeredShare)}).</p>`,
    ),
  );

  const dayRows = data.days.map((d) => [
    `${esc(weekdayName(d.day))} ${formatDay(d.day)}`,
    `<b>${formatCount(d.count)}</b>`,
    formatCount(d.flagged),
    formatCount(d.previous),
  ]);
  parts.push(
    section(
      'Số tin theo ngày',
      `${chart(ctx.charts.daily)}
${table(
  [
    ['Ngày', 'left'],
    ['Tổng số tin', 'right'],
    ['Cần chú ý', 'right'],
    ['Cùng ngày tuần trước', 'right'],
  ],
  dayRows,
)}`,
    ),
  );

  const reviewRows = (['responded', 'response_drafted', 'confirmed', 'in_review', 'new', 'dismissed'] as const).map((status) => [
    esc(STATUS_LABELS[status]),
    `<b>${formatCount(data.review[status])}</b>`,
  ]);
  const flaggedRows = data.topFlagged.map((item) => [
    `${link(links.item(item.id), truncate(item.title, 110))}<br><span style="font-size:12px;color:${C.muted};">${esc(item.sourceName)} · ${esc(formatDateTime(item.at))} · ${link(item.url, 'bài gốc', `color:${C.muted};`)}</span>`,
    `<b style="color:${C.red};">${formatPercent(item.distortion)}</b>`,
    esc(STATUS_LABELS[item.status]),
  ]);
  parts.push(
    section(
      'Xử lý tin cần chú ý',
      `${table(
        [
          ['Tình trạng', 'left'],
          ['Số tin', 'right'],
        ],
        reviewRows,
      )}
${
  data.topFlagged.length
    ? `<p style="margin:14px 0 6px 0;font-size:14px;color:${C.text};${FONT}"><b>Tin có mức nghi sai lệch cao nhất</b></p>
${table(
  [
    ['Tin', 'left'],
    ['Mức nghi sai lệch', 'right'],
    ['Tình trạng', 'left'],
  ],
  flaggedRows,
)}`
    : `<p style="margin:10px 0 0 0;font-size:13px;color:${C.muted};${FONT}">Không có tin cần chú ý trong tuần.</p>`
}
<p style="margin:10px 0 0 0;font-size:13px;${FONT}">${link(links.items({ ...range, flagged: true, sort: 'distortion' }), 'Mở danh sách tin cần chú ý trên bảng điều khiển →')}</p>`,
    ),
  );

  const clusterRows = data.topClusters.map((cluster) => [
    `${link(links.cluster(cluster.id), truncate(cluster.first.title, 110))}<br><span style="font-size:12px;color:${C.muted};">Xuất hiện đầu tiên: ${esc(formatDateTime(cluster.first.publishedAt ?? cluster.first.fetchedAt))}</span>`,
    `<b>${formatCount(cluster.itemsThisWeek)}</b>`,
    formatCount(cluster.sources),
    cluster.flaggedThisWeek ? `<b style="color:${C.red};">${formatCount(cluster.flaggedThisWeek)}</b>` : '0',
  ]);
  parts.push(
    section(
      'Nội dung lan truyền nhiều nhất',
      data.topClusters.length
        ? table(
            [
              ['Nội dung (bài đầu tiên)', 'left'],
              ['Số tin trong tuần', 'right'],
              ['Số nguồn', 'right'],
              ['Cần chú ý', 'right'],
            ],
            clusterRows,
          )
        : `<p style="margin:0;font-size:13px;color:${C.muted};${FONT}">Không có nội dung nào được nhiều nguồn đăng lại trong tuần.</p>`,
    ),
  );

  const sourceRows = data.topSources.map((source) => [
    link(links.items({ ...range, source: source.sourceId }), source.name),
    `<b>${formatCount(source.count)}</b>`,
    esc(shortChange(source.count, source.previous)),
    source.flagged ? `<b style="color:${C.red};">${formatCount(source.flagged)}</b>` : '0',
  ]);
  parts.push(
    section(
      'Nguồn đăng nhiều tin nhất',
      data.topSources.length
        ? `${chart(ctx.charts.sources)}
${table(
  [
    ['Nguồn', 'left'],
    ['Số tin', 'right'],
    ['So với tuần trước', 'right'],
    ['Cần chú ý', 'right'],
  ],
  sourceRows,
)}`
        : `<p style="margin:0;font-size:13px;color:${C.muted};${FONT}">Không có tin nào trong tuần.</p>`,
    ),
  );

  if (data.topTopics.length) {
    const topicRows = data.topTopics.map((topic) => [
      link(links.items({ ...range, topic: topic.key }), ctx.topicNames?.[topic.key] ?? topic.key),
      `<b>${formatCount(topic.count)}</b>`,
      esc(shortChange(topic.count, topic.previous)),
    ]);
    parts.push(
      section(
        'Chủ đề',
        table(
          [
            ['Chủ đề', 'left'],
            ['Số tin', 'right'],
            ['So với tuần trước', 'right'],
          ],
          topicRows,
        ),
      ),
    );
  }

  parts.push(`<tr><td style="padding:22px 24px;${FONT}">
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="background-color:${C.blue};border-radius:4px;" bgcolor="${C.blue}">
<a href="${esc(links.items(range))}" style="display:inline-block;padding:10px 18px;font-size:14px;font-weight:bold;color:#ffffff;text-decoration:none;${FONT}">Mở bảng điều khiển cho tuần này</a>
</td></tr></table>
<p style="margin:16px 0 0 0;font-size:11px;line-height:16px;color:${C.muted};${FONT}">Thư tự động của mediawatch, lập lúc ${esc(formatDateTime(data.generatedAt))} (giờ Việt Nam). Số liệu tính theo thời điểm đăng tin (hoặc thời điểm thu thập nếu không rõ), giờ Việt Nam. "Cần chú ý": tin liên quan Đại hội có dấu hiệu sai lệch, xuyên tạc.</p>
</td></tr>`);

  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
</head>
<body style="margin:0;padding:0;background-color:#e9edf1;" bgcolor="#e9edf1">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#e9edf1" style="background-color:#e9edf1;">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="width:600px;max-width:100%;background-color:#ffffff;border-collapse:collapse;">
${parts.join('\n')}
</table>
</td></tr>
</table>
</body>
</html>
`;
}

// --- Plain text -------------------------------------------------------------------------------

export function renderDigestText(data: DigestData, ctx: Pick<TemplateContext, 'links' | 'topicNames'>): string {
  const { links } = ctx;
  const range = weekFilters(data);
  const lines: string[] = [];
  const heading = (text: string) => lines.push('', text.toUpperCase(), '-'.repeat(Math.min(60, text.length)));
  lines.push(`BẢN TIN TỔNG HỢP ${formatWeek(data.week).toUpperCase()}`);
  lines.push(`Từ ${weekdayName(data.week.days[0])} ${formatDay(data.week.days[0])} đến ${weekdayName(data.week.days[6])} ${formatDay(data.week.days[6])}`);

  heading('Số liệu chính');
  lines.push(`- Tổng số tin thu thập: ${formatCount(data.items.current)}. ${previousLine(data.items)}`);
  lines.push(`- Tin liên quan Đại hội: ${formatCount(data.congress.current)}. ${previousLine(data.congress)}`);
  lines.push(`- Tin cần chú ý (nghi sai lệch): ${formatCount(data.flagged.current)}. ${previousLine(data.flagged)}`);
  lines.push(
    `- Đã phản hồi: ${formatCount(data.review.responded)} / ${formatCount(data.flagged.current)} tin cần chú ý (${formatPercent(data.answeredShare)})`,
  );

  heading('Số tin theo ngày');
  for (const d of data.days) {
    lines.push(
      `- ${weekdayName(d.day)} ${formatDay(d.day)}: ${formatCount(d.count)} tin, ${formatCount(d.flagged)} cần chú ý (cùng ngày tuần trước: ${formatCount(d.previous)})`,
    );
  }

  heading('Xử lý tin cần chú ý');
  for (const status of ['responded', 'response_drafted', 'confirmed', 'in_review', 'new', 'dismissed'] as const) {
    lines.push(`- ${STATUS_LABELS[status]}: ${formatCount(data.review[status])}`);
  }
  if (data.topFlagged.length) {
    lines.push('', 'Tin có mức nghi sai lệch cao nhất:');
    data.topFlagged.forEach((item, i) => {
      lines.push(`${i + 1}. ${truncate(item.title, 140)}`);
      lines.push(`   ${item.sourceName}, ${formatDateTime(item.at)}; mức nghi sai lệch ${formatPercent(item.distortion)}; ${STATUS_LABELS[item.status]}`);
      lines.push(`   ${links.item(item.id)}`);
    });
  }
  lines.push(`Danh sách tin cần chú ý: ${links.items({ ...range, flagged: true, sort: 'distortion' })}`);

  heading('Nội dung lan truyền nhiều nhất');
  if (!data.topClusters.length) lines.push('Không có nội dung nào được nhiều nguồn đăng lại trong tuần.');
  data.topClusters.forEach((cluster, i) => {
    lines.push(`${i + 1}. ${truncate(cluster.first.title, 140)}`);
    lines.push(
      `   ${formatCount(cluster.itemsThisWeek)} tin trong tuần, ${formatCount(cluster.sources)} nguồn, ${formatCount(cluster.flaggedThisWeek)} cần chú ý; xuất hiện đầu tiên ${formatDateTime(cluster.first.publishedAt ?? cluster.first.fetchedAt)}`,
    );
    lines.push(`   ${links.cluster(cluster.id)}`);
  });

  heading('Nguồn đăng nhiều tin nhất');
  if (!data.topSources.length) lines.push('Không có tin nào trong tuần.');
  data.topSources.forEach((source, i) => {
    lines.push(
      `${i + 1}. ${source.name}: ${formatCount(source.count)} tin (tuần trước ${formatCount(source.previous)}, ${shortChange(source.count, source.previous)}), ${formatCount(source.flagged)} cần chú ý`,
    );
  });

  if (data.topTopics.length) {
    heading('Chủ đề');
    for (const topic of data.topTopics) {
      lines.push(`- ${ctx.topicNames?.[topic.key] ?? topic.key}: ${formatCount(topic.count)} tin (${shortChange(topic.count, topic.previous)})`);
    }
  }

  lines.push('', `Bảng điều khiển: ${links.items(range)}`);
  lines.push(`Thư tự động của mediawatch, lập lúc ${formatDateTime(data.generatedAt)} (giờ Việt Nam).`);
  return `${lines.join('\n')}\n`;
}
