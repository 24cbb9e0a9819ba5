import type { EChartsCoreOption } from 'echarts';

/**
 * resvg parses a face again for every text element it draws, and for the 5 MB CJK face that
 * costs milliseconds a label (a 100-order digest: 1.4 s of 1.5 s), more still when a glyph has
 * to be looked for in every installed face. So labels without Chinese in them (digits, order
 * numbers) are drawn with the small DejaVu Sans, in every Debian image with fontconfig, and
 * labels with Chinese name the CJK face outright. Scanning the system fonts costs a few
 * milliseconds a chart, less than handing resvg the font files as buffers, so it stays per chart.
 */
const CJK_FAMILY = 'WenQuanYi Micro Hei';
const fonts = { loadSystemFonts: true, sansSerifFamily: 'DejaVu Sans', defaultFontFamily: 'DejaVu Sans' };

/** ECharts writes every label in `sans-serif`; those with Chinese in them ask for the CJK face first. */
function cjkWhereNeeded(svg: string): string {
  return svg.replace(
    /<text([^>]*)>([^<]*[\u0080-\uffff][^<]*)<\/text>/g,
    (_, attributes: string, text: string) =>
      `<text${attributes.replace('font-family:sans-serif', `font-family:'${CJK_FAMILY}',sans-serif`)}>${text}</text>`,
  );
}

/** How a chart is drawn: as the PNG people get, or as the SVG underneath it (tests read its text). */
export type ChartRenderer<T> = (
  title: string,
  width: number,
  height: number,
  option: EChartsCoreOption,
) => Promise<T>;

/**
 * Draws an ECharts option as a PNG on the server: ECharts' SVG renderer, rasterised by resvg,
 * so nothing native has to compile. Chinese labels need a CJK font on the machine (Debian:
 * fonts-wqy-microhei). Every chart gets a white background, a centred title and no animation.
 * Both are loaded on the first chart, not at start-up: they cost a server that never draws one
 * (no digest or leaderboard due yet) about 50 MB and most of a second before /readyz.
 */
export const chartPng: ChartRenderer<Buffer> = async (title, width, height, option) => {
  const [svg, { Resvg }] = await Promise.all([
    chartSvg(title, width, height, option),
    import('@resvg/resvg-js'),
  ]);
  return Buffer.from(new Resvg(svg, { font: fonts }).render().asPng());
};

/** The chart as ECharts draws it, before rasterising. */
export const chartSvg: ChartRenderer<string> = async (title, width, height, option) => {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: title, left: 'center', textStyle: { fontSize: 16 } },
      ...option,
    });
    return cjkWhereNeeded(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
};
