export * from './constants.js';
export * from './fourVector.js';
export { LorentzTransform } from './lorentzTransform.js';
export * from './beams.js';
export * from './recoil.js';
