/**
 * Configuration: CONFIG GET/SET/RESETSTAT/REWRITE/HELP replies byte for byte
 * as Redis 7.0.15, the parameter table's parsing and canonical values, the
 * redis.conf loader and redis-server's command line rules.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { createInProcess, type InProcess, startServer } from "../../mod.ts";
import { Config, ConfigError } from "../../lib/config/config.ts";
import { applyDefaults, inProcessDefaults, serverDefaults } from "../../lib/config/embedded.ts";
import {
  ConfigFileError,
  configText,
  extrasOf,
  loadConfigText,
  parseCommandLine,
} from "../../lib/config/load.ts";
import { rewriteConfigText } from "../../lib/config/rewrite.ts";
import { memtoull, string2ll } from "../../lib/config/numbers.ts";
import { PARAMETERS } from "../../lib/config/parameters.ts";

const dec = new TextDecoder("latin1");

function raw(r: InProcess, ...argv: string[]): string {
  return dec.decode(r.callRaw(...argv));
}

function err(msg: string): string {
  return "-" + msg + "\r\n";
}

function bulk(s: string): string {
  return "$" + s.length + "\r\n" + s + "\r\n";
}

function pairs(...kv: string[]): string {
  return "*" + kv.length + "\r\n" + kv.map(bulk).join("");
}

describe("CONFIG GET", () => {
  test("one parameter, canonical value", () => {
    const r = createInProcess();
    assert.equal(raw(r, "CONFIG", "GET", "maxmemory"), pairs("maxmemory", "0"));
    assert.equal(
      raw(r, "CONFIG", "GET", "hash-max-listpack-entries"),
      pairs("hash-max-listpack-entries", "512"),
    );
    assert.equal(
      raw(r, "CONFIG", "GET", "client-output-buffer-limit"),
      pairs(
        "client-output-buffer-limit",
        "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
      ),
    );
  });

  test("the name is echoed as given and deduplicated without case", () => {
    const r = createInProcess();
    assert.equal(raw(r, "CONFIG", "GET", "MAXMEMORY"), pairs("MAXMEMORY", "0"));
    assert.equal(raw(r, "CONFIG", "GET", "maxmemory", "MAXMEMORY"), pairs("maxmemory", "0"));
  });

  test("aliases are separate names; patterns match both", () => {
    const r = createInProcess();
    assert.equal(raw(r, "CONFIG", "GET", "slaveof"), pairs("slaveof", ""));
    const got = r.call("CONFIG", "GET", "*ziplist-entries") as string[];
    assert.deepEqual(
      new Set(got),
      new Set(["hash-max-ziplist-entries", "512", "zset-max-ziplist-entries", "128"]),
    );
    const res = r.call("CONFIG", "GET", "maxmemory", "maxmemory*", "bind", "*of") as string[];
    const keys = res.filter((_, i) => i % 2 === 0);
    assert.equal(new Set(keys).size, keys.length);
    for (
      const k of [
        "maxmemory",
        "maxmemory-samples",
        "maxmemory-clients",
        "bind",
        "slaveof",
        "replicaof",
      ]
    ) assert.ok(keys.includes(k), k);
  });

  test("hidden parameters only by exact name", () => {
    const r = createInProcess();
    const all = r.call("CONFIG", "GET", "*") as string[];
    assert.ok(!all.includes("key-load-delay"));
    assert.equal(raw(r, "CONFIG", "GET", "key-load-delay"), pairs("key-load-delay", "0"));
  });

  test("unknown name: empty map; RESP3 map", () => {
    const r = createInProcess();
    assert.equal(raw(r, "CONFIG", "GET", "nonexistent"), "*0\r\n");
    r.call("HELLO", "3");
    assert.equal(raw(r, "CONFIG", "GET", "maxmemory"), "%1\r\n" + bulk("maxmemory") + bulk("0"));
  });

  test("CONFIG GET * lists 172 parameters and aliases (Redis without TLS)", () => {
    const r = createInProcess();
    assert.equal((r.call("CONFIG", "GET", "*") as string[]).length, 2 * 172);
  });

  test("arity", () => {
    const r = createInProcess();
    assert.equal(
      raw(r, "CONFIG", "GET"),
      err("ERR wrong number of arguments for 'config|get' command"),
    );
  });
});

describe("CONFIG SET", () => {
  const cases: Array<[string[], string]> = [
    [["foo", "bar"], "ERR Unknown option or number of arguments for CONFIG SET - 'foo'"],
    [
      ["maxmemory", "1", "maxmemory", "2"],
      "ERR CONFIG SET failed (possibly related to argument 'maxmemory') - duplicate parameter",
    ],
    [
      ["maxmemory", "abc"],
      "ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value",
    ],
    [
      ["port", "1", "daemonize", "yes"],
      "ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config",
    ],
    [["maxmemory", "1", "foo"], "ERR syntax error"],
    [
      ["maxmemory", "x", "foo", "bar"],
      "ERR Unknown option or number of arguments for CONFIG SET - 'foo'",
    ],
    [
      ["hz", "010"],
      "ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer",
    ],
    [
      ["maxclients", "-1"],
      "ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must be between 1 and 4294967295 inclusive",
    ],
    [
      ["set-max-intset-entries", "-1"],
      "ERR CONFIG SET failed (possibly related to argument 'set-max-intset-entries') - argument must be between 0 and 9223372036854775807 inclusive",
    ],
    [
      ["list-max-ziplist-size", "99999999999"],
      "ERR CONFIG SET failed (possibly related to argument 'list-max-ziplist-size') - argument must be between -2147483648 and 2147483647 inclusive",
    ],
    [
      ["maxmemory-clients", "200%"],
      "ERR CONFIG SET failed (possibly related to argument 'maxmemory-clients') - percentage argument must be less or equal to 100",
    ],
    [
      ["maxmemory-clients", "-5"],
      "ERR CONFIG SET failed (possibly related to argument 'maxmemory-clients') - argument must be a memory or percent value",
    ],
    [
      ["LUA-TIME-LIMIT", "x"],
      "ERR CONFIG SET failed (possibly related to argument 'lua-time-limit') - argument couldn't be parsed into an integer",
    ],
    [
      ["loglevel", "bogus"],
      "ERR CONFIG SET failed (possibly related to argument 'loglevel') - argument(s) must be one of the following: debug, verbose, notice, warning",
    ],
    [
      ["appendonly", "maybe"],
      "ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or 'no'",
    ],
    [
      ["save", "100 10 200"],
      "ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters",
    ],
    [
      ["save", "0 10"],
      "ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters",
    ],
    [
      ["client-output-buffer-limit", "master 1 2 3"],
      "ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - Invalid client class specified in buffer limit configuration.",
    ],
    [
      ["client-output-buffer-limit", "normal 1 2"],
      "ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - Wrong number of arguments in buffer limit configuration.",
    ],
    [
      ["client-output-buffer-limit", "normal x 2 3"],
      "ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - Error in hard, soft or soft_seconds setting in buffer limit configuration.",
    ],
    [
      ["notify-keyspace-events", "Q"],
      "ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
    ],
    [
      ["shutdown-on-sigint", "save nosave"],
      "ERR CONFIG SET failed (possibly related to argument 'shutdown-on-sigint') - shutdown options SAVE and NOSAVE can't be used simultaneously",
    ],
    [
      ["shutdown-on-sigint", ""],
      "ERR CONFIG SET failed (possibly related to argument 'shutdown-on-sigint') - argument(s) must be one of the following: default, save, nosave, now, force",
    ],
    [
      ["oom-score-adj-values", "1 2 3000"],
      "ERR CONFIG SET failed (possibly related to argument 'oom-score-adj-values') - Invalid oom-score-adj-values, elements must be between -2000 and 2000.",
    ],
    [
      ["latency-tracking-info-percentiles", "101"],
      "ERR CONFIG SET failed (possibly related to argument 'latency-tracking-info-percentiles') - latency-tracking-info-percentiles parameters should sit between [0.0,100.0]",
    ],
    [
      ["dbfilename", "a/b"],
      "ERR CONFIG SET failed (possibly related to argument 'dbfilename') - can't set protected config",
    ],
    [
      ["dir", "/tmp"],
      "ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config",
    ],
    [
      ["slaveof", "no one"],
      "ERR CONFIG SET failed (possibly related to argument 'slaveof') - can't set immutable config",
    ],
    [
      ["proc-title-template", "{foo}"],
      "ERR CONFIG SET failed (possibly related to argument 'proc-title-template') - template format is invalid or contains unknown variables",
    ],
    [
      ["bind", "a b c d e f g h i j k l m n o p q"],
      "ERR CONFIG SET failed (possibly related to argument 'bind') - Too many bind addresses specified.",
    ],
  ];
  for (const [args, msg] of cases) {
    test(`CONFIG SET ${args.join(" ")}`, () => {
      const r = createInProcess();
      assert.equal(raw(r, "CONFIG", "SET", ...args), err(msg));
    });
  }

  test("canonical values after SET", () => {
    const r = createInProcess();
    const check: Array<[string, string, string]> = [
      ["maxmemory", "1mb", "1048576"],
      ["maxmemory", "2GB", "2147483648"],
      ["maxmemory", "1k", "1000"],
      ["maxmemory", "", "0"],
      ["maxmemory", "18446744073709551616", "18446744073709551615"],
      ["hz", "1000", "500"],
      ["hz", "0", "1"],
      ["maxmemory-clients", "5%", "5%"],
      ["save", "100 10 200 20", "100 10 200 20"],
      ["save", "", ""],
      ["notify-keyspace-events", "KEA", "AKE"],
      ["notify-keyspace-events", "Kgxn", "gxnK"],
      ["loglevel", "VERBOSE", "verbose"],
      ["activerehashing", "NO", "no"],
      ["shutdown-on-sigint", "nosave force now", "nosave now force"],
      ["oom-score-adj", "relative", "yes"],
      ["latency-tracking-info-percentiles", "50 99.99999999 1e1", "50 100 10"],
      ["latency-tracking-info-percentiles", "", ""],
      ["lua-time-limit", "100", "100"],
      ["list-max-ziplist-size", "-3", "-3"],
      ["zset-max-ziplist-value", "1kb", "1024"],
      [
        "client-output-buffer-limit",
        "normal 1mb 2mb 60 replica 3 4 5",
        "normal 1048576 2097152 60 slave 3 4 5 pubsub 33554432 8388608 60",
      ],
    ];
    for (const [name, value, canonical] of check) {
      assert.equal(raw(r, "CONFIG", "SET", name, value), "+OK\r\n", name + " " + value);
      assert.equal(raw(r, "CONFIG", "GET", name), pairs(name, canonical), name + " " + value);
    }
    assert.equal(
      raw(r, "CONFIG", "GET", "busy-reply-threshold"),
      pairs("busy-reply-threshold", "100"),
    );
    assert.equal(r.engine.config.settings.luaTimeLimit, 100);
    assert.equal(r.engine.config.settings.listMaxListpackSize, -3);
    assert.equal(r.engine.config.settings.zsetMaxListpackValue, 1024);
  });

  test("several parameters at once; all or none", () => {
    const r = createInProcess();
    assert.equal(
      raw(
        r,
        "CONFIG",
        "SET",
        "maxmemory",
        "10000001",
        "repl-backlog-size",
        "10000002",
        "save",
        "3000 5",
      ),
      "+OK\r\n",
    );
    assert.equal(raw(r, "CONFIG", "GET", "save"), pairs("save", "3000 5"));
    assert.equal(
      raw(
        r,
        "CONFIG",
        "SET",
        "maxmemory",
        "1",
        "maxmemory-clients",
        "200%",
        "client-query-buffer-limit",
        "invalid",
      ),
      err(
        "ERR CONFIG SET failed (possibly related to argument 'maxmemory-clients') - percentage argument must be less or equal to 100",
      ),
    );
    assert.equal(raw(r, "CONFIG", "GET", "maxmemory"), pairs("maxmemory", "10000001"));
    assert.equal(r.engine.config.settings.maxmemory, 10000001);
  });

  test("an apply hook that refuses rolls everything back", () => {
    const r = createInProcess();
    const seen: string[] = [];
    r.engine.config.onApply("port", (_name, value) => {
      seen.push(value);
      if (value === "4321") {
        throw new ConfigError("Unable to listen on this port. Check server logs.");
      }
    });
    assert.equal(
      raw(r, "CONFIG", "SET", "maxmemory", "5", "port", "4321"),
      err(
        "ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs.",
      ),
    );
    assert.equal(raw(r, "CONFIG", "GET", "maxmemory"), pairs("maxmemory", "0"));
    assert.equal(raw(r, "CONFIG", "GET", "port"), pairs("port", "6379"));
    assert.deepEqual(seen, ["4321"]);
    assert.equal(raw(r, "CONFIG", "SET", "port", "4322"), "+OK\r\n");
    assert.deepEqual(seen, ["4321", "4322"]);
  });

  test("onChange fires for changed parameters only", () => {
    const r = createInProcess();
    const changes: string[] = [];
    r.engine.config.onChange = (n, v) => changes.push(n + "=" + v);
    r.call("CONFIG", "SET", "maxmemory", "0", "hz", "20");
    assert.deepEqual(changes, ["hz=20"]);
  });

  test("protected configs with enable-protected-configs yes", () => {
    const r = createInProcess({ "enable-protected-configs": "yes" });
    assert.equal(raw(r, "CONFIG", "SET", "dbfilename", "x.rdb"), "+OK\r\n");
    assert.equal(
      raw(r, "CONFIG", "SET", "dbfilename", "a/b"),
      err(
        "ERR CONFIG SET failed (possibly related to argument 'dbfilename') - dbfilename can't be a path, just a filename",
      ),
    );
  });

  test("CONFIG sanity: every parameter accepts its own value", () => {
    const r = createInProcess();
    const skip = new Set(["dir", "dbfilename"]);
    const all = r.call("CONFIG", "GET", "*") as string[];
    const immutable = new Set<string>();
    for (let i = 0; i < all.length; i += 2) {
      if (skip.has(all[i])) continue;
      const res = raw(r, "CONFIG", "SET", all[i], all[i + 1]);
      if (res.includes("immutable")) immutable.add(all[i]);
      else assert.equal(res, "+OK\r\n", all[i]);
    }
    const after = r.call("CONFIG", "GET", "*") as string[];
    assert.deepEqual(after, all);
    assert.ok(immutable.has("daemonize") && immutable.has("databases"));
  });
});

describe("CONFIG RESETSTAT, REWRITE, HELP", () => {
  test("RESETSTAT zeroes stats, commandstats and errorstats", () => {
    const r = createInProcess();
    r.call("SET", "a", "b");
    r.call("NOSUCHCOMMAND");
    const e = r.engine;
    assert.ok(e.stats.totalCommands > 0);
    assert.ok(e.stats.errors.size > 0);
    assert.equal(raw(r, "CONFIG", "RESETSTAT"), "+OK\r\n");
    // As in Redis, CONFIG RESETSTAT itself is counted after the reset.
    assert.equal(e.stats.totalCommands, 1);
    assert.equal(e.stats.totalErrorReplies, 0);
    assert.equal(e.stats.errors.size, 0);
    assert.equal(e.commands.get("set")!.stats.calls, 0);
  });

  test("REWRITE without a config file", () => {
    const r = createInProcess();
    assert.equal(
      raw(r, "CONFIG", "REWRITE"),
      err("ERR The server is running without a config file"),
    );
  });

  test("REWRITE keeps comments, replaces lines, appends non-defaults", () => {
    const dir = mkdtempSync(join(tmpdir(), "ferrous-cfg-"));
    try {
      const path = join(dir, "redis.conf");
      writeFileSync(
        path,
        "# my comment\nport 7238\n\nsave 900 1\nsave 300 10\nmaxmemory 1mb\nlua-time-limit 100\nhash-max-ziplist-entries 77\n",
      );
      const r = createInProcess();
      const config = r.engine.config;
      config.configFile = path;
      loadConfigText(config, readFileSync(path, "latin1"));
      r.call("CONFIG", "SET", "maxmemory", "2mb", "save", "100 1", "notify-keyspace-events", "KEA");
      assert.equal(raw(r, "CONFIG", "REWRITE"), "+OK\r\n");
      const text = readFileSync(path, "latin1");
      assert.equal(
        text,
        "# my comment\nport 7238\n\nsave 100 1\n\nmaxmemory 2mb\nbusy-reply-threshold 100\n" +
          "hash-max-listpack-entries 77\n\n# Generated by CONFIG REWRITE\n" +
          `dir ${JSON.stringify(process.cwd())}\n` +
          'notify-keyspace-events "AKE"\nlatency-tracking-info-percentiles 50 99 99.9\n' +
          "user default on nopass ~* &* +@all\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("rewrite of unknown lines and force-all", () => {
    const c = new Config();
    const text = rewriteConfigText(c, "foo bar\n", false, () => []);
    assert.ok(text.startsWith("# ??? foo bar\n"));
    const all = rewriteConfigText(c, "", true, () => []);
    assert.ok(all.includes("\nclient-output-buffer-limit replica 256mb 64mb 60\n"));
    assert.ok(all.includes("\nsave 3600 1\nsave 300 100\nsave 60 10000\n"));
    assert.ok(all.includes('\nproc-title-template "{title} {listen-addr} {server-mode}"\n'));
    assert.ok(all.includes("\nunixsocketperm 0\n"));
    assert.ok(!all.includes("\nbind "));
  });

  test("HELP", () => {
    const r = createInProcess();
    const help = r.call("CONFIG", "HELP") as string[];
    assert.equal(help[0], "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    assert.equal(help.length, 11);
    assert.equal(help[10], "    Prints this help.");
    assert.equal(
      raw(r, "CONFIG", "foo"),
      err("ERR unknown subcommand 'foo'. Try CONFIG HELP."),
    );
  });
});

describe("numbers", () => {
  test("string2ll and memtoull follow the C helpers", () => {
    assert.equal(string2ll("010"), undefined);
    assert.equal(string2ll("-0"), undefined);
    assert.equal(string2ll("+1"), undefined);
    assert.equal(string2ll("9223372036854775808"), undefined);
    assert.equal(string2ll("-9223372036854775808"), -9223372036854775808n);
    assert.equal(memtoull("5GB"), 5n * 1024n ** 3n);
    assert.equal(memtoull("kb"), 0n);
    assert.equal(memtoull("-1"), undefined);
    assert.equal(memtoull("1.5mb"), undefined);
  });
});

describe("redis.conf and command line", () => {
  function load(text: string): Config {
    const c = new Config();
    loadConfigText(c, text);
    return c;
  }

  function fatal(text: string): string {
    try {
      load(text);
    } catch (e) {
      assert.ok(e instanceof ConfigFileError);
      return e.message;
    }
    assert.fail("no error");
  }

  test("fatal error report as redis-server prints it", () => {
    assert.equal(
      fatal("\n" + parseCommandLine(["--foo", "bar"]).options),
      "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n" +
        ">>> 'foo \"bar\"'\nBad directive or wrong number of arguments",
    );
    assert.equal(
      fatal("\n" + parseCommandLine(["--port"]).options),
      "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n" +
        ">>> 'port'\nwrong number of arguments",
    );
    assert.match(fatal('port "1'), /Unbalanced quotes in configuration line$/);
    assert.match(fatal("maxmemory 1x"), />>> 'maxmemory 1x'\nargument must be a memory value$/);
  });

  test("command line rules of redis-server 7.0", () => {
    const opts = (...a: string[]) => parseCommandLine(a).options;
    assert.equal(opts("--port", "6380"), 'port "6380" ');
    assert.equal(opts("--port", "6379", "6380"), 'port "6379" "6380" ');
    assert.equal(opts("--port", "--loglevel", "verbose"), 'port "--loglevel" "verbose" ');
    assert.equal(opts("--maxmemory 700mb", "--loglevel", "x"), 'maxmemory 700mb \nloglevel "x" ');
    assert.equal(opts("--save", "--loglevel", "verbose"), 'save ""\nloglevel "verbose" ');
    assert.equal(opts("--loglevel", "verbose", "--save"), 'loglevel "verbose" \nsave ""');
    const cl = parseCommandLine(["/etc/redis.conf", "--port", "1", "-"]);
    assert.equal(cl.configFile, "/etc/redis.conf");
    assert.equal(cl.stdin, true);
    assert.equal(parseCommandLine(["-"]).stdin, true);
  });

  const suiteCases: Array<[string[], RegExp]> = [
    [["--port"], /'port'[^]*wrong number of arguments/],
    [["--port", "6380", "--loglevel"], /'loglevel'[^]*wrong number of arguments/],
    [["--port", "6379", "6380"], /'port "6379" "6380"'[^]*wrong number of arguments/],
    [["--port", "--loglevel", "verbose"], /'port "--loglevel" "verbose"'[^]*wrong number/],
    [
      ["--port", "--bla", "--loglevel", "verbose"],
      /'port "--bla"'[^]*argument couldn't be parsed into an integer/,
    ],
    [
      ["--logfile", "--my--log--file", "--loglevel", "--bla"],
      /'loglevel "--bla"'[^]*argument\(s\) must be one of the following/,
    ],
    [
      ["--shutdown-on-sigint"],
      /'shutdown-on-sigint'[^]*argument\(s\) must be one of the following/,
    ],
    [["--replicaof", "127.0.0.1", "abc"], /'replicaof "127.0.0.1" "abc"'[^]*Invalid master port/],
    [["--replicaof", "--127.0.0.1", "--abc"], /'replicaof "--127.0.0.1"'[^]*wrong number/],
  ];
  for (const [args, re] of suiteCases) {
    test(`fatal: ${args.join(" ")}`, () => {
      assert.match(fatal(configText("", "", parseCommandLine(args).options)), re);
    });
  }

  test("values from the command line", () => {
    const c = (args: string[], file = "") => {
      const conf = new Config();
      loadConfigText(conf, configText(file, "", parseCommandLine(args).options));
      return conf;
    };
    assert.equal(
      c(["--maxmemory 700mb", "--maxmemory-policy volatile-lru"]).get("maxmemory"),
      "734003200",
    );
    assert.equal(
      c(["--proc-title-template", "--my--title--template"]).get("proc-title-template"),
      "--my--title--template",
    );
    assert.equal(
      c(["--shutdown-on-sigint", "nosave", "force", "now", "--shutdown-on-sigterm", "nosave force"])
        .get("shutdown-on-sigint"),
      "nosave now force",
    );
    assert.equal(
      c(["--shutdown-on-sigterm", "nosave force"]).get("shutdown-on-sigterm"),
      "nosave force",
    );
    assert.equal(c(["--save", "--loglevel", "verbose"]).get("save"), "");
    assert.equal(
      c(["--proc-title-template", "--save", "--save", "", "--loglevel", "verbose"]).get(
        "proc-title-template",
      ),
      "--save",
    );
  });

  test("save lines: the first replaces the defaults, later ones add", () => {
    assert.equal(load("port 1").get("save"), "3600 1 300 100 60 10000");
    assert.equal(load("save 100 100").get("save"), "100 100");
    assert.equal(load("save 900 1\n" + "\nsave 100 100").get("save"), "900 1 100 100");
    assert.equal(load('save 900 1\nsave ""').get("save"), "");
    assert.equal(load('save "60 5 70 6"').get("save"), "60 5 70 6");
  });

  test("aliases, deprecated and special directives", () => {
    const c = load(
      "hash-max-listpack-entries 20\nhash-max-ziplist-entries 21\nlist-max-ziplist-entries 5\n" +
        "rename-command flushdb badger\nuser alice on\n# comment\n   \n",
    );
    assert.equal(c.get("hash-max-listpack-entries"), "21");
    assert.deepEqual(extrasOf(c).renames, [["flushdb", "badger"]]);
    assert.deepEqual(extrasOf(c).users, [["alice", "on"]]);
    assert.match(fatal("sentinel monitor x"), /sentinel directive while not in sentinel mode$/);
  });
});

describe("Config instances", () => {
  test("each has its own settings, equal to every parameter's default applied", () => {
    const a = new Config();
    const applied = { activeExpireEnabled: true } as Record<string, unknown>;
    for (const spec of PARAMETERS) spec.apply?.(applied as never, spec.defaultValue);
    // A snapshot: `applied` holds the defaults' own arrays.
    const expected = structuredClone(applied);
    assert.deepEqual(a.settings, expected);
    // Deep copies: changing one Config (even an array in place) leaves the next alone.
    a.set("bind", "10.0.0.1");
    a.settings.saveParams.push([1, 1]);
    a.settings.clientOutputBufferLimits.pubsub.hard = 1;
    const b = new Config();
    assert.deepEqual(b.settings, expected);
    assert.equal(b.get("bind"), "* -::*");
    assert.equal(a.get("bind"), "10.0.0.1");
  });

  test("a default follows set and back; dir is the cwd when the Config is made", () => {
    const c = new Config();
    assert.equal(c.get("maxmemory-policy"), "noeviction");
    c.set("maxmemory-policy", "allkeys-lru");
    assert.equal(c.settings.maxmemoryPolicy, "allkeys-lru");
    c.set("maxmemory-policy", "noeviction");
    assert.equal(c.get("maxmemory-policy"), "noeviction");
    assert.equal(new Config().settings.dir, process.cwd());
  });
});

describe("embedded defaults", () => {
  // startServer() and createInProcess() store their defaults parsed; each must
  // equal what parsing its text (as the options would) gives.
  const texts: Record<string, string> = { port: "0", bind: "127.0.0.1", save: "" };
  for (
    const [label, defaults] of [["server", serverDefaults], [
      "in-process",
      inProcessDefaults,
    ]] as const
  ) {
    test(`${label}: parsed values equal their text`, () => {
      const parsed = new Config();
      applyDefaults(parsed, defaults());
      const fromText = new Config();
      for (const [name] of defaults()) fromText.set(name, texts[name], true);
      assert.deepEqual(parsed.settings, fromText.settings);
      for (const [name] of defaults()) {
        const spec = parsed.spec(name)!;
        assert.deepEqual(parsed.typedValue(spec), fromText.typedValue(spec), name);
        assert.equal(parsed.get(name), fromText.get(name), name);
      }
      assert.equal(
        rewriteConfigText(parsed, "", false, () => []),
        rewriteConfigText(fromText, "", false, () => []),
      );
    });
  }

  test("setParsed stores the port a server picked", async () => {
    const server = await startServer();
    try {
      const reply = await server.call("CONFIG", "GET", "port");
      assert.deepEqual(reply, ["port", String(server.port)]);
      assert.notEqual(server.port, 0);
    } finally {
      await server.close();
    }
  });
});
