/**
 * Log lines in Redis's format: `pid:M 28 Nov 2026 18:51:12.345 * message`.
 *
 * @module
 */
import process from "node:process";
import { appendFileSync } from "node:fs";
import type { Config } from "../config/config.ts";

const LEVELS = { debug: 0, verbose: 1, notice: 2, warning: 3 } as const;
const MARKS = [".", "-", "*", "#"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** Formats a log line as Redis does. */
export function formatLogLine(
  level: keyof typeof LEVELS,
  message: string,
  date = new Date(),
): string {
  const ts = `${pad(date.getDate())} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${
      pad(date.getMilliseconds(), 3)
    }`;
  return `${process.pid}:M ${ts} ${MARKS[LEVELS[level]]} ${message}`;
}

/** A logger honouring `loglevel` and `logfile` (stdout when empty). */
export function createLogger(config: Config): (level: string, message: string) => void {
  return (level, message) => {
    const lv = LEVELS[level as keyof typeof LEVELS] ?? 2;
    const min = LEVELS[config.settings.loglevel as keyof typeof LEVELS] ?? 2;
    if (lv < min) return;
    const line = formatLogLine(level as keyof typeof LEVELS, message) + "\n";
    const file = config.settings.logfile;
    if (file) appendFileSync(file, line);
    else process.stdout.write(line);
  };
}
