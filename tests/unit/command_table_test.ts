/**
 * The command table builds a command on its first lookup
 * (lib/core/command-table.ts): lookups by any case, rename-command, the
 * full list in registration order, and a name defined again.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CommandTable } from "../../lib/core/command-table.ts";
import type { CommandDefinition } from "../../lib/core/command.ts";
import { ALL_COMMANDS } from "../../lib/commands/mod.ts";

const def = (name: string, arity = 1): CommandDefinition => ({
  name,
  arity,
  flags: ["fast"],
  docs: { summary: name, since: "1.0.0", group: "server", complexity: "O(1)" },
});

describe("CommandTable", () => {
  test("builds a command on first lookup, once, whatever the name's case", () => {
    const table = new CommandTable();
    const ping = def("ping");
    table.define(ping);
    table.define(def("echo", 2));
    const first = table.get("PING");
    assert.equal(first?.fullName, "ping");
    assert.deepEqual(first?.acl, ["fast"]);
    assert.equal(table.get("ping"), first);
    assert.equal(table.get("PiNg"), first);
    assert.equal(table.get("Echo")?.arity, 2);
    assert.equal(table.get("nosuch"), undefined);
    assert.equal(table.get("NOSUCH"), undefined);
  });

  test("lists every command in registration order with its id, building the rest", () => {
    const table = new CommandTable();
    for (const name of ["a", "b", "c"]) table.define(def(name));
    const b = table.get("b");
    const list = table.list();
    assert.deepEqual(list.map((c) => c.name), ["a", "b", "c"]);
    assert.deepEqual(list.map((c) => c.id), [0, 1, 2]);
    assert.equal(list[1], b);
    assert.equal(table.get("c"), list[2]);
  });

  test("a name defined again replaces its command in lookups and in the list", () => {
    const table = new CommandTable();
    table.define(def("a"));
    table.define(def("b"));
    const old = table.get("a");
    table.define(def("a", -2));
    assert.notEqual(table.get("a"), old);
    assert.equal(table.get("A")?.arity, -2);
    assert.deepEqual(table.list().map((c) => [c.name, c.arity, c.id]), [["a", -2, 0], ["b", 1, 1]]);
  });

  test("rename-command: the new name only, in any case; an empty name removes it", () => {
    const table = new CommandTable();
    table.define(def("get", 2));
    table.define(def("set", -3));
    assert.equal(table.rename("GET", "Fetch"), true);
    assert.equal(table.get("get"), undefined);
    assert.equal(table.get("GET"), undefined);
    assert.equal(table.get("fetch")?.name, "get");
    assert.equal(table.get("Fetch")?.name, "get");
    assert.equal(table.get("FETCH")?.name, "get");
    assert.equal(table.rename("set", ""), true);
    assert.equal(table.get("set"), undefined);
    assert.equal(table.rename("nosuch", "x"), false);
    // COMMAND still lists renamed commands, as before the table was lazy.
    assert.deepEqual(table.list().map((c) => c.name), ["get", "set"]);
  });

  test("the last lookup, remembered for pipelines, never outlives a rename or a redefinition", () => {
    const table = new CommandTable();
    table.define(def("get", 2));
    const get = table.get("GET");
    assert.equal(table.get("GET"), get);
    table.rename("get", "fetch");
    assert.equal(table.get("GET"), undefined);
    assert.equal(table.get("fetch"), get);
    table.define(def("fetch", 3));
    // "get" was renamed away: its id went to the new "fetch", not back to "get".
    assert.equal(table.get("get"), undefined);
    assert.equal(table.get("fetch")?.arity, 3);
    table.rename("fetch", "");
    assert.equal(table.get("fetch"), undefined);
  });

  test("every real command builds to what an eager build gives (subcommands included)", () => {
    const table = new CommandTable();
    for (const d of ALL_COMMANDS) table.define(d);
    const config = table.get("CONFIG");
    assert.equal(config?.subcommands?.get("get")?.fullName, "config|get");
    assert.equal(table.list().length, ALL_COMMANDS.length);
    for (const d of ALL_COMMANDS) {
      const cmd = table.get(d.name)!;
      assert.equal(cmd.name, d.name);
      assert.equal(cmd.arity, d.arity);
      assert.equal(cmd.subcommands?.size, d.subcommands?.length);
    }
  });

  test("tables made from one definition list share it, and each keeps its own changes", () => {
    const base = [def("get", 2), def("set", -3), def("get", 3)];
    const a = new CommandTable(base);
    const b = new CommandTable(base);
    // A repeated name keeps its first id and its last definition, as define does.
    assert.deepEqual(a.list().map((c) => [c.name, c.arity, c.id]), [["get", 3, 0], ["set", -3, 1]]);
    a.define(def("set", 4));
    a.define(def("echo", 2));
    a.rename("get", "fetch");
    assert.equal(a.get("SET")?.arity, 4);
    assert.equal(a.get("get"), undefined);
    assert.equal(a.get("FETCH")?.arity, 3);
    assert.deepEqual(a.list().map((c) => [c.name, c.id]), [["get", 0], ["set", 1], ["echo", 2]]);
    // b saw none of it: its commands are built from the shared definitions.
    assert.equal(b.get("set")?.arity, -3);
    assert.notEqual(b.get("get"), undefined);
    assert.equal(b.get("fetch"), undefined);
    assert.equal(b.get("echo"), undefined);
    assert.deepEqual(b.list().map((c) => c.name), ["get", "set"]);
    assert.notEqual(b.get("get"), a.get("fetch"));
  });

  test("a name renamed away and defined again is a new command; the renamed one stays listed", () => {
    const table = new CommandTable([def("get", 2), def("set", -3)]);
    table.rename("get", "fetch");
    table.define(def("get", 5));
    assert.equal(table.get("get")?.arity, 5);
    assert.equal(table.get("fetch")?.arity, 2);
    assert.deepEqual(table.list().map((c) => [c.name, c.arity, c.id]), [
      ["get", 2, 0],
      ["set", -3, 1],
      ["get", 5, 2],
    ]);
  });

  test("random defines, lookups, renames and lists agree with a plain model of the table", () => {
    const names = ["get", "set", "fetch", "del", "x"];
    let seed = 7;
    // mulberry32: a small seeded generator whose low bits are usable (an LCG's are not).
    const random = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) % n);
    };
    const cased = (n: string) => [n, n.toUpperCase(), n[0].toUpperCase() + n.slice(1)][random(3)];
    const show = (c: { name: string; arity: number; id: number } | undefined) =>
      c === undefined ? "none" : `${c.name}/${c.arity}/${c.id}`;
    for (let trial = 0; trial < 2000; trial++) {
      const base: CommandDefinition[] = [];
      for (let i = random(4); i > 0; i--) base.push(def(names[random(5)], random(5) + 1));
      const table = new CommandTable(base);
      const model = new ModelTable();
      for (const d of base) model.define(d);
      const steps: string[] = [];
      for (let step = 0; step < 12; step++) {
        const op = random(4);
        let got: string;
        let want: string;
        if (op === 0) {
          const d = def(names[random(5)], random(9) + 1);
          table.define(d);
          model.define(d);
          steps.push(`define ${d.name}/${d.arity}`);
          continue;
        } else if (op === 1) {
          const name = cased(names[random(5)]);
          steps.push(`get ${name}`);
          got = show(table.get(name));
          want = show(model.get(name));
        } else if (op === 2) {
          const from = cased(names[random(5)]);
          const to = random(4) === 0 ? "" : cased(names[random(5)]);
          steps.push(`rename ${from} '${to}'`);
          got = String(table.rename(from, to));
          want = String(model.rename(from, to));
        } else {
          steps.push("list");
          got = table.list().map(show).join(" ");
          want = model.list().map(show).join(" ");
        }
        assert.equal(got, want, `base ${base.map((d) => d.name).join(",")}: ${steps.join("; ")}`);
      }
    }
  });
});

interface ModelEntry {
  def: CommandDefinition;
  id: number;
  cmd: { name: string; arity: number; id: number } | undefined;
}

/**
 * The table's semantics written plainly (the per-engine table it replaced:
 * every definition registered by define, unbuilt entries by name).
 */
