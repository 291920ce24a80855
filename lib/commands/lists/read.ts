/** LLEN, LRANGE, LINDEX, LPOS. */
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, fail } from "../../core/errors.ts";
import { longArg, positiveLongArg } from "./args.ts";
import { listForRead, replyListRange } from "./ops.ts";

const ERR_RANK_ZERO =
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";

export const llen: CommandDefinition = {
  name: "llen",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["list"],
  keys: [singleKey(["RO"])],
  docs: {
    summary: "Get the length of a list",
    since: "1.0.0",
    group: "list",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    const list = listForRead(c.db, argv[1]);
    c.reply.int(list === undefined ? 0 : list.length);
  },
};

export const lrange: CommandDefinition = {
  name: "lrange",
  arity: 4,
  flags: ["readonly"],
  acl: ["list"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Get a range of elements from a list",
    since: "1.0.0",
    group: "list",
    complexity:
      "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.",
    syntax: "key start stop",
  },
  handler(c, argv) {
    const start = Number(longArg(argv[2]));
    const end = Number(longArg(argv[3]));
    const list = listForRead(c.db, argv[1]);
    if (list === undefined) return c.reply.arrayLen(0);
    replyListRange(c.reply, list, start, end, false);
  },
};

export const lindex: CommandDefinition = {
  name: "lindex",
  arity: 3,
  flags: ["readonly"],
  acl: ["list"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Get an element from a list by its index",
    since: "1.0.0",
    group: "list",
    complexity:
      "O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).",
    syntax: "key index",
  },
  handler(c, argv) {
    const list = listForRead(c.db, argv[1]);
    if (list === undefined) return c.reply.nullBulk();
    const i = list.index(Number(longArg(argv[2])));
    if (i < 0) c.reply.nullBulk();
    else c.reply.bulk(list.get(i));
  },
};

export const lpos: CommandDefinition = {
  name: "lpos",
  arity: -3,
  flags: ["readonly"],
  acl: ["list"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Return the index of matching elements on a list",
    since: "6.0.6",
    group: "list",
    complexity:
      "O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.",
    syntax: "key element [RANK rank] [COUNT num-matches] [MAXLEN len]",
  },
  handler(c, argv) {
    const ele = argv[2];
    let rank = 1;
    let count = -1;
    let maxlen = 0;
    let rankMin = false;
    for (let j = 3; j < argv.length; j++) {
      const opt = argv[j].toUpperCase();
      const more = j + 1 < argv.length;
      if (opt === "RANK" && more) {
        const v = longArg(argv[++j]);
        rank = Number(v);
        if (rank === 0) fail(ERR_RANK_ZERO);
        // Redis negates LLONG_MIN into itself: every match then qualifies and COUNT never stops.
        rankMin = v === -9223372036854775808n;
      } else if (opt === "COUNT" && more) {
        count = positiveLongArg(argv[++j], "COUNT can't be negative");
      } else if (opt === "MAXLEN" && more) {
        maxlen = positiveLongArg(argv[++j], "MAXLEN can't be negative");
      } else return c.reply.error(ERR_SYNTAX);
    }
    const fromTail = rank < 0;
    if (fromTail) rank = -rank;
    if (rankMin) rank = -Infinity;
    const list = listForRead(c.db, argv[1]);
    const reply = c.reply;
    if (list === undefined) {
      if (count !== -1) reply.arrayLen(0);
      else reply.nullBulk();
      return;
    }
    const len = list.length;
    const limit = maxlen === 0 || maxlen > len ? len : maxlen;
    let matches = 0;
    if (count === -1) {
      for (let k = 0; k < limit; k++) {
        const i = fromTail ? len - 1 - k : k;
        if (list.get(i) === ele && ++matches >= rank) return reply.int(i);
      }
      return reply.nullBulk();
    }
    const mark = reply.beginDeferred();
    let found = 0;
    for (let k = 0; k < limit; k++) {
      const i = fromTail ? len - 1 - k : k;
      if (list.get(i) !== ele || ++matches < rank) continue;
      reply.int(i);
      found++;
      if (count !== 0 && found >= count && !rankMin) break;
    }
    reply.endDeferred(mark, found);
  },
};
