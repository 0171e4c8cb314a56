import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  hashTrainingInputs,
  loadPunziNet,
  membershipFromLists,
  parsePunziNet,
  PunziNetFileError,
  PunziNetwork,
  savePunziNet,
  serialisePunziNet,
  train,
  type TrainingData,
  type TrainingResult,
} from '../../../src/selection/punziNet/index.js';
import { syntheticProblem } from './synthetic.js';

const problem = syntheticProblem({ seed: 43, nHypotheses: 3, nSignalPerHypothesis: 200, nBackground: 2000 });
const trained = train(problem.data, { seed: 5, settings: { bce: { epochs: 3, batchSize: 512 }, punzi: { epochs: 10 } } });
const dir = await mkdtemp(join(tmpdir(), 'punzi-net-file-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

function bytes(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** The file text of the trained network with `edit` applied to the parsed JSON. */
function edited(edit: (doc: Record<string, unknown>) => void): string {
  const doc = JSON.parse(serialisePunziNet(trained)) as Record<string, unknown>;
  edit(doc);
  return JSON.stringify(doc);
}

function errorOf(text: string): PunziNetFileError {
  try {
    parsePunziNet(text, 'nets/punzi.json');
  } catch (e) {
    if (e instanceof PunziNetFileError) return e;
    throw e;
  }
  throw new Error('parsePunziNet accepted the file');
}

describe('savePunziNet / loadPunziNet', () => {
  it('round-trips parameters and standardisation bit for bit, with the settings, seed, input hash and history summary', async () => {
    const path = join(dir, 'net.json');
    await savePunziNet(path, trained);
    const back = await loadPunziNet(path);
    expect(bytes(back.network.parameters)).toEqual(bytes(trained.network.parameters));
    expect(bytes(back.network.standardisation.mean)).toEqual(bytes(trained.network.standardisation.mean));
    expect(bytes(back.network.standardisation.std)).toEqual(bytes(trained.network.standardisation.std));
    expect(back.network.layerSizes).toEqual([4, 8, 4, 1]);
    expect(back.settings).toEqual(trained.settings);
    expect(back.seed).toBe(5);
    expect(back.trainingInputsSha256).toBe(hashTrainingInputs(problem.data));
    expect(back.historySummary.bce.epochs).toBe(3);
    expect(back.historySummary.punzi.lastLoss).toBe(trained.history.punzi.loss[9]);
    expect(back.historySummary.punzi.minLoss).toBe(Math.min(...trained.history.punzi.loss));
    const n = problem.data.labels.length;
    expect(bytes(back.network.predict(problem.data.features, new Float64Array(n)))).toEqual(bytes(trained.network.predict(problem.data.features, new Float64Array(n))));
    // writing what was read gives the same text
    expect(serialisePunziNet(back)).toBe(await readFile(path, 'utf8'));
  });

  it('keeps −0 and subnormal parameters exact', () => {
    const p = Float64Array.from(trained.network.parameters);
    p[0] = -0;
    p[1] = 5e-324;
    p[2] = -1.7976931348623157e308;
    const net = new PunziNetwork([4, 8, 4, 1], p, trained.network.standardisation);
    const back = parsePunziNet(serialisePunziNet({ ...trained, network: net }), 'x.json');
    expect(Object.is(back.network.parameters[0], -0)).toBe(true);
    expect(bytes(back.network.parameters)).toEqual(bytes(p));
  });

  it('reports a missing file with its path', async () => {
    await expect(loadPunziNet(join(dir, 'absent.json'))).rejects.toThrow(/absent\.json: \(file\): cannot be read/);
  });
});

describe('parsePunziNet(text, file): one error naming the file and the field', () => {
  it('an edited parameter fails the parameter hash', () => {
    const e = errorOf(
      edited((d) => {
        (d.parameters as number[])[3] += 1e-9;
      }),
    );
    expect(e.message).toBe('nets/punzi.json: parametersSha256: does not match the parameters: the file was modified after it was written');
    expect(e.field).toBe('parametersSha256');
  });

  it('a wrong type, an unknown key, a missing setting, a wrong count, a wrong format, bad JSON', () => {
    expect(
      errorOf(
        edited((d) => {
          (d.settings as { bce: { epochs: unknown } }).bce.epochs = 'ten';
        }),
      ).message,
    ).toMatch(/^nets\/punzi\.json: settings\.bce\.epochs: /);
    expect(
      errorOf(
        edited((d) => {
          d.comment = 'hello';
        }),
      ).message,
    ).toBe('nets/punzi.json: comment: is not a known key');
    expect(
      errorOf(
        edited((d) => {
          delete (d.settings as { punzi: Record<string, unknown> }).punzi.luminosity;
        }),
      ).message,
    ).toBe('nets/punzi.json: settings.punzi.luminosity: is missing: a Punzi-net file records every training setting');
    expect(
      errorOf(
        edited((d) => {
          (d.parameters as number[]).pop();
        }),
      ).message,
    ).toBe('nets/punzi.json: parameters: has 80 values, layers [4, 8, 4, 1] need 81');
    expect(
      errorOf(
        edited((d) => {
          d.format = 'other';
        }),
      ).field,
    ).toBe('format');
    expect(
      errorOf(
        edited((d) => {
          (d.standardisation as { std: number[] }).std[2] = 0;
        }),
      ).field,
    ).toBe('standardisation.std[2]');
    expect(errorOf('{"format": ').message).toMatch(/^nets\/punzi\.json: \(top level\): is not valid JSON/);
  });

  it('the file checksum (sha256, the last key) refuses a file changed where the schema cannot see it, and a truncated file', () => {
    const text = serialisePunziNet(trained);
    const doc = JSON.parse(text) as Record<string, unknown>;
    // SHA-256 (FIPS 180-4, node:crypto) of the compact JSON of every other key, in file order.
    const { sha256, ...rest } = doc;
    expect(sha256).toBe(createHash('sha256').update(JSON.stringify(rest)).digest('hex'));
    expect(Object.keys(doc).at(-1)).toBe('sha256');
    // A standardisation mean (not covered by parametersSha256) changed by one digit.
    const changed = edited((d) => {
      (d.standardisation as { mean: number[] }).mean[1] += 1;
    });
    const e = errorOf(changed);
    expect(e.field).toBe('sha256');
    expect(e.message).toMatch(/^nets\/punzi\.json: sha256: checksum mismatch \(sha256 of the content is [0-9a-f]{12}…, the file says [0-9a-f]{12}…\): the file is corrupted; train the network again/);
    expect(errorOf(text.slice(0, text.length - 40)).message).toMatch(/^nets\/punzi\.json: \(top level\): is not valid JSON/);
    // A file written before the checksum existed is read as it was.
    expect(parsePunziNet(JSON.stringify(rest), 'old.json').seed).toBe(trained.seed);
  });
});

describe('hashTrainingInputs(data)', () => {
  const tiny: TrainingData = {
    features: new Float64Array([0.5, -1.25]),
    nFeatures: 1,
    labels: new Uint8Array([1, 0]),
    weights: new Float64Array([2, 0.5]),
    windows: { signal: membershipFromLists([[0]]), background: membershipFromLists([[1]]), nGenerated: new Float64Array([10]) },
  };

  it('is the SHA-256 of the documented v1 byte layout (rebuilt here with explicit little-endian writes)', () => {
    const le = (values: number[], size: 1 | 4 | 8): Buffer => {
      const b = Buffer.alloc(values.length * size);
      values.forEach((v, i) => (size === 8 ? b.writeDoubleLE(v, 8 * i) : size === 4 ? b.writeInt32LE(v, 4 * i) : b.writeUInt8(v, i)));
      return b;
    };
    const stream = Buffer.concat([
      Buffer.from('zprime-mc/punzi-net training inputs v1\nn=2 d=1 hypotheses=1\n'),
      Buffer.from('features:2\n'),
      le([0.5, -1.25], 8),
      Buffer.from('labels:2\n'),
      le([1, 0], 1),
      Buffer.from('weights:2\n'),
      le([2, 0.5], 8),
      Buffer.from('signal.offsets:2\n'),
      le([0, 1], 4),
      Buffer.from('signal.indices:1\n'),
      le([0], 4),
      Buffer.from('background.offsets:2\n'),
      le([0, 1], 4),
      Buffer.from('background.indices:1\n'),
      le([1], 4),
      Buffer.from('nGenerated:1\n'),
      le([10], 8),
    ]);
    expect(hashTrainingInputs(tiny)).toBe(createHash('sha256').update(stream).digest('hex'));
    expect(hashTrainingInputs(tiny)).toBe(PINNED);
  });

  it('is equal for equal inputs and changes with any feature, label, weight, window or N_gen', () => {
    const copy: TrainingData = { ...tiny, features: Float64Array.from(tiny.features) };
    expect(hashTrainingInputs(copy)).toBe(hashTrainingInputs(tiny));
    const variants: TrainingData[] = [
      { ...tiny, features: new Float64Array([0.5, -1.2500000000000002]) },
      { ...tiny, labels: new Uint8Array([1, 1]) },
      { ...tiny, weights: new Float64Array([2, 0.25]) },
      { ...tiny, windows: { ...tiny.windows, background: membershipFromLists([[]]) } },
      { ...tiny, windows: { ...tiny.windows, nGenerated: new Float64Array([11]) } },
    ];
    for (const v of variants) expect(hashTrainingInputs(v)).not.toBe(hashTrainingInputs(tiny));
  });
});

/** The v1 hash of `tiny`: a change of the byte layout must change this deliberately. */
const PINNED = 'ffd69a8dd088d0f850e56ae7c2682553f86526bfc8f001d54d779799cec884ee';

describe('serialisePunziNet(result)', () => {
  it('writes the format, version and layer sizes first, as plain JSON', async () => {
    const text = serialisePunziNet(trained as TrainingResult);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 3)).toEqual(['format', 'version', 'layerSizes']);
    expect(doc.format).toBe('zprime-mc/punzi-net');
    expect(doc.version).toBe(1);
    await writeFile(join(dir, 'copy.json'), text);
  });
});
