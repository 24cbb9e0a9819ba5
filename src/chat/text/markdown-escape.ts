/**
 * What people type (a repair symptom, a reason) must read as text wherever markdown renders
 * it: `**`, `[link](…)`, `<@all>` or a `#` heading from a worker must not restyle or link a
 * group's message. Neither WeCom nor DingTalk documents backslash escapes, so each markup
 * character becomes its full-width look-alike, which both show literally (`#` and `>`
 * included, so a line of user text cannot open a heading or a quote either).
 */
function escapeWith(markup: RegExp): (text: string) => string {
  return (text) => text.replace(markup, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** WeCom markdown: headings, bold, links, inline code, quotes, `<font>` and `<@userid>`. */
export const escapeWecomMarkdown = escapeWith(/[#*[\]`<>]/g);

/** DingTalk markdown adds italics (`*`, `_`), images (`![`), strike-through, tables and `\` escapes. */
export const escapeDingtalkMarkdown = escapeWith(/[#*_[\]`<>!~|\\]/g);

/** For markdown composed before the channel is known (the digest): safe in both dialects. */
export const escapeMarkdownForAnyChannel = (text: string): string =>
  escapeDingtalkMarkdown(escapeWecomMarkdown(text));
