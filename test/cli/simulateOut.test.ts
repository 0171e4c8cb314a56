import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Table, tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGenerator, resolveSampleRequest } from '../../src/cli/sampleRequest.js';
import { loadScenarioOption } from '../../src/cli/scenarioOption.js';
import { EclRegion, type RecoBatch } from '../../src/events/recoBatch.js';
import type { EventBatch } from '../../src/events/eventBatch.js';
import { createStream } from '../../src/random/stream.js';
import { scenarioDetector } from '../../src/runner/scenarioDetector.js';
import { badInputLine, cli } from './run.js';

/**
 * `simulate --out`: the file written through the command is read back by independent readers
 * (arrow-rs's Parquet reader in parquet-wasm with Apache Arrow JS; a split of the CSV lines) and
 * compared with the RecoBatch that the library's generator and detector give for the same seed.
 * The determinism and interrupt tests run the compiled command (bin/zprime-mc.js runs dist/:
 * `npm run build` first) in separate processes.
 */

const dir = mkdtempSync(join(tmpdir(), 'zprime-simulate-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EVENTS = 12_000; // two batches: the second starts at event 10 000
const SEED = '11';

/** The in-memory batches of `simulate --process mumu --events 12000 --seed 11`. */
function referenceBatches(): { reco: RecoBatch; truth: EventBatch }[] {
  const { scenario } = loadScenarioOption(undefined, SEED);
  const request = resolveSampleRequest({ process: 'mumu', events: String(EVENTS) }, scenario);
  const generator = createGenerator(request);
  const detector = scenarioDetector(scenario);
  return [0, 1].map((k) => {
    const truth = generator.generate(k === 0 ? 10_000 : 2_000, createStream(request.seed, request.process, k));
    return { reco: detector.reconstruct(truth, request.seed, k).batch, truth };
  });
}

function list(table: Table, name: string, row: number): number[] {
  const child = table.getChild(name);
  if (child === null) throw new Error(`no column ${name}`);
  return [...(child.get(row) as Iterable<number>)];
}

/** The column names of the table in docs/data-formats.md's reconstructed-events section, in order. */
function documentedColumns(): string[] {
  const text = readFileSync('docs/data-formats.md', 'utf8');
  const section = text.slice(text.indexOf('# Reconstructed events'));
  const table = section.slice(section.indexOf('| column |'), section.indexOf('\n\n', section.indexOf('| column |')));
  return table.split('\n').slice(2).flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([a-zA-Z0-9_]+)`/g)].map((m) => m[1]));
}

describe('zprime-mc simulate --out FILE.parquet', () => {
  const path = join(dir, 'mumu.parquet');
  let table: Table;
  let report: Record<string, unknown>;
  let plainStdout: string;
  let stdout: string;
  const reference = referenceBatches();

  beforeAll(async () => {
    const result = await cli('simulate', '--process', 'mumu', '--events', String(EVENTS), '--seed', SEED, '--json', '--out', path);
    expect(result.code).toBe(0);
    stdout = result.stdout;
    report = JSON.parse(stdout) as Record<string, unknown>;
    plainStdout = (await cli('simulate', '--process', 'mumu', '--events', String(EVENTS), '--seed', SEED, '--json')).stdout;
    table = tableFromIPC(readParquet(readFileSync(path)).intoIPCStream());
  }, 120_000);

  it('leaves the --json output unchanged', () => {
    expect(stdout).toBe(plainStdout);
  });

  it('has the documented columns and one row per generated event, numbered 0 … N − 1', () => {
    expect(table.schema.fields.map((f) => f.name)).toEqual(documentedColumns());
    expect(table.numRows).toBe(EVENTS);
    const event = table.getChild('event')!.toArray() as Int32Array;
    expect(event[0]).toBe(0);
    expect(event[10_000]).toBe(10_000);
    expect(event[EVENTS - 1]).toBe(EVENTS - 1);
  });

  it('carries the run as metadata: σ as simulate reports it, N, seed, scenario, process', () => {
    const meta = table.schema.metadata;
    expect(meta.get('format')).toBe('zprime-mc-reco-events');
    expect(meta.get('version')).toBe('1');
    expect(meta.get('scenario')).toBe('belle2-2023');
    expect(meta.get('process')).toBe('mumu');
    expect(meta.get('mass_GeV')).toBe('');
    expect(meta.get('seed')).toBe(SEED);
    expect(meta.get('events_generated')).toBe(String(EVENTS));
    expect(Number(meta.get('sigma_pb'))).toBe(report.sigma_pb);
    expect(Number(meta.get('sigma_err_pb'))).toBe(report.sigma_err_pb);
    // KKMC's σ(e⁺e⁻ → μ⁺μ⁻(γ)) = 1.148 nb (Belle II Physics Book, PTEP 2019, 123C01), within this generator's 5%.
    expect(Math.abs(Number(meta.get('sigma_pb')) / 1148 - 1)).toBeLessThan(0.05);
  });

  it('holds the RecoBatch of the same seed: multiplicities, charge sums, weights and trigger per event; values exactly', () => {
    const nTracks = table.getChild('n_tracks')!.toArray() as Int32Array;
    const nClusters = table.getChild('n_clusters')!.toArray() as Int32Array;
    const weight = table.getChild('weight')!.toArray() as Float64Array;
    const bits = table.getChild('trigger_bits')!.toArray() as Int32Array;
    let row = 0;
    let tracks = 0;
    let chargeMismatches = 0;
    for (const { reco } of reference) {
      for (let i = 0; i < reco.nEvents; i++, row++) {
        const t0 = reco.trackOffsets[i];
        const t1 = reco.trackOffsets[i + 1];
        expect(nTracks[row]).toBe(t1 - t0);
        expect(nClusters[row]).toBe(reco.clusterOffsets[i + 1] - reco.clusterOffsets[i]);
        let charge = 0;
        for (let t = t0; t < t1; t++) charge += reco.trackCharge[t];
        if (list(table, 'track_charge', row).reduce((a, b) => a + b, 0) !== charge) chargeMismatches++;
        if (weight[row] !== reco.weight[i] || bits[row] !== reco.trigger[i]) throw new Error(`event ${row}: weight or trigger differs`);
        tracks += t1 - t0;
      }
    }
    expect(chargeMismatches).toBe(0);
    expect(tracks).toBeGreaterThan(EVENTS); // most μμ events keep both tracks
    // The first event of the second batch, value by value.
    const { reco, truth } = reference[1];
    const r = 10_000;
    expect(list(table, 'track_px_GeV', r)).toEqual([...reco.trackPx.subarray(reco.trackOffsets[0], reco.trackOffsets[1])]);
    expect(list(table, 'track_d0_cm', r)).toEqual([...reco.trackD0.subarray(reco.trackOffsets[0], reco.trackOffsets[1])]);
    expect(list(table, 'track_muon_id', r)).toEqual([...reco.trackMuonId.subarray(reco.trackOffsets[0], reco.trackOffsets[1])]);
    expect(list(table, 'track_truth_pdg', r)).toEqual([...reco.trackTruth.subarray(reco.trackOffsets[0], reco.trackOffsets[1])].map((j) => truth.pdg[truth.offsets[0] + j]));
    expect(list(table, 'cluster_energy_GeV', r)).toEqual([...reco.clusterEnergy.subarray(reco.clusterOffsets[0], reco.clusterOffsets[1])]);
    const regionName = (code: number) => Object.entries(EclRegion).find(([, c]) => c === code)?.[0];
    expect([...(table.getChild('cluster_region')!.get(r) as Iterable<string>)]).toEqual([...reco.clusterRegion.subarray(reco.clusterOffsets[0], reco.clusterOffsets[1])].map(regionName));
  });

  it('units: a muon track’s |p| in GeV/c is the RecoBatch’s and within the tracking resolution of its generated muon; angles in rad', () => {
    const { reco, truth } = reference[0];
    const ratios: number[] = [];
    for (let i = 0; i < 2000; i++) {
      for (let t = reco.trackOffsets[i]; t < reco.trackOffsets[i + 1]; t++) {
        const k = t - reco.trackOffsets[i];
        const p = Math.hypot(list(table, 'track_px_GeV', i)[k], list(table, 'track_py_GeV', i)[k], list(table, 'track_pz_GeV', i)[k]);
        expect(p).toBe(Math.hypot(reco.trackPx[t], reco.trackPy[t], reco.trackPz[t]));
        const j = truth.offsets[i] + reco.trackTruth[t];
        if (Math.abs(truth.pdg[j]) === 13) ratios.push(p / Math.hypot(truth.px[j], truth.py[j], truth.pz[j]));
      }
    }
    ratios.sort((a, b) => a - b);
    // Belle II's CDC: σ(pT)/pT ≈ 0.4% at a few GeV/c (Belle II TDR, arXiv:1011.0352): the median ratio is 1 to well below 1%.
    expect(Math.abs(ratios[ratios.length >> 1] - 1)).toBeLessThan(0.005);
    const theta = Array.from({ length: 500 }, (_, i) => list(table, 'cluster_theta_rad', i)).flat();
    expect(Math.max(...theta)).toBeLessThan(Math.PI);
    expect(Math.min(...theta)).toBeGreaterThan(0);
  });
});

describe('zprime-mc simulate --out FILE.csv', () => {
  it('writes # metadata lines, the documented header and one row per object (or one per empty event)', async () => {
    const path = join(dir, 'signal.csv');
    const result = await cli('simulate', '--process', 'signal', '--mass', '2', '--events', '300', '--seed', '4', '--json', '--out', path);
    expect(result.code).toBe(0);
    const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
    const comments = lines.filter((l) => l.startsWith('#'));
    expect(comments).toContain('# format: zprime-mc-reco-events');
    expect(comments).toContain('# mass_GeV: 2');
    expect(comments).toContain('# events_generated: 300');
    const header = lines[comments.length].split(',');
    const documented = documentedColumns();
    const perEvent = documented.slice(0, documented.indexOf('n_clusters') + 1);
    expect(header).toEqual([...perEvent, 'object', 'index', ...documented.slice(perEvent.length)]);
    const rows = lines.slice(comments.length + 1).map((l) => l.split(','));
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const column = (name: string) => rows.map((r) => r[header.indexOf(name)]);
    // Each event has max(1, tracks + clusters) rows: the rows add up event by event.
    const expected = new Map<string, number>();
    column('event').forEach((e, k) => expected.set(e, Math.max(1, Number(column('n_tracks')[k]) + Number(column('n_clusters')[k]))));
    expect(expected.size).toBe(300);
    expect(rows.length).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    expect(new Set(column('object'))).toEqual(new Set(['track', 'cluster', ...(column('object').includes('none') ? ['none'] : [])]));
    expect(new Set(column('process'))).toEqual(new Set(['signal']));
  });
});

describe('zprime-mc simulate --out: bad output names', () => {
  it('any extension but .parquet or .csv, or a --format that disagrees, is one line naming --out, exit 2, and writes nothing', async () => {
    const root = join(dir, 'events.root');
    expect(badInputLine(await cli('simulate', '--process', 'mumu', '--events', '10', '--out', root))).toBe(`zprime-mc: --out ${root} is not allowed: the file name must end in .parquet or .csv`);
    const parquet = join(dir, 'events.parquet.gz');
    expect(badInputLine(await cli('simulate', '--process', 'mumu', '--events', '10', '--out', parquet))).toMatch(/^zprime-mc: --out .*events\.parquet\.gz is not allowed: the file name must end in \.parquet or \.csv$/);
    const csv = join(dir, 'wrong.parquet');
    expect(badInputLine(await cli('simulate', '--process', 'mumu', '--events', '10', '--format', 'csv', '--out', csv))).toMatch(/^zprime-mc: --out .*wrong\.parquet is not allowed with --format csv/);
    expect(badInputLine(await cli('simulate', '--process', 'mumu', '--events', '10', '--format', 'csv'))).toMatch(/^zprime-mc: --format csv needs --out FILE/);
    expect(badInputLine(await cli('simulate', '--process', 'mumu', '--events', '10', '--format', 'root', '--out', csv))).toBe('zprime-mc: --format root is not allowed: must be parquet or csv');
    expect(badInputLine(await cli('simulate', '--process', 'mumu', '--events', '10', '--out', join(dir, 'missing', 'e.parquet')))).toMatch(/the folder .* does not exist$/);
    expect(existsSync(root) || existsSync(csv) || existsSync(parquet)).toBe(false);
  });
});

describe('zprime-mc simulate --out, the compiled command', () => {
  it('the same seed gives the same bytes in two separate runs; a different seed does not', () => {
    const run = (name: string, seed: string) => {
      const out = join(dir, name);
      const result = spawnSync(process.execPath, ['bin/zprime-mc.js', 'simulate', '--process', 'mumu', '--events', '3000', '--seed', seed, '--out', out], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      return readFileSync(out);
    };
    const a = run('a.parquet', '5');
    expect(run('b.parquet', '5').equals(a)).toBe(true);
    expect(run('c.parquet', '6').equals(a)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('stopped by SIGINT while writing, removes its temporary file, writes no output and exits 130', async () => {
    const folder = mkdtempSync(join(dir, 'interrupt-'));
    const child = spawn(process.execPath, ['bin/zprime-mc.js', 'simulate', '--process', 'mumu', '--events', '5000000', '--out', join(folder, 'big.parquet')], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => {
      let sent = false;
      const poll = setInterval(() => {
        // The first row group is flushed after the first batch: the temporary file is more than its 4-byte header.
        const tmp = readdirSync(folder).find((n) => n.endsWith('.tmp') && !n.endsWith('.body.tmp'));
        if (!sent && tmp !== undefined && statSync(join(folder, tmp)).size > 4) {
          sent = true;
          child.kill('SIGINT');
        }
      }, 20);
      child.on('exit', (c) => {
        clearInterval(poll);
        resolve(sent ? c : -1);
      });
    });
    expect(code).toBe(130);
    expect(readdirSync(folder)).toEqual([]);
  }, 60_000);
});
