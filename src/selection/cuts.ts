import { TriggerBit } from '../events/recoBatch.js';
import type { SelectionSettings } from '../scenario/selection.js';
import type { AnalysisVariables, MassHypothesis } from './variables.js';

/**
 * The paper's offline selection (PRL 130, 231801, pp. 2–3) as a list of named steps over the
 * analysis-variable columns, and its three control samples (p. 3). A selection is evaluated once
 * per batch into one number per event, the count of consecutive steps the event passes, from which
 * the cut flow and the final mask follow without any object per event.
 */

/** One cut: its name in the cut flow, what it requires, and the test of event `i`. */
export interface CutStep {
  readonly name: string;
  readonly description: string;
  readonly passes: (v: AnalysisVariables, i: number) => boolean;
}

/** The samples the paper selects: the search sample and its three control samples. */
export type SampleSelection = 'signal' | 'mumugamma' | 'emu' | 'ee';

export const SAMPLE_SELECTIONS: readonly SampleSelection[] = ['signal', 'mumugamma', 'emu', 'ee'];

export interface Selection {
  readonly name: SampleSelection;
  /** How the two tracks' energies are computed (muon or electron mass). */
  readonly hypothesis: MassHypothesis;
  readonly steps: readonly CutStep[];
}

const RAD_TO_DEG = 180 / Math.PI;
const deg = (rad: number) => (rad * RAD_TO_DEG).toFixed(4).replace(/\.?0+$/, '');

function twoTracksFromIP(s: SelectionSettings): CutStep {
  return {
    name: 'twoTracksFromIP',
    description: `exactly two tracks with |d0| < ${s.trackD0MaxCm} cm and |z0| < ${s.trackZ0MaxCm} cm`,
    passes: (v, i) => v.trackA[i] >= 0,
  };
}

const oppositeCharge: CutStep = { name: 'oppositeCharge', description: 'the two tracks have opposite charges', passes: (v, i) => v.oppositeCharge[i] === 1 };

/** Track identification of a sample: both muons, one electron and one muon, or both electrons. */
function identification(s: SelectionSettings, sample: 'mumu' | 'emu' | 'ee'): CutStep {
  const mu = s.muonIdMin;
  const e = s.electronIdMin;
  if (sample === 'mumu') {
    return { name: 'muonId', description: `both tracks muonID > ${mu}`, passes: (v, i) => v.muonIdA[i] > mu && v.muonIdB[i] > mu };
  }
  if (sample === 'ee') {
    return { name: 'electronId', description: `both tracks electronID > ${e}`, passes: (v, i) => v.electronIdA[i] > e && v.electronIdB[i] > e };
  }
  return {
    name: 'electronMuonId',
    description: `one track electronID > ${e}, the other muonID > ${mu}`,
    passes: (v, i) => (v.electronIdA[i] > e && v.muonIdB[i] > mu) || (v.muonIdA[i] > mu && v.electronIdB[i] > e),
  };
}

const trigger: CutStep = {
  name: 'trigger',
  description: 'two-track trigger fired and no Bhabha veto',
  passes: (v, i) => (v.trigger[i] & (TriggerBit.twoTrack | TriggerBit.bhabhaVeto)) === TriggerBit.twoTrack,
};

function trackPt(s: SelectionSettings): CutStep {
  const min = s.muonPtMinGeV;
  return { name: 'trackPt', description: `both tracks pT > ${min} GeV/c (lab)`, passes: (v, i) => v.ptLabA[i] > min && v.ptLabB[i] > min };
}

function openingAngle(s: SelectionSettings): CutStep {
  const max = s.dimuonOpeningAngleCMMax;
  return { name: 'openingAngleCM', description: `c.m. opening angle <= ${deg(max)} deg`, passes: (v, i) => v.openingAngleCM[i] <= max };
}