class ModelTable {
  private built = new Map<string, { name: string; arity: number; id: number }>();
  private pending = new Map<string, ModelEntry>();
  private registered: ModelEntry[] = [];

  define(d: CommandDefinition): void {
    let id = this.pending.get(d.name)?.id ?? this.built.get(d.name)?.id;
    if (id === undefined) id = this.registered.length;
    else {
      this.built.delete(d.name);
      this.built.delete(d.name.toUpperCase());
    }
    const entry: ModelEntry = { def: d, id, cmd: undefined };
    this.registered[id] = entry;
    this.pending.set(d.name, entry);
  }

  get(name: string) {
    const cmd = this.built.get(name);
    if (cmd !== undefined) return cmd;
    const entry = this.pending.get(name) ?? this.pending.get(name.toLowerCase());
    return entry !== undefined ? this.build(entry) : this.built.get(name.toLowerCase());
  }

  rename(from: string, to: string): boolean {
    const cmd = this.get(from);
    if (cmd === undefined) return false;
    for (const [name, c] of this.built) if (c === cmd) this.built.delete(name);
    if (to !== "") {
      this.built.set(to, cmd);
      this.built.set(to.toLowerCase(), cmd);
    }
    return true;
  }

  list() {
    return this.registered.map((e) => e.cmd ?? this.build(e));
  }

  private build(entry: ModelEntry) {
    const cmd = { name: entry.def.name, arity: entry.def.arity, id: entry.id };
    entry.cmd = cmd;
    this.pending.delete(entry.def.name);
    this.built.set(entry.def.name, cmd);
    this.built.set(entry.def.name.toUpperCase(), cmd);
    return cmd;
  }
}
