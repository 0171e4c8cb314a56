import { z } from 'zod';
import type { BeamSettings } from '../physics/beams.js';
import { ELECTRON_MASS } from '../physics/constants.js';
import { mevToGeV, mradToRad } from './units.js';

/**
 * The `beams` section: SuperKEKB beam energies (GeV), angles to the detector axis (mrad) and
 * energy spreads (MeV), converted at load into {@link BeamSettings} (GeV, rad). Defaults are basf2's
 * `generators/scripts/beamparameters.py` preset "Y4S" (docs/references.md §1.1).
 */
export const BeamsSection = z
  .strictObject({
    herEnergyGeV: z.number().positive().default(7.004).describe('e- (HER) beam energy in GeV; basf2 beamparameters.py preset Y4S: 7.004'),
    lerEnergyGeV: z.number().positive().default(4.002).describe('e+ (LER) beam energy in GeV; basf2 preset Y4S: 4.002'),
    herAngleMrad: z
      .number()
      .min(0)
      .max(1000)
      .default(41.5)
      .describe('angle of the e- beam to +z (detector axis), in the x-z plane towards +x, in mrad; basf2 angleXHER = 0.0415 rad'),
    lerAngleMrad: z
      .number()
      .min(0)
      .max(1000)
      .default(41.5)
      .describe('angle of the e+ beam to -z, in the x-z plane towards +x, in mrad; basf2 angleXLER = -0.0415 (i.e. pi - 41.5 mrad)'),
    herEnergySpreadMeV: z.number().nonnegative().default(5.13).describe('Gaussian energy spread of the e- beam in MeV; basf2 covHER = 0.00513^2 GeV^2'),
    lerEnergySpreadMeV: z.number().nonnegative().default(2.375).describe('Gaussian energy spread of the e+ beam in MeV; basf2 covLER = 0.002375^2 GeV^2'),
  })
  .superRefine((beams, ctx) => {
    for (const key of ['herEnergyGeV', 'lerEnergyGeV'] as const) {
      if (beams[key] <= ELECTRON_MASS) {
        ctx.addIssue({ code: 'custom', path: [key], input: beams[key], message: `must exceed the electron mass, ${ELECTRON_MASS} GeV` });
      }
    }
  })
  .transform(
    (beams): BeamSettings => ({
      herEnergy: beams.herEnergyGeV,
      lerEnergy: beams.lerEnergyGeV,
      herAngle: mradToRad(beams.herAngleMrad),
      lerAngle: mradToRad(beams.lerAngleMrad),
      herEnergySpread: mevToGeV(beams.herEnergySpreadMeV),
      lerEnergySpread: mevToGeV(beams.lerEnergySpreadMeV),
    }),
  );
