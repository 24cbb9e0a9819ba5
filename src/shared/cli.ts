import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { cliMessages as m } from './cli-messages.js';
import { AppError } from './errors.js';

/** A mistake in how a tool was called or in what it was given: told in one line, no stack. */
export class CliMistake extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliMistake';
  }
}

/**
 * The options of a command-line tool. `--help` prints its usage and ends the process; a call
 * it cannot parse (unknown option, missing value) is a mistake that shows the usage.
 */
export function cliArgs<T extends ParseArgsConfig>(
  usage: string,
  config: T,
  argv: string[] = process.argv.slice(2),
): ReturnType<typeof parseArgs<T>> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs<T>({ ...config, args: argv });
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    throw usageMistake(usage);
  }
}

/** A call the tool does not understand: says so and shows how to call it (exit code 2). */
export function usageMistake(usage: string): CliMistake {
  return new CliMistake(m.badCall(usage), 2);
}

/**
 * Runs a tool's work. A person's mistake (a bad call, a file or person that does not exist, a
 * refused value, a broken factory.yaml) prints one Chinese line and sets a non-zero exit code;
 * anything else is a bug and keeps its stack.
 */
export async function runCli(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const mistake = describeMistake(error);
    if (mistake === undefined) throw error;
    console.error(mistake.text);
    process.exitCode = mistake.exitCode;
  }
}

function describeMistake(error: unknown): { text: string; exitCode: number } | undefined {
  if (error instanceof CliMistake) return { text: error.message, exitCode: error.exitCode };
  if (error instanceof ConfigError) return { text: m.badConfig(error.problems), exitCode: 2 };
  if (error instanceof AppError && error.expose)
    return { text: error.userMessage ?? error.message, exitCode: 1 };
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT')
    return { text: m.fileNotFound((error as { path?: string }).path ?? ''), exitCode: 1 };
  return undefined;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
