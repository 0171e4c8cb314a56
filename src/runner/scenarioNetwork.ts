import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extendedScenarioFiles } from '../scenario/index.js';
import { parsePunziNet } from '../selection/punziNet/file.js';
import type { TemplateNetwork } from './templates/build.js';

/** The Punzi-net file of a scenario file: beside it, `<name>.punzi.json` for `<name>.yaml`. */
export function scenarioNetworkPath(scenarioFile: string): string {
  return scenarioFile.replace(/\.ya?ml$/i, '') + '.punzi.json';
}

/**
 * The scenario's trained Punzi-net: beside the scenario file, else beside the nearest scenario it
 * extends that has one; undefined when none has been trained. Errors name the file and the field.
 */
export function loadScenarioNetwork(scenarioFile: string): TemplateNetwork | undefined {
  const file = [scenarioFile, ...(existsSync(scenarioFile) ? extendedScenarioFiles(scenarioFile) : [])].map(scenarioNetworkPath).find((path) => existsSync(path));
  if (file === undefined) return undefined;
  const text = readFileSync(file, 'utf8');
  const record = parsePunziNet(text, file);
  return { classifier: record.network, hash: createHash('sha256').update(text).digest('hex'), text, file };
}
