/**
 * The look shared by every plot: sizes in SVG user units (the page draws each plot 720 px wide; printed
 * at a column width of 8.6 cm, 15 units of text are 7 pt) and colours chosen so that they stay apart
 * when printed in grey: each series differs from its neighbours in lightness (CIE L*), and the
 * lines also differ in dash pattern.
 */

export const PLOT_WIDTH = 560;
export const PLOT_HEIGHT = 400;
export const MARGIN = { top: 16, right: 18, bottom: 58, left: 84 } as const;
export const FONT_SIZE = 15;
export const FONT_FAMILY = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export const COLOURS = {
  /** ±2σ band of expected limits, the conventional yellow (L* ≈ 90). */
  band2: '#ffe135',
  /** ±1σ band, the conventional green (L* ≈ 62). */
  band1: '#35b04a',
  /** Lines: black, solid for observed, dashed for the expected median. */
  line: '#000000',
  /** The (g − 2)_μ band: a light red (L* ≈ 65) under a darker hatched outline. */
  muonAnomaly: '#f08080',
  muonAnomalyEdge: '#a01818',
  /** Stacked backgrounds, from light to dark (L* ≈ 88, 64, 38). */
  backgrounds: ['#c6dbef', '#6baed6', '#2f5f9a', '#1a2e4a'] as readonly string[],
  /** Toy distribution and the curves beside it. */
  toys: '#808080',
  frame: '#000000',
  grid: '#d9d9d9',
} as const;

/** Dash patterns (SVG stroke-dasharray) that tell lines apart in grey scale. */
export const DASHES = {
  solid: undefined,
  dashed: '7 4',
  dotted: '2 3',
  dashDot: '8 3 2 3',
} as const;
