import type { Command } from 'commander';
import { getMeasurement, Model, patchedWorkspace, WorkspaceError } from '../../fit/index.js';
import { InputError } from '../errors.js';
import { type PatchFlags, patchOptions, readPatchInputs, warnIgnoredParameters } from '../workspaceOptions.js';
import type { RegisterCommand } from './index.js';

/** What `zprime-mc inspect --json` prints, in the spirit of `pyhf inspect`. */
export interface InspectReport {
  readonly channels: readonly { readonly name: string; readonly nbins: number }[];
  readonly samples: readonly string[];
  /** Distinct (name, type) modifiers, in the model's parameter order. */
  readonly modifiers: readonly { readonly name: string; readonly type: string }[];
  /** Parameter sets of the chosen measurement's model: components, constraint, modifier types. */
  readonly parameters: readonly { readonly name: string; readonly n: number; readonly constraint: string; readonly modifiers: readonly string[] }[];
  readonly measurements: readonly { readonly name: string; readonly poi: string; readonly parameters: readonly string[] }[];
  /** The measurement the parameters are shown for, and whether its POI is a parameter of the model (not so in a background-only workspace). */
  readonly measurement: string;
  readonly poi_in_model: boolean;
  readonly nbins: number;
  readonly npars: number;
}

export const registerInspect: RegisterCommand = (program: Command) => {
  const [patchsetOption, patchOption, jsonPatchOption] = patchOptions();
  program
    .command('inspect')
    .description('channels, samples, modifiers, parameters and measurements of a pyhf JSON workspace (as pyhf inspect)')
    .argument('<workspace>', 'pyhf JSON workspace (may be gzipped)')
    .option('--measurement <name>', 'measurement whose parameter settings to apply (default: the first)')
    .option('--json', 'print the summary as JSON to stdout')
    .addOption(patchsetOption)
    .addOption(patchOption)
    .addOption(jsonPatchOption)
    .action((path: string, options: { measurement?: string; json?: boolean } & PatchFlags) => {
      const { workspace: ws, label } = (() => {
        try {
          return patchedWorkspace(readPatchInputs(path, options), options.patch, options.measurement);
        } catch (error) {
          if (error instanceof WorkspaceError) throw new InputError(error.message);
          throw error;
        }
      })();
      let model: Model;
      let measurement: string;
      let poiInModel: boolean;
      try {
        const m = getMeasurement(ws, options.measurement);
        measurement = m.name;
        // a background-only workspace names a POI that only its signal patches carry: show it without one
        const probe = new Model(ws.channels, { poi: null, parameters: m.config.parameters });
        poiInModel = probe.parameterSets.some((s) => s.name === m.config.poi);
        model = poiInModel ? new Model(ws.channels, { poi: m.config.poi, parameters: m.config.parameters }) : probe;
      } catch (error) {
        if (error instanceof WorkspaceError) throw new InputError(`${label}: ${error.message}`);
        throw error;
      }
      warnIgnoredParameters(path, measurement, model.ignoredParameters);
      const modifiers = new Map<string, { name: string; type: string }>();
      for (const c of ws.channels) for (const s of c.samples) for (const mod of s.modifiers) modifiers.set(`${mod.type}/${mod.name}`, { name: mod.name, type: mod.type });
      const order = new Map(model.parameterSets.map((p, i) => [p.name, i]));
      const report: InspectReport = {
        channels: model.channels.map((name, i) => ({ name, nbins: model.channelBins[i] })),
        samples: model.samples,
        modifiers: [...modifiers.values()].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)),
        parameters: model.parameterSets.map((p) => ({ name: p.name, n: p.n, constraint: p.constraint, modifiers: p.types })),
        measurements: ws.measurements.map((m) => ({ name: m.name, poi: m.config.poi, parameters: m.config.parameters.map((p) => p.name) })),
        measurement,
        poi_in_model: poiInModel,
        nbins: model.nMain,
        npars: model.nPars,
      };
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      const width = Math.max(10, ...report.parameters.map((p) => p.name.length), ...report.channels.map((c) => c.name.length), ...report.samples.map((s) => s.length));
      const lines = [
        `${label}: ${report.channels.length} channels, ${report.samples.length} samples, ${report.modifiers.length} modifiers, ${report.parameters.length} parameters (${report.npars} components), ${report.nbins} bins`,
        '',
        `${'channel'.padEnd(width)}  nbins`,
        ...report.channels.map((c) => `${c.name.padEnd(width)}  ${c.nbins}`),
        '',
        'samples',
        ...report.samples.map((s) => `  ${s}`),
        '',
        `${'parameter'.padEnd(width)}  ${'n'.padStart(4)}  ${'constraint'.padEnd(10)}  modifiers`,
        ...report.parameters.map((p) => `${p.name.padEnd(width)}  ${String(p.n).padStart(4)}  ${p.constraint.padEnd(10)}  ${p.modifiers.join(', ')}`),
        '',
        'measurements (* shown above)',
        ...report.measurements.map((m) => `${m.name === measurement ? '*' : ' '} ${m.name}  poi ${m.poi}${m.name === measurement && !poiInModel ? ' (not a parameter of this model)' : ''}  settings: ${m.parameters.join(', ') || '(none)'}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
};
