import { describe, expect, it } from 'vitest';
import { MUON_MASS } from '../../../src/physics/constants.js';
import { decadeDomain, logTicks } from '../../../src/report/plots/frame.js';
import { couplingLimitPlot, sigmaLimitPlot } from '../../../src/report/plots/limits.js';
import { MUON_ANOMALY_DISCREPANCY, muonAnomalyBand } from '../../../src/scan/couplings.js';
import { checkBalanced, pixelOf, seriesD, ticks, vertices } from './svgParse.js';

/**
 * The median expected limits and ±1σ bands of the README's table (default scenario, shipped
 * network); the ±2σ ends are the ±1σ ones widened by the same factor again.
 */
const README = [
  { mass: 0.01, median: 87, m1: 61, p1: 124 },
  { mass: 2.1, median: 1.24, m1: 0.84, p1: 1.88 },
  { mass: 4.0, median: 0.75, m1: 0.49, p1: 1.18 },
  { mass: 6.2, median: 1.2, m1: 0.81, p1: 1.85 },
  { mass: 8.4, median: 1.42, m1: 0.83, p1: 2.53 },
];
const curves = {
  massGeV: README.map((r) => r.mass),
  expected: README.map((r) => [(r.m1 * r.m1) / r.median, r.m1, r.median, r.p1, (r.p1 * r.p1) / r.median]),
};

describe('plots/frame', () => {
  it('decadeDomain(lo, hi) widens to whole decades and keeps at least one', () => {
    expect(decadeDomain(0.23, 540)).toEqual([0.1, 1000]);
    expect(decadeDomain(2, 3)).toEqual([1, 10]);
    expect(decadeDomain(1, 10)).toEqual([1, 10]);
    expect(() => decadeDomain(0, 1)).toThrow(/0 < lo <= hi/);
  });

  it('logTicks(domain) labels every decade and puts eight minor ticks in each', () => {
    const t = logTicks([0.1, 1000]);
    expect(t.filter((k) => k.major).map((k) => k.value)).toEqual([0.1, 1, 10, 100, 1000]);
    expect(t.filter((k) => !k.major)).toHaveLength(4 * 8);
    expect(t.find((k) => k.value === 0.1)?.label).toBe('10<tspan baseline-shift="super" font-size="72%">−1</tspan>');
  });
});

describe('sigmaLimitPlot', () => {
  const svg = sigmaLimitPlot({ ...curves, observed: README.map((r) => r.median * 1.1) }, 'fig2', 79.7);

  it('is one well-formed <svg> with its title, both bands, the median and the observed line, and no NaN', () => {
    checkBalanced(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" id="fig2"')).toBe(true);
    expect(svg).toContain('<title>90% CL upper limits on σ(e⁺e⁻ → μ⁺μ⁻Z′) × B(Z′ → invisible), 79.7 fb⁻¹</title>');
    for (const s of ['expected-2sigma', 'expected-1sigma', 'expected-median', 'observed']) expect(seriesD(svg, s).length).toBeGreaterThan(10);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('has a log y axis labelled in decades from 10⁻¹ to 10³ fb, and the σ label with its unit', () => {
    expect(ticks(svg, 'y').map((t) => t.value)).toEqual([0.1, 1, 10, 100, 1000]);
    expect(svg).toContain('B(Z′ → inv.) [fb]</text>');
    expect(svg).toContain('[GeV/c<tspan baseline-shift="super" font-size="72%">2</tspan>]');
  });

  it('draws the median limit 1.24 fb at 2.1 GeV/c² at the pixel its axes say', () => {
    const v = vertices(seriesD(svg, 'expected-median'));
    const x = pixelOf(ticks(svg, 'x'), 2.1, false);
    const y = pixelOf(ticks(svg, 'y'), 1.24, true);
    expect(v[1][0]).toBeCloseTo(x, 1);
    expect(v[1][1]).toBeCloseTo(y, 1);
    // The ±1σ band's upper edge at 8.4 GeV/c² is 2.53 fb: a d3 area runs along y1 first.
    const band = vertices(seriesD(svg, 'expected-1sigma'));
    expect(band[4][1]).toBeCloseTo(pixelOf(ticks(svg, 'y'), 2.53, true), 1);
  });

  it('breaks the line at a limit that is not finite instead of writing NaN', () => {
    const broken = sigmaLimitPlot({ ...curves, observed: [87, Number.NaN, 0.75, 1.2, 1.42] });
    expect(broken).not.toContain('NaN');
    expect(seriesD(broken, 'observed').match(/M/g)).toHaveLength(2);
  });

  it('refuses a band that is not five numbers, naming it', () => {
    expect(() => sigmaLimitPlot({ massGeV: [1], expected: [[1, 2, 3, 4]] })).toThrow('expected band 0 has 4 entries: must be [−2σ, −1σ, median, +1σ, +2σ]');
  });
});

describe('couplingLimitPlot', () => {
  const masses = [0.01, 0.1, 1, 5, 8];
  const g = { massGeV: masses, expected: masses.map((m) => [1, 1.5, 2, 3, 4].map((f) => f * 1e-3 * (1 + m))) };
  const band = masses.map((m) => muonAnomalyBand(m));
  const svg = couplingLimitPlot(g, band, 'fully_invisible');

  it('draws the (g − 2)_μ band where Δa_μ = g′² m_μ²/(12π² M²) puts it for M ≫ m_μ (Δa_μ = (251 + 2·59)·10⁻¹¹ at its top)', () => {
    checkBalanced(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
    const { central, sigma } = MUON_ANOMALY_DISCREPANCY;
    // Heavy-Z′ limit of the one-loop contribution (Endo, Hamaguchi, Mishima, PRD 86 (2012) 095029).
    const top = (Math.sqrt((central + 2 * sigma) * 12) * Math.PI * 8) / MUON_MASS;
    const v = vertices(seriesD(svg, 'g-minus-2'));
    // d3's area: the upper curve (y1) left to right, then the lower one back.
    const xTicks = ticks(svg, 'x');
    expect(v[4][0]).toBeCloseTo(pixelOf(xTicks, 8, true), 1);
    expect(Math.abs(v[4][1] - pixelOf(ticks(svg, 'y'), top, true))).toBeLessThan(0.5);
  });

  it('has a log mass axis from 10⁻² to 10 GeV/c²', () => {
    expect(ticks(svg, 'x').map((t) => t.value)).toEqual([0.01, 0.1, 1, 10]);
  });
});
