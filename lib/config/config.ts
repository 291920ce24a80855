/**
 * The server's configuration: every parameter of the table with its typed
 * value, the canonical text CONFIG GET prints, and the typed
 * {@link Settings} the hot paths read. CONFIG SET, redis.conf and the
 * command line all go through {@link Config}.
 *
 * @module
 */
import { ConfigError } from "./error.ts";
import { PARAMETERS } from "./parameters.ts";
import {
  DENY_LOADING,
  IMMUTABLE,
  MULTI_ARG,
  type ParamSpec,
  type ParseContext,
  PROTECTED,
} from "./spec.ts";
import { defaultSettings, type Settings } from "./settings.ts";

export { ConfigError };
export type { ParamSpec, Settings };

/** A name CONFIG GET/SET knows: a primary name or an alias. */
export interface ParamName {
  /** The name as Redis registers it (lowercase). */
  name: string;
  spec: ParamSpec;
  alias: boolean;
}

/**
 * Makes a changed parameter take effect (e.g. re-listen on a new port).
 * Throwing a {@link ConfigError} refuses the change: CONFIG SET then restores
 * every parameter of the call and replies with the error's text.
 */
export type ApplyHook = (name: string, value: string) => void;

/** Who runs CONFIG SET, for protected parameters and the loading state. */
export interface SetOptions {
  /** The client is local (loopback or Unix socket): `enable-protected-configs local` lets it through. */
  local?: boolean;
  /** A dataset is loading: parameters flagged DENY_LOADING are refused. */
  loading?: boolean;
}

/**
 * The configuration.
 *
 * @example
 * ```ts
 * const c = new Config();
 * c.set("maxmemory", "1mb");
 * c.get("maxmemory"); // "1048576"
 * ```
 *
 * Parameters that need work to take effect at run time (`port` and `bind`
 * re-listen, `hz` restarts the cron, ...) register an apply hook; a hook
 * that throws a ConfigError makes CONFIG SET restore every value of the
 * call, as Redis's apply functions do:
 *
 * ```ts
 * config.onApply("port", (_name, value) => {
 *   if (!relisten(Number(value))) {
 *     throw new ConfigError("Unable to listen on this port. Check server logs.");
 *   }
 * });
 * ```
 */
export class Config {
  readonly settings: Settings = defaultSettings();
  /** Called after a parameter changed (after its apply hooks accepted it). */
  onChange: ((name: string, value: string) => void) | undefined;
  /** The config file the server was started with (absolute path), for CONFIG REWRITE. */
  configFile: string | undefined;
  /** The `user` lines CONFIG REWRITE writes (set by ACL; the default user from requirepass otherwise). */
  rewriteUsers: (() => string[]) | undefined;
  /** Parse state shared by the loader (save lines accumulate after the first). */
  readonly parseContext: ParseContext = { loading: false, saveLoaded: false };
  /**
   * Typed values by primary name, of the parameters set since start: the
   * others hold their spec's default. A new Config does no work per
   * parameter (its settings start as {@link defaultSettings}), which keeps a
   * cold in-process start short.
   */
  private readonly typed = new Map<string, unknown>();
  /** Canonical texts by primary name, formatted when first asked for. */
  private readonly texts = new Map<string, string>();
  private readonly hooks = new Map<string, ApplyHook[]>();

  private store(spec: ParamSpec, value: unknown): void {
    this.typed.set(spec.name, value);
    this.texts.delete(spec.name);
    spec.apply?.(this.settings, value);
  }

  /** The canonical text of a parameter's stored value (by primary name). */
  private text(spec: ParamSpec): string {
    let t = this.texts.get(spec.name);
    if (t === undefined) {
      t = spec.format(this.stored(spec));
      this.texts.set(spec.name, t);
    }
    return t;
  }

  private stored(spec: ParamSpec): unknown {
    const t = this.typed.get(spec.name);
    return t !== undefined || this.typed.has(spec.name) ? t : spec.defaultValue;
  }

  /** Looks up a name or alias (case-insensitive). */
  lookup(name: string): ParamName | undefined {
    const byName = nameIndex().byName;
    return byName.get(name) ?? byName.get(name.toLowerCase());
  }

  /** The spec of a parameter by name or alias (case-insensitive), or undefined. */
  spec(name: string): ParamSpec | undefined {
    return this.lookup(name)?.spec;
  }

