/** HGET, HMGET, HEXISTS, HSTRLEN, HLEN, HKEYS, HVALS, HGETALL. */
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { hashForRead } from "./lookup.ts";

export const hget: CommandDefinition = {
  name: "hget",
  arity: 3,
  flags: ["readonly", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Get the value of a hash field",
    since: "2.0.0",
    group: "hash",
    complexity: "O(1)",
    syntax: "key field",
  },
  handler(c, argv) {
    const h = hashForRead(c.db, argv[1]);
    c.reply.bulkOrNull(h === undefined ? undefined : h.get(argv[2]));
  },
};

export const hmget: CommandDefinition = {
  name: "hmget",
  arity: -3,
  flags: ["readonly", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Get the values of all the given hash fields",
    since: "2.0.0",
    group: "hash",
    complexity: "O(N) where N is the number of fields being requested.",
    syntax: "key field [field ...]",
  },
  handler(c, argv) {
    const h = hashForRead(c.db, argv[1]);
    const reply = c.reply;
    reply.arrayLen(argv.length - 2);
    for (let i = 2; i < argv.length; i++) {
      reply.bulkOrNull(h === undefined ? undefined : h.get(argv[i]));
    }
  },
};

export const hexists: CommandDefinition = {
  name: "hexists",
  arity: 3,
  flags: ["readonly", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RO"])],
  docs: {
    summary: "Determine if a hash field exists",
    since: "2.0.0",
    group: "hash",
    complexity: "O(1)",
    syntax: "key field",
  },
  handler(c, argv) {
    const h = hashForRead(c.db, argv[1]);
    c.reply.int(h !== undefined && h.has(argv[2]) ? 1 : 0);
  },
};

export const hstrlen: CommandDefinition = {
  name: "hstrlen",
  arity: 3,
  flags: ["readonly", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RO"])],
  docs: {
    summary: "Get the length of the value of a hash field",
    since: "3.2.0",
    group: "hash",
    complexity: "O(1)",
    syntax: "key field",
  },
  handler(c, argv) {
    const h = hashForRead(c.db, argv[1]);
    const v = h === undefined ? undefined : h.get(argv[2]);
    c.reply.int(v === undefined ? 0 : v.length);
  },
};

export const hlen: CommandDefinition = {
  name: "hlen",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RO"])],
  docs: {
    summary: "Get the number of fields in a hash",
    since: "2.0.0",
    group: "hash",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    const h = hashForRead(c.db, argv[1]);
    c.reply.int(h === undefined ? 0 : h.size);
  },
};

export const hkeys: CommandDefinition = {
  name: "hkeys",
  arity: 2,
  flags: ["readonly"],
  acl: ["hash"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output_order"],
  docs: {
    summary: "Get all the fields in a hash",
    since: "2.0.0",
    group: "hash",
    complexity: "O(N) where N is the size of the hash.",
    syntax: "key",
  },
  handler(c, argv) {
    const h = hashForRead(c.db, argv[1]);
    if (h === undefined) return c.reply.arrayLen(0);
    c.reply.bulkArray(h.fields);
  },
};

export const hvals: CommandDefinition = {
  name: "hvals",
  arity: 2,
  flags: ["readonly"],
  acl: ["hash"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output_order"],
  docs: {
    summary: "Get all the values in a hash",
    since: "2.0.0",
    group: "hash",
    complexity: "O(N) where N is the size of the hash.",
    syntax: "key",
  },
  handler(c, argv) {
    const h = hashForRead(c.db, argv[1]);
    if (h === undefined) return c.reply.arrayLen(0);
    c.reply.bulkArray(h.values);
  },
};

export const hgetall: CommandDefinition = {
  name: "hgetall",
  arity: 2,
  flags: ["readonly"],
  acl: ["hash"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output_order"],
  docs: {
    summary: "Get all the fields and values in a hash",
    since: "2.0.0",
    group: "hash",
    complexity: "O(N) where N is the size of the hash.",
    syntax: "key",
  },
  handler(c, argv) {
    const h = hashForRead(c.db, argv[1]);
    const reply = c.reply;
    if (h === undefined) return reply.mapLen(0);
    reply.mapLen(h.size);
    h.forEach((field, value) => {
      reply.bulk(field);
      reply.bulk(value);
    });
  },
};
