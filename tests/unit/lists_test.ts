/**
 * List commands: LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP, LLEN, LRANGE,
 * LINDEX, LSET, LINSERT, LREM, LTRIM, LPOS, LMOVE, RPOPLPUSH, LMPOP; replies
 * byte for byte as Redis 7.0.15 (RESP2 and RESP3), keyspace notifications,
 * dirty counting, modified-key and key-ready signals, and the deque itself.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess } from "../../mod.ts";
import { ListValue } from "../../lib/store/types/list.ts";

const dec = new TextDecoder("latin1");

function raw(r: InProcess, ...argv: (string | number)[]): string {
  return dec.decode(r.callRaw(...argv));
}

const OK = "+OK\r\n";
const NIL = "$-1\r\n";
const NIL_ARRAY = "*-1\r\n";
const NULL3 = "_\r\n";
const EMPTY = "*0\r\n";
const WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
const SYNTAX = "-ERR syntax error\r\n";
const NOT_INT = "-ERR value is not an integer or out of range\r\n";
const int = (n: number) => ":" + n + "\r\n";
const err = (m: string) => "-" + m + "\r\n";
const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";
const arr = (...items: string[]) => "*" + items.length + "\r\n" + items.join("");
const bulks = (...items: string[]) => arr(...items.map(bulk));

/** Captures keyspace notifications as `event key` lines (keyevent channel). */
function events(r: InProcess): string[] {
  const seen: string[] = [];
  r.engine.hooks.publish = (channel, message) => {
    if (channel.startsWith("__keyevent@")) {
      seen.push(channel.slice(channel.indexOf(":") + 1) + " " + message);
    }
    return 0;
  };
  assert.equal(raw(r, "CONFIG", "SET", "notify-keyspace-events", "KEA"), OK);
  return seen;
}

function signals(r: InProcess): { modified: string[]; ready: string[] } {
  const s = { modified: [] as string[], ready: [] as string[] };
  r.engine.hooks.keyModified.push((_db, key) => s.modified.push(key));
  r.engine.hooks.keyReady.push((_db, key) => s.ready.push(key));
  return s;
}

describe("ListValue deque", () => {
  test("push/pop at both ends across growth and shrink keeps order", () => {
    const l = new ListValue();
    const model: string[] = [];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20000; i++) {
      const op = rnd();
      const v = String(i);
      if (op < 0.3) {
        l.pushHead(v);
        model.unshift(v);
      } else if (op < 0.6) {
        l.pushTail(v);
        model.push(v);
      } else if (op < 0.75) assert.equal(l.popHead(), model.shift());
      else if (op < 0.9) assert.equal(l.popTail(), model.pop());
      else if (model.length > 0) {
        const at = Math.floor(rnd() * model.length);
        if (rnd() < 0.5) {
          l.insertAt(at, v);
          model.splice(at, 0, v);
        } else {
          l.removeAt(at);
          model.splice(at, 1);
        }
      }
      assert.equal(l.length, model.length);
    }
    assert.deepEqual(l.toArray(), model);
  });

  test("removeMatching from either end with limits", () => {
    const mk = () => ListValue.from(["a", "b", "a", "c", "a", "d", "a"]);
    let l = mk();
    assert.equal(l.removeMatching("a", 2, false), 2);
    assert.deepEqual(l.toArray(), ["b", "c", "a", "d", "a"]);
    l = mk();
    assert.equal(l.removeMatching("a", 2, true), 2);
    assert.deepEqual(l.toArray(), ["a", "b", "a", "c", "d"]);
    l = mk();
    assert.equal(l.removeMatching("a", 0, true), 4);
    assert.deepEqual(l.toArray(), ["b", "c", "d"]);
    l.pushHead("x");
    assert.deepEqual(l.toArray(), ["x", "b", "c", "d"]);
  });

  test("clone is deep", () => {
    const l = ListValue.from(["a", "b"]);
    const c = l.clone();
    c.pushTail("c");
    assert.deepEqual(l.toArray(), ["a", "b"]);
    assert.deepEqual(c.toArray(), ["a", "b", "c"]);
    assert.equal(c.encoding(), "quicklist");
  });
});

