import { describe, expect, it } from 'vitest';
import { emptyBackgroundCells, emptyCellBackground, windowInput } from '../../src/scan/systematics.js';
import type { SearchWindow } from '../../src/scan/windows.js';
import { NO_SYSTEMATICS } from './syntheticTemplates.js';

/** A 1-θ-bin window of four cells, the last with signal and no simulated background. */
function windowWithEmptyCell(): SearchWindow {
  return {
    hypothesis: 0,
    massGeV: 2,
    sigmaM2GeV2: 0.25,
    sigmaUnitCouplingFb: 1,
    signalEfficiency: 0.1,
    m2EdgesGeV2: Float64Array.of(3.5, 3.75, 4, 4.25, 4.5),
    thetaStarts: Int32Array.of(0, 36),
    nTheta: 1,
    signalPerFb: Float64Array.of(0, 1, 2, 3),
    signalPerFbVariance: new Float64Array(4),
    // 30 expected events from 300 simulated events of weight 0.1: Σw² = 3.
    background: Float64Array.of(10, 10, 10, 0),
    backgroundVariance: Float64Array.of(1, 1, 1, 0),
    muMu: Float64Array.of(10, 10, 10, 0),
    observed: null,
  };
}

describe('a window cell with signal and no simulated background', () => {
  it('gets the background of one average simulated event of the window, Σw²/Σw, with a 100% uncertainty', () => {
    const window = windowWithEmptyCell();
    expect(emptyBackgroundCells(window)).toBe(1);
    expect(emptyCellBackground(window)).toBeCloseTo(0.1, 14);
    const input = windowInput(window, NO_SYSTEMATICS.systematics, 1);
    const background = Array.from(input.background);
    const relative = Array.from(input.backgroundShapeUncertainty as ArrayLike<number>);
    expect(background[3]).toBeCloseTo(0.1, 14);
    expect(relative[3]).toBe(1);
    // The other cells keep their background and their Monte Carlo uncertainty √(Σw²)/Σw = 0.1.
    expect(background.slice(0, 3)).toEqual([10, 10, 10]);
    expect(relative[1]).toBeCloseTo(0.1, 14);
    // The window itself is left as it was.
    expect(window.background[3]).toBe(0);
  });

  it('leaves cells without signal and without background empty', () => {
    const window = { ...windowWithEmptyCell(), signalPerFb: Float64Array.of(1, 1, 1, 0) };
    expect(emptyBackgroundCells(window)).toBe(0);
    expect(windowInput(window, NO_SYSTEMATICS.systematics, 1).background[3]).toBe(0);
  });
});
