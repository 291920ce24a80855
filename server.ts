#!/usr/bin/env -S deno run -A
/**
 * The Ferrous command line, as redis-server's:
 * `server.ts [/path/to/redis.conf] [--name value ...] [-]`.
 *
 * @module
 */
import process from "node:process";
import { appendFileSync, readdirSync, readFileSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Config } from "./lib/config/config.ts";
import {
  checkLogFile,
  ConfigFileError,
  configText,
  extrasOf,
  loadConfigText,
  parseCommandLine,
} from "./lib/config/load.ts";
import type { Engine } from "./lib/core/engine.ts";
import { ALL_COMMANDS } from "./lib/commands/mod.ts";
import { type FerrousServer, startFerrous } from "./lib/server/server.ts";
import { createLogger, formatLogLine } from "./lib/server/log.ts";
import { installIdleReclaim } from "./lib/server/reclaim.ts";
import { runtimeInfo } from "./lib/transport/mod.ts";
import { globMatch } from "./lib/store/glob.ts";
import { FERROUS_VERSION, REDIS_VERSION } from "./lib/version.ts";

const USAGE = `Usage: ./server.ts [/path/to/redis.conf] [options] [-]
       ./server.ts - (read config from stdin)
       ./server.ts -v or --version
       ./server.ts -h or --help

Examples:
       ./server.ts (run the server with default conf)
       echo 'maxmemory 128mb' | ./server.ts -
       ./server.ts /etc/redis/6379.conf
       ./server.ts --port 7777
       ./server.ts --port 7777 --replicaof 127.0.0.1 8888
       ./server.ts /etc/myredis.conf --loglevel verbose -
       ./server.ts /etc/myredis.conf --loglevel verbose

`;

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EROFS: "Read-only file system",
};

function errnoText(e: unknown): string {
  return ERRNO_TEXT[(e as { code?: string }).code ?? ""] ?? (e as Error).message;
}

/** Writes to a file descriptor at once: the process may exit right after. */
function writeOut(fd: number, text: string): void {
  writeSync(fd, new TextEncoder().encode(text));
}

/** A log line written before the server runs (Redis marks its role `C` then). */
function earlyLog(message: string): void {
  writeOut(1, formatLogLine("warning", message).replace(/^(\d+):M /, "$1:C ") + "\n");
}

function versionLine(): string {
  const rt = runtimeInfo();
  return `Ferrous server v=${FERROUS_VERSION} redis=${REDIS_VERSION} runtime=${rt.name} ${rt.version} bits=64\n`;
}

function readStdin(): string {
  try {
    return readFileSync(0, "latin1");
  } catch {
    return readFileSync("/dev/stdin", "latin1");
  }
}

/** Files matching a glob in their last path component (what `include /dir/*.conf` needs). */
function globFiles(pattern: string): string[] {
  const dir = dirname(pattern);
  const base = basename(pattern);
  try {
    return readdirSync(dir).filter((f) => globMatch(base, f)).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Reads the config file, stdin and options into a Config, exiting as redis-server does on errors. */
function configFromArgs(args: string[]): Config {
  const config = new Config();
  const commandLine = parseCommandLine(args);
  let fileText = "";
  const file = commandLine.configFile;
  if (file !== undefined) {
    config.configFile = resolve(file);
    const paths = /[*?[]/.test(file) ? globFiles(file) : [file];
    for (const p of paths) {
      try {
        fileText += readFileSync(p, "latin1");
      } catch (e) {
        earlyLog(`Fatal error, can't open config file '${p}': ${errnoText(e)}`);
        process.exit(1);
      }
    }
  }
  let stdinText = "";
  if (commandLine.stdin) {
    earlyLog("Reading config from stdin");
    stdinText = readStdin();
  }
  const names = new Set<string>();
  for (const def of ALL_COMMANDS) names.add(def.name);
  try {
    loadConfigText(config, configText(fileText, stdinText, commandLine.options), {
      readFile: (p) => readFileSync(p, "latin1"),
      glob: globFiles,
      commandExists: (n) => names.has(n),
      onIncludeError: (p, e) => {
        earlyLog(`Fatal error, can't open config file '${p}': ${errnoText(e)}`);
        process.exit(1);
      },
    });
    checkLogFile(config, (path) => {
      try {
        appendFileSync(path, "");
        return undefined;
      } catch (e) {
        return errnoText(e);
      }
    });
  } catch (e) {
    if (e instanceof ConfigFileError) {
      writeOut(2, e.message + "\n");
      process.exit(1);
    }
    throw e;
  }
  return config;
}

/** Applies `rename-command` directives to the command table. */
function applyRenames(engine: Engine, config: Config): void {
  for (const [from, to] of extrasOf(config).renames) {
    engine.commands.rename(from, to);
  }
}

async function main(args: string[]): Promise<void> {
  if (args[0] === "-v" || args[0] === "--version") {
    writeOut(1, versionLine());
    process.exit(0);
  }
  if (args[0] === "-h" || args[0] === "--help") {
    writeOut(2, USAGE);
    process.exit(1);
  }
  const config = configFromArgs(args);
  const log = createLogger(config);
  const rt = runtimeInfo();
  log("warning", "oO0OoO0OoO0Oo Ferrous is starting oO0OoO0OoO0Oo");
  log(
    "warning",
    `Ferrous version=${FERROUS_VERSION}, redis=${REDIS_VERSION}, runtime=${rt.name} ${rt.version}, bits=64, pid=${process.pid}, just started`,
  );
  if (args.length === 0) {
    log(
      "warning",
      "Warning: no config file specified, using the default config. In order to specify a config file use server.ts /path/to/redis.conf",
    );
  } else {
    log("warning", "Configuration loaded");
  }
  // Signals are handled from the start: a SIGTERM during start-up also exits cleanly.
  let server: FerrousServer | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("warning", `Received ${signal} scheduling shutdown...`);
    log("warning", "User requested shutdown...");
    (server?.close() ?? Promise.resolve()).then(() => {
      log("warning", "Ferrous is now ready to exit, bye bye...");
      process.exit(0);
    });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  try {
    server = await startFerrous({
      config,
      log,
      onShutdown: () => {
        log("warning", "Ferrous is now ready to exit, bye bye...");
        process.exit(0);
      },
    });
  } catch (e) {
    log("warning", `Failed listening on port ${config.settings.port} (tcp), aborting.`);
    log("warning", (e as Error).message);
    process.exit(1);
  }
  if (stopping) {
    await server.close();
    return;
  }
  applyRenames(server.engine, config);
  // A full collection when idle returns memory to the OS; it pauses the
  // process (~170 ms per 1M keys), so operators who prefer flat latency over
  // RSS can turn it off.
  if (process.env.FERROUS_IDLE_GC !== "off") installIdleReclaim(server.engine);
  log("notice", `Running mode=standalone, port=${server.port}.`);
  log("warning", "Server initialized");
  log("notice", "Ready to accept connections");
}

await main(process.argv.slice(2));
