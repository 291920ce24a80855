/**
 * The engine's command table: commands by name, each built from its
 * definition the first time it is looked up.
 *
 * Building a command derives its flag set, ACL categories and legacy key
 * range. Doing that for all ~240 commands and their subcommands when an
 * engine starts took 1-1.5 ms of a cold in-process start (most of it the
 * first run of that code), while a server answers its first command after
 * building only that one.
 *
 * @module
 */
import { buildCommand, type Command, type CommandDefinition } from "./command.ts";

interface Registered {
  def: CommandDefinition;
  /** Registration order: Command.id and the order COMMAND lists. */
  id: number;
  cmd: Command | undefined;
}

/** A definition list's names and ids (registration order; a repeated name keeps its first id and its last definition). */
interface BaseIndex {
  ids: Map<string, number>;
  defs: CommandDefinition[];
}

/**
 * Indexes of the definition lists tables were created with, shared by every
 * table (every engine) of the process: ALL_COMMANDS is indexed once, not
 * per engine (~240 Map insertions, ~0.1 ms of a cold start).
 */
const baseIndexes = new WeakMap<readonly CommandDefinition[], BaseIndex>();

const baseIndex =
  ((function eager() {})(), function baseIndex(defs: readonly CommandDefinition[]): BaseIndex {
    let index = baseIndexes.get(defs);
    if (index === undefined) {
      index = { ids: new Map(), defs: [] };
      for (const def of defs) {
        const id = index.ids.get(def.name);
        if (id === undefined) {
          index.ids.set(def.name, index.defs.length);
          index.defs.push(def);
        } else index.defs[id] = def;
      }
      baseIndexes.set(defs, index);
    }
    return index;
  });

const NO_COMMANDS: readonly CommandDefinition[] = [];

/**
 * Commands by name, as clients send them: lowercase and uppercase names hit
 * directly, anything else is found after lowercasing.
 *
 * @example
 * ```ts
 * const table = new CommandTable();
 * table.define(pingDefinition);
 * table.get("PING")?.fullName; // "ping" (built now)
 * table.list().length; // 1
 * ```
 */
export class CommandTable {
  /** Built commands by name (lowercase and uppercase, or as renamed). */
  private readonly built = new Map<string, Command>();
  /** The base definitions (see {@link baseIndex}), shared with other tables. */
  private readonly base: BaseIndex;
  /** Ids of the names defined after the base (new names, or base names defined again). */
  private readonly ownIds = new Map<string, number>();
  /** Entries by id; a base entry is made when its command is first looked up or listed. */
  private readonly entries: Array<Registered | undefined> = [];
  /** Number of ids given out. */
  private count: number;
  private listed: Command[] | undefined;
  /**
   * The last name looked up and what it found: a pipeline repeats one
   * command, and its name is the same string each time (the parser's
   * argument cache), so the check is a pointer compare, not a Map lookup.
   */
  private lastName: string | undefined = undefined;
  private lastFound: Command | undefined = undefined;

  /** A table of `base`'s commands (each built on first lookup); `define` adds more. */
  constructor(base: readonly CommandDefinition[] = NO_COMMANDS) {
    this.base = baseIndex(base);
    this.count = this.base.defs.length;
  }

  /** Adds a command, to be built on first use. Defining a name again replaces its command. */
  define(def: CommandDefinition): void {
    this.lastName = undefined;
    const name = def.name;
    // The name's unbuilt entry, or the built command answering to it now (a
    // rename's target too), is replaced; a name renamed away gets a new id.
    let id = this.unbuilt(name)?.id ?? this.built.get(name)?.id;
    if (id === undefined) id = this.count++;
    else {
      this.built.delete(name);
      this.built.delete(name.toUpperCase());
    }
    this.ownIds.set(name, id);
    this.entries[id] = { def, id, cmd: undefined };
    this.listed = undefined;
  }

  /** The command named `name` (case-insensitive), or undefined. */
  declare get: (name: string) => Command | undefined;

  declare private idOf: (name: string) => number | undefined;

  declare private entry: (id: number) => Registered;

  /** The entry registered as `name` when its command is not built yet. */
  declare private unbuilt: (name: string) => Registered | undefined;

  declare private build: (entry: Registered) => Command;

  /**
   * `rename-command from to`: the command answers to `to` only (to nothing
   * when `to` is empty). Returns false when there is no command `from`.
   */
  rename(from: string, to: string): boolean {
    const cmd = this.get(from);
    if (cmd === undefined) return false;
    for (const [name, c] of this.built) if (c === cmd) this.built.delete(name);
    this.lastName = undefined;
    if (to !== "") {
      this.built.set(to, cmd);
      this.built.set(to.toLowerCase(), cmd);
    }
    return true;
  }

  /** Every command in registration order, renamed ones included (COMMAND, INFO commandstats). */
  list(): readonly Command[] {
    if (this.listed !== undefined) return this.listed;
    const out: Command[] = [];
    for (let id = 0; id < this.count; id++) {
      const entry = this.entry(id);
      out.push(entry.cmd ?? this.build(entry));
    }
    return this.listed = out;
  }

  static {
    // Methods a first command runs, compiled with the module (README, "Start-up").
    CommandTable.prototype.get = ((function eager() {})(), function get(
      this: CommandTable,
      name: string,
    ): Command | undefined {
      if (name === this.lastName) return this.lastFound;
      const cmd = this.built.get(name);
      if (cmd !== undefined) {
        this.lastName = name;
        this.lastFound = cmd;
        return cmd;
      }
      const unbuilt = this.unbuilt(name);
      if (unbuilt !== undefined) return this.build(unbuilt);
      const lower = name.toLowerCase();
      const entry = lower === name ? undefined : this.unbuilt(lower);
      return entry !== undefined ? this.build(entry) : this.built.get(lower);
    });

    CommandTable.prototype.idOf = ((function eager() {})(), function idOf(
      this: CommandTable,
      name: string,
    ): number | undefined {
      return this.ownIds.get(name) ?? this.base.ids.get(name);
    });

    CommandTable.prototype.entry = ((function eager() {})(), function entry(
      this: CommandTable,
      id: number,
    ): Registered {
      return this.entries[id] ??= { def: this.base.defs[id], id, cmd: undefined };
    });

    CommandTable.prototype.unbuilt = ((function eager() {})(), function unbuilt(
      this: CommandTable,
      name: string,
    ): Registered | undefined {
      const id = this.idOf(name);
      if (id === undefined) return undefined;
      const entry = this.entry(id);
      // The id may have passed to another name (a rename's target defined again).
      return entry.cmd === undefined && entry.def.name === name ? entry : undefined;
    });

    CommandTable.prototype.build = ((function eager() {})(), function build(
      this: CommandTable,
      entry: Registered,
    ): Command {
      const cmd = buildCommand(entry.def, undefined, entry.id);
      entry.cmd = cmd;
      const name = entry.def.name;
      this.built.set(name, cmd);
      this.built.set(name.toUpperCase(), cmd);
      return cmd;
    });
  }
}
