import { ConfigError } from '../../src/config/config-error.js';
import { parseFactoryConfig } from '../../src/config/factory-loader.js';

/** The problems factory.yaml text is refused with; fails the test when it is accepted. */
export function problemsOf(yaml: string): string[] {
  try {
    parseFactoryConfig(yaml);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}
