/**
 * Reads configuration as redis-server does: a redis.conf text, then command
 * line options (`--name value ...`), which Redis appends to the file's text.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { splitInlineArgs } from "../resp/inline.ts";
import type { Config } from "./config.ts";
import { ConfigError } from "./error.ts";

/** A directive with its arguments and where it came from. */
export interface Directive {
  name: string;
  args: string[];
  line: number;
  text: string;
}

/** A configuration error with Redis's report text. */
export class ConfigFileError extends Error {}

/** Parameters whose repeated lines accumulate instead of replacing (as `save` in redis.conf). */
const ACCUMULATING = new Set(["save", "client-output-buffer-limit", "rename-command"]);

/** Splits redis.conf text into directives; throws {@link ConfigFileError} on bad quoting. */
export function parseConfigText(text: string): Directive[] {
  const out: Directive[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.length === 0 || line[0] === "#") continue;
    const args = splitInlineArgs(line);
    if (args === null) throw fatal(i + 1, line, "Unbalanced quotes in configuration line");
    if (args.length === 0) continue;
    out.push({ name: args[0].toLowerCase(), args: args.slice(1), line: i + 1, text: line });
  }
  return out;
}

function fatal(line: number, text: string, reason: string): ConfigFileError {
  return new ConfigFileError(
    "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n" +
      "Reading the configuration file, at line " + line + "\n" +
      ">>> '" + text + "'\n" + reason,
  );
}

/**
 * Turns command-line options into config text lines, as redis-server does:
 * every `--name` starts a directive, the following plain arguments are its
 * values. Uses `node:util` parseArgs tokens so `--name=value` works too.
 */
export function optionsToConfigText(args: string[]): string {
  const { tokens } = parseArgs({ args, strict: false, allowPositionals: true, tokens: true });
  const lines: string[][] = [];
  for (const t of tokens ?? []) {
    if (t.kind === "option") {
      if (t.rawName.startsWith("--")) {
        const line = [t.name];
        if (t.inlineValue) line.push(t.value ?? "");
        lines.push(line);
        continue;
      }
      // A value that looks like a short option, e.g. the -2 of `--list-max-listpack-size -2`.
      const value = t.rawName + (t.value ?? "");
      if (lines.length === 0) throw new ConfigFileError("Invalid argument '" + value + "'");
      lines[lines.length - 1].push(value);
    } else if (t.kind === "positional") {
      if (lines.length === 0) throw new ConfigFileError("Invalid argument '" + t.value + "'");
      lines[lines.length - 1].push(t.value);
    } else {
      // `--` alone: Redis has no use for it.
    }
  }
  return lines.map((l) => l.map(quote).join(" ")).join("\n");
}

function quote(s: string): string {
  if (s.length > 0 && !/[\s"'\\]/.test(s)) return s;
  return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';
}

/**
 * Applies directives to `config`. Unknown directives and bad values raise a
 * {@link ConfigFileError} worded like Redis's fatal config error.
 */
export function applyDirectives(
  config: Config,
  directives: Directive[],
  include?: (path: string) => string,
): void {
  const accumulated = new Map<string, string[]>();
  for (const d of directives) {
    if (d.name === "include" && include) {
      if (d.args.length !== 1) throw fatal(d.line, d.text, "wrong number of arguments");
      applyDirectives(config, parseConfigText(include(d.args[0])), include);
      continue;
    }
    const spec = config.spec(d.name);
    if (!spec) throw fatal(d.line, d.text, "Bad directive or wrong number of arguments");
    let value: string;
    if (ACCUMULATING.has(spec.name)) {
      const joined = d.args.join(" ");
      const prev = accumulated.get(spec.name) ?? [];
      if (joined === "") prev.length = 0;
      else prev.push(joined);
      accumulated.set(spec.name, prev);
      value = prev.join(" ");
    } else {
      if (d.args.length === 0) throw fatal(d.line, d.text, "wrong number of arguments");
      value = d.args.join(" ");
    }
    try {
      config.set(spec.name, value, true);
    } catch (e) {
      if (e instanceof ConfigError) throw fatal(d.line, d.text, e.message);
      throw e;
    }
  }
}