describe("push and read", () => {
  test("LPUSH/RPUSH/LRANGE/LLEN/LINDEX", () => {
    const r = createInProcess();
    assert.equal(raw(r, "RPUSH", "l", "a", "b", "c"), int(3));
    assert.equal(raw(r, "LPUSH", "l", "y", "z"), int(5));
    assert.equal(raw(r, "LRANGE", "l", 0, -1), bulks("z", "y", "a", "b", "c"));
    assert.equal(raw(r, "LRANGE", "l", -2, 100), bulks("b", "c"));
    assert.equal(raw(r, "LRANGE", "l", -100, 0), bulks("z"));
    assert.equal(raw(r, "LRANGE", "l", 3, 1), EMPTY);
    assert.equal(raw(r, "LRANGE", "l", 5, 10), EMPTY);
    assert.equal(raw(r, "LRANGE", "l", "x", 1), NOT_INT);
    assert.equal(raw(r, "LRANGE", "nokey", 0, -1), EMPTY);
    assert.equal(raw(r, "LLEN", "l"), int(5));
    assert.equal(raw(r, "LLEN", "nokey"), int(0));
    assert.equal(raw(r, "LINDEX", "l", 0), bulk("z"));
    assert.equal(raw(r, "LINDEX", "l", -1), bulk("c"));
    assert.equal(raw(r, "LINDEX", "l", 5), NIL);
    assert.equal(raw(r, "LINDEX", "l", "x"), NOT_INT);
    assert.equal(raw(r, "LINDEX", "nokey", "x"), NIL);
    assert.equal(raw(r, "OBJECT", "ENCODING", "l"), bulk("quicklist"));
    assert.equal(raw(r, "LPUSH", "l"), err("ERR wrong number of arguments for 'lpush' command"));
  });

  test("LPUSHX/RPUSHX only push onto existing lists", () => {
    const r = createInProcess();
    assert.equal(raw(r, "LPUSHX", "l", "a"), int(0));
    assert.equal(raw(r, "RPUSHX", "l", "a"), int(0));
    assert.equal(raw(r, "EXISTS", "l"), int(0));
    raw(r, "RPUSH", "l", "m");
    assert.equal(raw(r, "LPUSHX", "l", "b", "a"), int(3));
    assert.equal(raw(r, "RPUSHX", "l", "y", "z"), int(5));
    assert.equal(raw(r, "LRANGE", "l", 0, -1), bulks("a", "b", "m", "y", "z"));
  });

  test("WRONGTYPE everywhere", () => {
    const r = createInProcess();
    raw(r, "SET", "s", "x");
    for (
      const cmd of [
        ["LPUSH", "s", "a"],
        ["RPUSHX", "s", "a"],
        ["LLEN", "s"],
        ["LRANGE", "s", 0, 1],
        ["LINDEX", "s", 0],
        ["LSET", "s", 0, "a"],
        ["LINSERT", "s", "BEFORE", "a", "b"],
        ["LREM", "s", 0, "a"],
        ["LTRIM", "s", 0, 1],
        ["LPOS", "s", "a"],
        ["LPOP", "s"],
        ["RPOP", "s", 2],
        ["LMOVE", "s", "d", "LEFT", "LEFT"],
        ["RPOPLPUSH", "s", "d"],
        ["LMPOP", 1, "s", "LEFT"],
      ]
    ) assert.equal(raw(r, ...cmd), WRONGTYPE, cmd.join(" "));
    raw(r, "RPUSH", "l", "a");
    assert.equal(raw(r, "LMOVE", "l", "s", "LEFT", "LEFT"), WRONGTYPE);
    assert.equal(raw(r, "LLEN", "l"), int(1));
  });
});

