import { describe, expect, it } from 'vitest';
import { complex4, setRealVector } from '../../../generators/shared/diracAlgebra.js';
import { MultiperipheralAmplitude } from '../../../generators/shared/multiperipheralAmplitude.js';
import { TwoPhotonKinematics } from '../../../generators/shared/twoPhotonKinematics.js';
import { ALPHA_EM_0, ELECTRON_MASS, MUON_MASS } from '../../../src/physics/constants.js';
import { createStream } from '../../../src/random/stream.js';

const SQRT_S = 10.58;
const alpha = ALPHA_EM_0;
const amplitude = new MultiperipheralAmplitude(ELECTRON_MASS, MUON_MASS);
const range = new Float64Array(2);

/** A random point: ω log-uniform, Q² log-uniform over its whole range, angles uniform; null if outside. */
function randomPoint(k: TwoPhotonKinematics, u: () => number): { v1: number; v2: number } | null {
  const e = 0.5 * SQRT_S;
  const omega1 = e * Math.exp(Math.log(1e-3) * u());
  const omega2 = e * Math.exp(Math.log(1e-3) * u());
  k.virtualityRange(e, omega1, range);
  const v1 = range[0] * Math.exp(Math.log(range[1] / range[0]) * u());
  k.virtualityRange(e, omega2, range);
  const v2 = range[0] * Math.exp(Math.log(range[1] / range[0]) * u());
  if (!k.setSpectators(SQRT_S, omega1, omega2, v1, v2, 2 * Math.PI * u(), 2 * Math.PI * u())) return null;
  k.setMuons(2 * u() - 1, 2 * Math.PI * u());
  return { v1, v2 };
}

function points(n: number, seed: number): { k: TwoPhotonKinematics; v1: number; v2: number }[] {
  const stream = createStream(seed, 'test/multiperipheral', 0);
  const out: { k: TwoPhotonKinematics; v1: number; v2: number }[] = [];
  while (out.length < n) {
    const k = new TwoPhotonKinematics(ELECTRON_MASS, MUON_MASS);
    const v = randomPoint(k, () => stream.uniform());
    if (v !== null) out.push({ k, ...v });
  }
  return out;
}

describe('MultiperipheralAmplitude', () => {
  it('the electron-trace form equals the sum of the 64 explicit-spinor helicity amplitudes squared, down to Q² = Q²min', () => {
    // Points span Q² from Q²min (~1e-13 GeV² for ω = 5 MeV) to the kinematic limit. The gauge-subtracted
    // currents J − q (J·n)/(q·n) keep the spinor form precise where J1 ≈ (2E/ω) q1; the plain currents
    // lose up to ~E/|k⃗| in relative precision there (to ~1e-8 at these points).
    for (const { k, v1, v2 } of points(60, 1)) {
      const trace = amplitude.matrixElement2(k, v1, v2, alpha);
      expect(trace).toBeGreaterThan(0);
      expect(Math.abs(trace / amplitude.spinSummed(k, alpha, v1, v2, true) - 1)).toBeLessThan(1e-10);
      expect(Math.abs(trace / amplitude.spinSummed(k, alpha, v1, v2) - 1)).toBeLessThan(1e-6);
    }
  });

  it('is gauge invariant: the e⁻ current replaced by q1 gives 0 to rounding, and T^{μν}q2_ν = 0', () => {
    const out = new Float64Array(2);
    const q1 = complex4();
    const hel = [1, -1, 1, -1, 1, 1];
    for (const { k } of points(20, 2)) {
      const { p1, p2, p3, p4, p5, p6 } = k;
      setRealVector(q1, p1[0] - p3[0], p1[1] - p3[1], p1[2] - p3[2], p1[3] - p3[3]);
      // The scale of the rounding: the same contraction with a current of q1's Euclidean size along t or z.
      const size = Math.hypot(q1[0], q1[2], q1[4], q1[6]);
      const alongT = complex4();
      const alongZ = complex4();
      setRealVector(alongT, size, 0, 0, 0);
      setRealVector(alongZ, 0, 0, 0, size);
      let scale = 0;
      let ward = 0;
      for (let h = 0; h < 64; h++) {
        for (let i = 0; i < 6; i++) hel[i] = h & (1 << i) ? 1 : -1;
        amplitude.helicityAmplitude(k, hel, alpha, out, alongT);
        scale = Math.max(scale, Math.hypot(out[0], out[1]));
        amplitude.helicityAmplitude(k, hel, alpha, out, alongZ);
        scale = Math.max(scale, Math.hypot(out[0], out[1]));
        amplitude.helicityAmplitude(k, hel, alpha, out, q1);
        ward = Math.max(ward, Math.hypot(out[0], out[1]));
      }
      expect(ward).toBeLessThan(1e-10 * scale);
      // T^{μν} q2_ν for one helicity pair, against the size of its terms.
      const q1v = new Float64Array([p1[0] - p3[0], p1[1] - p3[1], p1[2] - p3[2], p1[3] - p3[3]]);
      const q2v = new Float64Array([p2[0] - p4[0], p2[1] - p4[1], p2[2] - p4[2], p2[3] - p4[3]]);
      const T = amplitude.muonTensor(p5, p6, q1v, q2v, 1, -1);
      for (let mu = 0; mu < 4; mu++) {
        let re = 0;
        let scale = 0;
        for (let nu = 0; nu < 4; nu++) {
          const term = (nu === 0 ? 1 : -1) * T[2 * (4 * mu + nu)] * q2v[nu];
          re += term;
          scale += Math.abs(term);
        }
        expect(Math.abs(re)).toBeLessThan(1e-10 * scale);
      }
    }
  });

  it('is C-symmetric: unchanged under μ⁺ ↔ μ⁻ (Furry) and under the exchange of the e⁻ and e⁺ lines', () => {
    // Neither symmetry is manifest in the trace form (the diagrams' order, P̃ built with the other beam).
    for (const { k, v1, v2 } of points(30, 3)) {
      const reference = amplitude.matrixElement2(k, v1, v2, alpha);
      const muSwap = { p1: k.p1, p2: k.p2, p3: k.p3, p4: k.p4, p5: k.p6, p6: k.p5 };
      expect(Math.abs(amplitude.matrixElement2(muSwap, v1, v2, alpha) / reference - 1)).toBeLessThan(1e-10);
      const lineSwap = { p1: k.p2, p2: k.p1, p3: k.p4, p4: k.p3, p5: k.p5, p6: k.p6 };
      expect(Math.abs(amplitude.matrixElement2(lineSwap, v2, v1, alpha) / reference - 1)).toBeLessThan(1e-10);
    }
  });
});
