/**
 * Server commands: INFO, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, TIME, LASTSAVE,
 * ROLE, LOLWUT, DEBUG (and its protection), MEMORY, LATENCY, SLOWLOG,
 * SHUTDOWN, SAVE/BGSAVE, SYNC/PSYNC and the FUNCTION placeholder.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess } from "../../mod.ts";

const dec = new TextDecoder("latin1");

function raw(r: InProcess, ...argv: string[]): string {
  return dec.decode(r.callRaw(...argv));
}

function bulkBody(reply: string): string {
  const nl = reply.indexOf("\r\n");
  return reply.slice(nl + 2, -2);
}

/** INFO's fields as a map. */
function info(r: InProcess, ...sections: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of bulkBody(raw(r, "info", ...sections)).split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0 && !line.startsWith("#")) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

function debugEngine(): InProcess {
  return createInProcess({ "enable-debug-command": "yes" });
}

describe("INFO", () => {
  test("default sections, in Redis's order and format", () => {
    const r = createInProcess();
    const text = bulkBody(raw(r, "info"));
    const headers = text.split("\r\n").filter((l) => l.startsWith("# "));
    assert.deepEqual(headers, [
      "# Server",
      "# Clients",
      "# Memory",
      "# Persistence",
      "# Stats",
      "# Replication",
      "# CPU",
      "# Modules",
      "# Errorstats",
      "# Cluster",
      "# Keyspace",
    ]);
    assert.ok(text.startsWith("# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\n"));
    assert.ok(text.includes("\r\n\r\n# Clients\r\nconnected_clients:1\r\n"));
    assert.ok(text.endsWith("# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n"));
    assert.ok(!text.includes("rejected_calls"));
  });

  test("server section fields", () => {
    const r = createInProcess();
    const m = info(r, "server");
    assert.equal(m.get("redis_mode"), "standalone");
    assert.match(m.get("run_id")!, /^[0-9a-f]{40}$/);
    assert.match(m.get("process_id")!, /^\d+$/);
    assert.match(m.get("uptime_in_seconds")!, /^\d+$/);
    assert.equal(m.get("ferrous_version"), "0.1.0");
    assert.match(m.get("runtime")!, /^(deno|bun|node) \S+$/);
    assert.equal(m.get("run_id"), info(r, "server").get("run_id"));
    assert.notEqual(m.get("run_id"), info(createInProcess(), "server").get("run_id"));
  });

  test("sections by name, several at once, case-insensitive, everything", () => {
    const r = createInProcess();
    const cpu = bulkBody(raw(r, "info", "CPU"));
    assert.match(cpu, /^# CPU\r\nused_cpu_sys:\d+\.\d{6}\r\nused_cpu_user:\d+\.\d{6}\r\n/);
    assert.equal(raw(r, "info", "nosuchsection"), "$0\r\n\r\n");
    const two = bulkBody(raw(r, "info", "keyspace", "cpu"));
    assert.ok(two.startsWith("# CPU\r\n"));
    assert.ok(two.endsWith("\r\n\r\n# Keyspace\r\n"));
    const all = bulkBody(raw(r, "info", "cpu", "all"));
    assert.equal(all.split("used_cpu_user_children").length, 2);
    assert.ok(all.includes("# Commandstats\r\n"));
    assert.ok(all.includes("# Latencystats\r\n"));
    assert.ok(bulkBody(raw(r, "info", "everything")).includes("rejected_calls"));
    assert.ok(!bulkBody(raw(r, "info", "cpu", "default")).includes("rejected_calls"));
  });

  test("RESP3 verbatim", () => {
    const r = createInProcess();
    raw(r, "hello", "3");
    assert.equal(raw(r, "info", "nosuchsection"), "=4\r\ntxt:\r\n");
  });

  test("keyspace, stats, commandstats and errorstats count for real", () => {
    const r = createInProcess();
    raw(r, "set", "a", "1");
    raw(r, "set", "b", "2");
    raw(r, "pexpire", "b", "100000");
    raw(r, "get", "a");
    raw(r, "get", "nokey");
    raw(r, "nosuchcommand");
    raw(r, "set", "a");
    const text = bulkBody(raw(r, "info", "keyspace", "errorstats", "commandstats"));
    assert.match(text, /\r\ndb0:keys=2,expires=1,avg_ttl=\d+\r\n/);
    assert.match(
      text,
      /cmdstat_set:calls=2,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=1,failed_calls=0\r\n/,
    );
    assert.match(
      text,
      /cmdstat_get:calls=2,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=0\r\n/,
    );
    assert.match(text, /# Errorstats\r\nerrorstat_ERR:count=2\r\n/);
    const stats = info(r, "stats");
    assert.equal(stats.get("keyspace_hits"), "1");
    assert.equal(stats.get("keyspace_misses"), "1");
    assert.equal(stats.get("total_error_replies"), "2");
    assert.match(stats.get("instantaneous_ops_per_sec")!, /^\d+$/);
    const mem = info(r, "memory");
    assert.match(mem.get("used_memory")!, /^\d+$/);
    assert.match(mem.get("used_memory_human")!, /^\d+(\.\d\d[KMG])?B?$/);
    assert.equal(info(r, "persistence").get("rdb_changes_since_last_save"), "3");
  });

  test("latencystats after commands ran", () => {
    const r = createInProcess();
    raw(r, "set", "a", "1");
    const text = bulkBody(raw(r, "info", "latencystats"));
    assert.match(
      text,
      /latency_percentiles_usec_set:p50=\d+\.\d{3},p99=\d+\.\d{3},p99\.9=\d+\.\d{3}\r\n/,
    );
  });
});

describe("DBSIZE, FLUSHDB, FLUSHALL, SWAPDB", () => {
  test("sizes and flushes", () => {
    const r = createInProcess();
    raw(r, "set", "a", "1");
    raw(r, "set", "b", "1");
    assert.equal(raw(r, "dbsize"), ":2\r\n");
    raw(r, "select", "1");
    raw(r, "set", "c", "1");
    assert.equal(raw(r, "flushdb"), "+OK\r\n");
    assert.equal(raw(r, "dbsize"), ":0\r\n");
    raw(r, "select", "0");
    assert.equal(raw(r, "dbsize"), ":2\r\n");
    assert.equal(raw(r, "flushall", "async"), "+OK\r\n");
    assert.equal(raw(r, "dbsize"), ":0\r\n");
    assert.equal(raw(r, "flushall", "sync"), "+OK\r\n");
    assert.equal(raw(r, "flushdb", "foo"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "flushall", "sync", "async"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "dbsize", "x"), "-ERR wrong number of arguments for 'dbsize' command\r\n");
  });

  test("a flush of nothing is still propagated", () => {
    const r = createInProcess();
    const seen: string[][] = [];
    r.engine.hooks.propagate.push((_db, argv) => seen.push(argv));
    raw(r, "flushdb");
    raw(r, "set", "k", "v");
    raw(r, "flushall");
    assert.deepEqual(seen, [["flushdb"], ["set", "k", "v"], ["flushall"]]);
  });

  test("SWAPDB swaps contents and checks indexes", () => {
    const r = createInProcess();
    raw(r, "set", "k", "in0");
    assert.equal(raw(r, "swapdb", "0", "1"), "+OK\r\n");
    assert.equal(raw(r, "get", "k"), "$-1\r\n");
    raw(r, "select", "1");
    assert.equal(raw(r, "get", "k"), "$3\r\nin0\r\n");
    assert.equal(raw(r, "swapdb", "1", "1"), "+OK\r\n");
    assert.equal(raw(r, "swapdb", "0", "16"), "-ERR DB index is out of range\r\n");
    assert.equal(raw(r, "swapdb", "a", "1"), "-ERR invalid first DB index\r\n");
    assert.equal(raw(r, "swapdb", "0", "a"), "-ERR invalid second DB index\r\n");
    assert.equal(raw(r, "swapdb", "99999999999", "0"), "-ERR invalid first DB index\r\n");
  });

  test("SWAPDB and FLUSHDB signal the dbModified hooks before changing data", () => {
    const r = createInProcess();
    const calls: Array<[number | undefined, number | undefined, number]> = [];
    r.engine.hooks.dbModified.push((db, other) => {
      calls.push([db?.id, other?.id, db?.size ?? -1]);
    });
    raw(r, "set", "k", "v");
    raw(r, "swapdb", "0", "2");
    raw(r, "flushall");
    assert.deepEqual(calls, [[0, 2, 1], [2, 0, 0], [undefined, undefined, -1]]);
  });
});

describe("TIME, LASTSAVE, ROLE, LOLWUT", () => {
  test("replies", () => {
    const r = createInProcess();
    const t = raw(r, "time");
    const m = /^\*2\r\n\$\d+\r\n(\d+)\r\n\$\d+\r\n(\d+)\r\n$/.exec(t);
    assert.ok(m, t);
    assert.ok(Math.abs(Number(m[1]) - Date.now() / 1000) < 5);
    assert.ok(Number(m[2]) < 1e6);
    assert.match(raw(r, "lastsave"), /^:\d{10}\r\n$/);
    assert.equal(raw(r, "role"), "*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n");
    assert.equal(raw(r, "lolwut"), "$18\r\nRedis ver. 7.0.15\n\r\n");
    assert.equal(
      raw(r, "lolwut", "version", "x"),
      "-ERR value is not an integer or out of range\r\n",
    );
  });
});

describe("DEBUG", () => {
  test("is refused unless enable-debug-command allows it", () => {
    const refusal =
      '-ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.\r\n';
    assert.equal(raw(createInProcess(), "debug", "help"), refusal);
    // In-process clients count as local.
    const local = createInProcess({ "enable-debug-command": "local" });
    assert.equal(raw(local, "debug", "log", "x"), "+OK\r\n");
    const r = createInProcess();
    raw(r, "debug", "help");
    assert.match(
      bulkBody(raw(r, "info", "commandstats")),
      /cmdstat_debug:calls=0,.*rejected_calls=1,/,
    );
  });

  test("errors of unknown or malformed subcommands", () => {
    const r = debugEngine();
    assert.equal(
      raw(r, "debug", "jmap"),
      "-ERR unknown subcommand or wrong number of arguments for 'jmap'. Try DEBUG HELP.\r\n",
    );
    assert.equal(
      raw(r, "debug", "sleep"),
      "-ERR unknown subcommand or wrong number of arguments for 'sleep'. Try DEBUG HELP.\r\n",
    );
    assert.equal(raw(r, "debug"), "-ERR wrong number of arguments for 'debug' command\r\n");
    assert.match(raw(r, "debug", "reload"), /^-ERR /);
    assert.equal(
      raw(r, "debug", "reload", "bad"),
      "-ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.\r\n",
    );
  });

  test("SLEEP blocks for the time asked", () => {
    const r = debugEngine();
    const start = performance.now();
    assert.equal(raw(r, "debug", "sleep", "0.05"), "+OK\r\n");
    assert.ok(performance.now() - start >= 45);
    assert.equal(raw(r, "debug", "sleep", "0"), "+OK\r\n");
  });

  test("DIGEST and DIGEST-VALUE match Redis 7.0.15's", () => {
    const r = debugEngine();
    assert.equal(raw(r, "debug", "digest"), "+0000000000000000000000000000000000000000\r\n");
    raw(r, "set", "k", "12345");
    raw(r, "rpush", "l", "a", "b", "c");
    // Values computed by redis-server 7.0.15 for the same data.
    assert.equal(
      raw(r, "debug", "digest-value", "k", "l", "nokey"),
      "*3\r\n+e1cf90774e995ae03de66e8109dc5cb9d9c2dc83\r\n+8bf72d812571eea9b927f3c11beb0c4165a6ff89\r\n+0000000000000000000000000000000000000000\r\n",
    );
    const d1 = raw(r, "debug", "digest");
    assert.match(d1, /^\+[0-9a-f]{40}\r\n$/);
    raw(r, "sadd", "s", "x", "y");
    const d2 = raw(r, "debug", "digest");
    assert.notEqual(d1, d2);
    // Sets digest without order.
    raw(r, "del", "s");
    raw(r, "sadd", "s", "y", "x");
    assert.equal(raw(r, "debug", "digest"), d2);
  });

  test("OBJECT", () => {
    const r = debugEngine();
    raw(r, "set", "k", "12345");
    raw(r, "rpush", "l", "a", "b", "c");
    assert.match(
      raw(r, "debug", "object", "k"),
      /^\+Value at:0x[0-9a-f]+ refcount:\d+ encoding:int serializedlength:3 lru:\d+ lru_seconds_idle:\d+\r\n$/,
    );
    assert.match(
      raw(r, "debug", "object", "l"),
      /^\+Value at:0x[0-9a-f]+ refcount:1 encoding:quicklist serializedlength:19 lru:\d+ lru_seconds_idle:\d+ ql_nodes:1 ql_avg_node:3\.00 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:16\r\n$/,
    );
    assert.equal(raw(r, "debug", "object", "nokey"), "-ERR no such key\r\n");
  });

  test("POPULATE, PROTOCOL, ERROR, LOG, SET-ACTIVE-EXPIRE, PAUSE-CRON, CHANGE-REPL-ID", () => {
    const r = debugEngine();
    assert.equal(raw(r, "debug", "populate", "3"), "+OK\r\n");
    assert.equal(raw(r, "get", "key:2"), "$7\r\nvalue:2\r\n");
    assert.equal(raw(r, "debug", "populate", "2", "p", "10"), "+OK\r\n");
    assert.equal(raw(r, "get", "p:1"), "$10\r\nvalue:1\0\0\0\r\n");
    assert.equal(
      raw(r, "debug", "populate", "-1"),
      "-ERR value is out of range, must be positive\r\n",
    );
    assert.equal(
      raw(r, "debug", "protocol", "attrib"),
      "$39\r\nSome real reply following the attribute\r\n",
    );
    assert.equal(
      raw(r, "debug", "protocol", "push"),
      "-ERR RESP2 is not supported by this command\r\n",
    );
    raw(r, "hello", "3");
    assert.equal(
      raw(r, "debug", "protocol", "push"),
      ">2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n$40\r\nSome real reply following the push reply\r\n",
    );
    assert.equal(raw(r, "debug", "protocol", "double"), ",3.141\r\n");
    assert.equal(raw(r, "debug", "protocol", "map"), "%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n");
    const errorsBefore = r.engine.stats.totalErrorReplies;
    assert.equal(raw(r, "debug", "error", "MYERR oops"), "-MYERR oops\r\n");
    assert.equal(r.engine.stats.totalErrorReplies, errorsBefore);
    const lines: string[] = [];
    r.engine.hooks.log = (_level, msg) => lines.push(msg);
    assert.equal(raw(r, "debug", "log", "hello"), "+OK\r\n");
    assert.deepEqual(lines, ["DEBUG LOG: hello"]);
    assert.equal(raw(r, "debug", "set-active-expire", "0"), "+OK\r\n");
    assert.equal(r.engine.activeExpire, false);
    assert.equal(raw(r, "debug", "set-active-expire", "1"), "+OK\r\n");
    assert.equal(r.engine.activeExpire, true);
    assert.equal(raw(r, "debug", "pause-cron", "1"), "+OK\r\n");
    assert.equal(r.engine.cronPaused, true);
    raw(r, "debug", "pause-cron", "0");
    const before = info(r, "replication").get("master_replid");
    assert.equal(raw(r, "debug", "change-repl-id"), "+OK\r\n");
    assert.notEqual(info(r, "replication").get("master_replid"), before);
    assert.equal(raw(r, "debug", "quicklist-packed-threshold", "1b"), "+OK\r\n");
    assert.equal(
      raw(r, "debug", "quicklist-packed-threshold", "5gb"),
      "-ERR argument must be a memory value bigger than 1 and smaller than 4gb\r\n",
    );
  });
});

describe("MEMORY", () => {
  test("USAGE estimates like Redis 7.0.15", () => {
    const r = createInProcess();
    raw(r, "set", "k", "v");
    raw(r, "set", "n", "12345");
    raw(r, "sadd", "s", "1", "2", "3");
    raw(r, "sadd", "s2", "a", "b", "c");
    raw(r, "hset", "h", "a", "1", "b", "2");
    raw(r, "zadd", "z", "1", "a", "2", "b");
    // What redis-server 7.0.15 answers for the same keys.
    assert.equal(raw(r, "memory", "usage", "k"), ":64\r\n");
    assert.equal(raw(r, "memory", "usage", "n"), ":48\r\n");
    assert.equal(raw(r, "memory", "usage", "s"), ":64\r\n");
    assert.equal(raw(r, "memory", "usage", "s2"), ":232\r\n");
    assert.equal(raw(r, "memory", "usage", "h"), ":80\r\n");
    assert.equal(raw(r, "memory", "usage", "z"), ":80\r\n");
    assert.equal(raw(r, "memory", "usage", "nokey"), "$-1\r\n");
    assert.equal(raw(r, "memory", "usage", "k", "samples", "0"), ":64\r\n");
    assert.equal(raw(r, "memory", "usage", "k", "samples"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "memory", "usage", "k", "samples", "-1"), "-ERR syntax error\r\n");
  });

  test("STATS, DOCTOR, MALLOC-STATS, PURGE, HELP", () => {
    const r = createInProcess();
    const stats = raw(r, "memory", "stats");
    assert.match(stats, /^\*54\r\n\$14\r\npeak\.allocated\r\n:\d+\r\n\$15\r\ntotal\.allocated\r\n/);
    assert.match(raw(r, "memory", "doctor"), /^\$\d+\r\n(Hi Sam|Sam,)/);
    assert.equal(
      raw(r, "memory", "malloc-stats"),
      "$45\r\nStats not supported for the current allocator\r\n",
    );
    assert.equal(raw(r, "memory", "purge"), "+OK\r\n");
    assert.match(raw(r, "memory", "help"), /^\*14\r\n\+MEMORY <subcommand>/);
    assert.equal(raw(r, "memory", "foo"), "-ERR unknown subcommand 'foo'. Try MEMORY HELP.\r\n");
  });
});

describe("SLOWLOG", () => {
  test("records slow commands, trims, redacts, resets", () => {
    const r = createInProcess({ "slowlog-log-slower-than": "0", "enable-debug-command": "yes" });
    assert.equal(raw(r, "slowlog", "reset"), "+OK\r\n");
    raw(r, "client", "setname", "me");
    raw(r, "auth", "default", "secret");
    const many = Array.from({ length: 40 }, (_, i) => String(i));
    raw(r, "sadd", "set", ...many);
    raw(r, "set", "big", "x".repeat(130));
    const reply = raw(r, "slowlog", "get", "4");
    assert.match(
      reply,
      /^\*4\r\n\*6\r\n:\d+\r\n:\d+\r\n:\d+\r\n\*3\r\n\$3\r\nset\r\n\$3\r\nbig\r\n\$146\r\nx{128}\.\.\. \(2 more bytes\)\r\n\$0\r\n\r\n\$2\r\nme\r\n/,
    );
    assert.ok(reply.includes("*32\r\n$4\r\nsadd\r\n$3\r\nset\r\n$1\r\n0\r\n"));
    assert.ok(reply.includes("$23\r\n... (11 more arguments)\r\n"));
    assert.ok(reply.includes("*3\r\n$4\r\nauth\r\n$10\r\n(redacted)\r\n$10\r\n(redacted)\r\n"));
    assert.match(raw(r, "slowlog", "len"), /^:[4-9]\r\n$/);
    assert.equal(
      raw(r, "slowlog", "get", "-2"),
      "-ERR count should be greater than or equal to -1\r\n",
    );
    assert.equal(
      raw(r, "slowlog", "get", "1", "2"),
      "-ERR unknown subcommand or wrong number of arguments for 'get'. Try SLOWLOG HELP.\r\n",
    );
    raw(r, "config", "set", "slowlog-log-slower-than", "-1");
    raw(r, "slowlog", "reset");
    raw(r, "ping");
    assert.equal(raw(r, "slowlog", "len"), ":0\r\n");
    raw(r, "config", "set", "slowlog-log-slower-than", "20000");
    raw(r, "debug", "sleep", "0.03");
    raw(r, "ping");
    assert.equal(raw(r, "slowlog", "len"), ":1\r\n");
    assert.match(raw(r, "slowlog", "get"), /\$5\r\ndebug\r\n\$5\r\nsleep\r\n\$4\r\n0\.03\r\n/);
    raw(r, "config", "set", "slowlog-max-len", "0");
    raw(r, "debug", "sleep", "0.03");
    assert.equal(raw(r, "slowlog", "len"), ":0\r\n");
  });
});

describe("LATENCY", () => {
  test("monitor events, history, reset, doctor", () => {
    const r = createInProcess({ "latency-monitor-threshold": "10", "enable-debug-command": "yes" });
    assert.equal(raw(r, "latency", "latest"), "*0\r\n");
    raw(r, "debug", "sleep", "0.02");
    const latest = raw(r, "latency", "latest");
    assert.match(latest, /^\*1\r\n\*4\r\n\$7\r\ncommand\r\n:\d+\r\n:(\d+)\r\n:\d+\r\n$/);
    assert.match(raw(r, "latency", "history", "command"), /^\*1\r\n\*2\r\n:\d+\r\n:\d+\r\n$/);
    assert.equal(raw(r, "latency", "history", "blabla"), "*0\r\n");
    assert.match(raw(r, "latency", "doctor"), /Dave, I have observed latency spikes/);
    assert.match(
      raw(r, "latency", "graph", "command"),
      /^\$\d+\r\ncommand - high \d+ ms, low \d+ ms/,
    );
    assert.equal(
      raw(r, "latency", "graph", "nope"),
      "-ERR No samples available for event 'nope'\r\n",
    );
    assert.equal(raw(r, "latency", "reset", "blabla"), ":0\r\n");
    assert.equal(raw(r, "latency", "reset"), ":1\r\n");
    assert.equal(raw(r, "latency", "latest"), "*0\r\n");
    assert.equal(
      raw(r, "latency", "help", "xxx"),
      "-ERR wrong number of arguments for 'latency|help' command\r\n",
    );
  });

  test("doctor when the monitor is off", () => {
    const r = createInProcess();
    assert.match(raw(r, "latency", "doctor"), /I'm sorry, Dave, I can't do that\./);
  });

  test("HISTOGRAM of commands and subcommands", () => {
    const r = createInProcess();
    raw(r, "set", "a", "b");
    raw(r, "set", "c", "d");
    raw(r, "client", "id");
    assert.match(
      raw(r, "latency", "histogram", "set", "blabla"),
      /^\*2\r\n\$3\r\nset\r\n\*4\r\n\$5\r\ncalls\r\n:2\r\n\$14\r\nhistogram_usec\r\n\*\d+\r\n(:\d+\r\n)+$/,
    );
    assert.match(raw(r, "latency", "histogram", "client"), /^\*2\r\n\$9\r\nclient\|id\r\n/);
    assert.match(raw(r, "latency", "histogram", "CLIENT|ID"), /^\*2\r\n\$9\r\nclient\|id\r\n/);
    assert.equal(raw(r, "latency", "histogram", "blabla"), "*0\r\n");
  });

  test("a pipelined batch reports each call: histograms, commandstats, slowlog", () => {
    // A read chunk's cheap (fast) commands share the chunk's time and are
    // reported per run of the same command; every call must still count.
    const r = createInProcess({ "slowlog-log-slower-than": "0" });
    raw(r, "slowlog", "reset");
    const engine = r.engine;
    const a = engine.createClient();
    const b = engine.createClient();
    engine.startBatch(a);
    engine.execute(a, ["GET", "k1"]);
    engine.execute(a, ["GET", "k2"]);
    engine.execute(a, ["INCR", "n"]);
    engine.execute(b, ["GET", "k3"]);
    engine.execute(a, ["GET", "k4"]);
    engine.endBatch();
    assert.match(
      raw(r, "latency", "histogram", "get", "incr"),
      /^\*4\r\n\$3\r\nget\r\n\*4\r\n\$5\r\ncalls\r\n:4\r\n.*\$4\r\nincr\r\n\*4\r\n\$5\r\ncalls\r\n:1\r\n/s,
    );
    const stats = bulkBody(raw(r, "info", "commandstats"));
    assert.match(stats, /cmdstat_get:calls=4,/);
    assert.match(stats, /cmdstat_incr:calls=1,/);
    // Newest first, each call with its own arguments.
    const log = raw(r, "slowlog", "get", "-1");
    const order = [...log.matchAll(/\*2\r\n\$[34]\r\n(GET|INCR)\r\n\$[12]\r\n(\w+)\r\n/g)]
      .map((m) => m[1] + " " + m[2]);
    assert.deepEqual(order, ["GET k4", "GET k3", "INCR n", "GET k2", "GET k1"]);
  });
});

describe("SHUTDOWN, SAVE, BGSAVE, SYNC, PSYNC", () => {
  test("SHUTDOWN calls the server's hook and sends no reply", async () => {
    const r = createInProcess();
    let stopped = 0;
    r.engine.hooks.shutdown = () => stopped++;
    assert.equal(raw(r, "shutdown", "nosave", "save"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "shutdown", "abort", "now"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "shutdown", "foo"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "shutdown", "abort"), "-ERR No shutdown in progress.\r\n");
    assert.equal(raw(r, "shutdown", "save"), "-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
    assert.equal(raw(r, "shutdown", "nosave", "now"), "");
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(stopped, 1);
  });

  test("SAVE and BGSAVE are not available yet; SYNC needs a connection", () => {
    const r = createInProcess();
    assert.match(raw(r, "save"), /^-ERR /);
    assert.match(raw(r, "bgsave"), /^-ERR /);
    assert.equal(raw(r, "bgsave", "foo"), "-ERR syntax error\r\n");
    const noSocket =
      "-ERR SYNC and PSYNC need a connection: an in-process client cannot be a replica\r\n";
    assert.equal(raw(r, "sync"), noSocket);
    assert.equal(raw(r, "psync", "?", "-1"), noSocket);
  });
});

describe("FUNCTION placeholder", () => {
  test("FLUSH, LIST, STATS", () => {
    const r = createInProcess();
    assert.equal(raw(r, "function", "flush"), "+OK\r\n");
    assert.equal(raw(r, "function", "flush", "async"), "+OK\r\n");
    assert.equal(
      raw(r, "function", "flush", "x"),
      "-ERR FUNCTION FLUSH only supports SYNC|ASYNC option\r\n",
    );
    assert.equal(raw(r, "function", "list"), "*0\r\n");
    assert.equal(raw(r, "function", "list", "withcode", "libraryname", "x*"), "*0\r\n");
    assert.equal(raw(r, "function", "list", "bad"), "-ERR Unknown argument bad\r\n");
    assert.equal(
      raw(r, "function", "stats"),
      "*4\r\n$14\r\nrunning_script\r\n$-1\r\n$7\r\nengines\r\n*2\r\n$3\r\nLUA\r\n*4\r\n$15\r\nlibraries_count\r\n:0\r\n$15\r\nfunctions_count\r\n:0\r\n",
    );
  });
});
