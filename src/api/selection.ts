/**
 * `zprime-mc/selection`: the paper's offline selection (PRL 130, 231801, p. 2–3) as named cuts over
 * columnar analysis variables, the cut flow with yields, the three control samples (μμγ, eμ, ee) and
 * the Punzi-net (Feichtinger et al., Eur. Phys. J. C 82, 121 (2022), arXiv:2110.00810): its four
 * c.m.-frame inputs, the network, its training and the scenario's trained network file.
 */
export * from '../selection/index.js';
export * from '../selection/punziNet/index.js';
export { loadScenarioNetwork, scenarioNetworkPath } from '../runner/scenarioNetwork.js';
