/**
 * `zprime-mc/hist`: 1-D and 2-D histograms with variable bins, Σw and Σw² per bin, under/overflow,
 * and their JSON form.
 */
export * from '../hist/index.js';
