import { describe, expect, it } from 'vitest';
import { TriggerBit } from '../../src/events/recoBatch.js';
import { ELECTRON_MASS, MUON_MASS } from '../../src/physics/constants.js';
import { theta } from '../../src/physics/fourVector.js';
import { SelectionSection } from '../../src/scenario/selection.js';
import { applySelection, CutFlow, sampleSelection, type SampleSelection } from '../../src/selection/index.js';
import { frame, type HandEvent, recoBatch, trackFromCM } from './recoBuilder.js';
import { badInputLine, cli } from '../cli/run.js';

/** The paper's selection (its defaults are the paper's values, PRL 130, 231801 pp. 2–3). */
const settings = SelectionSection.parse({});
const DEG = Math.PI / 180;

type Vec = { x: number; y: number; z: number };
const muons = (a: Vec, b: Vec, extra: Partial<HandEvent> = {}): HandEvent => ({ tracks: [trackFromCM(MUON_MASS, a, -1), trackFromCM(MUON_MASS, b, +1)], ...extra });

/** The first step an event fails (or 'selected'). */
function firstFailure(sample: SampleSelection, events: readonly HandEvent[]): string[] {
  const selection = sampleSelection(sample, settings);
  const { passed } = applySelection(recoBatch(events), frame, settings, selection);
  return Array.from(passed, (k) => (k === selection.steps.length ? 'selected' : selection.steps[k].name));
}

/**
 * A dimuon pair whose lab recoil points at θ (lab) with c.m. recoil momentum q and c.m. recoil
 * energy set by M²: the muons share the visible four-momentum equally in its rest frame.
 */
function pairWithRecoil(m2: number, thetaLab: number): HandEvent {
  // Find the c.m. recoil direction giving the lab θ by bisection on the c.m. polar angle.
  const sqrtS = frame.sqrtS;
  const q = 1.5;
  const recoilE = Math.sqrt(q * q + m2);
  const labTheta = (t: number) => theta(frame.cmToLab({ E: recoilE, px: q * Math.sin(t), py: 0, pz: q * Math.cos(t) }));
  let lo = 0;
  let hi = Math.PI;
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (labTheta(mid) < thetaLab) lo = mid;
    else hi = mid;
  }
  const t = 0.5 * (lo + hi);
  // Visible system: energy √s − E_recoil, momentum −q⃗; split into two muons back to back in its frame.
  const visE = sqrtS - recoilE;
  const vis = { x: -q * Math.sin(t), y: 0, z: -q * Math.cos(t) };
  const w = Math.sqrt(visE * visE - q * q);
  const pStar = Math.sqrt((w * w) / 4 - MUON_MASS * MUON_MASS);
  const dir = { x: 0, y: 1, z: 0 }; // perpendicular to the visible momentum (in the x–z plane)
  const boost = (sign: number): Vec => {
    // p = p* n + (γ − 1)(p*·v̂)v̂ + γβE* ; p*·v̂ = 0 here
    const g = visE / w;
    const e = w / 2;
    const bx = vis.x / visE, bz = vis.z / visE;
    return { x: sign * pStar * dir.x + g * bx * e, y: sign * pStar * dir.y, z: sign * pStar * dir.z + g * bz * e };
  };
  return muons(boost(+1), boost(-1));
}

