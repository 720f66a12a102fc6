/** A bad configuration value: the message names the variable (or profile key) and what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
