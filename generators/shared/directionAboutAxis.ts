/**
 * The unit vector at polar angle θ (given as cos θ) and azimuth φ about the axis (ax, ay, az) of any
 * non-zero length (normalised here), written to
 * out[0..2]: d⃗ = cos θ a⃗ + sin θ (cos φ u⃗ + sin φ v⃗), with u⃗ = (x̂ or ẑ) × a⃗ normalised (x̂ when a⃗
 * is near ẑ) and v⃗ = a⃗ × u⃗. No allocation, for per-event use.
 */
export function directionAboutAxis(axisX: number, axisY: number, axisZ: number, cos: number, phi: number, out: Float64Array): void {
  const an = Math.hypot(axisX, axisY, axisZ);
  const ax = axisX / an, ay = axisY / an, az = axisZ / an;
  const useX = Math.abs(az) > 0.9;
  let ux = useX ? 0 : -ay;
  let uy = useX ? -az : ax;
  let uz = useX ? ay : 0;
  const un = Math.hypot(ux, uy, uz);
  ux /= un;
  uy /= un;
  uz /= un;
  const vx = ay * uz - az * uy, vy = az * ux - ax * uz, vz = ax * uy - ay * ux;
  const sin = Math.sqrt(Math.max(0, (1 - cos) * (1 + cos)));
  const cp = sin * Math.cos(phi), sp = sin * Math.sin(phi);
  out[0] = cos * ax + cp * ux + sp * vx;
  out[1] = cos * ay + cp * uy + sp * vy;
  out[2] = cos * az + cp * uz + sp * vz;
}