describe('the paper selection, cut by cut', () => {
  it('θrecoil: below 4 GeV² inside the barrel [34°, 123°] and outside [89°, 91°]; above 4 GeV² below 123°', () => {
    const cases: [number, number, string][] = [
      [1, 60, 'selected'],
      [1, 90, 'thetaRecoil'], // the 1.5 mm crack
      [1, 30, 'thetaRecoil'], // forward of the barrel
      [1, 125, 'thetaRecoil'],
      [9, 30, 'selected'], // above 4 GeV²: only θ < 123°
      [9, 90, 'selected'],
      [9, 125, 'thetaRecoil'],
    ];
    const results = firstFailure('signal', cases.map(([m2, t]) => pairWithRecoil(m2, t * DEG)));
    expect(results).toEqual(cases.map((c) => c[2]));
  });

  it('each earlier cut in its turn: charges, muon ID, trigger and Bhabha veto, pT > 0.4 GeV/c, c.m. opening angle ≤ 179°, c.m. recoil pT > 0.5 GeV/c', () => {
    const good = pairWithRecoil(9, 60 * DEG);
    const p = Math.sqrt(frame.sqrtS ** 2 / 4 - MUON_MASS ** 2) * 0.8;
    const events: [HandEvent, string][] = [
      [good, 'selected'],
      [{ tracks: [good.tracks[0], { ...good.tracks[1], charge: -1 }] }, 'oppositeCharge'],
      [{ tracks: [good.tracks[0], { ...good.tracks[1], muonId: 0.4 }] }, 'muonId'],
      [{ ...good, trigger: 0 }, 'trigger'],
      [{ ...good, trigger: TriggerBit.twoTrack | TriggerBit.bhabhaVeto }, 'trigger'],
      [muons({ x: -0.1, y: 0.05, z: 3 }, { x: -2, y: 1, z: -1 }), 'trackPt'],
      // back to back within 0.5° (opening angle 179.5°), both well above 0.4 GeV/c
      [muons({ x: p, y: 0, z: 0 }, { x: -0.8 * p * Math.cos(0.5 * DEG), y: 0.8 * p * Math.sin(0.5 * DEG), z: 0 }), 'openingAngleCM'],
      // an opening angle of 176° and a c.m. dimuon pT of 0.3 GeV/c
      [muons({ x: 0.6, y: 0, z: 3 }, { x: -0.6, y: 0.3, z: -3.5 }), 'recoilPtCM'],
    ];
    expect(firstFailure('signal', events.map((e) => e[0]))).toEqual(events.map((e) => e[1]));
  });

  it('photon veto: total photon energy < 0.5 GeV and no photon within 15° of the recoil; the μμγ control sample asks for a > 1 GeV photon there', () => {
    const good = pairWithRecoil(0.5, 60 * DEG);
    const t = recoBatch([good]);
    const { variables } = applySelection(t, frame, settings, sampleSelection('signal', settings));
    const thetaR = variables.thetaRecoilLab[0];
    const phiR = Math.atan2(-(t.trackPy[0] + t.trackPy[1]) + frame.total.py, -(t.trackPx[0] + t.trackPx[1]) + frame.total.px);
    const photon = (energy: number, offset: number) => ({ energy, theta: thetaR + offset, phi: phiR });
    const events: HandEvent[] = [
      good,
      { ...good, clusters: [photon(0.3, 0.5)] }, // 29° away, little energy: kept
      { ...good, clusters: [photon(0.3, 0.5), photon(0.3, 0.6)] }, // 0.6 GeV in total: vetoed
      { ...good, clusters: [photon(0.15, 10 * DEG)] }, // inside the cone: vetoed
      { ...good, clusters: [photon(2, 5 * DEG)] }, // the μμγ control sample's photon
      { ...good, clusters: [photon(0.8, 5 * DEG)] }, // in the cone but below 1 GeV
    ];
    expect(firstFailure('signal', events)).toEqual(['selected', 'selected', 'photonVeto', 'photonVeto', 'photonVeto', 'photonVeto']);
    expect(firstFailure('mumugamma', events)).toEqual(['photonInRecoilCone', 'photonInRecoilCone', 'photonInRecoilCone', 'photonInRecoilCone', 'selected', 'photonInRecoilCone']);
  });

  it('eμ and ee control samples: one or both tracks identified as electrons (electron mass in the recoil), all other cuts applied', () => {
    const good = pairWithRecoil(9, 60 * DEG);
    const [a, b] = good.tracks;
    const asElectron = { electronId: 0.95, muonId: 0.01 };
    const events: HandEvent[] = [good, { tracks: [{ ...a, ...asElectron }, b] }, { tracks: [{ ...a, ...asElectron }, { ...b, ...asElectron }] }];
    expect(firstFailure('signal', events)).toEqual(['selected', 'muonId', 'muonId']);
    expect(firstFailure('emu', events)).toEqual(['electronMuonId', 'selected', 'electronMuonId']);
    expect(firstFailure('ee', events)).toEqual(['electronId', 'electronId', 'selected']);
    // The ee sample computes the recoil with the electron mass: M² changes by the energy difference.
    const ee = applySelection(recoBatch([events[2]]), frame, settings, sampleSelection('ee', settings)).variables;
    const mumu = applySelection(recoBatch([events[2]]), frame, settings, sampleSelection('signal', settings)).variables;
    const energy = (m: number, r: number) => Math.hypot(events[2].tracks[r].px, events[2].tracks[r].py, events[2].tracks[r].pz, m);
    const dE = energy(MUON_MASS, 0) + energy(MUON_MASS, 1) - energy(ELECTRON_MASS, 0) - energy(ELECTRON_MASS, 1);
    const recoilE = frame.total.E - energy(MUON_MASS, 0) - energy(MUON_MASS, 1);
    expect(ee.m2Recoil[0] - mumu.m2Recoil[0]).toBeCloseTo(2 * recoilE * dE + dE * dE, 9);
  });
});