describe("LPOP/RPOP", () => {
  test("single and counted pops", () => {
    const r = createInProcess();
    raw(r, "RPUSH", "l", "a", "b", "c", "d", "e");
    assert.equal(raw(r, "LPOP", "l"), bulk("a"));
    assert.equal(raw(r, "RPOP", "l"), bulk("e"));
    assert.equal(raw(r, "LPOP", "l", 2), bulks("b", "c"));
    assert.equal(raw(r, "RPOP", "l", 0), EMPTY);
    assert.equal(raw(r, "RPOP", "l", 10), bulks("d"));
    assert.equal(raw(r, "EXISTS", "l"), int(0));
    assert.equal(raw(r, "LPOP", "l"), NIL);
    assert.equal(raw(r, "LPOP", "l", 2), NIL_ARRAY);
    assert.equal(raw(r, "LPOP", "l", 0), NIL_ARRAY);
    assert.equal(raw(r, "LPOP", "l", -1), err("ERR value is out of range, must be positive"));
    assert.equal(raw(r, "LPOP", "l", "x"), err("ERR value is out of range, must be positive"));
    assert.equal(
      raw(r, "LPOP", "l", 1, 2),
      err("ERR wrong number of arguments for 'lpop' command"),
    );
  });

  test("RESP3 nulls", () => {
    const r = createInProcess();
    raw(r, "HELLO", "3");
    assert.equal(raw(r, "LPOP", "nokey"), NULL3);
    assert.equal(raw(r, "RPOP", "nokey", 3), NULL3);
    assert.equal(raw(r, "LINDEX", "nokey", 0), NULL3);
    assert.equal(raw(r, "LPOS", "nokey", "a"), NULL3);
    assert.equal(raw(r, "LMPOP", 1, "nokey", "LEFT"), NULL3);
    assert.equal(raw(r, "LMOVE", "nokey", "d", "LEFT", "LEFT"), NULL3);
  });
});

describe("LSET, LINSERT, LREM, LTRIM", () => {
  test("LSET", () => {
    const r = createInProcess();
    assert.equal(raw(r, "LSET", "l", 0, "x"), err("ERR no such key"));
    raw(r, "RPUSH", "l", "a", "b", "c");
    assert.equal(raw(r, "LSET", "l", -1, "C"), OK);
    assert.equal(raw(r, "LSET", "l", 3, "x"), err("ERR index out of range"));
    assert.equal(raw(r, "LSET", "l", "x", "x"), NOT_INT);
    assert.equal(raw(r, "LRANGE", "l", 0, -1), bulks("a", "b", "C"));
  });

  test("LINSERT", () => {
    const r = createInProcess();
    assert.equal(raw(r, "LINSERT", "l", "BEFORE", "a", "x"), int(0));
    raw(r, "RPUSH", "l", "a", "b", "c");
    assert.equal(raw(r, "LINSERT", "l", "before", "b", "x"), int(4));
    assert.equal(raw(r, "LINSERT", "l", "AFTER", "c", "y"), int(5));
    assert.equal(raw(r, "LINSERT", "l", "AFTER", "nope", "y"), int(-1));
    assert.equal(raw(r, "LINSERT", "l", "MIDDLE", "c", "y"), SYNTAX);
    assert.equal(raw(r, "LINSERT", "nokey", "MIDDLE", "c", "y"), SYNTAX);
    assert.equal(raw(r, "LRANGE", "l", 0, -1), bulks("a", "x", "b", "c", "y"));
  });

  test("LREM from head, tail, all", () => {
    const r = createInProcess();
    raw(r, "RPUSH", "l", "a", "b", "a", "c", "a", "d", "a");
    assert.equal(raw(r, "LREM", "l", 2, "a"), int(2));
    assert.equal(raw(r, "LRANGE", "l", 0, -1), bulks("b", "c", "a", "d", "a"));
    assert.equal(raw(r, "LREM", "l", -1, "a"), int(1));
    assert.equal(raw(r, "LRANGE", "l", 0, -1), bulks("b", "c", "a", "d"));
    assert.equal(raw(r, "LREM", "l", 0, "zz"), int(0));
    assert.equal(raw(r, "LREM", "l", "x", "a"), NOT_INT);
    assert.equal(raw(r, "LREM", "nokey", 0, "a"), int(0));
    raw(r, "RPUSH", "one", "a", "a");
    assert.equal(raw(r, "LREM", "one", 0, "a"), int(2));
    assert.equal(raw(r, "EXISTS", "one"), int(0));
  });

  test("LTRIM", () => {
    const r = createInProcess();
    assert.equal(raw(r, "LTRIM", "nokey", 0, 1), OK);
    raw(r, "RPUSH", "l", "a", "b", "c", "d", "e");
    assert.equal(raw(r, "LTRIM", "l", 1, -2), OK);
    assert.equal(raw(r, "LRANGE", "l", 0, -1), bulks("b", "c", "d"));
    assert.equal(raw(r, "LTRIM", "l", -100, 100), OK);
    assert.equal(raw(r, "LRANGE", "l", 0, -1), bulks("b", "c", "d"));
    assert.equal(raw(r, "LTRIM", "l", "x", 1), NOT_INT);
    assert.equal(raw(r, "LTRIM", "l", 2, 1), OK);
    assert.equal(raw(r, "EXISTS", "l"), int(0));
  });
});

