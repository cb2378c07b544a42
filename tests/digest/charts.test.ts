// Charts are checked on the rendered pixels: bars where the data puts them, in the right colours,
// text drawn when a font exists, and still a chart when no font does.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CHART_COLORS, CHART_WIDTH, dailyVolumeSvg, niceScale, renderPng, topSourcesSvg, type DailyPoint } from '../../features/digest/charts.ts';

const POINTS: DailyPoint[] = [
  { day: '2020-10-12', count: 30, flagged: 10, previous: 12 },
  { day: '2020-10-13', count: 0, flagged: 0, previous: 5 },
  { day: '2020-10-14', count: 80, flagged: 0, previous: 40 },
  { day: '2020-10-15', count: 15, flagged: 15, previous: 0 },
  { day: '2020-10-16', count: 5, flagged: 1, previous: 9 },
  { day: '2020-10-17', count: 2, flagged: 0, previous: 3 },
  { day: '2020-10-18', count: 1, flagged: 0, previous: 0 },
];

function hex(color: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
}

/** RGBA pixels at scale 1, so SVG coordinates are pixel coordinates. */
function pixels(svg: string, loadSystemFonts = true) {
  const image = new Resvg(svg, { background: '#ffffff', font: { loadSystemFonts, defaultFontFamily: 'DejaVu Sans' } }).render();
  const data = image.pixels;
  return {
    width: image.width,
    height: image.height,
    at(x: number, y: number): [number, number, number] {
      const i = (Math.round(y) * image.width + Math.round(x)) * 4;
      return [data[i], data[i + 1], data[i + 2]];
    },
    /** How many pixels in the box are neither white nor one of the given colours. */
    inkIn(x0: number, y0: number, x1: number, y1: number): number {
      let n = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const i = (y * image.width + x) * 4;
          if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) n++;
        }
      }
      return n;
    },
  };
}

/** Geometry of dailyVolumeSvg with its default size (kept in step with charts.ts). */
const plot = { left: 48, right: CHART_WIDTH - 16, top: 34, bottom: 260 - 44 };
const slot = (plot.right - plot.left) / 7;
const cx = (i: number) => plot.left + slot * i + slot / 2;

describe('chart SVG and PNG', () => {
  it('picks round axis steps with room for the tallest bar', () => {
    expect(niceScale(80)).toEqual({ max: 80, step: 20 });
    expect(niceScale(4)).toEqual({ max: 4, step: 1 });
    expect(niceScale(1234)).toEqual({ max: 1500, step: 500 });
    expect(niceScale(9)).toEqual({ max: 10, step: 2 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
  });

  it('draws each day as a bar of its height, flagged share in red at the bottom', () => {
    const svg = dailyVolumeSvg(POINTS);
    const img = pixels(svg);
    expect([img.width, img.height]).toEqual([CHART_WIDTH, 260]);
    // Axis max is niceScale(80 * 1.12) = 100, so 80 items reach 80% of the plot height.
    const y = (v: number) => plot.bottom - (v / 100) * (plot.bottom - plot.top);
    expect(img.at(cx(2), y(30))).toEqual(hex(CHART_COLORS.total)); // Wednesday, mid-bar
    expect(img.at(cx(2), y(40))).toEqual(hex(CHART_COLORS.previous)); // last Wednesday's 40: grey marker
    expect(img.at(cx(2), y(93))).toEqual([255, 255, 255]); // above Wednesday's 80 and its label
    expect(img.at(cx(0), y(5))).toEqual(hex(CHART_COLORS.flagged)); // Monday: 10 flagged of 30
    expect(img.at(cx(0), y(20))).toEqual(hex(CHART_COLORS.total));
    expect(img.at(cx(3), y(10))).toEqual(hex(CHART_COLORS.flagged)); // Thursday: all 15 flagged
    expect(img.at(cx(1), y(2))).toEqual([255, 255, 255]); // Tuesday: nothing
  });

  it('writes labels with a system font, and still renders the bars without any font', () => {
    const svg = dailyVolumeSvg(POINTS);
    const withFonts = pixels(svg, true);
    const noFonts = pixels(svg, false);
    // The weekday/date labels under the axis.
    const labels = [Math.round(plot.left), plot.bottom + 4, Math.round(plot.right), 260] as const;
    expect(withFonts.inkIn(...labels)).toBeGreaterThan(200);
    expect(noFonts.inkIn(...labels)).toBe(0);
    const y30 = plot.bottom - 0.3 * (plot.bottom - plot.top);
    expect(noFonts.at(cx(2), y30)).toEqual(hex(CHART_COLORS.total));
    const png = renderPng(svg, { loadSystemFonts: false, scale: 1 });
    expect(png.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.width, png.height]).toEqual([CHART_WIDTH, 260]);
  });

  it('renders at double density for sharp display', () => {
    const png = renderPng(dailyVolumeSvg(POINTS));
    expect([png.width, png.height]).toEqual([2 * CHART_WIDTH, 520]);
  });

  it('draws source bars proportional to their counts and escapes names', () => {
    const svg = topSourcesSvg([
      { label: 'Báo <A> & "B"', count: 60, flagged: 0, previous: 30 },
      { label: 'Diễn đàn', count: 30, flagged: 30, previous: 0 },
    ]);
    expect(svg).toContain('Báo &lt;A&gt; &amp; &quot;B&quot;');
    const img = pixels(svg);
    // Plot from x=170 to CHART_WIDTH-56; scale max niceScale(60) = 60.
    const x = (v: number) => 170 + (v / 60) * (CHART_WIDTH - 56 - 170);
    expect(img.at(x(55), 34 + 10)).toEqual(hex(CHART_COLORS.total)); // row 1 reaches 60
    expect(img.at(x(25), 34 + 30 + 10)).toEqual(hex(CHART_COLORS.flagged)); // row 2, all flagged
    expect(img.at(x(35), 34 + 30 + 10)).toEqual([255, 255, 255]); // row 2 stops at 30
    expect(img.at(x(25), 34 + 23)).toEqual(hex(CHART_COLORS.previous)); // last week's thin bar, row 1
  });
});