  /** Every name and alias, in table order (CONFIG GET patterns iterate this). */
  allNames(): readonly ParamName[] {
    return nameIndex().names;
  }

  /** Canonical value of a parameter (by name or alias), or undefined if unknown. */
  get(name: string): string | undefined {
    const spec = this.spec(name);
    if (spec === undefined) return undefined;
    if (spec.read) return spec.format(spec.read());
    return this.text(spec);
  }

  /** The typed value of a parameter (as its spec parses it). */
  typedValue(spec: ParamSpec): unknown {
    return spec.read ? spec.read() : this.stored(spec);
  }

  /** Registers a hook that makes a change of `name` take effect (see {@link ApplyHook}). */
  onApply(name: string, hook: ApplyHook): void {
    const spec = this.spec(name);
    if (!spec) throw new Error("unknown config parameter " + name);
    const list = this.hooks.get(spec.name) ?? [];
    list.push(hook);
    this.hooks.set(spec.name, list);
  }

  /**
   * Stores a value already in its parameter's parsed form (what the spec's
   * parse returns: a bigint for a numeric parameter, a string array for
   * `bind`, `[seconds, changes]` pairs for `save`), skipping the text parse.
   * For values the caller made and knows valid, such as an embedded
   * server's defaults (see ./embedded.ts) or the port the system picked.
   */
  setParsed(name: string, value: unknown): void {
    const n = this.lookup(name);
    if (!n) throw new Error("unknown config parameter " + name);
    this.commit(n.spec, value, this.typedValue(n.spec));
  }

  /**
   * Sets one parameter from a single value (split on spaces for multi-argument
   * parameters, as CONFIG SET does). `startup` allows immutable parameters
   * and reads `save` as a config file line would. Throws {@link ConfigError}.
   */
  set(name: string, raw: string, startup = false): void {
    const n = this.lookup(name);
    if (!n) {
      throw new ConfigError(
        "Unknown option or number of arguments for CONFIG SET - '" + name + "'",
      );
    }
    if (n.spec.flags & IMMUTABLE && !startup) throw new ConfigError("can't set immutable config");
    const ctx = startup ? this.parseContext : { loading: false, saveLoaded: true };
    const prev = this.typedValue(n.spec);
    this.commit(n.spec, n.spec.parse(splitMulti(n.spec, raw), prev, ctx), prev);
  }

  /**
   * Sets a parameter from a config file line's arguments (after the name), as
   * Redis's loadServerConfigFromString: one argument for ordinary
   * parameters, and a lone non-empty argument of a multi-argument one is
   * split with quotes (`--save "60 100"`). Throws {@link ConfigError}.
   */
  setFromFile(spec: ParamSpec, args: string[], splitArgs: (s: string) => string[] | null): void {
    const multi = (spec.flags & MULTI_ARG) !== 0;
    if (!multi && args.length !== 1) throw new ConfigError("wrong number of arguments");
    let values = args;
    if (multi && args.length === 1 && args[0] !== "") {
      values = splitArgs(args[0]) ?? [];
    }
    const prev = this.typedValue(spec);
    this.commit(spec, spec.parse(values, prev, this.parseContext), prev);
  }

  private commit(spec: ParamSpec, value: unknown, prev: unknown): void {
    if (this.onChange === undefined) return this.store(spec, value);
    const before = spec.format(prev);
    this.store(spec, value);
    const after = this.text(spec);
    if (before !== after) this.onChange(spec.name, after);
  }

