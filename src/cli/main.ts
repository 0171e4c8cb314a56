import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import type { DefaultRunFlags } from './commands/defaultRun.run.js';
import { withTemplateOptions } from './commands/templates.js';
import { EXIT_BAD_INPUT, EXIT_RUN_FAILED, InputError, RunFailedError } from './errors.js';
import { packageVersion } from './version.js';

/**
 * Builds the `zprime-mc` program; exported so that tests can drive it in-process. Defining it loads
 * only commander and the commands' definitions: each command loads its work (the generators, the
 * detector, the fits) when it runs, so that `--help` and `--version` start quickly.
 */
export function buildProgram(): Command {
  const program = new Command('zprime-mc')
    .description(
      'Belle II invisible Z\' search (e+e- -> mu+mu- Z\', PRL 130, 231801) at generator and fast-simulation level',
    )
    .usage('[options] [command]')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .helpCommand('help [command]', 'display help for a command')
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  for (const register of commands) register(program);
  // Without a sub-command: the main job on the default scenario. Its options are the program's,
  // recognised before a sub-command only, so that each sub-command keeps its own --out.
  program.enablePositionalOptions();
  withTemplateOptions(program)
    .option('--json', 'print the files written as JSON to stdout')
    .option('--quiet', 'no progress bars');
  program.hook('preSubcommand', (_, sub) => {
    const given = Object.keys(program.opts());
    if (given.length > 0) throw new InputError(`--${given[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} before '${sub.name()}' is not allowed: options of a sub-command go after it (zprime-mc ${sub.name()} --help)`);
  });
  program.argument('[command]').action(async (name: string | undefined) => {
    if (name !== undefined) throw unknownCommand(program, name);
    const { runDefault } = await import('./commands/defaultRun.run.js');
    await runDefault(program.opts<DefaultRunFlags>());
  });
  program.addHelpText('after', '\nWithout a sub-command: the default scenario end to end (templates, expected limits, one background-only\npseudo-data set, the report), printing the report\'s path. Example:\n  $ zprime-mc                      # zprime-mc-out/belle2-2023/report.html\n  $ zprime-mc --out my-run --quiet');
  return program;
}

function unknownCommand(program: Command, name: string): InputError {
  const known = program.commands.map((c) => c.name());
  return new InputError(`unknown command '${name}': one of ${known.join(', ')} (zprime-mc --help)`);
}

/** Runs the command line; resolves to the process exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    // commander's help command prints the whole help for a name it does not know; an error is clearer.
    if (argv[0] === 'help' && argv.length > 1 && !program.commands.some((c) => c.name() === argv[1])) throw unknownCommand(program, argv[1]);
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      process.stderr.write(`zprime-mc: ${error.message.replace(/^error: /, '').split('\n')[0]}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof InputError) {
      process.stderr.write(`zprime-mc: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof RunFailedError) {
      process.stderr.write(`zprime-mc: ${error.message}\n`);
      return EXIT_RUN_FAILED;
    }
    throw error;
  }
}
