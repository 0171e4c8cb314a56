import { beamSpot } from './beamSpot.js';
import { ecl } from './ecl.js';
import { eclBeamBackground } from './eclBeamBackground.js';
import { electronId } from './electronId.js';
import { muonId } from './muonId.js';
import { tracking } from './tracking.js';
import { trigger } from './trigger.js';

/**
 * Every stage type, by its `type` key in the scenario. A new stage type is one file in this folder
 * and one entry here; the scenario then lists an instance of it in `detector.stages`.
 */
export const stageTypes = [beamSpot, tracking, ecl, eclBeamBackground, muonId, electronId, trigger] as const;

export { beamSpot, ecl, eclBeamBackground, electronId, muonId, tracking, trigger };
