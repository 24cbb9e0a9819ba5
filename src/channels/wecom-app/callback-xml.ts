import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * Every leaf stays a string: MsgId exceeds 2^53 and would be silently rounded as a number.
 * Repeated children (SelectedItem, OptionId) arrive once or many times; they are always arrays.
 */
const parser = new XMLParser({
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === 'SelectedItem' || name === 'OptionId',
});

const builder = new XMLBuilder({ cdataPropName: '__cdata', suppressEmptyNode: false });

export type XmlNode = { [key: string]: string | XmlNode | XmlNode[] | string[] | undefined };

export class MalformedXmlError extends Error {}

/** The `<xml>` root of a callback body, or an error naming what is wrong with it. */
export function parseXml(text: string): XmlNode {
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch (error) {
    throw new MalformedXmlError(error instanceof Error ? error.message : String(error));
  }
  const root = (parsed as { xml?: unknown }).xml;
  if (root === null || typeof root !== 'object') throw new MalformedXmlError('no <xml> root element');
  return root as XmlNode;
}

export function text(node: XmlNode, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' ? value : undefined;
}

/** A reply body as WeCom wants it: every text field in CDATA, numbers plain. */
export function buildXml(fields: Record<string, string | number | Record<string, unknown>>): string {
  const wrap = (value: unknown): unknown => {
    if (typeof value === 'string') return { __cdata: value };
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrap(v)]));
    return value;
  };
  return builder.build({ xml: wrap(fields) }) as string;
}
