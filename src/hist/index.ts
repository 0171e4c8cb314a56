export { Axis } from './axis.js';
export { Hist1D, type Hist1DJSON } from './hist1d.js';
export { Hist2D, type Hist2DJSON } from './hist2d.js';
export { type AxisJSON, HIST_JSON_VERSION, type NumericArray } from './shared.js';
