import { describe, expect, it } from 'vitest';
import { createStream } from '../../../src/random/stream.js';
import { DEFAULT_LAYER_SIZES, identityStandardisation, initialiseParameters, parameterCount, PunziNetwork, standardisationOf } from '../../../src/selection/punziNet/index.js';

function moments(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, variance: values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) };
}

describe('PunziNetwork', () => {
  it('defaults to the authors’ 4 → 8 → 4 → 1 network: 81 parameters', () => {
    expect(DEFAULT_LAYER_SIZES).toEqual([4, 8, 4, 1]);
    expect(parameterCount(DEFAULT_LAYER_SIZES)).toBe(4 * 8 + 8 + 8 * 4 + 4 + 4 + 1);
    expect(PunziNetwork.initial({ seed: 1, standardisation: identityStandardisation(4) }).nParameters).toBe(81);
  });

  it('initialises weights ~ N(0, 2/fan_in) (kaiming_normal_) and biases ~ N(0, 1) (normal_), from the seeded stream', () => {
    const w0: number[] = [];
    const b0: number[] = [];
    const w1: number[] = [];
    for (let r = 0; r < 20; r++) {
      const p = initialiseParameters([64, 60, 1], createStream(9, 'punzi-net-test/init', r));
      w0.push(...p.subarray(0, 64 * 60));
      b0.push(...p.subarray(64 * 60, 64 * 60 + 60));
      w1.push(...p.subarray(64 * 60 + 60, 64 * 60 + 120));
    }
    const m0 = moments(w0);
    expect(Math.abs(m0.mean)).toBeLessThan(4 * Math.sqrt(2 / 64 / w0.length));
    expect(m0.variance / (2 / 64)).toBeCloseTo(1, 1);
    expect(moments(w1).variance / (2 / 60)).toBeGreaterThan(0.85);
    expect(moments(w1).variance / (2 / 60)).toBeLessThan(1.15);
    expect(moments(b0).variance).toBeGreaterThan(0.85);
    expect(moments(b0).variance).toBeLessThan(1.15);
    const a = PunziNetwork.initial({ seed: 4, standardisation: identityStandardisation(4) });
    const b = PunziNetwork.initial({ seed: 4, standardisation: identityStandardisation(4) });
    expect(Array.from(b.parameters)).toEqual(Array.from(a.parameters));
  });

  it('applies its standardisation (x − mean)/std before the first layer', () => {
    const rs = createStream(3, 'punzi-net-test/standardise', 0);
    const x = Float64Array.from({ length: 400 }, () => 0.3 + 0.1 * rs.normal());
    const s = standardisationOf(x, 4);
    const net = PunziNetwork.initial({ seed: 2, standardisation: s });
    const raw = new PunziNetwork(net.layerSizes, Float64Array.from(net.parameters), identityStandardisation(4));
    const xs = x.map((v, k) => (v - s.mean[k % 4]) * (1 / s.std[k % 4]));
    const a = net.predict(x, new Float64Array(100));
    const b = raw.predict(xs, new Float64Array(100));
    expect(Array.from(a)).toEqual(Array.from(b));
    for (const o of a) expect(o > 0 && o < 1).toBe(true);
  });

  it('checks its inputs and names what is wrong', () => {
    const net = PunziNetwork.initial({ seed: 1, standardisation: identityStandardisation(4) });
    expect(() => net.predict(new Float64Array(6), new Float64Array(2))).toThrow(/6 values, not a whole number of rows of 4/);
    expect(() => net.predict(new Float64Array(8), new Float64Array(1))).toThrow(/out has 1 entries for 2 events/);
    expect(() => new PunziNetwork([4, 8, 4, 1], new Float64Array(80), identityStandardisation(4))).toThrow(/81 values/);
    expect(() => new PunziNetwork([4, 1], new Float64Array(5), { mean: new Float64Array(4), std: new Float64Array([1, 1, 0, 1]) })).toThrow(/standardisation\.std\[2\]/);
    expect(() => PunziNetwork.initial({ seed: 1, standardisation: identityStandardisation(4), layerSizes: [4, 8, 2] })).toThrow(/single \(sigmoid\) output unit/);
    expect(() => PunziNetwork.initial({ seed: 1, standardisation: identityStandardisation(100), layerSizes: [100, 100, 1] })).toThrow(/at most 4096 are supported/);
  });

  it('clone() is independent of the original', () => {
    const net = PunziNetwork.initial({ seed: 1, standardisation: identityStandardisation(4) });
    const copy = net.clone();
    copy.parameters[0] += 1;
    expect(copy.parameters[0]).not.toBe(net.parameters[0]);
  });
});

describe('standardisationOf(features, d)', () => {
  it('is the unweighted mean and population standard deviation of each column; a constant column keeps std 1', () => {
    const s = standardisationOf(new Float64Array([1, 10, 5, 3, 30, 5]), 3);
    expect(Array.from(s.mean)).toEqual([2, 20, 5]);
    expect(Array.from(s.std)).toEqual([1, 10, 1]);
  });
});
