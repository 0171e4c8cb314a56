import { z } from 'zod';
import { type EventBatch, Status } from '../../src/events/eventBatch.js';
import type { RecoBatch } from '../../src/events/recoBatch.js';
import { atan2 } from '../angles.js';
import { compileForm, Form, Kinematics, ProbabilityForm } from '../forms.js';
import { curvatureRadiusCm, exitRadiusCm } from '../helix.js';
import { trackCharge, trackMass } from '../particles.js';
import { DrawBuffer } from '../draws.js';
import { DEG, defineStage } from '../stage.js';

/**
 * Tracking in the solenoid: each charged final-state particle follows its helix from the collision
 * point through the drift chamber (CDC). A track is found if it lies in the polar acceptance, runs
 * at least `minimumPathCm` radially inside the chamber (low-pT curlers and tracks leaving through an
 * endplate early are lost) and passes the efficiency. Its transverse momentum is smeared with
 * σ(pT)/pT = a·pT·(L₀/L)^n ⊕ b/β: the measurement term grows as the lever arm L shrinks (Gluckstern,
 * NIM 24 (1963) 381: σ(κ) ∝ 1/L²), so curlers and steep tracks are badly measured.
 * Impact parameters are those of the true production point (collision point + displacement)
 * with respect to the nominal interaction point, smeared.
 */

/** σ(pT)/pT = a·pT[GeV/c]·(L₀/L)^n ⊕ b/β, L₀ the full lever arm, L the track's. */
const PtQuadrature = z.strictObject({
  form: z.literal('quadrature'),
  /** Measurement term, per GeV/c. */
  a: z.number().nonnegative(),
  /** Multiple-scattering term. */
  b: z.number().nonnegative(),
});

const Chamber = z.strictObject({
  /** Innermost CDC sense layer (basf2 cdc/data/CDC.xml: layer 0 at r = 168 mm, wire ends −312.1 … +572.1 mm). */
  innerRadiusCm: z.number().positive().default(16.8),
  innerZMinCm: z.number().default(-31.21),
  innerZMaxCm: z.number().default(57.21),
  /** Outermost sense layer (basf2 cdc/data/CDC.xml: layer 55 at r = 1111.4 mm, wire ends −724 … +1579 mm). */
  outerRadiusCm: z.number().positive().default(111.14),
  outerZMinCm: z.number().default(-72.4),
  outerZMaxCm: z.number().default(157.9),
});

/** tan, cos and sin of an angle, by their Taylor series when it is below 0.01 rad (error < 1e-15). */
function smallTan(x: number): number {
  if (Math.abs(x) > 0.01) return Math.tan(x);
  const x2 = x * x;
  return x * (1 + x2 * (1 / 3 + x2 * (2 / 15)));
}

function smallCos(x: number): number {
  if (Math.abs(x) > 0.01) return Math.cos(x);
  const x2 = x * x;
  return 1 - x2 * (0.5 - x2 / 24);
}

function smallSin(x: number): number {
  if (Math.abs(x) > 0.01) return Math.sin(x);
  const x2 = x * x;
  return x * (1 - x2 * (1 / 6 - x2 / 120));
}

