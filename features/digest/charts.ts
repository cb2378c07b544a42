// Charts for the digest e-mail: plain SVG drawn here (bars, axis, labels), rasterised to PNG
// with resvg so every mail client shows them (many block SVG). Text uses system fonts when
// there are any; without fonts the bars and gridlines still render, only the labels are lost.
import { Resvg } from '@resvg/resvg-js';
import { escapeHtml, truncate } from '../notify/index.ts';
import { formatCount, formatShortDay, weekdayShort } from './format.ts';

export const CHART_COLORS = {
  total: '#2f6db5',
  flagged: '#c0392b',
  previous: '#b8c2cc',
  axis: '#5f6b76',
  grid: '#e3e7eb',
  text: '#27323c',
  background: '#ffffff',
};

/** Width of the charts in CSS pixels: the digest's 600 px column minus its 24 px side padding. */
export const CHART_WIDTH = 552;

const FONT_FAMILY = "'DejaVu Sans', 'Noto Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

/** Round axis maximum and step: 0..max in 4-6 steps of 1, 2 or 5 × 10^n. */
export function niceScale(max: number, targetSteps = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const raw = max / targetSteps;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const wholeStep = Math.max(1, step);
  return { max: Math.ceil(max / wholeStep) * wholeStep, step: wholeStep };
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT_FAMILY}" fill="${CHART_COLORS.text}" ${attrs}>${escapeHtml(content)}</text>`;
}

export interface DailyPoint {
  day: string;
  count: number;
  flagged: number;
  /** Same weekday of the previous week, drawn as a grey marker. */
  previous?: number;
}

/** Items per day (flagged share in red), with last week's counts as grey markers. */
export function dailyVolumeSvg(points: DailyPoint[], size = { width: CHART_WIDTH, height: 260 }): string {
  const { width, height } = size;
  const margin = { top: 34, right: 16, bottom: 44, left: 48 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const top = Math.max(1, ...points.map((p) => Math.max(p.count, p.previous ?? 0)));
  // Headroom above the tallest bar for its value label.
  const scale = niceScale(top * 1.12);
  const y = (v: number) => margin.top + plotH - (v / scale.max) * plotH;
  const slot = plotW / Math.max(1, points.length);
  const barW = Math.min(44, slot * 0.6);
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="${CHART_COLORS.background}"/>`);
  for (let v = 0; v <= scale.max; v += scale.step) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${CHART_COLORS.grid}" stroke-width="1"/>`,
    );
    parts.push(text(margin.left - 6, y(v) + 4, formatCount(v), `font-size="11" text-anchor="end"`));
  }
  points.forEach((p, i) => {
    const cx = margin.left + slot * i + slot / 2;
    const x = cx - barW / 2;
    if (p.count > 0) {
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(p.count).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(0) - y(p.count)).toFixed(1)}" fill="${CHART_COLORS.total}"/>`,
      );
    }
    if (p.flagged > 0) {
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(p.flagged).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(0) - y(p.flagged)).toFixed(1)}" fill="${CHART_COLORS.flagged}"/>`,
      );
    }
    if (p.previous !== undefined) {
      parts.push(
        `<rect x="${(x - 3).toFixed(1)}" y="${(y(p.previous) - 1.5).toFixed(1)}" width="${(barW + 6).toFixed(1)}" height="3" fill="${CHART_COLORS.previous}"/>`,
      );
    }
    parts.push(text(cx, y(p.count) - 5, formatCount(p.count), `font-size="11" text-anchor="middle" font-weight="bold"`));
    parts.push(text(cx, height - margin.bottom + 16, weekdayShort(p.day), `font-size="12" text-anchor="middle" font-weight="bold"`));
    parts.push(text(cx, height - margin.bottom + 31, formatShortDay(p.day), `font-size="11" text-anchor="middle"`));
  });
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(0)}" y2="${y(0)}" stroke="${CHART_COLORS.axis}" stroke-width="1.5"/>`);
  // Legend.
  const legend: Array<[string, string]> = [
    [CHART_COLORS.total, 'Tổng số tin'],
    [CHART_COLORS.flagged, 'Tin cần chú ý'],
  ];
  if (points.some((p) => p.previous !== undefined)) legend.push([CHART_COLORS.previous, 'Tuần trước']);
  let lx = margin.left;
  for (const [color, label] of legend) {
    parts.push(`<rect x="${lx}" y="10" width="12" height="12" fill="${color}"/>`);
    parts.push(text(lx + 17, 20, label, `font-size="12"`));
    lx += 28 + label.length * 7;
  }
  return svgDocument(width, height, parts);
}

