import { z } from 'zod';
import { defineStage } from '../stage.js';
import { zigguratNormal } from '../../src/random/ziggurat.js';

/**
 * Beam spot: draws the collision point of each event from the luminous region, a Gaussian
 * ellipsoid centred on the nominal interaction point. Tracking then measures impact parameters
 * with respect to the nominal point, so the luminous-region size enters the d0/z0 cuts.
 * The x–z correlation of the nano-beam luminous region is neglected (σz ≪ the 2 cm z0 cut).
 */
export const beamSpot = defineStage(
  'beamSpot',
  {
    /** Luminous-region width in x, cm (basf2 beamparameters.py Y4S bunches, docs/references.md §1.2: 6.4 µm). */
    sigmaXCm: z.number().nonnegative().default(6.4e-4),
    /** Luminous-region width in y, cm (docs/references.md §1.2: 0.042 µm). */
    sigmaYCm: z.number().nonnegative().default(4.2e-6),
    /** Luminous-region length in z, cm (docs/references.md §1.2: 0.154 mm). */
    sigmaZCm: z.number().nonnegative().default(1.54e-2),
  },
  [],
  (settings) => (batch, { stream }) => {
    const n = batch.nEvents;
    const vertexX = new Float64Array(n);
    const vertexY = new Float64Array(n);
    const vertexZ = new Float64Array(n);
    const { sigmaXCm, sigmaYCm, sigmaZCm } = settings;
    for (let i = 0; i < n; i++) {
      vertexX[i] = sigmaXCm * zigguratNormal(stream);
      vertexY[i] = sigmaYCm * zigguratNormal(stream);
      vertexZ[i] = sigmaZCm * zigguratNormal(stream);
    }
    return { batch: { ...batch, vertexX, vertexY, vertexZ }, counts: { events: n } };
  },
);
