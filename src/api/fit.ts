/**
 * `zprime-mc/fit`: HistFactory binned likelihoods that read and write pyhf JSON workspaces, profile
 * fits, the test statistics of Cowan, Cranmer, Gross and Vitells (Eur. Phys. J. C 71, 1554 (2011),
 * arXiv:1007.1727), asymptotic and toy-based CLs, upper limits and discovery p-values, and the
 * paper's search-window model (`windowModel`). It knows histograms, never muons.
 */
export * from '../fit/index.js';
export { Model } from '../fit/model.js';
export type { Channel, ParameterConfig, Sample } from '../fit/workspace.js';
