/** Server-rendered pages (partner pages, the boards): no front-end build, one small stylesheet inline. */

/** The fonts a page asks for, so Chinese reads the same on the factory's phones, PCs and Debian. */
export const CJK_FONTS = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", sans-serif';

export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: Array<Html | string | number | Html[]>): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const rendered = Array.isArray(v)
      ? v.map((h) => h.value).join('')
      : v instanceof Html
        ? v.value
        : escapeHtml(v);
    out += rendered + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

export function page(options: { title: string; css: string; body: Html; head?: Html }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)}</title>
${options.head?.value ?? ''}
<style>${options.css}</style>
</head>
<body>
${options.body.value}
</body>
</html>`;
}
