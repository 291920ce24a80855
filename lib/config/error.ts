/** Raised with Redis's wording when a configuration value cannot be applied. */
export class ConfigError extends Error {}
