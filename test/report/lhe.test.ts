import { describe, expect, it } from 'vitest';
import { createMumuGenerator, MumuSettings } from '../../generators/mumu.js';
import { CollisionFrame, SUPERKEKB_Y4S } from '../../src/physics/beams.js';
import { ALPHA_EM_0, ELECTRON_MASS, MUON_MASS, PDG } from '../../src/physics/constants.js';
import { createStream } from '../../src/random/stream.js';
import { beamEnergiesFromTotal, formatLhe, parseLhe, type LheRun } from '../../src/report/lhe.js';
import { formatCsv, parseCsv } from '../../src/report/csv.js';
import { testOptions } from '../generators/mumu/helpers.js';

function sample(weighted: boolean) {
  const gen = createMumuGenerator(MumuSettings.parse({ warmupTrials: 5000 }), testOptions({ weighted, beamEnergySpread: true }), 31);
  const batch = gen.generate(500, createStream(31, 'mumu', 0));
  const stats = gen.stats();
  const run: LheRun = {
    beams: SUPERKEKB_Y4S,
    sigmaPb: stats.sigmaPb,
    sigmaErrPb: stats.sigmaErrPb,
    maxWeightPb: gen.describe().max_weight_pb as number,
    weighted,
    alphaEM: ALPHA_EM_0,
    scaleGeV: new CollisionFrame(SUPERKEKB_Y4S).sqrtS,
    info: { process: 'mumu', note: 'a < b & c' },
  };
  return { batch, run };
}

describe('formatLhe(batch, run)', () => {
  it('writes a well-formed Les Houches v3 file that reads back to the same momenta, weights and σ', () => {
    const { batch, run } = sample(false);
    const text = formatLhe(batch, run);
    // Well-formed: one root element, balanced tags, header escaped.
    expect(text.startsWith('<LesHouchesEvents version="3.0">\n')).toBe(true);
    expect(text.trimEnd().endsWith('</LesHouchesEvents>')).toBe(true);
    expect(text.match(/<event>/g)?.length).toBe(batch.nEvents);
    expect(text.match(/<\/event>/g)?.length).toBe(batch.nEvents);
    expect(text).toContain('a &lt; b &amp; c');

    const lhe = parseLhe(text);
    expect(lhe.version).toBe('3.0');
    expect(lhe.beamPdg).toEqual([PDG.electron, PDG.positron]);
    expect(lhe.beamEnergies).toEqual([SUPERKEKB_Y4S.herEnergy, SUPERKEKB_Y4S.lerEnergy]);
    expect(lhe.weightMode).toBe(3);
    expect(lhe.sigmaPb).toBe(run.sigmaPb);
    expect(lhe.sigmaErrPb).toBe(run.sigmaErrPb);
    expect(lhe.events.length).toBe(batch.nEvents);
    for (let i = 0; i < batch.nEvents; i++) {
      const ev = lhe.events[i];
      expect(ev.weight).toBe(1);
      expect(ev.alphaEM).toBe(ALPHA_EM_0);
      const first = batch.offsets[i];
      expect(ev.particles.length).toBe(batch.offsets[i + 1] - first + 2);
      // Incoming beams: status −1, e⁻ then e⁺, and they balance the outgoing four-momentum.
      expect(ev.particles[0].status).toBe(-1);
      expect(ev.particles[1].status).toBe(-1);
      expect(ev.particles[0].pdg).toBe(PDG.electron);
      expect(ev.particles[1].pdg).toBe(PDG.positron);
      const balance = [0, 0, 0, 0];
      ev.particles.forEach((p, k) => {
        const sign = p.status === -1 ? -1 : 1;
        balance[0] += sign * p.E; balance[1] += sign * p.px; balance[2] += sign * p.py; balance[3] += sign * p.pz;
        if (k < 2) {
          expect(p.mass).toBe(ELECTRON_MASS);
          expect(Math.abs(p.E ** 2 - p.px ** 2 - p.py ** 2 - p.pz ** 2 - ELECTRON_MASS ** 2)).toBeLessThan(1e-9);
          return;
        }
        // Outgoing particles: exact momenta, mothers = the two beams, status 1.
        const j = first + k - 2;
        expect([p.pdg, p.status, p.mothers[0], p.mothers[1]]).toEqual([batch.pdg[j], 1, 1, 2]);
        expect([p.E, p.px, p.py, p.pz]).toEqual([batch.E[j], batch.px[j], batch.py[j], batch.pz[j]]);
        expect(p.mass).toBe(Math.abs(p.pdg) === PDG.muon ? MUON_MASS : 0);
      });
      for (const b of balance) expect(Math.abs(b)).toBeLessThan(1e-9);
    }
  });

  it('writes weighted events with IDWTUP = 4 and their weights in pb, averaging to σ', () => {
    const { batch, run } = sample(true);
    const lhe = parseLhe(formatLhe(batch, run));
    expect(lhe.weightMode).toBe(4);
    const mean = lhe.events.reduce((s, e) => s + e.weight, 0) / lhe.events.length;
    lhe.events.forEach((e, i) => expect(e.weight).toBe(batch.weight[i]));
    // The batch's weights average to its own σ estimate (500 events: a few % statistical error).
    expect(Math.abs(mean / run.sigmaPb - 1)).toBeLessThan(0.1);
  });
});

describe('beamEnergiesFromTotal(beams, E, pz)', () => {
  it('recovers the two beam energies of the crossing-angle geometry to 1e-12 GeV', () => {
    const frame = new CollisionFrame(SUPERKEKB_Y4S, 7.01, 3.995);
    const [eh, el] = beamEnergiesFromTotal(SUPERKEKB_Y4S, frame.total.E, frame.total.pz);
    expect(Math.abs(eh - 7.01)).toBeLessThan(1e-12);
    expect(Math.abs(el - 3.995)).toBeLessThan(1e-12);
  });
});

describe('formatCsv(batch)', () => {
  it('round-trips every column exactly, one row per particle', () => {
    const { batch } = sample(true);
    const csv = parseCsv(formatCsv(batch));
    expect(csv.pdg.length).toBe(batch.pdg.length);
    for (let i = 0; i < batch.nEvents; i++) {
      for (let j = batch.offsets[i]; j < batch.offsets[i + 1]; j++) {
        expect(csv.event[j]).toBe(i);
        expect(csv.weight[j]).toBe(batch.weight[i]);
      }
    }
    expect(csv.pdg).toEqual(batch.pdg);
    expect(csv.status).toEqual(batch.status);
    expect(csv.mother).toEqual(batch.mother);
    expect(csv.E).toEqual(batch.E);
    expect(csv.px).toEqual(batch.px);
    expect(csv.py).toEqual(batch.py);
    expect(csv.pz).toEqual(batch.pz);
  });

  it('parseCsv names the expected header when given another file', () => {
    expect(() => parseCsv('a,b\n1,2\n')).toThrow('header must be "event,weight,pdg,status,mother,E,px,py,pz"');
  });
});
