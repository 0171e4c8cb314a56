/**
 * `zprime-mc/scan`: from the (M²recoil, θrecoil c.m.) templates to limits (PRL 130, 231801, p. 3–4):
 * the mass grid of the resolution curve, the 20-bin search windows and their θ binning, the
 * systematic uncertainties, expected and observed 90% CL limits on σ and on g′, the (g − 2)_μ band
 * and the look-elsewhere effect (Gross and Vitells, Eur. Phys. J. C 70, 525 (2010), arXiv:1005.1891).
 * Template files are read with `readTemplateFile` (the `templates` command writes them).
 */
export * from '../scan/couplings.js';
export * from '../scan/dataFile.js';
export * from '../scan/expected.js';
export * from '../scan/lookElsewhere.js';
export * from '../scan/massGrid.js';
export * from '../scan/observed.js';
export * from '../scan/overHypotheses.js';
export { leeToysInParallel, toyExpectedInParallel } from '../scan/parallel.js';
export * from '../scan/projection.js';
export * from '../scan/scannedHypotheses.js';
export * from '../scan/systematics.js';
export * from '../scan/thetaBinning.js';
export * from '../scan/toyExpected.js';
export * from '../scan/windows.js';
export type { BackgroundTemplate, SignalTemplate, TemplateSet } from '../runner/templates/build.js';
export { readTemplateFile, type TemplateFile, TemplateFileError } from '../runner/templates/file.js';
