export * from './cuts.js';
export * from './cutflow.js';
export * from './select.js';
export * from './variables.js';
export { hasOppositeChargeTrackPair, recoilAgainstTrackPair, recoilAgainstTracks } from '../events/trackKinematics.js';
