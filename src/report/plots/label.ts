import { escapeXml } from './svg.js';

/**
 * Axis and legend labels written with TeX-like sub- and superscripts, `M_{Z′} [GeV/c^{2}]`, turned
 * into SVG tspans; everything else is plain text.
 */
export function labelMarkup(label: string): string {
  let out = '';
  let k = 0;
  while (k < label.length) {
    const c = label[k];
    if ((c === '_' || c === '^') && label[k + 1] === '{') {
      const close = label.indexOf('}', k + 2);
      if (close < 0) throw new RangeError(`label "${label}": ${c}{ without a closing brace`);
      const shift = c === '_' ? 'sub' : 'super';
      out += `<tspan baseline-shift="${shift}" font-size="72%">${escapeXml(label.slice(k + 2, close))}</tspan>`;
      k = close + 1;
    } else {
      let next = k + 1;
      while (next < label.length && !((label[next] === '_' || label[next] === '^') && label[next + 1] === '{')) next++;
      out += escapeXml(label.slice(k, next));
      k = next;
    }
  }
  return out;
}

/** The label with its markup removed, for titles and alt text: `M_{Z′}` → `MZ′`. */
export function labelPlain(label: string): string {
  return label.replace(/[_^]\{([^}]*)\}/g, '$1');
}
