/**
 * Learning-rate reduction on a plateau of the loss: a line-by-line port of PyTorch's
 * `torch.optim.lr_scheduler.ReduceLROnPlateau` (mode 'min'), the scheduler of both training phases
 * in feichtip/punzinet `train.py` (factor 0.5, patience 10 for the BCE pre-training and 20 for the
 * Punzi-loss training, PyTorch defaults otherwise).
 */

/** Settings of {@link ReduceLrOnPlateau}; the defaults are PyTorch's except factor 0.5 (the authors'). */
export interface PlateauSettings {
  /** Factor by which the learning rate is multiplied (default 0.5). */
  readonly factor: number;
  /** Number of epochs without improvement tolerated before a reduction (default 10). */
  readonly patience: number;
  /** Improvement threshold (PyTorch default 1e-4). */
  readonly threshold: number;
  /** 'rel': better if loss < best·(1 − threshold); 'abs': better if loss < best − threshold (PyTorch default 'rel'). */
  readonly thresholdMode: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting bad epochs again (PyTorch default 0). */
  readonly cooldown: number;
  /** Lower bound of the learning rate (PyTorch default 0). */
  readonly minLearningRate: number;
  /** A reduction smaller than this is skipped (PyTorch default 1e-8). */
  readonly eps: number;
}

export const DEFAULT_PLATEAU: PlateauSettings = Object.freeze({
  factor: 0.5,
  patience: 10,
  threshold: 1e-4,
  thresholdMode: 'rel',
  cooldown: 0,
  minLearningRate: 0,
  eps: 1e-8,
});

/** The scheduler state. Call {@link step} once per epoch with that epoch's loss. */
export class ReduceLrOnPlateau {
  /** The learning rate to use in the next epoch. */
  learningRate: number;
  /** Best loss seen so far. */
  best = Infinity;
  /** Epochs since the last improvement. */
  badEpochs = 0;
  private cooldownCounter = 0;
  /** Number of reductions so far. */
  reductions = 0;

  constructor(
    initialLearningRate: number,
    readonly settings: PlateauSettings = DEFAULT_PLATEAU,
  ) {
    this.learningRate = initialLearningRate;
  }

  private isBetter(loss: number): boolean {
    if (this.settings.thresholdMode === 'rel') return loss < this.best * (1 - this.settings.threshold);
    return loss < this.best - this.settings.threshold;
  }

  /** Records an epoch's loss; returns the learning rate for the next epoch. */
  step(loss: number): number {
    if (this.isBetter(loss)) {
      this.best = loss;
      this.badEpochs = 0;
    } else {
      this.badEpochs++;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.badEpochs = 0;
    }
    if (this.badEpochs > this.settings.patience) {
      const old = this.learningRate;
      const reduced = Math.max(old * this.settings.factor, this.settings.minLearningRate);
      if (old - reduced > this.settings.eps) {
        this.learningRate = reduced;
        this.reductions++;
      }
      this.cooldownCounter = this.settings.cooldown;
      this.badEpochs = 0;
    }
    return this.learningRate;
  }
}
