import type { GeneratorOptions } from '../../generators/process.js';
import { SignalGenerator, type SignalSettings } from '../../generators/signal.js';
import { createStream } from '../random/stream.js';

/** One row of the σ(M_Z′; g′ = 1) table. */
export interface XsecPoint {
  readonly mass_GeV: number;
  readonly sigma_pb: number;
  readonly sigma_err_pb: number;
}

/** σ(M_Z′; g′ = 1) with its Monte Carlo error at each mass. */
export function signalCrossSections(
  masses: readonly number[],
  settings: SignalSettings,
  options: GeneratorOptions,
  seed: number,
  trialsPerMass: number,
  onPoint: (done: number) => void = () => {},
): XsecPoint[] {
  return masses.map((mass, index) => {
    const generator = new SignalGenerator({ ...settings, massGeV: mass, gPrime: 1 }, options, seed);
    generator.integrate(trialsPerMass, createStream(seed, 'signal/xsec', index));
    const stats = generator.stats();
    onPoint(index + 1);
    return { mass_GeV: mass, sigma_pb: stats.sigmaPb, sigma_err_pb: stats.sigmaErrPb };
  });
}
