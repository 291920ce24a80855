/**
 * Reads configuration as redis-server does: the command line becomes config
 * text appended to the config file's (and stdin's) text, and that text is
 * applied line by line, failing with Redis's fatal config error report.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { splitInlineArgs } from "../resp/inline.ts";
import type { Config } from "./config.ts";
import { ConfigError } from "./error.ts";
import { repr } from "./repr.ts";
import { REDIS_VERSION } from "../version.ts";

/** A fatal configuration error; the message is the full report redis-server prints on stderr. */
export class ConfigFileError extends Error {}

/** What redis-server's argv amounts to. */
export interface CommandLine {
  /** The config file given as the first argument, if any. */
  configFile?: string;
  /** A lone `-` (first or last argument): read config text from stdin. */
  stdin: boolean;
  /** The `--name value` options turned into config text (one directive per line). */
  options: string;
}

/**
 * Turns redis-server arguments (without the program name) into a config
 * file name and config text, with redis-server 7.0's rules: `--name` starts
 * a directive and the following arguments are its values, even when they
 * start with `--` (`--logfile --my--file`); `--name value` in one argument
 * is also a whole directive; `--save` followed by another option or nothing
 * means `save ""`. node:util's parseArgs tokenizes (which arguments are
 * `--options`); redis-server's rules are then applied to its tokens in order,
 * using each token's raw argument text (parseArgs alone would bind values
 * differently, e.g. `--port --loglevel verbose`).
 */
export function parseCommandLine(args: string[]): CommandLine {
  const out: CommandLine = { stdin: false, options: "" };
  let j = 0;
  if (args.length > 0 && !args[0].startsWith("-")) {
    out.configFile = args[0];
    j = 1;
  }
  let options = "";
  let handledLast = true;
  const rest = args.slice(j);
  const { tokens } = parseArgs({ args: rest, strict: false, allowPositionals: true, tokens: true });
  // After a bare `--`, parseArgs stops tokenizing options; Redis has no such rule.
  const kinds = new Array<boolean>(rest.length).fill(false);
  for (const t of tokens ?? []) {
    if (t.kind === "option" && t.rawName.startsWith("--")) kinds[t.index] = true;
  }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    j = i + (args.length - rest.length);
    const isOption = kinds[i] || arg.startsWith("--");
    const last = j === args.length - 1;
    if (arg === "-" && (j === 0 || last)) {
      out.stdin = true;
    } else if (handledLast && isOption) {
      if (options.length > 0) options += "\n";
      options += arg.slice(2) + " ";
      const parts = splitInlineArgs(arg);
      if (parts !== null && parts.length === 1) {
        handledLast = false;
        const nextIsOption = !last && args[j + 1].startsWith("--");
        if (arg.toLowerCase() === "--save" && (nextIsOption || last)) {
          options += '""';
          handledLast = nextIsOption;
        }
      } else {
        handledLast = true;
      }
    } else {
      options += repr(arg) + " ";
      handledLast = true;
    }
  }
  out.options = options;
  return out;
}

/** Joins the config file's text, stdin's text and the options as redis-server does. */
export function configText(fileText: string, stdinText: string, options: string): string {
  let text = fileText + stdinText;
  if (options.length > 0) text += "\n" + options;
  return text;
}

/** Config file directives Redis 7.0 still accepts and ignores (with their argc range). */
const DEPRECATED: Array<[string, number, number]> = [
  ["list-max-ziplist-entries", 2, 2],
  ["list-max-ziplist-value", 2, 2],
  ["lua-replicate-commands", 2, 2],
];

/** What the loader needs from its host. */
export interface LoadOptions {
  /** Reads an `include`d file (throws when it cannot). */
  readFile?: (path: string) => string;
  /** Expands a glob in an `include` path (files in name order). */
  glob?: (pattern: string) => string[];
  /** True when a command exists (for `rename-command`). */
  commandExists?: (name: string) => boolean;
  /** Called for an include path that cannot be opened (redis-server logs and exits). */
  onIncludeError?: (path: string, error: Error) => never;
}

