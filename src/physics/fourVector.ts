/**
 * Scalar four-vector API for tests, examples and per-event bookkeeping. Hot loops use the
 * columnar form in `fourMomenta.ts`; both share the conventions here:
 * metric (+, −, −, −), components (E, px, py, pz) in GeV, θ measured from +z, φ from +x.
 */

/** A four-momentum (E, px, py, pz) in GeV. */
export interface FourVector {
  /** Energy in GeV. */
  readonly E: number;
  /** x component of the momentum in GeV/c. */
  readonly px: number;
  /** y component of the momentum in GeV/c. */
  readonly py: number;
  /** z component of the momentum in GeV/c. */
  readonly pz: number;
}

/** A three-vector (x, y, z), used for velocities (β) and directions. */
export interface ThreeVector {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export function fourVector(E: number, px: number, py: number, pz: number): FourVector {
  return { E, px, py, pz };
}

/** The four-momentum of a particle of mass `m` with three-momentum (px, py, pz). */
export function onShell(m: number, px: number, py: number, pz: number): FourVector {
  return { E: Math.sqrt(m * m + px * px + py * py + pz * pz), px, py, pz };
}

/** Minkowski product a·b = Ea Eb − pa·pb. */
export function dot(a: FourVector, b: FourVector): number {
  return a.E * b.E - a.px * b.px - a.py * b.py - a.pz * b.pz;
}

/** Invariant mass squared p² = E² − |p|², in GeV². Negative for spacelike vectors. */
export function mass2(p: FourVector): number {
  return p.E * p.E - p.px * p.px - p.py * p.py - p.pz * p.pz;
}

/**
 * Signed invariant mass: √(p²) for timelike p and −√(−p²) for spacelike p, never NaN and never
 * clamped (the convention of scikit-hep/vector's `tau`).
 */
export function mass(p: FourVector): number {
  const m2 = mass2(p);
  return m2 >= 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
}

export function add(...ps: readonly FourVector[]): FourVector {
  let E = 0;
  let px = 0;
  let py = 0;
  let pz = 0;
  for (const p of ps) {
    E += p.E;
    px += p.px;
    py += p.py;
    pz += p.pz;
  }
  return { E, px, py, pz };
}

export function sub(a: FourVector, b: FourVector): FourVector {
  return { E: a.E - b.E, px: a.px - b.px, py: a.py - b.py, pz: a.pz - b.pz };
}

/** |p| in GeV/c. */
export function momentum(p: FourVector): number {
  return Math.hypot(p.px, p.py, p.pz);
}

/** Transverse momentum with respect to the z axis, in GeV/c. */
export function pt(p: FourVector): number {
  return Math.hypot(p.px, p.py);
}

/** Polar angle from +z in radians, in [0, π]. */
export function theta(p: FourVector): number {
  return Math.atan2(Math.hypot(p.px, p.py), p.pz);
}

/** Azimuthal angle from +x in radians, in (−π, π]. */
export function phi(p: FourVector): number {
  return Math.atan2(p.py, p.px);
}

/** Opening angle between the three-momenta of a and b, in radians, in [0, π]. */
export function openingAngle(a: FourVector | ThreeVector, b: FourVector | ThreeVector): number {
  const [ax, ay, az] = spatial(a);
  const [bx, by, bz] = spatial(b);
  // atan2 of |a×b| and a·b is accurate at both small and large angles, unlike acos.
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  return Math.atan2(Math.hypot(cx, cy, cz), ax * bx + ay * by + az * bz);
}

function spatial(v: FourVector | ThreeVector): [number, number, number] {
  return 'E' in v ? [v.px, v.py, v.pz] : [v.x, v.y, v.z];
}

/** The velocity β = p/E of a timelike four-vector (e.g. of a total momentum). */
export function velocity(p: FourVector): ThreeVector {
  return { x: p.px / p.E, y: p.py / p.E, z: p.pz / p.E };
}

/**
 * (γ − 1)/β² of a boost with Lorentz factor γ, the coefficient of β(β·p) in p' = p + [(γ − 1)/β² β·p + γE]β.
 * Written γ²/(γ + 1), which equals it and stays accurate as β → 0 (no 0/0, no cancellation in γ − 1).
 */
export function boostCoefficient(gamma: number): number {
  return (gamma * gamma) / (gamma + 1);
}

/**
 * Lorentz boost of p by velocity β (|β| < 1): a particle at rest becomes one moving with velocity β
 * (ROOT's `TLorentzVector::Boost` convention). boost(boost(p, β), −β) = p.
 */
export function boost(p: FourVector, beta: ThreeVector): FourVector {
  const b2 = beta.x * beta.x + beta.y * beta.y + beta.z * beta.z;
  if (!(b2 < 1)) throw new RangeError(`boost: |β| must be below 1, got ${Math.sqrt(b2)}`);
  if (b2 === 0) return p;
  const gamma = 1 / Math.sqrt(1 - b2);
  const bp = beta.x * p.px + beta.y * p.py + beta.z * p.pz;
  const g2 = boostCoefficient(gamma);
  const k = g2 * bp + gamma * p.E;
  return { E: gamma * (p.E + bp), px: p.px + k * beta.x, py: p.py + k * beta.y, pz: p.pz + k * beta.z };
}

/** Rotation of the three-momentum of p by `angle` (radians, right-handed) about the unit axis `axis`. */
export function rotate(p: FourVector, axis: ThreeVector, angle: number): FourVector {
  const n = Math.hypot(axis.x, axis.y, axis.z);
  if (!(n > 0)) throw new RangeError('rotate: the axis must be a non-zero vector');
  const ux = axis.x / n;
  const uy = axis.y / n;
  const uz = axis.z / n;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const ud = ux * p.px + uy * p.py + uz * p.pz;
  // Rodrigues: v cosθ + (u×v) sinθ + u (u·v)(1 − cosθ)
  return {
    E: p.E,
    px: p.px * c + (uy * p.pz - uz * p.py) * s + ux * ud * (1 - c),
    py: p.py * c + (uz * p.px - ux * p.pz) * s + uy * ud * (1 - c),
    pz: p.pz * c + (ux * p.py - uy * p.px) * s + uz * ud * (1 - c),
  };
}