export const tracking = defineStage(
  'tracking',
  {
    chamber: Chamber.prefault({}),
    /** Polar acceptance of the CDC, degrees (basf2 generators/scripts/generators.py: 17° < θ < 150°). */
    thetaMinDeg: z.number().min(0).max(180).default(17),
    thetaMaxDeg: z.number().min(0).max(180).default(150),
    /** Radial path inside the chamber needed to find a track, cm. */
    minimumPathCm: z.number().nonnegative().default(10),
    /** Lever arm: from the innermost tracking layer to the exit radius. */
    leverArm: z
      .strictObject({
        /** Radius of the first measurement, cm (PXD layer 1 at 14 mm). */
        innermostRadiusCm: z.number().nonnegative().default(1.4),
        /** n in (L₀/L)^n (Gluckstern: 2 for a fixed number of precise points). */
        exponent: z.number().nonnegative().default(2),
      })
      .prefault({}),
    /** Track-finding efficiency inside the acceptance. */
    efficiency: ProbabilityForm.default({ form: 'constant', value: 0.99 }),
    /** Relative transverse-momentum resolution (Belle II Physics Book, PTEP 2019, 123C01: 0.0011·pT ⊕ 0.0025/β). */
    ptResolution: z.union([PtQuadrature, Form]).default({ form: 'quadrature', a: 0.0011, b: 0.0025 }),
    /** Resolutions of the polar and azimuthal angles at the interaction point, rad. */
    thetaResolution: Form.default({
      form: 'quadratureTerms',
      terms: [
        { coefficient: 5e-4, axis: 'p', power: 0 },
        { coefficient: 1e-3, axis: 'pBeta', power: -1 },
      ],
    }),
    phiResolution: Form.default({
      form: 'quadratureTerms',
      terms: [
        { coefficient: 5e-4, axis: 'p', power: 0 },
        { coefficient: 1e-3, axis: 'pBeta', power: -1 },
      ],
    }),
    /** Impact-parameter resolutions, cm. */
    d0Resolution: Form.default({
      form: 'quadratureTerms',
      terms: [
        { coefficient: 1e-3, axis: 'p', power: 0 },
        { coefficient: 2e-3, axis: 'pBetaSin32', power: -1 },
      ],
    }),
    z0Resolution: Form.default({
      form: 'quadratureTerms',
      terms: [
        { coefficient: 1.5e-3, axis: 'p', power: 0 },
        { coefficient: 2.5e-3, axis: 'pBetaSin32', power: -1 },
      ],
    }),
  },
  [
    { name: 'trackingEfficiency', numerator: 'tracks', denominator: 'charged' },
    { name: 'geometricAcceptance', numerator: 'reachedChamber', denominator: 'charged' },
  ],
  (settings, env) => {
    const chamber = settings.chamber;
    const cosThetaMin = Math.cos(settings.thetaMinDeg * DEG);
    const cosThetaMax = Math.cos(settings.thetaMaxDeg * DEG);
    const fullLeverArm = chamber.outerRadiusCm - settings.leverArm.innermostRadiusCm;
    const exponent = settings.leverArm.exponent;
    const efficiency = compileForm(settings.efficiency);
    const res = settings.ptResolution;
    const quadratureA = res.form === 'quadrature' ? res.a : 0;
    const quadratureB = res.form === 'quadrature' ? res.b : 0;
    const ptResolutionForm = res.form === 'quadrature' ? null : compileForm(res);
    const thetaResolution = compileForm(settings.thetaResolution);
    const phiResolution = compileForm(settings.phiResolution);
    // The default θ and φ resolutions are the same form: evaluate it once per track.
    const phiAsTheta = JSON.stringify(settings.phiResolution) === JSON.stringify(settings.thetaResolution);
    const d0Resolution = compileForm(settings.d0Resolution);
    const z0Resolution = compileForm(settings.z0Resolution);
    const field = env.magneticFieldT;
    const innerRadiusCm = chamber.innerRadiusCm;
    const minimumPathCm = settings.minimumPathCm;
    const innermostRadiusCm = settings.leverArm.innermostRadiusCm;
    const k = new Kinematics();
    const draws = new DrawBuffer();

    // Two passes over a batch, each a small loop that V8 compiles well: the geometry (acceptance and
    // helix) selects the particles that reach the chamber, the measurement smears them. Both work in
    // buffers kept from batch to batch; the tracks are copied out at their final number.
    let candidateRow = new Int32Array(0); // truth row of each particle that reached the chamber
    let candidateExit = new Float64Array(0); // its exit radius, cm
    let candidatePt = new Float64Array(0); // its true pT and p, GeV/c
    let candidateP = new Float64Array(0);
    let candidateOffsets = new Uint32Array(1); // candidates of event i: [candidateOffsets[i], candidateOffsets[i + 1])
    let trackTruth = new Int32Array(0);
    let trackPx = new Float64Array(0);
    let trackPy = new Float64Array(0);
    let trackPz = new Float64Array(0);
    let trackCharges = new Int8Array(0);
    let trackD0 = new Float64Array(0);
    let trackZ0 = new Float64Array(0);

    function reserve(particles: number, events: number): void {
      if (events + 1 > candidateOffsets.length) candidateOffsets = new Uint32Array(events + 1);
      if (particles <= candidateRow.length) return;
      candidateRow = new Int32Array(particles);
      candidateExit = new Float64Array(particles);
      candidatePt = new Float64Array(particles);
      candidateP = new Float64Array(particles);
      trackTruth = new Int32Array(particles);
      trackPx = new Float64Array(particles);
      trackPy = new Float64Array(particles);
      trackPz = new Float64Array(particles);
      trackCharges = new Int8Array(particles);
      trackD0 = new Float64Array(particles);
      trackZ0 = new Float64Array(particles);
    }

    /** Pass 1: charged final-state particles in the polar acceptance whose helix runs far enough in the chamber. */
    function selectInChamber(truth: EventBatch) {
      const { pdg, status, px, py, pz, offsets } = truth;
      let charged = 0;
      let inAcceptance = 0;
      let m = 0;
      for (let i = 0; i < truth.nEvents; i++) {
        for (let j = offsets[i]; j < offsets[i + 1]; j++) {
          if (status[j] !== Status.final || trackCharge(pdg[j]) === 0) continue;
          charged++;
          const pt = Math.sqrt(px[j] * px[j] + py[j] * py[j]);
          const p = Math.sqrt(pt * pt + pz[j] * pz[j]);
          const cosTheta = pz[j] / p;
          if (!(cosTheta <= cosThetaMin && cosTheta >= cosThetaMax)) continue;
          inAcceptance++;
          const exit = exitRadiusCm(curvatureRadiusCm(pt, field), pz[j] / pt, chamber);
          if (!(exit - innerRadiusCm >= minimumPathCm)) continue;
          candidateRow[m] = j;
          candidateExit[m] = exit;
          candidatePt[m] = pt;
          candidateP[m] = p;
          m++;
        }
        candidateOffsets[i + 1] = m;
      }
      return { charged, inAcceptance, reachedChamber: m };
    }

    /** Pass 2: efficiency, then the measured momentum and impact parameters of each found track. */
    function measure(truth: EventBatch, batch: RecoBatch, trackOffsets: Uint32Array): number {
      const { pdg, px, py, pz, vx, vy, vz, offsets } = truth;
      const { vertexX, vertexY, vertexZ } = batch;
      let t = 0;
      for (let i = 0; i < truth.nEvents; i++) {
        const first = offsets[i];
        for (let m = candidateOffsets[i]; m < candidateOffsets[i + 1]; m++) {
          const j = candidateRow[m];
          const pt = candidatePt[m];
          const p = candidateP[m];
          k.setFromCylindrical(trackMass(pdg[j]), p, pt, pz[j]);
          if (!(draws.uniform() < efficiency(k))) continue;

          let sigmaPtRel: number;
          if (ptResolutionForm === null) {
            const ratio = fullLeverArm / (candidateExit[m] - innermostRadiusCm);
            const measurement = quadratureA * pt * (exponent === 2 ? ratio * ratio : Math.pow(ratio, exponent));
            const scattering = quadratureB / k.beta;
            sigmaPtRel = Math.sqrt(measurement * measurement + scattering * scattering);
          } else {
            sigmaPtRel = ptResolutionForm(k);
          }
          // Mean pT and standard deviation σ·pT: Gaussian, or log-normal (Delphes MomentumSmearing) when a
          // Gaussian could go negative; both are unbiased.
          let ptReco: number;
          if (sigmaPtRel < 0.05) {
            ptReco = pt * (1 + sigmaPtRel * draws.normal());
          } else {
            const s2 = Math.log1p(sigmaPtRel * sigmaPtRel);
            ptReco = pt * Math.exp(Math.sqrt(s2) * draws.normal() - 0.5 * s2);
          }
          // θ → θ + δθ and φ → φ + δφ as rotations of cotθ and of the transverse direction, without
          // inverse trigonometry: cot(θ + δ) = (cotθ − tan δ)/(1 + cotθ·tan δ).
          const sigmaTheta = thetaResolution(k);
          const dTheta = sigmaTheta * draws.normal();
          const dPhi = (phiAsTheta ? sigmaTheta : phiResolution(k)) * draws.normal();
          const cot = pz[j] / pt;
          const uxTrue = px[j] / pt;
          const uyTrue = py[j] / pt;
          const tanD = smallTan(dTheta);
          const denominator = 1 + cot * tanD;
          let cotReco = (cot - tanD) / denominator;
          let flip = 1;
          if (!(denominator > 0)) {
            // θ + δθ left [0, π]: reflect it back, which turns φ by π.
            let thetaReco = atan2(1, cot) + dTheta;
            thetaReco = thetaReco < 0 ? -thetaReco : 2 * Math.PI - thetaReco;
            cotReco = 1 / Math.tan(thetaReco);
            flip = -1;
          }
          const c = flip * smallCos(dPhi);
          const s = flip * smallSin(dPhi);
          trackPx[t] = ptReco * (uxTrue * c - uyTrue * s);
          trackPy[t] = ptReco * (uyTrue * c + uxTrue * s);
          trackPz[t] = ptReco * cotReco;

          // Straight-line extrapolation to the nominal point (the displacement is ≪ the helix radius).
          const x0 = vertexX[i] + vx[j];
          const y0 = vertexY[i] + vy[j];
          const z0 = vertexZ[i] + vz[j];
          trackD0[t] = x0 * uyTrue - y0 * uxTrue + d0Resolution(k) * draws.normal();
          trackZ0[t] = z0 - (x0 * uxTrue + y0 * uyTrue) * cot + z0Resolution(k) * draws.normal();
          trackCharges[t] = trackCharge(pdg[j]);
          trackTruth[t] = j - first;
          t++;
        }
        trackOffsets[i + 1] = t;
      }
      return t;
    }

    return (batch, { truth, stream }) => {
      draws.reset(stream);
      reserve(truth.offsets[truth.nEvents], truth.nEvents);
      const { charged, inAcceptance, reachedChamber } = selectInChamber(truth);
      const trackOffsets = new Uint32Array(truth.nEvents + 1);
      const t = measure(truth, batch, trackOffsets);
      return {
        batch: {
          ...batch,
          trackOffsets,
          trackTruth: trackTruth.slice(0, t),
          trackPx: trackPx.slice(0, t),
          trackPy: trackPy.slice(0, t),
          trackPz: trackPz.slice(0, t),
          trackCharge: trackCharges.slice(0, t),
          trackD0: trackD0.slice(0, t),
          trackZ0: trackZ0.slice(0, t),
          trackMuonId: new Float64Array(t),
          trackElectronId: new Float64Array(t),
        },
        counts: { charged, inAcceptance, reachedChamber, tracks: t },
      };
    };
  },
);