/** Directives that are not parameters, kept for the features that use them. */
export interface Extras {
  /** `rename-command <from> <to>` pairs (an empty `to` removes the command). */
  renames: Array<[string, string]>;
  /** `user ...` lines (arguments after `user`), for ACL. */
  users: string[][];
  /** `loadmodule path args...` lines. */
  modules: string[][];
}

/** Directives other than parameters that the last load met. */
export function extrasOf(config: Config): Extras {
  const c = config as Config & { extras?: Extras };
  c.extras ??= { renames: [], users: [], modules: [] };
  return c.extras;
}

function fatal(reason: string, line?: number, text?: string): ConfigFileError {
  let msg = `\n*** FATAL CONFIG FILE ERROR (Redis ${REDIS_VERSION}) ***\n`;
  if (line !== undefined) {
    msg += `Reading the configuration file, at line ${line}\n>>> '${text}'\n`;
  }
  return new ConfigFileError(msg + reason);
}

/** Redis's sdstrim of " \t\r\n" on both ends. */
function trimLine(s: string): string {
  return s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
}

/**
 * Applies config text to `config` (Redis's loadServerConfigFromString).
 * Throws {@link ConfigFileError} with Redis's report on the first bad line.
 */
export function loadConfigText(config: Config, text: string, opts: LoadOptions = {}): void {
  const extras = extrasOf(config);
  const lines = text.split("\n");
  const wasLoading = config.parseContext.loading;
  config.parseContext.loading = true;
  try {
    for (let i = 0; i < lines.length; i++) {
      const line = trimLine(lines[i]);
      const linenum = i + 1;
      if (line.length === 0 || line[0] === "#") continue;
      const argv = splitInlineArgs(line);
      if (argv === null) throw fatal("Unbalanced quotes in configuration line", linenum, line);
      if (argv.length === 0) continue;
      const name = argv[0].toLowerCase();
      const spec = config.spec(name);
      if (spec) {
        try {
          config.setFromFile(spec, argv.slice(1), (s) => splitInlineArgs(s));
        } catch (e) {
          if (e instanceof ConfigError) throw fatal(e.message, linenum, line);
          throw e;
        }
        continue;
      }
      const argc = argv.length;
      if (DEPRECATED.some(([n, min, max]) => n === name && min <= argc && argc <= max)) continue;
      if (name === "include" && argc === 2) {
        for (const path of includePaths(argv[1], opts)) {
          let sub: string;
          try {
            sub = (opts.readFile ?? noFile)(path);
          } catch (e) {
            if (opts.onIncludeError) opts.onIncludeError(path, e as Error);
            throw e;
          }
          loadConfigText(config, sub, opts);
        }
      } else if (name === "rename-command" && argc === 3) {
        if (opts.commandExists && !opts.commandExists(argv[1].toLowerCase())) {
          throw fatal("No such command in rename-command", linenum, line);
        }
        extras.renames.push([argv[1], argv[2]]);
      } else if (name === "user" && argc >= 2) {
        extras.users.push(argv.slice(1));
      } else if (name === "loadmodule" && argc >= 2) {
        extras.modules.push(argv.slice(1));
      } else if (name.includes(".")) {
        if (argc < 2) throw fatal("Module config specified without value", linenum, line);
        throw fatal("Module configuration is not supported by Ferrous", linenum, line);
      } else if (name === "sentinel") {
        if (argc !== 1) {
          throw fatal("sentinel directive while not in sentinel mode", linenum, line);
        }
      } else {
        throw fatal("Bad directive or wrong number of arguments", linenum, line);
      }
    }
  } finally {
    config.parseContext.loading = wasLoading;
  }
}

function noFile(path: string): string {
  throw new Error("cannot read " + path);
}

function includePaths(path: string, opts: LoadOptions): string[] {
  if (/[*?[]/.test(path)) return opts.glob ? opts.glob(path) : [];
  return [path];
}

/** The check redis-server makes once the text is applied: the log file must be writable. */
export function checkLogFile(config: Config, canAppend: (path: string) => string | undefined) {
  const file = config.settings.logfile;
  if (file === "") return;
  const err = canAppend(file);
  if (err !== undefined) throw fatal("Can't open the log file: " + err);
}
