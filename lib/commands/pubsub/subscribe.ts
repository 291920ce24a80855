/** SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE. */
import { CLIENT_DENY_BLOCKING, CLIENT_MULTI } from "../../core/client.ts";
import { type CommandDefinition, keyRange } from "../../core/command.ts";
import {
  leaveIfUnsubscribed,
  subscribeChannel,
  subscribePattern,
  unsubscribeAllChannels,
  unsubscribeAllPatterns,
  unsubscribeChannel,
  unsubscribePattern,
} from "../../features/pubsub.ts";

const FLAGS: CommandDefinition["flags"] = ["pubsub", "noscript", "loading", "stale", "sentinel"];

export const subscribe: CommandDefinition = {
  name: "subscribe",
  arity: -2,
  flags: FLAGS,
  docs: {
    summary: "Listen for messages published to the given channels",
    since: "2.0.0",
    group: "pubsub",
    complexity: "O(N) where N is the number of channels to subscribe to.",
    syntax: "channel [channel ...]",
  },
  handler(c, argv) {
    // Inside EXEC subscribing is allowed, for backward compatibility.
    if (c.flags & CLIENT_DENY_BLOCKING && (c.flags & CLIENT_MULTI) === 0) {
      return c.reply.error("ERR SUBSCRIBE isn't allowed for a DENY BLOCKING client");
    }
    for (let j = 1; j < argv.length; j++) subscribeChannel(c.engine, c, argv[j], false);
  },
};

export const unsubscribe: CommandDefinition = {
  name: "unsubscribe",
  arity: -1,
  flags: FLAGS,
  docs: {
    summary: "Stop listening for messages posted to the given channels",
    since: "2.0.0",
    group: "pubsub",
    complexity: "O(N) where N is the number of clients already subscribed to a channel.",
    syntax: "[channel [channel ...]]",
  },
  handler(c, argv) {
    if (argv.length === 1) unsubscribeAllChannels(c.engine, c, false, true);
    else {for (let j = 1; j < argv.length; j++) {
        unsubscribeChannel(c.engine, c, argv[j], false, true);
      }}
    leaveIfUnsubscribed(c);
  },
};

export const psubscribe: CommandDefinition = {
  name: "psubscribe",
  arity: -2,
  flags: FLAGS,
  docs: {
    summary: "Listen for messages published to channels matching the given patterns",
    since: "2.0.0",
    group: "pubsub",
    complexity: "O(N) where N is the number of patterns the client is already subscribed to.",
    syntax: "pattern [pattern ...]",
  },
  handler(c, argv) {
    if (c.flags & CLIENT_DENY_BLOCKING && (c.flags & CLIENT_MULTI) === 0) {
      return c.reply.error("ERR PSUBSCRIBE isn't allowed for a DENY BLOCKING client");
    }
    for (let j = 1; j < argv.length; j++) subscribePattern(c.engine, c, argv[j]);
  },
};

export const punsubscribe: CommandDefinition = {
  name: "punsubscribe",
  arity: -1,
  flags: FLAGS,
  docs: {
    summary: "Stop listening for messages posted to channels matching the given patterns",
    since: "2.0.0",
    group: "pubsub",
    complexity:
      "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).",
    syntax: "[pattern [pattern ...]]",
  },
  handler(c, argv) {
    if (argv.length === 1) unsubscribeAllPatterns(c.engine, c, true);
    else for (let j = 1; j < argv.length; j++) unsubscribePattern(c.engine, c, argv[j], true);
    leaveIfUnsubscribed(c);
  },
};

export const ssubscribe: CommandDefinition = {
  name: "ssubscribe",
  arity: -2,
  flags: ["pubsub", "noscript", "loading", "stale"],
  keys: [keyRange(["NOT_KEY"], 1, -1)],
  docs: {
    summary: "Listen for messages published to the given shard channels",
    since: "7.0.0",
    group: "pubsub",
    complexity: "O(N) where N is the number of shard channels to subscribe to.",
    syntax: "shardchannel [shardchannel ...]",
  },
  handler(c, argv) {
    if (c.flags & CLIENT_DENY_BLOCKING) {
      return c.reply.error("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
    }
    for (let j = 1; j < argv.length; j++) subscribeChannel(c.engine, c, argv[j], true);
  },
};

export const sunsubscribe: CommandDefinition = {
  name: "sunsubscribe",
  arity: -1,
  flags: ["pubsub", "noscript", "loading", "stale"],
  keys: [keyRange(["NOT_KEY"], 1, -1)],
  docs: {
    summary: "Stop listening for messages posted to the given shard channels",
    since: "7.0.0",
    group: "pubsub",
    complexity: "O(N) where N is the number of clients already subscribed to a shard channel.",
    syntax: "[shardchannel [shardchannel ...]]",
  },
  handler(c, argv) {
    if (argv.length === 1) unsubscribeAllChannels(c.engine, c, true, true);
    else for (let j = 1; j < argv.length; j++) unsubscribeChannel(c.engine, c, argv[j], true, true);
    leaveIfUnsubscribed(c);
  },
};