function thetaRecoil(s: SelectionSettings): CutStep {
  const { m2RecoilBoundaryGeV2: boundary, lowMass, highMass } = s.thetaRecoilLab;
  return {
    name: 'thetaRecoil',
    description:
      `M2recoil < ${boundary} GeV2: theta_recoil in [${deg(lowMass.min)}, ${deg(lowMass.max)}] deg outside [${deg(lowMass.gapMin)}, ${deg(lowMass.gapMax)}] deg; ` +
      `above: theta_recoil < ${deg(highMass.max)} deg (lab)`,
    passes: (v, i) => {
      const theta = v.thetaRecoilLab[i];
      if (v.m2Recoil[i] < boundary) return theta >= lowMass.min && theta <= lowMass.max && !(theta >= lowMass.gapMin && theta <= lowMass.gapMax);
      return theta < highMass.max;
    },
  };
}

function photonVeto(s: SelectionSettings): CutStep {
  const { totalEnergyMaxGeV, recoilConeHalfAngle } = s.photonVeto;
  return {
    name: 'photonVeto',
    description: `total photon energy < ${totalEnergyMaxGeV} GeV and no photon within ${deg(recoilConeHalfAngle)} deg of the recoil`,
    passes: (v, i) => v.photonEnergySum[i] < totalEnergyMaxGeV && v.photonsInRecoilCone[i] === 0,
  };
}

/** The μμγ control sample's reversed veto. */
function photonInRecoilCone(s: SelectionSettings): CutStep {
  const min = s.controlPhotonEnergyMinGeV;
  return {
    name: 'photonInRecoilCone',
    description: `a photon above ${min} GeV within ${deg(s.photonVeto.recoilConeHalfAngle)} deg of the recoil`,
    passes: (v, i) => v.photonEnergyMaxInRecoilCone[i] > min,
  };
}

function recoilPt(s: SelectionSettings): CutStep {
  const min = s.recoilPtCMMinGeV;
  return { name: 'recoilPtCM', description: `c.m. transverse recoil momentum > ${min} GeV/c`, passes: (v, i) => v.dimuonPtCM[i] > min };
}

/** The Punzi-net step: reads the `networkOutput` column (NaN, so failing, where it was not evaluated). */
function punziNet(s: SelectionSettings): CutStep {
  const min = s.punziNetOutputMin;
  return { name: 'punziNet', description: `Punzi-net output > ${min}`, passes: (v, i) => v.networkOutput[i] > min };
}

/**
 * The selection of a sample. The search sample applies every cut of the paper; the control samples
 * replace the photon veto (μμγ) or the muon identification (eμ, ee). `withNetwork` appends the
 * Punzi-net step (the network must then have filled the variables' `networkOutput`).
 */
export function sampleSelection(sample: SampleSelection, settings: SelectionSettings, withNetwork = false): Selection {
  const common = (id: CutStep, veto: CutStep): CutStep[] => [
    twoTracksFromIP(settings),
    oppositeCharge,
    id,
    trigger,
    trackPt(settings),
    openingAngle(settings),
    thetaRecoil(settings),
    veto,
    recoilPt(settings),
  ];
  const steps =
    sample === 'signal'
      ? common(identification(settings, 'mumu'), photonVeto(settings))
      : sample === 'mumugamma'
        ? common(identification(settings, 'mumu'), photonInRecoilCone(settings))
        : common(identification(settings, sample), photonVeto(settings));
  if (withNetwork) steps.push(punziNet(settings));
  const hypothesis: MassHypothesis = sample === 'ee' ? 'ee' : sample === 'emu' ? 'emu' : 'mumu';
  return { name: sample, hypothesis, steps };
}

/**
 * For each event, the number of consecutive steps it passes (0 … steps.length); an event is selected
 * when the count equals the number of steps. `upTo` stops at that many steps.
 */
export function stepsPassed(selection: Selection, v: AnalysisVariables, upTo = selection.steps.length): Uint8Array {
  const out = new Uint8Array(v.nEvents);
  const steps = selection.steps;
  for (let i = 0; i < v.nEvents; i++) {
    let k = 0;
    while (k < upTo && steps[k].passes(v, i)) k++;
    out[i] = k;
  }
  return out;
}
