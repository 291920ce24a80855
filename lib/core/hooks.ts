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
  /** Every key of a database (or of all, when undefined) changed. */
  dbModified: Array<(db: Database | undefined) => void>;
  /** A key got data that blocked clients may wait for. */
  keyReady: Array<(db: Database, key: string) => void>;
  /** A write command ran and dirtied the dataset: replication and AOF feed from here. */
  propagate: Array<(dbId: number, argv: string[], client: Client | undefined) => void>;
  /** After every command call. */
  afterCommand: Array<(client: Client, cmd: Command, argv: string[]) => void>;
  /** A client is gone. */
  clientClosed: Array<(client: Client) => void>;
  /** Periodic work. */
  cron: Array<() => void>;
  /** Publishes a message on a channel (set by the pub/sub module); returns receivers. */
  publish: ((channel: string, message: string) => number) | undefined;
  /** The replication role for HELLO and ROLE (set by replication; master when unset). */
  role: (() => "master" | "replica") | undefined;
  /** Log sink. */
  log: (level: "debug" | "verbose" | "notice" | "warning", message: string) => void;
}

/** Empty hook lists. */
export function createHooks(): Hooks {
  return {
    keyModified: [],
    dbModified: [],
    keyReady: [],
    propagate: [],
    afterCommand: [],
    clientClosed: [],
    cron: [],
    publish: undefined,
    role: undefined,
    log: () => {},
  };
}
