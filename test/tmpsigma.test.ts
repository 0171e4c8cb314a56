import { it } from 'vitest';
import { EemumuExactGenerator, EemumuExactSettings } from '../generators/eemumuExact.js';
import { SUPERKEKB_Y4S } from '../src/physics/beams.js';
import { ALPHA_EM_0 } from '../src/physics/constants.js';
import { createStream } from '../src/random/stream.js';
it('sigma', () => {
  const fid = process.env.FID === '1';
  const t0 = Date.now();
  const g = new EemumuExactGenerator(0.5, EemumuExactSettings.parse({ fiducial: { enabled: fid } }), { beams: SUPERKEKB_Y4S, beamEnergySpread: false, isr: false, alphaEM: ALPHA_EM_0, weighted: false }, 1);
  console.log('warmup', Date.now() - t0, 'ms', g.stats());
  const t1 = Date.now();
  for (let i = 0; i < 5; i++) g.generate(10000, createStream(1, 'eemumu', i));
  console.log('gen 50k', Date.now() - t1, 'ms', g.stats());
}, 600000);
