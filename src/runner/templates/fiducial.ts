import { trackCharge } from '../../../detector/particles.js';
import { type EventBatch, Status } from '../../events/eventBatch.js';
import type { TemplateSettings } from '../../scenario/templates.js';

/**
 * The generator-level fiducial cut of the template samples: at least two charged final-state
 * particles with lab θ and pT inside the fiducial window. The selection needs exactly two tracks,
 * both in the two-track trigger's polar window [37°, 120°] and with pT > 0.4 GeV/c (PRL 130,
 * 231801, p. 2); a track's measured θ and pT differ from the particle's by the tracker resolution
 * (σθ ≈ 1 mrad, σpT/pT ≈ 0.1–0.3% at these momenta, the scenario's tracking settings), so the
 * default window, 1° and 0.05 GeV/c wider, is more than 15 standard deviations looser. Events
 * outside it cannot pass the selection and are not passed through the detector.
 */
export function fiducialMask(truth: EventBatch, fiducial: TemplateSettings['fiducial']): Uint8Array {
  const keep = new Uint8Array(truth.nEvents);
  const cosMin = Math.cos(fiducial.thetaMin);
  const cosMax = Math.cos(fiducial.thetaMax);
  const pt2Min = fiducial.ptMinGeV * fiducial.ptMinGeV;
  const { offsets, pdg, status, px, py, pz } = truth;
  for (let i = 0; i < truth.nEvents; i++) {
    let inside = 0;
    for (let j = offsets[i]; j < offsets[i + 1] && inside < 2; j++) {
      if (status[j] !== Status.final || trackCharge(pdg[j]) === 0) continue;
      const pt2 = px[j] * px[j] + py[j] * py[j];
      if (!(pt2 > pt2Min)) continue;
      const cos = pz[j] / Math.sqrt(pt2 + pz[j] * pz[j]);
      if (cos <= cosMin && cos >= cosMax) inside++;
    }
    keep[i] = inside >= 2 ? 1 : 0;
  }
  return keep;
}
