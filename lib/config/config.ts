/**
 * The server's configuration: every parameter the server honours, with its
 * default, how it parses, and what applying it changes. CONFIG GET/SET, the
 * redis.conf loader and the command line all go through {@link Config}.
 *
 * @module
 */
import { PARAMETERS, type ParamSpec } from "./parameters.ts";
import { ConfigError } from "./error.ts";

/** Typed view of the parameters the hot paths read. */
export interface Settings {
  port: number;
  bind: string[];
  unixsocket: string;
  unixsocketperm: number;
  requirepass: string;
  databases: number;
  dir: string;
  dbfilename: string;
  loglevel: string;
  logfile: string;
  protoMaxBulkLen: number;
  clientQueryBufferLimit: number;
  maxclients: number;
  hz: number;
  activeExpireEnabled: boolean;
  notifyKeyspaceEvents: number;
  hashMaxListpackEntries: number;
  hashMaxListpackValue: number;
  setMaxIntsetEntries: number;
  zsetMaxListpackEntries: number;
  zsetMaxListpackValue: number;
  listMaxListpackSize: number;
  listCompressDepth: number;
  streamNodeMaxBytes: number;
  streamNodeMaxEntries: number;
  timeout: number;
  enableDebugCommand: string;
  luaTimeLimit: number;
  latencyTrackingInfoPercentiles: number[];
  maxmemory: number;
  maxmemoryPolicy: string;
  appendonly: boolean;
  save: string;
  slowlogLogSlowerThan: number;
  slowlogMaxLen: number;
}

export { ConfigError };

/**
 * Holds parameter values as the canonical strings CONFIG GET prints, plus the
 * typed {@link Settings}.
 *
 * @example
 * ```ts
 * const c = new Config();
 * c.set("maxmemory", "1mb");
 * c.get("maxmemory"); // "1048576"
 * ```
 */
export class Config {
  readonly values: Map<string, string> = new Map();
  readonly settings: Settings = {} as Settings;
  /** Called after a parameter changed, e.g. to re-listen on a new port. */
  onChange: ((name: string, value: string) => void) | undefined;
  private readonly byName = new Map<string, ParamSpec>();

  constructor() {
    for (const p of PARAMETERS) {
      this.byName.set(p.name, p);
      for (const a of p.aliases ?? []) this.byName.set(a, p);
      this.values.set(p.name, p.default);
      p.apply?.(this.settings, p.parse ? p.parse(p.default) : p.default);
    }
  }

  /** The spec of a parameter by name or alias (case-insensitive), or undefined. */
  spec(name: string): ParamSpec | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Canonical value of a parameter, or undefined if unknown. */
  get(name: string): string | undefined {
    const p = this.spec(name);
    return p ? this.values.get(p.name) : undefined;
  }

  /** All parameters (canonical names), for CONFIG GET patterns. */
  params(): ParamSpec[] {
    return PARAMETERS;
  }

  /**
   * Validates and sets a parameter; throws {@link ConfigError} with Redis's
   * reason text. `startup` allows immutable parameters.
   */
  set(name: string, raw: string, startup = false): void {
    const p = this.spec(name);
    if (!p) {
      throw new ConfigError(
        "Unknown option or number of arguments for CONFIG SET - '" + name + "'",
      );
    }
    if (p.immutable && !startup) throw new ConfigError("can't set immutable config");
    const parsed = p.parse ? p.parse(raw) : raw;
    const canonical = p.format ? p.format(parsed) : String(parsed);
    this.values.set(p.name, canonical);
    p.apply?.(this.settings, parsed);
    this.onChange?.(p.name, canonical);
  }
}
