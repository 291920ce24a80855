/**
 * The RESP request parser as a web `TransformStream`: bytes in, commands out.
 * Each read chunk yields one batch holding every command it completed (one
 * stream hop per chunk rather than per command, which matters at pipeline
 * depth 16), and a protocol error ends the stream with a last batch that
 * carries the error text.
 *
 * The server's connection loop drives {@link RespParser} directly instead,
 * because Redis interleaves parsing with execution: after AUTH the
 * unauthenticated size limits no longer apply to the very next command of
 * the same chunk, and a command that blocks the client (BLPOP, CLIENT PAUSE)
 * or closes it (QUIT) must leave the rest of the chunk unparsed. This stream
 * is for consumers that only read requests: proxies, recorders, tools.
 *
 * @example
 * ```ts
 * const commands = socket.readable.pipeThrough(new RespRequestStream());
 * for await (const batch of commands) {
 *   for (const argv of batch.commands) console.log(argv);
 *   if (batch.error) console.error(batch.error);
 * }
 * ```
 *
 * @module
 */
import type { BinaryDecoder } from "./binary.ts";
import { type ParserLimits, RespParser } from "./parser.ts";

/** The commands one chunk completed, and the protocol error that ended the stream, if any. */
export interface RequestBatch {
  commands: string[][];
  /** Redis's error text (e.g. `Protocol error: invalid bulk length`); empty for the query-buffer limit. */
  error?: string;
}

/** Parses a byte stream of RESP requests into batches of commands. */
export class RespRequestStream extends TransformStream<Uint8Array, RequestBatch> {
  constructor(limits: Partial<ParserLimits> = {}, decode?: BinaryDecoder) {
    const parser = new RespParser(limits, decode);
    super({
      transform(chunk, controller) {
        const commands: string[][] = [];
        let error: string | undefined;
        parser.feed(chunk, {
          onCommand(argv) {
            commands.push(argv);
          },
          onProtocolError(message) {
            error = message;
          },
        });
        if (commands.length > 0 || error !== undefined) {
          controller.enqueue(error === undefined ? { commands } : { commands, error });
        }
        if (error !== undefined) controller.terminate();
      },
    });
  }
}
