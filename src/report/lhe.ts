import type { EventBatch } from '../events/eventBatch.js';
import type { BeamSettings } from '../physics/beams.js';
import { CHARGED_PION_MASS, ELECTRON_MASS, MUON_MASS, NEUTRAL_PION_MASS, PDG, TAU_MASS } from '../physics/constants.js';

/**
 * Les Houches Event Files, version 3.0 (Alwall et al., Comput. Phys. Commun. 176 (2007) 300 for
 * the common block layout; Butterworth et al., arXiv:1405.1067 §2 for version 3.0), as read by
 * pylhe, MadAnalysis, Pythia 8 and Delphes:
 *
 *   <LesHouchesEvents version="3.0">
 *   <header> … </header>
 *   <init>   IDBMUP(1,2) EBMUP(1,2) PDFGUP(1,2) PDFSUP(1,2) IDWTUP NPRUP
 *            XSECUP XERRUP XMAXUP LPRUP              </init>
 *   <event>  NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP
 *            IDUP ISTUP MOTHUP(1,2) ICOLUP(1,2) PUP(1..5) VTIMUP SPINUP   (one line per particle)
 *   </event>
 *   </LesHouchesEvents>
 *
 * Momenta are in the lab frame, GeV. Each event starts with the two incoming beams (status −1):
 * e⁻ (HER, particle 1) and e⁺ (LER, particle 2), their energies recovered from the event's initial
 * four-momentum and the beam directions, so the file balances four-momentum event by event.
 * Particles without a mother in the event point to both beams (MOTHUP = 1 2).
 * Unweighted samples: IDWTUP = 3, every event with XWGTUP = 1 and σ in XSECUP (the accord's
 * unit-weight convention; events can then be streamed before σ is final). Weighted samples:
 * IDWTUP = 4 and XWGTUP = the event weight in pb, ⟨XWGTUP⟩ = σ.
 * The event lines depend on the beams only, so `formatLheEvents` can run before σ is known.
 */

/** Run-level facts of an LHE file. */
export interface LheRun {
  /** Beam settings of the sample: energies for EBMUP and directions to rebuild the incoming beams. */
  readonly beams: BeamSettings;
  /** σ and its error in pb. */
  readonly sigmaPb: number;
  readonly sigmaErrPb: number;
  /** Largest event weight in pb (XMAXUP); σ for unweighted samples. */
  readonly maxWeightPb: number;
  /** Weighted events (IDWTUP = 4) or unweighted (IDWTUP = 3). */
  readonly weighted: boolean;
  /** α of the photon couplings (AQEDUP). */
  readonly alphaEM: number;
  /** SCALUP in GeV (the c.m. energy). */
  readonly scaleGeV: number;
  /** Free-form facts written in the header as `<zprimemc>` JSON (process, seed, settings). */
  readonly info: Record<string, unknown>;
}

const KNOWN_MASSES = new Map<number, number>([
  [PDG.electron, ELECTRON_MASS],
  [PDG.muon, MUON_MASS],
  [PDG.tau, TAU_MASS],
  [PDG.photon, 0],
  [PDG.electronNeutrino, 0],
  [PDG.muonNeutrino, 0],
  [PDG.tauNeutrino, 0],
  [PDG.piPlus, CHARGED_PION_MASS],
  [PDG.pi0, NEUTRAL_PION_MASS],
]);

