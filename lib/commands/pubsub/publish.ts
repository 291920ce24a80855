/** PUBLISH, SPUBLISH and the PUBSUB introspection container. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { publish as publishMessage, pubsubState } from "../../features/pubsub.ts";
import { globMatch } from "../../store/glob.ts";
import { replyHelp } from "../server/help.ts";

export const publish: CommandDefinition = {
  name: "publish",
  arity: 3,
  flags: ["pubsub", "loading", "stale", "fast", "may_replicate", "sentinel"],
  docs: {
    summary: "Post a message to a channel",
    since: "2.0.0",
    group: "pubsub",
    complexity:
      "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).",
    syntax: "channel message",
  },
  handler(c, argv) {
    c.reply.int(publishMessage(c.engine, argv[1], argv[2]));
  },
};

export const spublish: CommandDefinition = {
  name: "spublish",
  arity: 3,
  flags: ["pubsub", "loading", "stale", "fast", "may_replicate"],
  keys: [singleKey(["NOT_KEY"])],
  docs: {
    summary: "Post a message to a shard channel",
    since: "7.0.0",
    group: "pubsub",
    complexity: "O(N) where N is the number of clients subscribed to the receiving shard channel.",
    syntax: "shardchannel message",
  },
  handler(c, argv) {
    c.reply.int(publishMessage(c.engine, argv[1], argv[2], true));
  },
};

function channelList(c: Client, argv: string[], map: Map<string, Set<Client>>): void {
  const pattern = argv.length === 3 ? argv[2] : undefined;
  const r = c.reply;
  const mark = r.beginDeferred();
  let n = 0;
  for (const channel of map.keys()) {
    if (pattern === undefined || globMatch(pattern, channel)) {
      r.bulk(channel);
      n++;
    }
  }
  r.endDeferred(mark, n);
}

function numsub(c: Client, argv: string[], map: Map<string, Set<Client>>): void {
  const r = c.reply;
  // A flat array in both protocols, as Redis.
  r.arrayLen((argv.length - 2) * 2);
  for (let j = 2; j < argv.length; j++) {
    r.bulk(argv[j]);
    r.int(map.get(argv[j])?.size ?? 0);
  }
}

const FLAGS: CommandDefinition["flags"] = ["pubsub", "loading", "stale"];

const HELP = [
  "CHANNELS [<pattern>]",
  "    Return the currently active channels matching a <pattern> (default: '*').",
  "NUMPAT",
  "    Return number of subscriptions to patterns.",
  "NUMSUB [<channel> ...]",
  "    Return the number of subscribers for the specified channels, excluding",
  "    pattern subscriptions(default: no channels).",
  "SHARDCHANNELS [<pattern>]",
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  "SHARDNUMSUB [<shardchannel> ...]",
  "    Return the number of subscribers for the specified shard level channel(s)",
];

/** Redis's reply for a subcommand called with the wrong number of arguments. */
function syntaxError(c: Client, argv: string[]): void {
  c.reply.error(
    "ERR unknown subcommand or wrong number of arguments for '" + argv[1].slice(0, 128) +
      "'. Try " + argv[0].toUpperCase() + " HELP.",
  );
}

export const pubsub: CommandDefinition = {
  name: "pubsub",
  arity: -2,
  docs: {
    summary: "A container for Pub/Sub commands",
    since: "2.8.0",
    group: "pubsub",
    complexity: "Depends on subcommand.",
  },
  subcommands: [
    {
      name: "channels",
      arity: -2,
      flags: FLAGS,
      docs: {
        summary: "List active channels",
        since: "2.8.0",
        group: "pubsub",
        complexity:
          "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)",
        syntax: "[pattern]",
      },
      handler(c, argv) {
        if (argv.length > 3) return syntaxError(c, argv);
        channelList(c, argv, pubsubState(c.engine).channels);
      },
    },
    {
      name: "numsub",
      arity: -2,
      flags: FLAGS,
      docs: {
        summary: "Get the count of subscribers for channels",
        since: "2.8.0",
        group: "pubsub",
        complexity: "O(N) for the NUMSUB subcommand, where N is the number of requested channels",
        syntax: "[channel [channel ...]]",
      },
      handler(c, argv) {
        numsub(c, argv, pubsubState(c.engine).channels);
      },
    },
    {
      name: "numpat",
      arity: 2,
      flags: FLAGS,
      docs: {
        summary: "Get the count of unique patterns pattern subscriptions",
        since: "2.8.0",
        group: "pubsub",
        complexity: "O(1)",
      },
      handler(c) {
        c.reply.int(pubsubState(c.engine).patterns.size);
      },
    },
    {
      name: "shardchannels",
      arity: -2,
      flags: FLAGS,
      docs: {
        summary: "List active shard channels",
        since: "7.0.0",
        group: "pubsub",
        complexity:
          "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).",
        syntax: "[pattern]",
      },
      handler(c, argv) {
        if (argv.length > 3) return syntaxError(c, argv);
        channelList(c, argv, pubsubState(c.engine).shardChannels);
      },
    },
    {
      name: "shardnumsub",
      arity: -2,
      flags: FLAGS,
      docs: {
        summary: "Get the count of subscribers for shard channels",
        since: "7.0.0",
        group: "pubsub",
        complexity:
          "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels",
        syntax: "[shardchannel [shardchannel ...]]",
      },
      handler(c, argv) {
        numsub(c, argv, pubsubState(c.engine).shardChannels);
      },
    },
    {
      name: "help",
      arity: 2,
      flags: ["loading", "stale"],
      docs: {
        summary: "Show helpful text about the different subcommands",
        since: "6.2.0",
        group: "pubsub",
        complexity: "O(1)",
      },
      handler(c, argv) {
        replyHelp(c, argv[0], HELP);
      },
    },
  ],
};
