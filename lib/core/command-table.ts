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
  /** Registered commands not built yet, by (lowercase) name. */
  private readonly pending = new Map<string, Registered>();
  /** The latest definition of each name, in registration order. */
  private readonly registered: Registered[] = [];
  private listed: Command[] | undefined;
  /**
   * The last name looked up and what it found: a pipeline repeats one
   * command, and its name is the same string each time (the parser's
   * argument cache), so the check is a pointer compare, not a Map lookup.
   */
  private lastName: string | undefined = undefined;
  private lastFound: Command | undefined = undefined;

  /** Adds a command, to be built on first use. Defining a name again replaces its command. */
  define(def: CommandDefinition): void {
    this.lastName = undefined;
    const name = def.name;
    let id = this.pending.get(name)?.id ?? this.built.get(name)?.id;
    if (id === undefined) id = this.registered.length;
    else {
      this.built.delete(name);
      this.built.delete(name.toUpperCase());
    }
    const entry: Registered = { def, id, cmd: undefined };
    this.registered[id] = entry;
    this.pending.set(name, entry);
    this.listed = undefined;
  }

  /** The command named `name` (case-insensitive), or undefined. */
  get(name: string): Command | undefined {
    if (name === this.lastName) return this.lastFound;
    const cmd = this.built.get(name);
    if (cmd !== undefined) {
      this.lastName = name;
      this.lastFound = cmd;
      return cmd;
    }
    let entry = this.pending.get(name);
    if (entry !== undefined) return this.build(entry);
    const lower = name.toLowerCase();
    entry = this.pending.get(lower);
    return entry !== undefined ? this.build(entry) : this.built.get(lower);
  }

  private build(entry: Registered): Command {
    const cmd = buildCommand(entry.def, undefined, entry.id);
    entry.cmd = cmd;
    const name = entry.def.name;
    this.pending.delete(name);
    this.built.set(name, cmd);
    this.built.set(name.toUpperCase(), cmd);
    return cmd;
  }

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
    for (const entry of this.registered) out.push(entry.cmd ?? this.build(entry));
    return this.listed = out;
  }
}
