/**
 * `staterror`: per-bin Gaussian-constrained multiplicative γ_b, combined across all samples that carry
 * the same name (pyhf `modifiers/staterror.py`): σ_b = √(Σ_s δ_sb²) / Σ_s ν_sb over those samples,
 * constraint Gaus(1 | γ_b, σ_b), bounds [1e-10, 10], init 1; bins with σ_b = 0 have γ_b fixed.
 * The components are the bins of every channel the name appears in, in data order.
 */
import { WorkspaceError } from '../workspace.js';
import type { ModifierDefinition, ModifierOf, ModifierUse } from './types.js';
import { FactorKind } from './types.js';

/** Global bins covered by a staterror name, in data order; every sample must cover the same channels. */
function coveredBins(uses: readonly ModifierUse<ModifierOf<'staterror'>>[]): number[] {
  const channels = new Map<string, { offset: number; n: number }>();
  for (const u of uses) channels.set(u.channel, { offset: u.binOffset, n: u.nBins });
  const bins: number[] = [];
  for (const { offset, n } of [...channels.values()].sort((a, b) => a.offset - b.offset)) {
    for (let b = 0; b < n; b++) bins.push(offset + b);
  }
  return bins;
}

export const staterror: ModifierDefinition<'staterror'> = {
  type: 'staterror',
  op: 'multiplication',
  shared: true,
  requirement(uses) {
    const bins = coveredBins(uses);
    const index = new Map(bins.map((bin, i) => [bin, i]));
    const nomSum = new Float64Array(bins.length);
    const errSum2 = new Float64Array(bins.length);
    const samplesPerChannel = new Map<string, Set<string>>();
    for (const u of uses) {
      for (let b = 0; b < u.nBins; b++) nomSum[index.get(u.binOffset + b) ?? 0] += u.nominal[b];
      const set = samplesPerChannel.get(u.channel) ?? new Set<string>();
      set.add(u.sample);
      samplesPerChannel.set(u.channel, set);
    }
    for (const u of uses) {
      for (let b = 0; b < u.nBins; b++) {
        const i = index.get(u.binOffset + b) ?? 0;
        if (nomSum[i] > 0) errSum2[i] += (u.modifier.data[b] / nomSum[i]) ** 2;
      }
    }
    // pyhf asserts that every sample carrying the name has the same bin mask, i.e. appears in the same channels.
    const sampleSets = [...samplesPerChannel.values()].map((s) => [...s].sort().join('\u0000'));
    const allSamples = new Set(uses.map((u) => u.sample));
    if (sampleSets.some((s) => s.split('\u0000').length !== allSamples.size)) {
      throw new WorkspaceError(`staterror "${uses[0].modifier.name}": samples carrying it cover different channels`);
    }
    const n = bins.length;
    const sigmas: number[] = [];
    const fixed: boolean[] = [];
    for (let i = 0; i < n; i++) {
      const s = Math.sqrt(errSum2[i]);
      fixed.push(s === 0);
      sigmas.push(s === 0 ? 1 : s); // pyhf sets zero widths to 1 and fixes the parameter
    }
    return {
      constraint: 'normal',
      n,
      inits: new Array<number>(n).fill(1),
      bounds: Array.from({ length: n }, () => [1e-10, 10] as const),
      fixed,
      auxdata: new Array<number>(n).fill(1),
      sigmas,
      factors: null,
    };
  },
  apply(use, first, allUses, sink) {
    const bins = coveredBins(allUses);
    const start = bins.indexOf(use.binOffset);
    for (let b = 0; b < use.nBins; b++) sink.factor(use.sampleIndex, use.binOffset + b, first + start + b, FactorKind.Linear, 0, 0);
  },
};