describe("LPOS", () => {
  test("RANK, COUNT, MAXLEN and errors", () => {
    const r = createInProcess();
    raw(r, "RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
    assert.equal(raw(r, "LPOS", "l", "c"), int(2));
    assert.equal(raw(r, "LPOS", "l", "c", "RANK", 2), int(6));
    assert.equal(raw(r, "LPOS", "l", "c", "RANK", -1), int(7));
    assert.equal(raw(r, "LPOS", "l", "c", "RANK", -2, "COUNT", 0), arr(int(6), int(2)));
    assert.equal(raw(r, "LPOS", "l", "c", "COUNT", 2), arr(int(2), int(6)));
    assert.equal(raw(r, "LPOS", "l", "c", "COUNT", 0, "MAXLEN", 3), arr(int(2)));
    assert.equal(raw(r, "LPOS", "l", "c", "MAXLEN", 2), NIL);
    assert.equal(raw(r, "LPOS", "l", "zz"), NIL);
    assert.equal(raw(r, "LPOS", "l", "zz", "COUNT", 5), EMPTY);
    assert.equal(raw(r, "LPOS", "nokey", "c", "COUNT", 1), EMPTY);
    assert.equal(
      raw(r, "LPOS", "l", "c", "RANK", 0),
      err(
        "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
      ),
    );
    assert.equal(raw(r, "LPOS", "l", "c", "COUNT", -1), err("ERR COUNT can't be negative"));
    assert.equal(raw(r, "LPOS", "l", "c", "MAXLEN", -1), err("ERR MAXLEN can't be negative"));
    assert.equal(raw(r, "LPOS", "l", "c", "RANK", "x"), NOT_INT);
    assert.equal(raw(r, "LPOS", "l", "c", "RANK"), SYNTAX);
    assert.equal(raw(r, "LPOS", "nokey", "c", "FOO", 1), SYNTAX);
  });
});

describe("LMOVE, RPOPLPUSH, LMPOP", () => {
  test("LMOVE between lists and onto itself", () => {
    const r = createInProcess();
    raw(r, "RPUSH", "src", "a", "b", "c");
    assert.equal(raw(r, "LMOVE", "src", "dst", "LEFT", "RIGHT"), bulk("a"));
    assert.equal(raw(r, "LMOVE", "src", "dst", "right", "left"), bulk("c"));
    assert.equal(raw(r, "LRANGE", "dst", 0, -1), bulks("c", "a"));
    assert.equal(raw(r, "LMOVE", "src", "dst", "UP", "LEFT"), SYNTAX);
    assert.equal(raw(r, "RPOPLPUSH", "src", "dst"), bulk("b"));
    assert.equal(raw(r, "EXISTS", "src"), int(0));
    assert.equal(raw(r, "RPOPLPUSH", "src", "dst"), NIL);
    assert.equal(raw(r, "LMOVE", "dst", "dst", "LEFT", "RIGHT"), bulk("b"));
    assert.equal(raw(r, "LRANGE", "dst", 0, -1), bulks("c", "a", "b"));
    raw(r, "RPUSH", "one", "x");
    assert.equal(raw(r, "RPOPLPUSH", "one", "one"), bulk("x"));
    assert.equal(raw(r, "LRANGE", "one", 0, -1), bulks("x"));
  });

  test("LMPOP", () => {
    const r = createInProcess();
    raw(r, "RPUSH", "l", "a", "b", "c");
    assert.equal(raw(r, "LMPOP", 2, "nokey", "l", "LEFT"), arr(bulk("l"), bulks("a")));
    assert.equal(
      raw(r, "LMPOP", 2, "nokey", "l", "RIGHT", "COUNT", 10),
      arr(bulk("l"), bulks("c", "b")),
    );
    assert.equal(raw(r, "LMPOP", 2, "nokey", "l", "RIGHT"), NIL_ARRAY);
    const numkeys = err("ERR numkeys should be greater than 0");
    assert.equal(raw(r, "LMPOP", 0, "a", "LEFT"), numkeys);
    assert.equal(raw(r, "LMPOP", "x", "a", "LEFT"), numkeys);
    assert.equal(raw(r, "LMPOP", 2, "a", "LEFT"), SYNTAX);
    assert.equal(raw(r, "LMPOP", 1, "a", "MIDDLE"), SYNTAX);
    assert.equal(
      raw(r, "LMPOP", 1, "a", "LEFT", "COUNT", 0),
      err("ERR count should be greater than 0"),
    );
    assert.equal(raw(r, "LMPOP", 1, "a", "LEFT", "COUNT", 1, "COUNT", 2), SYNTAX);
  });
});

describe("side effects", () => {
  test("notifications as Redis sends them", () => {
    const r = createInProcess();
    const seen = events(r);
    raw(r, "RPUSH", "l", "a", "b", "c", "d");
    raw(r, "LPUSH", "l", "z");
    raw(r, "LINSERT", "l", "BEFORE", "a", "x");
    raw(r, "LSET", "l", 0, "Z");
    raw(r, "LREM", "l", 0, "x");
    raw(r, "LTRIM", "l", 0, 3);
    raw(r, "LMOVE", "l", "m", "LEFT", "RIGHT");
    raw(r, "LPOP", "m");
    raw(r, "LMPOP", 1, "l", "RIGHT", "COUNT", 5);
    assert.deepEqual(seen, [
      "rpush l",
      "lpush l",
      "linsert l",
      "lset l",
      "lrem l",
      "ltrim l",
      "rpush m",
      "lpop l",
      "lpop m",
      "del m",
      "rpop l",
      "del l",
    ]);
  });

  test("dirty, modified keys and key-ready signals", () => {
    const r = createInProcess();
    const s = signals(r);
    const d0 = r.engine.dirty;
    raw(r, "RPUSH", "l", "a", "b", "c");
    assert.equal(r.engine.dirty - d0, 3);
    raw(r, "RPUSH", "l", "d");
    assert.deepEqual(s.ready, ["l"]);
    raw(r, "LPOP", "l", 2);
    assert.equal(r.engine.dirty - d0, 6);
    raw(r, "LMOVE", "l", "n", "LEFT", "LEFT");
    assert.deepEqual(s.ready, ["l", "n"]);
    assert.deepEqual(s.modified, ["l", "l", "l", "n", "l"]);
    raw(r, "LRANGE", "l", 0, -1);
    raw(r, "LINSERT", "l", "BEFORE", "nope", "x");
    assert.equal(s.modified.length, 5);
  });

  test("LMPOP replicates as a counted pop", () => {
    const r = createInProcess();
    const fed: string[] = [];
    r.engine.hooks.propagate.push((_db, argv) => fed.push(argv.join(" ")));
    raw(r, "RPUSH", "l", "a", "b", "c");
    raw(r, "LMPOP", 2, "nokey", "l", "RIGHT", "COUNT", 10);
    raw(r, "RPUSH", "l", "a");
    raw(r, "LMPOP", 1, "l", "LEFT");
    assert.deepEqual(fed, ["RPUSH l a b c", "RPOP l 3", "RPUSH l a", "LPOP l 1"]);
  });
});