  /**
   * CONFIG SET with several name/value pairs: all are set or none, with Redis
   * 7.0's checks and order of errors. Returns the error reply text, or
   * undefined when every parameter was set.
   */
  setMany(pairs: Array<[string, string]>, opts: SetOptions = {}): string | undefined {
    let invalidArg: string | undefined;
    let errArg = "";
    let errStr: string | undefined;
    let invalid = false;
    let denyLoading = false;
    const chosen: Array<ParamName | undefined> = [];
    for (let i = 0; i < pairs.length; i++) {
      const given = pairs[i][0];
      const n = this.lookup(given);
      chosen.push(undefined);
      if (!n) {
        if (!invalid) {
          invalidArg = given;
          invalid = true;
        }
        continue;
      }
      if (invalid) continue;
      const flags = n.spec.flags;
      if (flags & IMMUTABLE || (flags & PROTECTED && !this.protectedAllowed(opts.local ?? false))) {
        errStr = flags & IMMUTABLE ? "can't set immutable config" : "can't set protected config";
        errArg = given;
        invalid = true;
        continue;
      }
      if (opts.loading && flags & DENY_LOADING) {
        denyLoading = true;
        invalid = true;
        continue;
      }
      if (chosen.some((c) => c?.spec === n.spec)) {
        errStr = "duplicate parameter";
        errArg = given;
        invalid = true;
      }
      chosen[i] = n;
    }
    if (!invalid) {
      const result = this.setAll(chosen as ParamName[], pairs);
      if (result === undefined) return undefined;
      [errArg, errStr] = result;
    }
    if (denyLoading) return "LOADING Redis is loading the dataset in memory";
    if (invalidArg !== undefined) {
      return "ERR Unknown option or number of arguments for CONFIG SET - '" + invalidArg + "'";
    }
    if (errStr !== undefined) {
      return "ERR CONFIG SET failed (possibly related to argument '" + errArg + "') - " + errStr;
    }
    return "ERR CONFIG SET failed (possibly related to argument '" + errArg + "')";
  }

  private protectedAllowed(local: boolean): boolean {
    const mode = this.settings.enableProtectedConfigs;
    return mode === "yes" || (mode === "local" && local);
  }

  /** Sets, then applies; restores everything on the first failure. Returns [name, reason] on failure. */
  private setAll(
    chosen: ParamName[],
    pairs: Array<[string, string]>,
  ): [string, string | undefined] | undefined {
    const old = chosen.map((n) => this.typedValue(n.spec));
    const oldText = chosen.map((n) => this.get(n.name)!);
    const ctx: ParseContext = { loading: false, saveLoaded: true };
    const changed: number[] = [];
    const restore = (upTo: number) => {
      for (let j = 0; j < upTo; j++) {
        const spec = chosen[j].spec;
        // Parameters living outside the table (dir) are restored by setting them again.
        if (spec.read) {
          try {
            spec.parse(splitMulti(spec, oldText[j]), old[j], ctx);
          } catch { /* nothing better to do */ }
        }
        this.store(spec, old[j]);
      }
    };
    for (let i = 0; i < chosen.length; i++) {
      const spec = chosen[i].spec;
      let value: unknown;
      try {
        value = spec.parse(splitMulti(spec, pairs[i][1]), old[i], ctx);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        restore(i + 1);
        return [chosen[i].name, e.message];
      }
      this.store(spec, value);
      if (spec.format(value) !== oldText[i] || spec.read) changed.push(i);
    }
    const ran = new Set<ApplyHook>();
    for (const i of changed) {
      const spec = chosen[i].spec;
      for (const hook of this.hooks.get(spec.name) ?? []) {
        if (ran.has(hook)) continue;
        ran.add(hook);
        try {
          hook(spec.name, this.text(spec));
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          restore(chosen.length);
          for (const j of changed) {
            const name = chosen[j].spec.name;
            for (const h of this.hooks.get(name) ?? []) {
              if (h === hook || !ran.has(h)) continue;
              try {
                h(name, this.text(chosen[j].spec));
              } catch { /* restoring: keep going */ }
            }
          }
          return [chosen[i].name, e.message];
        }
      }
    }
    for (const i of changed) {
      const spec = chosen[i].spec;
      this.onChange?.(spec.name, this.text(spec));
    }
    return undefined;
  }
}

/** Names and aliases of the parameter table, the same for every Config: built on first use. */
let names: { byName: Map<string, ParamName>; names: ParamName[] } | undefined;

const nameIndex =
  ((function eager() {})(),
    function nameIndex(): { byName: Map<string, ParamName>; names: ParamName[] } {
      if (names !== undefined) return names;
      const index = { byName: new Map<string, ParamName>(), names: [] as ParamName[] };
      const add = (n: ParamName) => {
        index.byName.set(n.name, n);
        index.names.push(n);
      };
      for (const spec of PARAMETERS) {
        add({ name: spec.name, spec, alias: false });
        if (spec.alias) add({ name: spec.alias, spec, alias: true });
      }
      return names = index;
    });

/** CONFIG SET's split of a multi-argument value: on single spaces, nothing for an empty value. */
function splitMulti(spec: ParamSpec, raw: string): string[] {
  if ((spec.flags & MULTI_ARG) === 0) return [raw];
  return raw === "" ? [] : raw.split(" ");
}
