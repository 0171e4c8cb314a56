import { type BeamSettings, CollisionFrame, type EventBeams } from '../../src/physics/beams.js';
import type { CMEvent } from './cmEvent.js';
import type { FinalStateFilter } from './radiativePair.js';

/**
 * A generator-level requirement on the charged pair of a two-fermion event, looser than the search
 * selection (Belle II, PRL 130, 231801 (2023), p. 2): both fermions in a lab polar window and above a
 * lab pT, and the pair's transverse momentum in the c.m. frame of the nominal beams above a floor.
 */
export interface PairFiducialWindow {
  readonly thetaMinDeg: number;
  readonly thetaMaxDeg: number;
  readonly ptMinGeV: number;
  readonly pairPtCMMinGeV: number;
}

/** The requirement on a built event: its rows 0 and 1 (the fermion and the antifermion, c.m. frame of its beams). */
export class PairFiducial implements FinalStateFilter {
  private readonly cosMin: number;
  private readonly cosMax: number;
  private readonly pt2Min: number;
  private readonly pairPt2Min: number;
  /** Lab → c.m. of the nominal beams. */
  private readonly toCM: Float64Array;

  constructor(window: PairFiducialWindow, beams: BeamSettings) {
    this.cosMin = Math.cos((window.thetaMinDeg * Math.PI) / 180);
    this.cosMax = Math.cos((window.thetaMaxDeg * Math.PI) / 180);
    this.pt2Min = window.ptMinGeV * window.ptMinGeV;
    this.pairPt2Min = window.pairPtCMMinGeV * window.pairPtCMMinGeV;
    this.toCM = new CollisionFrame(beams).toCM.m;
  }

  accepts(event: CMEvent, beams: EventBeams): boolean {
    const m = beams.toLab.m;
    const n = this.toCM;
    let sumX = 0;
    let sumY = 0;
    for (let i = 0; i < 2; i++) {
      const e = event.E[i], x = event.px[i], y = event.py[i], z = event.pz[i];
      const le = m[0] * e + m[1] * x + m[2] * y + m[3] * z;
      const lx = m[4] * e + m[5] * x + m[6] * y + m[7] * z;
      const ly = m[8] * e + m[9] * x + m[10] * y + m[11] * z;
      const lz = m[12] * e + m[13] * x + m[14] * y + m[15] * z;
      const pt2 = lx * lx + ly * ly;
      if (!(pt2 > this.pt2Min)) return false;
      const cos = lz / Math.sqrt(pt2 + lz * lz);
      if (cos > this.cosMin || cos < this.cosMax) return false;
      sumX += n[4] * le + n[5] * lx + n[6] * ly + n[7] * lz;
      sumY += n[8] * le + n[9] * lx + n[10] * ly + n[11] * lz;
    }
    return sumX * sumX + sumY * sumY > this.pairPt2Min;
  }
}

/** The requirement in words, for `describe()`: `particles` ("muons") and `pair` ("dimuon") name them. */
export function pairFiducialDescription(particles: string, pair: string, window: PairFiducialWindow): string {
  return (
    `both ${particles} with lab theta in [${window.thetaMinDeg}, ${window.thetaMaxDeg}] deg and lab pT > ${window.ptMinGeV} GeV/c, ` +
    `c.m. ${pair} pT > ${window.pairPtCMMinGeV} GeV/c; sigma is the fiducial cross section`
  );
}
