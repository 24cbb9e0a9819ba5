/**
 * A platform takes so many bytes in one message and cuts or refuses the rest (WeCom: 2,048
 * of text, protocols/wecom.md §5.1 and §6.1), while a supervisor's 帮助 runs to 7 kB. Such a
 * text goes out as several messages, each ending at a line break: what a person reads is all
 * of what the bot said, in order, and no line is cut in two unless it alone is too long.
 */
export function splitIntoParts(text: string, maxBytes: number): string[] {
  if (Buffer.byteLength(text) <= maxBytes) return [text];
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n').flatMap((l) => cutLongLine(l, maxBytes))) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (Buffer.byteLength(joined) <= maxBytes) {
      current = joined;
      continue;
    }
    if (current !== '') parts.push(current);
    current = line;
  }
  parts.push(current);
  // A blank line that separated two paragraphs is not kept at either end of a part.
  return parts.map((part) => part.replace(/^\n+|\n+$/g, '')).filter((part) => part !== '');
}

/** A line longer than a whole message, cut between characters, never inside one. */
function cutLongLine(line: string, maxBytes: number): string[] {
  if (Buffer.byteLength(line) <= maxBytes) return [line];
  const pieces: string[] = [];
  let piece = '';
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) {
      pieces.push(piece);
      piece = '';
      bytes = 0;
    }
    piece += char;
    bytes += size;
  }
  pieces.push(piece);
  return pieces;
}