describe('cut flow', () => {
  it('weighted efficiencies fall step by step; yields are σ·L·efficiency; merging batches equals one pass', () => {
    const selection = sampleSelection('signal', settings);
    const events = [pairWithRecoil(9, 60 * DEG), pairWithRecoil(1, 90 * DEG), { tracks: [] }, pairWithRecoil(2, 70 * DEG)].map((e, i) => ({ ...e, weight: 1 + i }));
    const whole = new CutFlow(selection);
    const { passed } = applySelection(recoBatch(events), frame, settings, selection);
    whole.add(passed, Float64Array.from(events, (e) => e.weight));
    const parts = new CutFlow(selection);
    for (const e of events) {
      const part = new CutFlow(selection);
      part.add(applySelection(recoBatch([e]), frame, settings, selection).passed, Float64Array.of(e.weight));
      parts.merge(part);
    }
    expect(parts.rows(2, 79.7)).toEqual(whole.rows(2, 79.7));
    const rows = whole.rows(2, 79.7);
    // Weights 1, 2, 3, 4: the first and last events are selected (5 of 10), the crack event fails at θrecoil, the empty one at once.
    expect(rows[0].efficiency).toBeCloseTo(7 / 10, 12);
    expect(rows.at(-1)?.efficiency).toBeCloseTo(5 / 10, 12);
    expect(whole.efficiency).toBeCloseTo(0.5, 12);
    for (let k = 1; k < rows.length; k++) expect(rows[k].efficiency).toBeLessThanOrEqual(rows[k - 1].efficiency);
    // 2 pb × 79.7 fb⁻¹ = 159 400 events; half of them selected.
    expect(rows.at(-1)?.yield).toBeCloseTo(0.5 * 2 * 79.7 * 1000, 6);
  });
});

describe('zprime-mc simulate with the selection', () => {
  it('--json adds the cut flow of every step and the efficiency; the control samples are selections of their own', async () => {
    const result = await cli('simulate', '--process', 'signal', '--mass', '2', '--events', '3000', '--seed', '5', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    // The default scenario ships its Punzi-net (scenarios/belle2-2023.punzi.json): the network is the last step.
    expect(report.punzi_net).toBeTruthy();
    expect(report.cutflow.map((r: { cut: string }) => r.cut)).toEqual(sampleSelection('signal', settings, true).steps.map((s) => s.name));
    expect(report.cutflow.at(-1).cut).toBe('punziNet');
    expect(report.efficiency).toBe(report.cutflow.at(-1).efficiency);
    expect(report.cutflow.at(-1).yield).toBeCloseTo(report.sigma_pb * 79.7 * 1000 * report.efficiency, 6);
    const control = JSON.parse((await cli('simulate', '--process', 'signal', '--mass', '2', '--events', '3000', '--seed', '5', '--selection', 'mumugamma', '--json')).stdout);
    expect(control.selection).toBe('mumugamma');
    expect(control.cutflow.map((r: { cut: string }) => r.cut)).toContain('photonInRecoilCone');
    expect(badInputLine(await cli('simulate', '--process', 'signal', '--events', '10', '--selection', 'tight'))).toBe(
      'zprime-mc: --selection tight is not allowed: must be one of signal, mumugamma, emu, ee',
    );
  });
});
