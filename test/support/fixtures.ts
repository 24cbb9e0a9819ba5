import { readFileSync } from 'node:fs';

/**
 * Recorded platform payloads (test/fixtures/README.md names the protocol section of each).
 * Fakes and tests start from these files and substitute only ids, text and times, so a
 * payload that changes on the platform changes in one file.
 */
const root = new URL('../fixtures/', import.meta.url);
const cache = new Map<string, string>();

/** The file as it is on the wire. */
export function fixtureText(path: string): string {
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(new URL(path, root), 'utf8');
    cache.set(path, text);
  }
  return text;
}

/** A fresh copy of a recorded JSON payload: callers may change it freely. */
export function fixtureJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}

/**
 * A recorded XML payload with the text of some elements replaced, CDATA kept where the
 * recording has it. Every named element must be in the recording: a payload change that
 * drops one fails here rather than sending a message without it.
 */
export function fixtureXml(path: string, values: Record<string, string | number | bigint>): string {
  let xml = fixtureText(path).trim();
  for (const [name, value] of Object.entries(values)) {
    const element = new RegExp(`<${name}>(<!\\[CDATA\\[)?[\\s\\S]*?(?:\\]\\]>)?</${name}>`);
    if (!element.test(xml)) throw new Error(`fixture ${path} has no <${name}>`);
    xml = xml.replace(element, (_whole, cdata: string | undefined) =>
      cdata ? `<${name}><![CDATA[${String(value)}]]></${name}>` : `<${name}>${String(value)}</${name}>`,
    );
  }
  return xml;
}
