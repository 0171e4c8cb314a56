import { Option } from 'commander';

// The patch options of the workspace sub-commands, apart from workspaceOptions.ts (which loads the fit
// library) so that defining the commands stays light.

/** The patch flags of the workspace commands (HEPData patchsets, plain JSON patches as `pyhf cls -p`). */
export interface PatchFlags {
  readonly patchset?: string;
  readonly patch?: string;
  readonly jsonPatch?: readonly string[];
}

/** `--patchset FILE`, `--patch NAME` and `-p, --json-patch FILE` (repeatable) of a workspace command: `.addOption(...)` each. */
export function patchOptions(): Option[] {
  return [
    new Option('--patchset <file>', 'HEPData patchset (pyhf patchset.json) whose patch --patch NAME is applied to the workspace'),
    new Option('--patch <name>', 'name of the patch of --patchset to apply (a signal point of the analysis)'),
    new Option('-p, --json-patch <file>', 'RFC 6902 JSON patch applied to the model specification {channels, parameters}, as pyhf cls -p (repeatable, applied in order)').argParser(
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    ),
  ];
}
