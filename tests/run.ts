/**
 * The one test command (`npm test`): format, lint and type checks and a JSR
 * publish dry run, then every test file under tests/ with `deno test` and
 * with `bun test`. Ends with one line `N passed, N failed` over everything
 * (each check counts as one test; tests are counted per runtime) and a
 * non-zero exit on failure.
 *
 * Options: `--only deno|bun` runs one runtime's suite; `--no-checks` skips
 * fmt, lint, check and the publish dry run; other arguments are passed to
 * both runners as file filters (e.g. `npm test -- tests/unit`).
 *
 * Run it with Deno: `deno run -A tests/run.ts`.
 *
 * @module
 */
import process from "node:process";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin");

interface Tally {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
}

function bin(name: string): string {
  const local = join(BIN, name);
  return existsSync(local) ? local : name;
}

/** A suite that runs longer than this is stopped (with every process it started) and fails. */
const SUITE_TIMEOUT_MS = 20 * 60 * 1000;

/**
 * Runs a command with its output shown live; resolves with exit code and
 * output. It runs in a process group of its own, killed whole on timeout,
 * so servers a hung test started go too.
 */
function run(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  process.stdout.write(`\n$ ${[cmd.replace(BIN + "/", ""), ...args].join(" ")}\n`);
  // Plain output for logs (Deno takes any FORCE_COLOR, even 0, as "force").
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  return new Promise((resolve) => {
    const p = spawn(cmd, args, {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env,
      detached: true,
    });
    let output = "";
    const onData = (to: { write(chunk: Uint8Array): unknown }) => (chunk: Uint8Array) => {
      to.write(chunk);
      output += new TextDecoder().decode(chunk);
    };
    p.stdout.on("data", onData(process.stdout));
    p.stderr.on("data", onData(process.stderr));
    const timer = setTimeout(() => {
      output += `\n${cmd} took longer than ${SUITE_TIMEOUT_MS / 60000} minutes: stopped\n`;
      process.stdout.write(output.slice(output.lastIndexOf("\n", output.length - 2)));
      try {
        process.kill(-p.pid!, "SIGKILL");
      } catch { /* already gone */ }
    }, SUITE_TIMEOUT_MS);
    p.on("error", (e) => {
      clearTimeout(timer);
      output += String(e);
      resolve({ code: 127, output });
    });
    p.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** A check (fmt, lint, type check) counts as one test. */
async function check(name: string, args: string[]): Promise<Tally> {
  const { code } = await run(bin("deno"), args);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
}

function decodeXml(s: string): string {
  return s.replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&quot;/g, '"').replace(
    /&apos;/g,
    "'",
  ).replace(/&amp;/g, "&");
}

/**
 * Counts leaf tests in Deno's JUnit report. Deno lists a `describe` and its
 * steps all as test cases (steps named `parent > child`); only the leaves
 * are tests, as Bun counts them. A parent counts as a failed test when it
 * failed for a reason of its own (a hook), not because a step failed.
 */
export function countDenoJunit(xml: string): Omit<Tally, "name"> {
  const cases: { name: string; failure: string | undefined; skipped: boolean }[] = [];
  const re = /<testcase name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const body = m[2] ?? "";
    const failure = body.match(/<failure message="([^"]*)"/);
    cases.push({
      name: decodeXml(m[1]),
      failure: failure ? decodeXml(failure[1]) : undefined,
      skipped: body.includes("<skipped"),
    });
  }
  const parents = new Set<string>();
  for (const c of cases) {
    const parts = c.name.split(" > ");
    for (let i = 1; i < parts.length; i++) parents.add(parts.slice(0, i).join(" > "));
  }
  const tally = { passed: 0, failed: 0, skipped: 0 };
  for (const c of cases) {
    if (parents.has(c.name)) {
      if (c.failure !== undefined && !/^\d+ test steps? failed/.test(c.failure)) tally.failed++;
    } else if (c.failure !== undefined) tally.failed++;
    else if (c.skipped) tally.skipped++;
    else tally.passed++;
  }
  return tally;
}

async function denoSuite(filters: string[]): Promise<Tally> {
  const dir = mkdtempSync(join(tmpdir(), "ferrous-test-"));
  const junit = join(dir, "deno.xml");
  try {
    const { code, output } = await run(bin("deno"), [
      "test",
      "-A",
      // Type errors are reported once, by the check step; a type error in one file
      // must not keep every other test from running.
      "--no-check",
      "--parallel",
      `--junit-path=${junit}`,
      ...(filters.length ? filters : ["tests/"]),
    ]);
    let tally: Omit<Tally, "name">;
    if (existsSync(junit)) tally = countDenoJunit(readFileSync(junit, "utf8"));
    else {
      const m = output.match(/(\d+) passed.*?\| (\d+) failed/);
      tally = { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0), skipped: 0 };
    }
    if (code !== 0 && tally.failed === 0) tally.failed = 1; // Failed before or around the tests.
    return { name: "deno test", ...tally };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bunSuite(filters: string[]): Promise<Tally> {
  const { code, output } = await run(bin("bun"), [
    "test",
    ...(filters.length ? filters.map((f) => (f.startsWith(".") ? f : "./" + f)) : ["./tests/"]),
  ]);
  const count = (word: string) =>
    Number(output.match(new RegExp(`^\\s*(\\d+) ${word}$`, "m"))?.[1] ?? 0);
  // Bun reports errors outside tests (e.g. a failing before hook) separately: they count as failures.
  const tally = {
    passed: count("pass"),
    failed: count("fail") + count("errors?"),
    skipped: count("skip") + count("todo"),
  };
  if (code !== 0 && tally.failed === 0) tally.failed = 1;
  return { name: "bun test", ...tally };
}

async function main(argv: string[]): Promise<number> {
  let only: string | undefined;
  let checks = true;
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--only") only = argv[++i];
    else if (argv[i] === "--no-checks") checks = false;
    else filters.push(argv[i]);
  }
  const tallies: Tally[] = [];
  if (checks) {
    tallies.push(await check("deno fmt", ["fmt", "--check"]));
    tallies.push(await check("deno lint", ["lint"]));
    tallies.push(await check("deno check", ["check", "mod.ts", "server.ts", "tests/"]));
    // What JSR would get: public API types, no slow types, the files deno.json lists.
    // --allow-dirty: the check runs on work in progress too, not only on commits.
    tallies.push(
      await check("deno publish --dry-run", ["publish", "--dry-run", "--allow-dirty"]),
    );
  }
  if (only === undefined || only === "deno") tallies.push(await denoSuite(filters));
  if (only === undefined || only === "bun") tallies.push(await bunSuite(filters));

  process.stdout.write("\n");
  for (const t of tallies) {
    const skipped = t.skipped ? `, skipped ${t.skipped}` : "";
    process.stdout.write(`  ${t.name}: passed ${t.passed}, failed ${t.failed}${skipped}\n`);
  }
  const passed = tallies.reduce((n, t) => n + t.passed, 0);
  const failed = tallies.reduce((n, t) => n + t.failed, 0);
  const skipped = tallies.reduce((n, t) => n + t.skipped, 0);
  process.stdout.write(
    `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`,
  );
  return failed > 0 ? 1 : 0;
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
