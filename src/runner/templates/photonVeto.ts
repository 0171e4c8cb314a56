import { buildDetector, type Detector } from '../../../detector/index.js';
import { Axis } from '../../hist/axis.js';
import { CollisionFrame } from '../../physics/beams.js';
import type { Scenario } from '../../scenario/index.js';
import type { PhotonVetoCorrectionSettings } from '../../scenario/templates.js';
import type { AnalysisVariables } from '../../selection/index.js';

/**
 * The photon-veto correction of the μμ background (Belle II, PRL 130, 231801 (2023), p. 3): "We use
 * the ee control sample to study the photon-veto performance. We select events with M²recoil <
 * 1 GeV²/c⁴, since they come dominantly from Bhabha scattering with a single radiated photon. […]
 * The photon-veto inefficiencies measured with the ee control sample are used to correct the
 * expected μμ background." Such an event passes the veto only when the photon, along the recoil, is
 * missed; so its yield in a region of the recoil's lab polar angle is proportional to the veto
 * inefficiency there, and data over simulation in that region is the ratio of the inefficiencies.
 * The μμ events below the same M²recoil are of the same kind (μμγ with the photon missed), and are
 * weighted by that ratio in the region of their recoil.
 */

/** The background the correction applies to. */
export const CORRECTED_PROCESS = 'mumu';

/** The regions of the recoil's lab polar angle (bins 1 … n of the axis; under- and overflow are not corrected). */
export function correctionRegions(settings: PhotonVetoCorrectionSettings): Axis {
  return Axis.fromEdges(settings.thetaLabEdges, 'theta_recoil_lab');
}

/** The M² bins of the plane (ROOT numbering from the underflow) that hold events below the correction's M²recoil: [0, n). */
export function correctedM2Bins(m2Edges: Float64Array, settings: PhotonVetoCorrectionSettings): number {
  // Bin j ≥ 1 has the lower edge m2Edges[j − 1]; bin m2Edges.length is the overflow.
  let n = 1;
  while (n <= m2Edges.length && m2Edges[n - 1] < settings.m2RecoilMaxGeV2) n++;
  return n;
}

/**
 * The scenario's detector with the ECL photon-veto inefficiency of the data in every ECL stage:
 * the detector the control sample of the pseudo-data goes through.
 */
export function dataConditionDetector(scenario: Scenario, settings: PhotonVetoCorrectionSettings): Detector {
  if (settings.data.kind !== 'detector') throw new RangeError('photon-veto correction: the data are counts, not a detector condition');
  const photonVetoInefficiency = settings.data.photonVetoInefficiency;
  const stages = scenario.detector.stages.map((stage) => (stage.type === 'ecl' ? { ...stage, photonVetoInefficiency } : stage));
  return buildDetector({ ...scenario.detector, stages }, { frame: new CollisionFrame(scenario.beams), periods: scenario.luminosity.periods });
}

/**
 * Fills, per region, Σw and Σw² of the selected events below the correction's M²recoil. For the ee
 * control sample `cells` is 1 (a count per region); for μμ it is the corrected part of the plane,
 * `m2Bins` × nθ cells, so that the correction can be applied once the factors are known.
 */
export class PhotonVetoTally {
  readonly sumw: Float64Array;
  readonly sumw2: Float64Array;
  private readonly regions: Axis;
  private readonly m2Max: number;

  constructor(
    settings: PhotonVetoCorrectionSettings,
    /** Cells per region, and the cell of an event (ignored when `cells` is 1). */
    private readonly cells: number,
    private readonly cellOf: (variables: AnalysisVariables, row: number) => number = () => 0,
  ) {
    this.regions = correctionRegions(settings);
    this.m2Max = settings.m2RecoilMaxGeV2;
    const n = this.regions.nBins * cells;
    this.sumw = new Float64Array(n);
    this.sumw2 = new Float64Array(n);
  }

  fill(variables: AnalysisVariables, row: number): void {
    if (!(variables.m2Recoil[row] < this.m2Max)) return;
    const region = this.regions.findBin(variables.thetaRecoilLab[row]) - 1;
    if (region < 0 || region >= this.regions.nBins) return;
    const k = region * this.cells + this.cellOf(variables, row);
    const w = variables.weight[row];
    this.sumw[k] += w;
    this.sumw2[k] += w * w;
  }
}

