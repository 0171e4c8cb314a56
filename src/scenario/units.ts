/**
 * Conversions from the units written in scenario files (the unit is in the key: `…Deg`, `…Mrad`,
 * `…MeV`, `…Percent`) to the library's units (rad, GeV, fractions). Applied once, at load.
 */

/** Degrees → radians. */
export function degToRad(deg: number): number {
  return (deg * Math.PI) / 180;
}

/** Milliradians → radians. */
export function mradToRad(mrad: number): number {
  return mrad * 1e-3;
}

/** MeV → GeV. */
export function mevToGeV(mev: number): number {
  return mev * 1e-3;
}

/** Per cent → fraction. */
export function percentToFraction(percent: number): number {
  return percent / 100;
}
