/**
 * Small ready-made models, as pyhf's `simplemodels` builds them.
 */
import { Model } from './model.js';
import type { Channel } from './workspace.js';

/**
 * Signal with a free normalisation `mu` on top of a background with uncorrelated per-bin uncertainties
 * (`shapesys`, Poisson-constrained): pyhf `simplemodels.uncorrelated_background(signal, bkg, bkg_uncertainty)`.
 */
export function uncorrelatedBackgroundChannels(signal: readonly number[], bkg: readonly number[], bkgUncertainty: readonly number[]): Channel[] {
  return [
    {
      name: 'singlechannel',
      samples: [
        { name: 'signal', data: [...signal], modifiers: [{ name: 'mu', type: 'normfactor', data: null }] },
        { name: 'background', data: [...bkg], modifiers: [{ name: 'uncorr_bkguncrt', type: 'shapesys', data: [...bkgUncertainty] }] },
      ],
    },
  ];
}

/** The model of {@link uncorrelatedBackgroundChannels} with POI `mu`. */
export function uncorrelatedBackground(signal: readonly number[], bkg: readonly number[], bkgUncertainty: readonly number[]): Model {
  return new Model(uncorrelatedBackgroundChannels(signal, bkg, bkgUncertainty), { poi: 'mu' });
}

/**
 * Signal with a free normalisation `mu` on top of a background with a correlated shape uncertainty
 * (`histosys` between `bkgDown` and `bkgUp`): pyhf `simplemodels.correlated_background`.
 */
export function correlatedBackground(signal: readonly number[], bkg: readonly number[], bkgUp: readonly number[], bkgDown: readonly number[]): Model {
  return new Model(
    [
      {
        name: 'single_channel',
        samples: [
          { name: 'signal', data: [...signal], modifiers: [{ name: 'mu', type: 'normfactor', data: null }] },
          {
            name: 'background',
            data: [...bkg],
            modifiers: [{ name: 'correlated_bkg_uncertainty', type: 'histosys', data: { hi_data: [...bkgUp], lo_data: [...bkgDown] } }],
          },
        ],
      },
    ],
    { poi: 'mu' },
  );
}
