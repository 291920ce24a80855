/**
 * Extension points through which features (transactions, pub/sub, blocking,
 * tracking, replication, persistence) observe the engine without the engine
 * knowing them.
 *
 * @module
 */
import type { Database } from "../store/database.ts";
import type { Client } from "./client.ts";
import type { Command } from "./command.ts";

/** The hook lists. */
export interface Hooks {
  /** A key changed (WATCH, client-side caching). */
  keyModified: Array<(db: Database, key: string) => void>;
  /**
   * Every key of a database (or of all, when undefined) is about to change;
   * for SWAPDB `replacedWith` is the database whose contents replace `db`'s.
   */
  dbModified: Array<(db: Database | undefined, replacedWith?: Database) => void>;
  /** A key got data that blocked clients may wait for. */
  keyReady: Array<(db: Database, key: string) => void>;
  /** A write command ran and dirtied the dataset: replication and AOF feed from here. */
  propagate: Array<(dbId: number, argv: string[], client: Client | undefined) => void>;
  /** After every command call. */
  afterCommand: Array<(client: Client, cmd: Command, argv: string[]) => void>;
  /**
   * Commands finished with their durations (slowlog, latency monitor,
   * latency histograms): `count` consecutive calls of `cmd` by `client`,
   * each taking `usec`, whose argument vectors are `argvs[from … from+count)`.
   * A pipelined batch of one command shares its time equally among its
   * calls (see Engine.endBatch), so it is reported as one run: a hook pays
   * once per run, not once per call.
   */
  commandTimed: Array<
    (
      client: Client,
      cmd: Command,
      argvs: readonly string[][],
      from: number,
      count: number,
      usec: number,
    ) => void
  >;
  /** A client is gone. */
  clientClosed: Array<(client: Client) => void>;
  /** Periodic work. */
  cron: Array<() => void>;
  /** CONFIG RESETSTAT: features reset their own counters (latency, slowlog stats, ...). */
  resetStats: Array<() => void>;
  /**
   * A command was rejected while its client is in MULTI, or EXEC was
   * rejected (set by the transactions module): flags the transaction;
   * returns true when it wrote the reply itself (a rejected EXEC answers
   * EXECABORT, in MULTI or not, as Redis's rejectCommand).
   */
  rejectInMulti:
    | ((client: Client, message: string, cmd: Command | undefined) => boolean)
    | undefined;
  /**
   * The effective flag bits (CMD_*) of a command whose flags depend on its
   * arguments, as Redis's getCommandFlags: EVAL/FCALL with script flags (set
   * by scripting). Used where Redis uses them: CLIENT PAUSE WRITE, MULTI's
   * accumulated flags. Undefined: the command's static bits.
   */
  commandFlags: ((client: Client, cmd: Command, argv: string[]) => number) | undefined;
  /** Publishes a message on a channel (set by the pub/sub module); returns receivers. */
  publish: ((channel: string, message: string) => number) | undefined;
  /** The replication role for HELLO and ROLE (set by replication; master when unset). */
  role: (() => "master" | "replica") | undefined;
  /** Stops the server (set by the server; SHUTDOWN calls it after the reply-less close). */
  shutdown: (() => void) | undefined;
  /** Log sink. */
  log: (level: "debug" | "verbose" | "notice" | "warning", message: string) => void;
}

/** Empty hook lists. */
export const createHooks = ((function eager() {})(), function createHooks(): Hooks {
  return {
    keyModified: [],
    dbModified: [],
    keyReady: [],
    propagate: [],
    afterCommand: [],
    clientClosed: [],
    commandTimed: [],
    cron: [],
    resetStats: [],
    rejectInMulti: undefined,
    commandFlags: undefined,
    publish: undefined,
    role: undefined,
    shutdown: undefined,
    log: () => {},
  };
});
