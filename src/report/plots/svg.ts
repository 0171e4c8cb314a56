/**
 * Small helpers for SVG text: escaping, fixed-precision coordinates (so that the same numbers give
 * the same bytes on every machine) and elements from attribute records.
 */

/** Escapes the five XML special characters of text and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A pixel coordinate with two decimals, without trailing zeros ("12.5", not "12.50"); −0 prints as 0. */
export function px(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`a plot coordinate must be finite, got ${value}`);
  const text = String(Math.round(value * 100) / 100);
  return text === '-0' ? '0' : text;
}

export type Attributes = Readonly<Record<string, string | number | undefined>>;

function attributeText(attributes: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += ` ${name}="${escapeXml(typeof value === 'number' ? px(value) : value)}"`;
  }
  return out;
}

/** `<tag attr="…">children</tag>`, or a self-closing tag when there are no children. */
export function element(tag: string, attributes: Attributes, children: readonly string[] = []): string {
  return children.length === 0 ? `<${tag}${attributeText(attributes)}/>` : `<${tag}${attributeText(attributes)}>${children.join('')}</${tag}>`;
}

/** A `<text>` element holding escaped `content` (or pre-built tspans when `markup` is true). */
export function text(attributes: Attributes, content: string, markup = false): string {
  return `<text${attributeText(attributes)}>${markup ? content : escapeXml(content)}</text>`;
}
