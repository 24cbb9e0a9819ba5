import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

/**
 * ECharts writes every label in the generic `sans-serif`. resvg parses the face again for each
 * text element, which for the 5 MB CJK face costs milliseconds a label (a 100-order digest: 1.4 s
 * of 1.5 s). Digits and order numbers therefore come from the small DejaVu Sans (in every Debian
 * image with fontconfig); Chinese glyphs, missing there, fall back to the CJK font, which is also
 * the default when DejaVu Sans is absent. Scanning the system fonts is a few milliseconds, less
 * than handing resvg the font files as buffers, so it is left to do that per chart.
 */
const fonts = {
  loadSystemFonts: true,
  sansSerifFamily: 'DejaVu Sans',
  defaultFontFamily: 'WenQuanYi Micro Hei',
};

/**
 * Draws an ECharts option as a PNG on the server: ECharts' SVG renderer, rasterised by resvg,
 * so nothing native has to compile. Chinese labels need a CJK font on the machine (Debian:
 * fonts-wqy-microhei). Every chart gets a white background, a centred title and no animation.
 */
export function chartPng(
  title: string,
  width: number,
  height: number,
  option: echarts.EChartsCoreOption,
): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: title, left: 'center', textStyle: { fontSize: 16 } },
      ...option,
    });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, { font: fonts }).render().asPng();
    return Buffer.from(png);
  } finally {
    chart.dispose();
  }
}
