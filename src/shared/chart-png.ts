import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

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
    const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'WenQuanYi Micro Hei' } })
      .render()
      .asPng();
    return Buffer.from(png);
  } finally {
    chart.dispose();
  }
}