/** 17 significant digits: reads back to the same double (Fortran, C and Python parsers accept the form). */
function num(x: number): string {
  return x.toExponential(16);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The opening tag, header and init block. */
export function formatLheInit(run: LheRun): string {
  const b = run.beams;
  const sigmaLine = [num(run.sigmaPb), num(run.sigmaErrPb), num(run.weighted ? run.maxWeightPb : run.sigmaPb), '1'].join(' ');
  return [
    '<LesHouchesEvents version="3.0">',
    '<header>',
    `<zprimemc>${escapeXml(JSON.stringify(run.info))}</zprimemc>`,
    '</header>',
    '<init>',
    [PDG.electron, PDG.positron, num(b.herEnergy), num(b.lerEnergy), 0, 0, 0, 0, run.weighted ? 4 : 3, 1].join(' '),
    sigmaLine,
    '</init>',
    '',
  ].join('\n');
}

export const LHE_FOOTER = '</LesHouchesEvents>\n';

/**
 * Beam energies (e⁻, e⁺) in GeV whose four-momenta, along the settings' beam directions, add up to
 * the total energy E and longitudinal momentum pz (Newton's method from the massless solution).
 */
export function beamEnergiesFromTotal(beams: BeamSettings, E: number, pz: number): [number, number] {
  const ch = Math.cos(beams.herAngle);
  const cl = Math.cos(beams.lerAngle);
  const m2 = ELECTRON_MASS * ELECTRON_MASS;
  let eh = (pz + E * cl) / (ch + cl);
  for (let i = 0; i < 4; i++) {
    const el = E - eh;
    const ph = Math.sqrt(eh * eh - m2);
    const pl = Math.sqrt(el * el - m2);
    const f = ph * ch - pl * cl - pz;
    const df = (eh / ph) * ch + (el / pl) * cl;
    eh -= f / df;
  }
  return [eh, E - eh];
}

/** The `<event>` blocks of a batch: XWGTUP is the batch's weight (1 for unweighted events). */
export function formatLheEvents(batch: EventBatch, run: Pick<LheRun, 'beams' | 'alphaEM' | 'scaleGeV'>): string {
  const lines: string[] = [];
  const b = run.beams;
  const aqed = num(run.alphaEM);
  const scale = num(run.scaleGeV);
  for (let i = 0; i < batch.nEvents; i++) {
    const first = batch.offsets[i];
    const last = batch.offsets[i + 1];
    lines.push('<event>');
    lines.push(`${last - first + 2} 1 ${num(batch.weight[i])} ${scale} ${aqed} -1`);
    const [eh, el] = beamEnergiesFromTotal(b, batch.initialE[i], batch.initialPz[i]);
    const ph = Math.sqrt(eh * eh - ELECTRON_MASS * ELECTRON_MASS);
    const pl = Math.sqrt(el * el - ELECTRON_MASS * ELECTRON_MASS);
    lines.push(particleLine(PDG.electron, -1, 0, 0, ph * Math.sin(b.herAngle), 0, ph * Math.cos(b.herAngle), eh, ELECTRON_MASS));
    lines.push(particleLine(PDG.positron, -1, 0, 0, pl * Math.sin(b.lerAngle), 0, -pl * Math.cos(b.lerAngle), el, ELECTRON_MASS));
    for (let j = first; j < last; j++) {
      const mother = batch.mother[j];
      const m1 = mother >= 0 ? mother + 3 : 1;
      const m2 = mother >= 0 ? mother + 3 : 2;
      const E = batch.E[j], px = batch.px[j], py = batch.py[j], pz = batch.pz[j];
      const known = KNOWN_MASSES.get(Math.abs(batch.pdg[j]));
      const m2inv = E * E - px * px - py * py - pz * pz;
      const mass = known ?? (m2inv >= 0 ? Math.sqrt(m2inv) : -Math.sqrt(-m2inv));
      lines.push(particleLine(batch.pdg[j], batch.status[j], m1, m2, px, py, pz, E, mass));
    }
    lines.push('</event>');
  }
  lines.push('');
  return lines.join('\n');
}

function particleLine(pdg: number, status: number, m1: number, m2: number, px: number, py: number, pz: number, E: number, mass: number): string {
  return `${pdg} ${status} ${m1} ${m2} 0 0 ${num(px)} ${num(py)} ${num(pz)} ${num(E)} ${num(mass)} 0 9`;
}

/** A whole LHE file for one batch. */
export function formatLhe(batch: EventBatch, run: LheRun): string {
  return formatLheInit(run) + formatLheEvents(batch, run) + LHE_FOOTER;
}

/** One particle of a parsed LHE event. */
export interface LheParticle {
  readonly pdg: number;
  readonly status: number;
  readonly mothers: readonly [number, number];
  readonly px: number;
  readonly py: number;
  readonly pz: number;
  readonly E: number;
  readonly mass: number;
}

export interface LheEvent {
  readonly weight: number;
  readonly scale: number;
  readonly alphaEM: number;
  readonly particles: readonly LheParticle[];
}

export interface LheFile {
  readonly version: string;
  readonly beamPdg: readonly [number, number];
  readonly beamEnergies: readonly [number, number];
  readonly weightMode: number;
  readonly sigmaPb: number;
  readonly sigmaErrPb: number;
  readonly maxWeightPb: number;
  readonly events: readonly LheEvent[];
}

/** Reads an LHE file (the subset this project writes, and any file of the same layout). */
export function parseLhe(text: string): LheFile {
  const version = /<LesHouchesEvents\s+version="([^"]+)"/.exec(text)?.[1];
  if (version === undefined) throw new Error('parseLhe: no <LesHouchesEvents version="…"> tag');
  const init = /<init>\s*([\s\S]*?)<\/init>/.exec(text)?.[1];
  if (init === undefined) throw new Error('parseLhe: no <init> block');
  const initLines = init.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const [beam, process] = initLines;
  const events: LheEvent[] = [];
  const eventRe = /<event>\s*([\s\S]*?)<\/event>/g;
  for (let match = eventRe.exec(text); match !== null; match = eventRe.exec(text)) {
    const lines = match[1].trim().split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('<') && !l.trim().startsWith('#'));
    const head = lines[0].trim().split(/\s+/).map(Number);
    const nup = head[0];
    const particles: LheParticle[] = [];
    for (let k = 1; k <= nup; k++) {
      const f = lines[k].trim().split(/\s+/).map(Number);
      particles.push({ pdg: f[0], status: f[1], mothers: [f[2], f[3]], px: f[6], py: f[7], pz: f[8], E: f[9], mass: f[10] });
    }
    events.push({ weight: head[2], scale: head[3], alphaEM: head[4], particles });
  }
  return {
    version,
    beamPdg: [beam[0], beam[1]],
    beamEnergies: [beam[2], beam[3]],
    weightMode: beam[8],
    sigmaPb: process[0],
    sigmaErrPb: process[1],
    maxWeightPb: process[2],
    events,
  };
}
