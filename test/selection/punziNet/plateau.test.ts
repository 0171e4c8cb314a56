import { describe, expect, it } from 'vitest';
import { DEFAULT_PLATEAU, ReduceLrOnPlateau } from '../../../src/selection/punziNet/index.js';

/** Learning rates after each step for a loss sequence (hand-traced through torch's ReduceLROnPlateau.step). */
function rates(losses: number[], settings = {}, lr = 1): number[] {
  const s = new ReduceLrOnPlateau(lr, { ...DEFAULT_PLATEAU, ...settings });
  return losses.map((l) => s.step(l));
}

describe('ReduceLrOnPlateau (torch.optim.lr_scheduler.ReduceLROnPlateau, mode min)', () => {
  it('defaults to PyTorch’s settings with the authors’ factor 0.5', () => {
    expect(DEFAULT_PLATEAU).toEqual({ factor: 0.5, patience: 10, threshold: 1e-4, thresholdMode: 'rel', cooldown: 0, minLearningRate: 0, eps: 1e-8 });
  });

  it('halves the rate on the (patience + 1)-th epoch without improvement, then counts again from zero', () => {
    // patience 2: epochs 2, 3, 4 are bad → reduction after epoch 4; epochs 5, 6, 7 bad → after epoch 7
    expect(rates([5, 5, 5, 5, 5, 5, 5, 5], { patience: 2 })).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25]);
  });

  it('counts an improvement only below best·(1 − 1e-4) (relative threshold)', () => {
    // 0.99995 and 0.9999 are not below 1·(1 − 1e-4) = 0.9999; 0.99989 is
    const s = new ReduceLrOnPlateau(1, { ...DEFAULT_PLATEAU, patience: 5 });
    s.step(1);
    s.step(0.99995);
    s.step(0.9999);
    expect(s.badEpochs).toBe(2);
    s.step(0.99989);
    expect(s.badEpochs).toBe(0);
    expect(s.best).toBe(0.99989);
  });

  it('supports an absolute threshold', () => {
    const s = new ReduceLrOnPlateau(1, { ...DEFAULT_PLATEAU, thresholdMode: 'abs', threshold: 0.1 });
    s.step(1);
    s.step(0.95);
    expect(s.badEpochs).toBe(1);
    s.step(0.85);
    expect(s.badEpochs).toBe(0);
  });

  it('ignores bad epochs during the cooldown after a reduction', () => {
    // patience 1, cooldown 2: reduction after epoch 3; epochs 4, 5 in cooldown; epochs 6, 7 bad → after epoch 7
    expect(rates([5, 5, 5, 5, 5, 5, 5, 5], { patience: 1, cooldown: 2 })).toEqual([1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25]);
  });

  it('stops at minLearningRate and skips reductions smaller than eps', () => {
    expect(rates([1, 1, 1, 1, 1], { patience: 0, minLearningRate: 0.3 })).toEqual([1, 0.5, 0.3, 0.3, 0.3]);
    expect(rates([1, 1, 1], { patience: 0 }, 1e-8)).toEqual([1e-8, 1e-8, 1e-8]);
  });
});
