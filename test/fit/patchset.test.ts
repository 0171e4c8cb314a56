/**
 * HEPData patchsets and RFC 6902 patches: validation of the patchset document, and patches applied as
 * pyhf applies them (a patchset's patch to the workspace, a plain patch to the model specification).
 */
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, applyPatchsetPatch, findPatch, parseJsonPatch, parsePatchset, parseWorkspace, patchModelSpec } from '../../src/fit/index.js';

const metadata = { labels: ['m_sig'], description: 'signal grid', references: { hepdata: 'ins1234567' }, digests: { sha256: 'a'.repeat(64) } };
const addSignal = (data: number[]): unknown[] => [{ op: 'add', path: '/channels/0/samples/-', value: { name: 'signal', data, modifiers: [{ name: 'mu', type: 'normfactor', data: null }] } }];
const patchset = (): Record<string, unknown> => ({
  version: '1.0.0',
  metadata,
  patches: [
    { metadata: { name: 'sig_100', values: [100] }, patch: addSignal([12, 11]) },
    { metadata: { name: 'sig_200', values: [200] }, patch: addSignal([6, 5]) },
  ],
});
const bkgOnly = {
  channels: [{ name: 'sr', samples: [{ name: 'background', data: [50, 52], modifiers: [{ name: 'bkg_stat', type: 'shapesys', data: [3, 7] }] }] }],
  observations: [{ name: 'sr', data: [51, 48] }],
  measurements: [{ name: 'm', config: { poi: 'mu', parameters: [] } }],
  version: '1.0.0',
};

describe('parsePatchset(json)', () => {
  it('accepts pyhf schema 1.0.0 and finds a patch by name', () => {
    const ps = parsePatchset(patchset());
    expect(findPatch(ps, 'sig_200').metadata.values).toEqual([200]);
  });

  it('rejects a wrong version, missing metadata, bad names, values that do not match the labels, duplicates', () => {
    const cases: [(p: Record<string, unknown>) => void, RegExp][] = [
      [(p) => (p.version = '2.0.0'), /^version: /],
      [(p) => delete p.metadata, /^metadata: /],
      [(p) => (p.patches = []), /^patches: /],
      [(p) => ((p.patches as { metadata: { name: string } }[])[1].metadata.name = 'sig 200'), /^patches\[1\]\.metadata\.name: a patch name is letters, digits and "_"/],
      [(p) => ((p.patches as { metadata: { values: number[] } }[])[0].metadata.values = [100, 5]), /^patches\[0\]\.metadata\.values: 2 values for the 1 labels m_sig \(patch "sig_100"\)/],
      [(p) => ((p.patches as { metadata: { name: string } }[])[1].metadata.name = 'sig_100'), /^patches\[1\]\.metadata\.name: a second patch named "sig_100"/],
      [(p) => ((p.patches as { metadata: { values: number[] } }[])[1].metadata.values = [100]), /^patches\[1\]\.metadata\.values: \[100\] is also/],
      [(p) => ((p.patches as { patch: unknown[] }[])[0].patch = [{ op: 'merge', path: '/a' }]), /^patches\[0\]\.patch\[0\]: not an RFC 6902 operation \(op is one of add, remove, replace, move, copy, test/],
      [(p) => (p.extra = 1), /extra/],
    ];
    for (const [spoil, message] of cases) {
      const p = patchset();
      spoil(p);
      expect(() => parsePatchset(p)).toThrow(message);
    }
  });

  it('an unknown patch name lists the names there are', () => {
    expect(() => findPatch(parsePatchset(patchset()), 'sig_300')).toThrow('no patch named "sig_300" (available: sig_100, sig_200)');
  });
});

describe('parseJsonPatch(json) and applyJsonPatch(document, patch)', () => {
  it('apply RFC 6902 operations to a copy, leaving the input unchanged', () => {
    const doc = { a: [1, 2], b: { c: 3 } };
    const out = applyJsonPatch(doc, parseJsonPatch([{ op: 'replace', path: '/a/1', value: 5 }, { op: 'move', from: '/b/c', path: '/d' }, { op: 'test', path: '/d', value: 3 }]));
    expect(out).toEqual({ a: [1, 5], b: {}, d: 3 });
    expect(doc).toEqual({ a: [1, 2], b: { c: 3 } });
  });

  it('name the operation that is malformed or cannot apply, and why', () => {
    expect(() => parseJsonPatch({ op: 'add' })).toThrow(/^a JSON patch is an array of RFC 6902 operations/);
    expect(() => parseJsonPatch([{ op: 'add', path: '/x', value: 1 }, { op: 'add', path: '/y' }])).toThrow(/^operation 1: not an RFC 6902 operation/);
    expect(() => parseJsonPatch([{ op: 'remove', path: 'x' }])).toThrow(/^operation 0 path: a JSON pointer must be empty or start with "\/"/);
    expect(() => applyJsonPatch({ a: 1 }, parseJsonPatch([{ op: 'replace', path: '/b/0', value: 1 }]))).toThrow('operation 0 (replace /b/0): the path does not exist');
    expect(() => applyJsonPatch({ a: 1 }, parseJsonPatch([{ op: 'test', path: '/a', value: 2 }]))).toThrow('operation 0 (test /a): the "test" operation found a different value');
  });
});

describe('patches on workspaces, as pyhf applies them', () => {
  it('a patchset patch acts on the workspace; the result is the signal-plus-background workspace', () => {
    const ws = parseWorkspace(applyPatchsetPatch(bkgOnly, findPatch(parsePatchset(patchset()), 'sig_100')));
    expect(ws.channels[0].samples.map((s) => s.name)).toEqual(['background', 'signal']);
    expect(ws.channels[0].samples[1].data).toEqual([12, 11]);
    expect(bkgOnly.channels[0].samples).toHaveLength(1);
  });

  it('a plain patch acts on {channels, parameters} of the measurement (pyhf Workspace.model(patches=…))', () => {
    const ws = parseWorkspace(applyPatchsetPatch(bkgOnly, findPatch(parsePatchset(patchset()), 'sig_100')));
    const patched = parseWorkspace(
      patchModelSpec(ws, parseJsonPatch([{ op: 'add', path: '/parameters/-', value: { name: 'mu', bounds: [[0, 3]] } }, { op: 'replace', path: '/channels/0/samples/1/data/0', value: 13 }])),
    );
    expect(patched.measurements[0].config.parameters).toEqual([{ name: 'mu', bounds: [[0, 3]] }]);
    expect(patched.channels[0].samples[1].data).toEqual([13, 11]);
    expect(() => patchModelSpec(ws, parseJsonPatch([{ op: 'replace', path: '/observations/0/data/0', value: 1 }]))).toThrow('operation 0 (replace /observations/0/data/0): the path does not exist');
  });

  it('a failing patchset patch names itself and the operation', () => {
    const ps = patchset();
    (ps.patches as { patch: unknown[] }[])[1].patch = [{ op: 'remove', path: '/channels/3' }];
    expect(() => applyPatchsetPatch(bkgOnly, findPatch(parsePatchset(ps), 'sig_200'))).toThrow('patch "sig_200", operation 0 (remove /channels/3): the path does not exist');
  });
});
