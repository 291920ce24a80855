/** KEYS, SCAN, RANDOMKEY. */
import type { CommandDefinition } from "../../core/command.ts";
import type { Engine } from "../../core/engine.ts";
import { ERR_NOT_INTEGER, ERR_SYNTAX } from "../../core/errors.ts";
import type { Database } from "../../store/database.ts";
import { globMatch } from "../../store/glob.ts";
import { parseCursor, RandomWalk, scanCursors } from "../../store/scan.ts";
import { typeName } from "../../store/value.ts";
import { isKeyword, toInt64 } from "../parse.ts";

export const keys: CommandDefinition = {
  name: "keys",
  arity: 2,
  flags: ["readonly"],
  acl: ["keyspace", "dangerous"],
  tips: ["request_policy:all_shards", "nondeterministic_output_order"],
  docs: {
    summary: "Find all keys matching the given pattern",
    since: "1.0.0",
    group: "generic",
    complexity:
      "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.",
    syntax: "pattern",
  },
  handler(c, argv) {
    const db = c.db;
    const pattern = argv[1];
    const all = pattern === "*";
    const expires = db.expires;
    const now = c.engine.now();
    const reply = c.reply;
    const mark = reply.beginDeferred();
    let n = 0;
    // Logically expired keys are skipped, not deleted (Redis's keyIsExpired).
    for (const key of db.dict.keys()) {
      if (!all && !globMatch(pattern, key)) continue;
      if (expires.size !== 0) {
        const when = expires.get(key);
        if (when !== undefined && now > when) continue;
      }
      reply.bulk(key);
      n++;
    }
    reply.endDeferred(mark, n);
  },
};

export const scan: CommandDefinition = {
  name: "scan",
  arity: -2,
  flags: ["readonly"],
  acl: ["keyspace"],
  tips: ["nondeterministic_output", "request_policy:special"],
  docs: {
    summary: "Incrementally iterate the keys space",
    since: "2.8.0",
    group: "generic",
    complexity:
      "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
    syntax: "cursor [MATCH pattern] [COUNT count] [TYPE type]",
    history: [["6.0.0", "Added the `TYPE` subcommand."]],
  },
  handler(c, argv) {
    const cursor = parseCursor(argv[1]);
    if (cursor < 0) return c.reply.error("ERR invalid cursor");
    let count = 10;
    let pattern: string | undefined;
    let type: string | undefined;
    for (let i = 2; i < argv.length; i += 2) {
      const more = i + 1 < argv.length;
      if (more && isKeyword(argv[i], "COUNT")) {
        const v = toInt64(argv[i + 1]);
        if (v === undefined) return c.reply.error(ERR_NOT_INTEGER);
        if (v < 1) return c.reply.error(ERR_SYNTAX);
        count = Number(v);
      } else if (more && isKeyword(argv[i], "MATCH")) {
        pattern = argv[i + 1] === "*" ? undefined : argv[i + 1];
      } else if (more && isKeyword(argv[i], "TYPE")) {
        type = argv[i + 1].toLowerCase();
      } else return c.reply.error(ERR_SYNTAX);
    }
    const db = c.db;
    const dict = db.dict;
    const found: string[] = [];
    const next = scanCursors(c.engine).scan(dict, cursor, count, (key) => {
      if (pattern !== undefined && !globMatch(pattern, key)) return;
      if (type !== undefined) {
        const v = db.lookupReadNoTouch(key);
        if ((v === undefined ? "none" : typeName(v)) !== type) return;
      }
      if (db.expires.size !== 0 && db.expireIfNeeded(key)) return;
      found.push(key);
    }, () => db.dict === dict);
    const reply = c.reply;
    reply.arrayLen(2);
    reply.bulk(String(next));
    reply.bulkArray(found);
  },
};

/** One random walk per database, moved by the cron while idle so it pins no memory. */
const walks = new WeakMap<Engine, Map<Database, RandomWalk<string>>>();

function walkOf(engine: Engine, db: Database): RandomWalk<string> {
  let m = walks.get(engine);
  if (m === undefined) {
    const map = new Map<Database, RandomWalk<string>>();
    walks.set(engine, map);
    engine.hooks.cron.push(() => {
      const idle = engine.now() - 1000;
      for (const [d, w] of map) if (w.lastUsed <= idle) w.refresh(d.dict);
    });
    m = map;
  }
  let w = m.get(db);
  if (w === undefined) m.set(db, w = new RandomWalk<string>());
  return w;
}

export const randomkey: CommandDefinition = {
  name: "randomkey",
  arity: 1,
  flags: ["readonly"],
  acl: ["keyspace"],
  tips: ["request_policy:all_shards", "nondeterministic_output"],
  docs: {
    summary: "Return a random key from the keyspace",
    since: "1.0.0",
    group: "generic",
    complexity: "O(1)",
  },
  handler(c) {
    const engine = c.engine;
    const db = c.db;
    const walk = walkOf(engine, db);
    const now = engine.now();
    const allVolatile = db.dict.size === db.expires.size;
    let tries = 100;
    while (true) {
      const key = walk.sample(db.dict, now);
      if (key === undefined) return c.reply.nullBulk();
      if (db.expires.has(key)) {
        // Where expired keys are kept (a replica), give up eventually as Redis does.
        if (allVolatile && engine.expiryFrozen && --tries === 0) return c.reply.bulk(key);
        if (db.expireIfNeeded(key)) continue;
      }
      return c.reply.bulk(key);
    }
  },
};