/** The measured correction: per region, data over simulation with its statistical error. */
export interface PhotonVetoFactors {
  readonly thetaLabEdgesDeg: readonly number[];
  readonly m2RecoilMaxGeV2: number;
  /** Control-sample events per region at the scenario's luminosity: simulation, and data. */
  readonly simulationEvents: readonly number[];
  readonly simulationErrors: readonly number[];
  readonly dataEvents: readonly number[];
  readonly dataErrors: readonly number[];
  /** Data / simulation (1 where the simulation has no event), and its error. */
  readonly factors: readonly number[];
  readonly factorErrors: readonly number[];
}

/**
 * The factors from the control sample's yields per region (events at the scenario's luminosity
 * with their Monte Carlo errors, or observed counts with Poisson errors √n). The error is that of a
 * ratio, (δr/r)² = (δD/D)² + (δS/S)² − 2 cov/(DS): for the pseudo-data the control sample is the
 * same events through the data's detector, and `covariance` (Σw² of the events selected through
 * both) removes their common fluctuation; for real data it is 0.
 */
export function photonVetoFactors(
  settings: PhotonVetoCorrectionSettings,
  simulation: { readonly events: ArrayLike<number>; readonly errors: ArrayLike<number> },
  data: { readonly events: ArrayLike<number>; readonly errors: ArrayLike<number> },
  covariance?: ArrayLike<number>,
): PhotonVetoFactors {
  const n = settings.thetaLabEdges.length - 1;
  const factors: number[] = [];
  const factorErrors: number[] = [];
  for (let k = 0; k < n; k++) {
    const s = simulation.events[k];
    const d = data.events[k];
    if (!(s > 0)) {
      factors.push(1);
      factorErrors.push(0);
      continue;
    }
    const r = d / s;
    factors.push(r);
    const relData = d > 0 ? data.errors[k] / d : 0;
    const correlated = covariance === undefined || !(d > 0) ? 0 : (2 * covariance[k]) / (d * s);
    factorErrors.push(r * Math.sqrt(Math.max(0, (simulation.errors[k] / s) ** 2 + relData * relData - correlated)));
  }
  return {
    thetaLabEdgesDeg: settings.thetaLabEdges.map((t) => (t * 180) / Math.PI),
    m2RecoilMaxGeV2: settings.m2RecoilMaxGeV2,
    simulationEvents: Array.from(simulation.events),
    simulationErrors: Array.from(simulation.errors),
    dataEvents: Array.from(data.events),
    dataErrors: Array.from(data.errors),
    factors,
    factorErrors,
  };
}

/**
 * The μμ plane with its corrected part reweighted: Σw += (r − 1)·part, Σw² += (r² − 1)·part² per
 * region. `parts` are the tallies of the μμ sample (normalised like `sumw`), `m2Bins` × nθ cells per
 * region, cell (ix, iy) of the part being global cell ix + (nM2 + 2)·iy of the plane.
 */
export function correctedPlane(
  sumw: Float64Array,
  sumw2: Float64Array,
  parts: { readonly sumw: Float64Array; readonly sumw2: Float64Array },
  factors: readonly number[],
  m2Bins: number,
  stride: number,
): { sumw: Float64Array; sumw2: Float64Array } {
  const outW = Float64Array.from(sumw);
  const outW2 = Float64Array.from(sumw2);
  const cellsPerRegion = parts.sumw.length / factors.length;
  const nTheta = cellsPerRegion / m2Bins;
  factors.forEach((r, region) => {
    for (let iy = 0; iy < nTheta; iy++) {
      for (let ix = 0; ix < m2Bins; ix++) {
        const k = region * cellsPerRegion + ix + m2Bins * iy;
        const cell = ix + stride * iy;
        outW[cell] += (r - 1) * parts.sumw[k];
        outW2[cell] += (r * r - 1) * parts.sumw2[k];
      }
    }
  });
  // Rounding can leave −0 or a tiny negative where a cell held only corrected events and r = 0.
  for (let i = 0; i < outW.length; i++) {
    if (outW[i] < 0) outW[i] = 0;
    if (outW2[i] < 0) outW2[i] = 0;
  }
  return { sumw: outW, sumw2: outW2 };
}
