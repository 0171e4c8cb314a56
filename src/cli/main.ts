import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { runExpectedCommand } from './commands/expected.js';
import { EXIT_BAD_INPUT, EXIT_RUN_FAILED, InputError, RunFailedError } from './errors.js';
import { packageVersion } from './version.js';

/** Builds the `zprime-mc` program; exported so that tests can drive it in-process. */
export function buildProgram(): Command {
  const program = new Command('zprime-mc')
    .description(
      'Belle II invisible Z\' search (e+e- -> mu+mu- Z\', PRL 130, 231801) at generator and fast-simulation level',
    )
    .usage('[options] [command]')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  for (const register of commands) register(program);
  // Without a sub-command: the main job on the default scenario.
  program.argument('[command]').action(async (name: string | undefined) => {
    if (name !== undefined) {
      const known = program.commands.map((c) => c.name());
      throw new InputError(`unknown command '${name}': one of ${known.join(', ')} (zprime-mc --help)`);
    }
    await runExpectedCommand({});
  });
  return program;
}

/** Runs the command line; resolves to the process exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
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
