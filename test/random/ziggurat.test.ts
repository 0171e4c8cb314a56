import { describe, expect, it } from 'vitest';
import { zigguratNormal } from '../../src/random/ziggurat.js';
import { createStream } from '../../src/random/stream.js';

describe('zigguratNormal', () => {
  it('zigguratNormal(stream) has the moments and tail fractions of a standard normal', () => {
    const stream = createStream(1, 'ziggurat', 0);
    const n = 2_000_000;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let beyond1 = 0;
    let beyond3 = 0;
    let beyondR = 0;
    for (let i = 0; i < n; i++) {
      const x = zigguratNormal(stream);
      s1 += x;
      s2 += x * x;
      s3 += x * x * x;
      s4 += x * x * x * x;
      const a = Math.abs(x);
      if (a > 1) beyond1++;
      if (a > 3) beyond3++;
      if (a > 3.442619855899) beyondR++;
    }
    // Standard errors for n draws: mean 1/√n, E[x²] √(2/n), E[x³] √(15/n), E[x⁴] √(96/n); 5 of them.
    expect(Math.abs(s1 / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(s3 / n)).toBeLessThan(5 * Math.sqrt(15 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    // 2(1 − Φ(x)) at x = 1, 3 and the tail start R = 3.4426 (erfc(x/√2), computed with Python's math.erfc).
    for (const [count, p] of [
      [beyond1, 0.31731050786291415],
      [beyond3, 0.0026997960632601866],
      [beyondR, 0.0005761085123916405],
    ]) {
      expect(Math.abs(count / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });
});
