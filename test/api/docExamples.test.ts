import { describe, expect, it } from 'vitest';
import { Axis, Hist1D } from '../../src/api/hist.js';
import { asymptoticHypotest, fit, upperLimit, uncorrelatedBackground, windowModel } from '../../src/api/fit.js';
import { muonAnomalyBand, muonAnomalyPerCoupling2, couplingLimit, vanillaInvisibleBranching } from '../../src/api/scan.js';
import { CollisionFrame, ELECTRON_MASS, MUON_MASS, onShell, recoilMass2, SUPERKEKB_Y4S, thetaRecoilCM } from '../../src/api/physics.js';
import { createStream } from '../../src/api/random.js';
import { zPrimeLeptonWidth, zPrimeTotalWidth } from '../../src/api/generators.js';
import { defaultScenarioPath, loadScenario } from '../../src/api/scenario.js';

/**
 * The numbers that the TSDoc `@example` blocks of the public entries print, through the entries
 * themselves, so that the documentation cannot drift from the code. Where a number has an outside
 * reference, the comment gives it.
 */

const near = (x: number, y: number, rel = 1e-12) => expect(Math.abs(x - y)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(y)));

describe('TSDoc examples of zprime-mc/physics', () => {
  it('CollisionFrame: √s, βγ and the c.m. e⁻ of the SuperKEKB Y4S preset (basf2 beamparameters.py; docs/references.md §1.2)', () => {
    const frame = new CollisionFrame(SUPERKEKB_Y4S);
    near(frame.sqrtS, 10.579557836806245);
    near(frame.betaGamma, 0.2867769160085007);
    near(frame.betaCM.x, 0.04148808860333723);
    near(frame.betaCM.z, 0.2725254668103653);
    const her = frame.labToCM(frame.her);
    near(her.E, frame.sqrtS / 2, 1e-9);
    near(her.pz, Math.sqrt((frame.sqrtS / 2) ** 2 - ELECTRON_MASS ** 2), 1e-12);
    expect(Math.hypot(her.px, her.py)).toBeLessThan(1e-12);
  });

  it('recoilMass2 = s − 2√s·E for a photon against an initial state at rest; thetaRecoilCM = π/2 against a photon along y', () => {
    expect(recoilMass2({ E: 10, px: 0, py: 0, pz: 0 }, { E: 3, px: 0, py: 0, pz: 3 })).toBe(40);
    const frame = new CollisionFrame(SUPERKEKB_Y4S);
    near(thetaRecoilCM(frame, frame.cmToLab(onShell(0, 0, 3, 0))), Math.PI / 2, 1e-12);
  });
});

describe('TSDoc examples of zprime-mc/random and zprime-mc/hist', () => {
  it('createStream(231801, "example", 0) gives the documented first numbers', () => {
    const stream = createStream(231801, 'example', 0);
    expect(stream.uniform()).toBe(0.7243824162364669);
    expect(stream.normal()).toBe(0.25650611853593663);
  });

  it('Hist1D: weights 2 and 1 in one bin give content 3 and error √5; the overflow is outside the integral', () => {
    const h = new Hist1D(Axis.uniform(4, 0, 2));
    h.fill(0.7, 2);
    h.fill(0.7, 1);
    h.fill(5);
    expect(h.binContent(2)).toBe(3);
    near(h.binError(2), Math.sqrt(5));
    expect(h.binContent(5)).toBe(1);
    expect(h.integral()).toBe(3);
  });
});

describe('TSDoc examples of zprime-mc/fit', () => {
  const model = uncorrelatedBackground([12, 11], [50, 52], [3, 7]);
  const data = [51, 48, ...model.auxdata];

  it('asymptoticHypotest on pyhf\'s documentation example: CLs 0.0525155 (pyhf prints 0.05251497 at its default fit tolerance)', () => {
    const result = asymptoticHypotest(model, data, 1);
    near(result.clsObs, 0.052515525146122906, 1e-7);
    expect(Math.abs(result.clsObs / 0.05251497 - 1)).toBeLessThan(2e-5);
    [0.0026064, 0.0138206, 0.0644552, 0.2352609, 0.5730417].forEach((v, i) => near(result.clsExp[i], v, 1e-6));
  });

  it('fit and upperLimit on the same model', () => {
    const result = fit(model, data);
    expect(model.parameterNames).toEqual(['mu', 'uncorr_bkguncrt[0]', 'uncorr_bkguncrt[1]']);
    [0, 1.0030508, 0.9626809].forEach((v, i) => near(result.pars[i], v, 1e-6));
    near(result.twiceNll, 24.98393520034109, 1e-9);
    const limit = upperLimit(model, data, { cl: 0.95 });
    near(limit.obs, 1.011571881389814, 1e-6);
    [0.5598843, 0.757029, 1.062355, 1.5011808, 2.050802].forEach((v, i) => near(limit.exp[i], v, 1e-6));
  });

  it('windowModel: the 90% CL limit of a five-bin window on its Asimov background-only data', () => {
    const { model: w, data: d } = windowModel({ signal: [1, 2, 4, 2, 1], background: [100, 100, 100, 100, 100], lumiUncertainty: 0 });
    near(upperLimit(w, d).obs, 6.868869180245142, 1e-6);
  });
});

describe('TSDoc examples of zprime-mc/scan and zprime-mc/generators', () => {
  it('couplings, B(Z′ → invisible) and the (g − 2)_μ band (docs/references.md §5.1, §5.3)', () => {
    near(vanillaInvisibleBranching(1), 0.5001898687754839);
    near(vanillaInvisibleBranching(5), 0.347086508054858);
    expect(vanillaInvisibleBranching(5)).toBeCloseTo(0.347, 3);
    near(couplingLimit(1, 100, 0.5), Math.SQRT1_2 / 5);
    near(muonAnomalyPerCoupling2(1), 8.600279406104882e-5, 1e-9);
    expect(muonAnomalyPerCoupling2(1)).toBeCloseTo(8.6e-5, 7);
    const band = muonAnomalyBand(2);
    near(band[0], 0.007637405638258343, 1e-9);
    near(band[1], 0.012721350545984425, 1e-9);
  });

  it('Z′ widths (the Belle II MadGraph UFO decays.py)', () => {
    near(zPrimeLeptonWidth(1, MUON_MASS, 1), 0.026505685793053763);
    near(zPrimeTotalWidth(5, 1), 0.3821212180978343);
  });
});

describe('TSDoc examples of zprime-mc/scenario', () => {
  it('loadScenario(defaultScenarioPath()): 79.7 fb⁻¹ (the paper) and the seed 231801', () => {
    const scenario = loadScenario(defaultScenarioPath());
    expect(scenario.luminosity.totalFb).toBeCloseTo(79.7, 10);
    expect(scenario.seed).toBe(231801);
  });
});
