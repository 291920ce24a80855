#!/usr/bin/env -S deno run -A
/**
 * The Ferrous command line: `server.ts [/path/to/redis.conf] [--name value ...]`,
 * as redis-server takes them.
 *
 * @module
 */
import process from "node:process";
import { readFileSync } from "node:fs";
import { Config } from "./lib/config/config.ts";
import {
  applyDirectives,
  ConfigFileError,
  optionsToConfigText,
  parseConfigText,
} from "./lib/config/load.ts";
import { startFerrous } from "./lib/server/server.ts";
import { createLogger } from "./lib/server/log.ts";
import { runtimeInfo } from "./lib/transport/mod.ts";
import { FERROUS_VERSION, REDIS_VERSION } from "./lib/version.ts";

const USAGE = `Usage: ./server.ts [/path/to/redis.conf] [options] [-]
       ./server.ts - (read config from stdin)
       ./server.ts -v or --version
       ./server.ts -h or --help

Examples:
       ./server.ts (run the server with default conf)
       ./server.ts /etc/redis/6379.conf
       ./server.ts --port 7777
       ./server.ts /etc/myredis.conf --loglevel verbose
       ./server.ts --port 7777 --bind 127.0.0.1 --save ''
`;

function versionLine(): string {
  const rt = runtimeInfo();
  return `Ferrous server v=${FERROUS_VERSION} redis=${REDIS_VERSION} runtime=${rt.name} ${rt.version} bits=64`;
}

/** Parses argv into a Config (exits on errors, as redis-server does). */
function configFromArgs(args: string[]): Config {
  const config = new Config();
  let text = "";
  let rest = args;
  if (rest.length > 0 && !rest[0].startsWith("--")) {
    const file = rest[0];
    rest = rest.slice(1);
    try {
      text = file === "-" ? readFileSync(0, "latin1") : readFileSync(file, "latin1");
    } catch (e) {
      process.stderr.write(
        `Fatal error, can't open config file '${file}': ${(e as Error).message}\n`,
      );
      process.exit(1);
    }
  }
  try {
    const fromOptions = optionsToConfigText(rest);
    if (fromOptions) text += (text.endsWith("\n") || text === "" ? "" : "\n") + fromOptions;
    applyDirectives(config, parseConfigText(text), (p) => readFileSync(p, "latin1"));
  } catch (e) {
    if (e instanceof ConfigFileError) {
      process.stderr.write(e.message + "\n");
      process.exit(1);
    }
    throw e;
  }
  return config;
}

async function main(args: string[]): Promise<void> {
  if (args[0] === "-v" || args[0] === "--version") {
    console.log(versionLine());
    return;
  }
  if (args[0] === "-h" || args[0] === "--help") {
    process.stdout.write(USAGE);
    return;
  }
  const config = configFromArgs(args);
  const log = createLogger(config);
  const rt = runtimeInfo();
  log("notice", "oO0OoO0OoO0Oo Ferrous is starting oO0OoO0OoO0Oo");
  log(
    "notice",
    `Ferrous version=${FERROUS_VERSION} (Redis ${REDIS_VERSION} compatible), runtime=${rt.name} ${rt.version}, bits=64, pid=${process.pid}, just started`,
  );
  let server;
  try {
    server = await startFerrous({ config, log });
  } catch (e) {
    log("warning", `Failed listening on port ${config.settings.port}: ${(e as Error).message}`);
    process.exit(1);
  }
  log("notice", `Running mode=standalone, port=${server.port}.`);
  log("notice", "Server initialized");
  log("notice", "Ready to accept connections");
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("warning", `Received ${signal} scheduling shutdown...`);
    server.close().then(() => {
      log("warning", "Ferrous is now ready to exit, bye bye...");
      process.exit(0);
    });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

await main(process.argv.slice(2));
