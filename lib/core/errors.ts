/**
 * Errors as Redis words them. Handlers write errors as replies; helpers deep
 * in argument parsing may throw a {@link RedisError}, which dispatch turns
 * into the error reply (the one boundary where errors are thrown).
 *
 * @module
 */

/** An error whose message is the full Redis error text, e.g. `ERR syntax error`. */
export class RedisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RedisError";
  }
}

export const ERR_SYNTAX = "ERR syntax error";
export const ERR_WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
export const ERR_NOT_INTEGER = "ERR value is not an integer or out of range";
export const ERR_NOT_FLOAT = "ERR value is not a valid float";
export const ERR_NO_SUCH_KEY = "ERR no such key";
export const ERR_OVERFLOW = "ERR increment or decrement would overflow";
export const ERR_DB_INDEX = "ERR DB index is out of range";
export const ERR_NOAUTH = "NOAUTH Authentication required.";
export const ERR_OUT_OF_RANGE = "ERR index out of range";
export const ERR_POSITIVE = "ERR value is out of range, must be positive";

/** `ERR wrong number of arguments for 'name' command`. */
export function wrongArity(fullName: string): string {
  return "ERR wrong number of arguments for '" + fullName + "' command";
}

/** Throws a {@link RedisError}; for use in argument parsers. */
export function fail(message: string): never {
  throw new RedisError(message);
}
