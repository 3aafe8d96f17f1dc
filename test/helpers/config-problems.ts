import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/errors/index.js';

/** The lines `loadConfig` would print for `env` (none when it is valid). */
export function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