export interface SourceBar {
  label: string;
  count: number;
  flagged: number;
  previous: number;
}

/** Horizontal bars per source: this week (flagged share in red) and last week (thin grey bar). */
export function topSourcesSvg(rows: SourceBar[], width = CHART_WIDTH): string {
  const rowH = 30;
  const margin = { top: 34, right: 56, bottom: 26, left: 170 };
  const height = margin.top + margin.bottom + Math.max(1, rows.length) * rowH;
  const plotW = width - margin.left - margin.right;
  const top = Math.max(1, ...rows.map((r) => Math.max(r.count, r.previous)));
  const scale = niceScale(top);
  const x = (v: number) => margin.left + (v / scale.max) * plotW;
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="${CHART_COLORS.background}"/>`];
  for (let v = 0; v <= scale.max; v += scale.step) {
    parts.push(
      `<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${margin.top - 4}" y2="${height - margin.bottom}" stroke="${CHART_COLORS.grid}" stroke-width="1"/>`,
    );
    parts.push(text(x(v), height - margin.bottom + 15, formatCount(v), `font-size="11" text-anchor="middle" fill-opacity="0.8"`));
  }
  rows.forEach((row, i) => {
    const top = margin.top + i * rowH;
    parts.push(text(margin.left - 8, top + 15, truncate(row.label, 24), `font-size="12" text-anchor="end"`));
    if (row.count > 0)
      parts.push(`<rect x="${margin.left}" y="${top + 3}" width="${(x(row.count) - margin.left).toFixed(1)}" height="16" fill="${CHART_COLORS.total}"/>`);
    if (row.flagged > 0)
      parts.push(`<rect x="${margin.left}" y="${top + 3}" width="${(x(row.flagged) - margin.left).toFixed(1)}" height="16" fill="${CHART_COLORS.flagged}"/>`);
    if (row.previous > 0)
      parts.push(`<rect x="${margin.left}" y="${top + 21}" width="${(x(row.previous) - margin.left).toFixed(1)}" height="4" fill="${CHART_COLORS.previous}"/>`);
    parts.push(text(x(row.count) + 5, top + 15, formatCount(row.count), `font-size="11" font-weight="bold"`));
  });
  parts.push(
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top - 4}" y2="${height - margin.bottom}" stroke="${CHART_COLORS.axis}" stroke-width="1.5"/>`,
  );
  const legend: Array<[string, string]> = [
    [CHART_COLORS.total, 'Số tin trong tuần'],
    [CHART_COLORS.flagged, 'Cần chú ý'],
    [CHART_COLORS.previous, 'Tuần trước'],
  ];
  let lx = 12;
  for (const [color, label] of legend) {
    parts.push(`<rect x="${lx}" y="10" width="12" height="12" fill="${color}"/>`);
    parts.push(text(lx + 17, 20, label, `font-size="12"`));
    lx += 28 + label.length * 7;
  }
  return svgDocument(width, height, parts);
}

function svgDocument(width: number, height: number, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n${parts.join('\n')}\n</svg>\n`;
}

export interface RenderOptions {
  /** Pixel density: 2 renders a 552-wide chart as 1104 px for sharp display on HiDPI screens. */
  scale?: number;
  /** Read the machine's fonts (default true). With none available, text is simply not drawn. */
  loadSystemFonts?: boolean;
  /** Extra font files or folders (e.g. a bundled Vietnamese-capable font). */
  fontFiles?: string[];
  fontDirs?: string[];
}

export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
}

/** SVG → PNG. */
export function renderPng(svg: string, options: RenderOptions = {}): RenderedChart {
  const scale = options.scale ?? 2;
  const resvg = new Resvg(svg, {
    background: CHART_COLORS.background,
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: options.loadSystemFonts ?? true,
      fontFiles: options.fontFiles ?? [],
      fontDirs: options.fontDirs ?? [],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
