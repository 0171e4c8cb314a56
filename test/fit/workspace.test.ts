/**
 * Reading and writing pyhf workspaces; malformed or unsupported input gives an error naming it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Model, modelFromWorkspace, parseWorkspace, readWorkspace, windowWorkspace, WorkspaceError, writeWorkspace } from '../../src/fit/index.js';

const reference = JSON.parse(readFileSync(new URL('./fixtures/pyhf-reference.json', import.meta.url), 'utf8')) as { cases: { name: string; workspace: unknown }[] };
const base = (): Record<string, unknown> => JSON.parse(JSON.stringify(reference.cases[0].workspace)) as Record<string, unknown>;

describe('parseWorkspace(json)', () => {
  it('reads every fixture workspace and writes it back unchanged (round trip)', () => {
    for (const c of reference.cases) {
      const ws = parseWorkspace(c.workspace);
      const again = readWorkspace(writeWorkspace(ws));
      expect(again).toEqual(ws);
    }
  });

  it('names an unsupported modifier type instead of dropping it', () => {
    const raw = base();
    const ch = (raw.channels as { samples: { modifiers: unknown[] }[] }[])[0];
    ch.samples[1].modifiers.push({ name: 'weird', type: 'shapesys2', data: [1, 2] });
    expect(() => parseWorkspace(raw)).toThrow(/channels\[0\]\.samples\[1\]\.modifiers\[1\]: unsupported modifier type "shapesys2" "weird"/);
  });

  it('rejects unknown keys, wrong bin counts and missing observations, naming the field', () => {
    const extra = base();
    extra.typo = 1;
    expect(() => parseWorkspace(extra)).toThrow(WorkspaceError);
    expect(() => parseWorkspace(extra)).toThrow(/typo/);
    const short = base();
    (short.channels as { samples: { data: number[] }[] }[])[0].samples[1].data.pop();
    expect(() => parseWorkspace(short)).toThrow(/channels\[0\]\.samples\[1\]\.data: 1 bins, but channel "singlechannel" has 2/);
    const noObs = base();
    (noObs.observations as { name: string }[])[0].name = 'elsewhere';
    expect(() => parseWorkspace(noObs)).toThrow(/observations\[0\]\.name: no channel "elsewhere"/);
    const badMod = base();
    (badMod.channels as { samples: { modifiers: { data: unknown }[] }[] }[])[0].samples[1].modifiers[0].data = [1];
    expect(() => parseWorkspace(badMod)).toThrow(/modifiers\[0\]\.data: 1 values for 2 bins/);
    expect(() => readWorkspace('{not json')).toThrow(/not valid JSON/);
  });

  it('rejects a POI that is not a parameter, and lumi without its settings', () => {
    const raw = base();
    (raw.measurements as { config: { poi: string } }[])[0].config.poi = 'nope';
    expect(() => modelFromWorkspace(parseWorkspace(raw))).toThrow(/POI "nope"/);
    expect(
      () =>
        new Model([{ name: 'c', samples: [{ name: 's', data: [1], modifiers: [{ name: 'lumi', type: 'lumi', data: null }] }] }], { poi: null }),
    ).toThrow(/parameter "lumi" \(lumi\) needs "inits"|needs "auxdata"/);
  });
});

describe('measurement parameter settings that name no modifier', () => {
  it('are ignored, as pyhf and ROOT HistFactory do, and listed in model.ignoredParameters', () => {
    const raw = base();
    const config = (raw.measurements as { config: { parameters: unknown[] } }[])[0].config;
    config.parameters = [
      { name: 'bkg_norm_leftover', fixed: true, inits: [1] },
      { name: 'mu', bounds: [[0, 5]] },
      { name: 'lumi', auxdata: [1], sigmas: [0.02] },
    ];
    const { model, data } = modelFromWorkspace(parseWorkspace(raw));
    expect(model.ignoredParameters).toEqual(['bkg_norm_leftover', 'lumi']);
    expect(model.parameterNames).toEqual(['mu', 'uncorr_bkguncrt[0]', 'uncorr_bkguncrt[1]']);
    expect(model.upperBounds[0]).toBe(5); // the setting that does name a modifier still applies
    const plain = modelFromWorkspace(parseWorkspace(base()));
    expect(plain.model.ignoredParameters).toEqual([]);
    expect(model.twiceNll(model.suggestedInit, data)).toBe(plain.model.twiceNll(plain.model.suggestedInit, plain.data));
  });

  it('a name set twice is still an error, ignored or not', () => {
    const raw = base();
    (raw.measurements as { config: { parameters: unknown[] } }[])[0].config.parameters = [{ name: 'ghost', fixed: true }, { name: 'ghost', fixed: false }];
    expect(() => modelFromWorkspace(parseWorkspace(raw))).toThrow(/parameters\[1\]: multiple settings for parameter "ghost"/);
  });
});

describe('windowWorkspace(input)', () => {
  it('builds the paper window: POI mu, free background_norm, per-bin Gaussian staterror on each sample, efficiency normsys, lumi', () => {
    const ws = windowWorkspace({ signal: [1, 2, 3, 2], background: [10, 10, 10, 10], nTheta: 2, signalShapeUncertainty: 0.1, backgroundShapeUncertainty: [0.03, 0.03, 0.05, 0.05], signalEfficiencyUncertainty: 0.065, lumiUncertainty: 0.01 });
    const { model, data } = modelFromWorkspace(parseWorkspace(JSON.parse(writeWorkspace(ws))));
    expect(model.poiName).toBe('mu');
    expect(model.parameterSets.map((s) => `${s.name}:${s.types.join('+')}:${s.constraint}:${s.n}`)).toEqual([
      'lumi:lumi:normal:1',
      'background_norm:normfactor:none:1',
      'mu:normfactor:none:1',
      'signal_efficiency:normsys:normal:1',
      'background_shape:staterror:normal:4',
      'signal_shape:staterror:normal:4',
    ]);
    expect([...model.conSigma.slice(2, 6)]).toEqual([0.03, 0.03, 0.05, 0.05].map((v) => expect.closeTo(v, 12) as unknown as number));
    expect([...data.slice(0, 4)]).toEqual([10, 10, 10, 10]);
    expect(ws.channels[0].name).toBe('window_2x2');
  });

  it('rejects mismatched lengths and negative yields', () => {
    expect(() => windowWorkspace({ signal: [1, 2], background: [1] })).toThrow(/background has 1 bins/);
    expect(() => windowWorkspace({ signal: [1, -2], background: [1, 1] })).toThrow(/signal\[1\] = -2/);
  });
});
