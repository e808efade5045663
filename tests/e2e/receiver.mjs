// The real receiver for end-to-end tests: target/debug/seda-receiver (tools/test.sh builds it),
// started on a free 127.0.0.1 port over a fresh SQLite file or the PostgreSQL server of
// tools/with-postgres.sh, and read back through its export.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const RECEIVER_BIN = process.env.SEDA_RECEIVER_BIN ?? join(ROOT, "target/debug/seda-receiver");
export const TOKEN = "e2e-admin-token";
/** The desk's build (tools/build-desk.sh), for `startReceiver({ desk: DESK_DIST })`. */
export const DESK_DIST = join(ROOT, "crates/seda-desk/dist");

/** The databases the receiver cases run on. */
export const DATABASES = ["sqlite", "postgres"];

/**
 * The database URL for `kind`: a new SQLite file in `dir`, or the server tools/with-postgres.sh
 * started. Without that server the PostgreSQL cases fail (they are never skipped).
 */
export function databaseUrl(kind, dir) {
  if (kind === "sqlite") return `sqlite://${join(dir, "seda.db")}`;
  const url = process.env.SEDA_TEST_POSTGRES_URL;
  if (!url) {
    throw new Error("SEDA_TEST_POSTGRES_URL is not set: run through `bash tools/with-postgres.sh npx --no playwright test` (tools/test.sh does)");
  }
  return url;
}

/** A port nobody listens on now. */
async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once("error", fail).listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Starts `seda-receiver serve` and waits until /healthz answers. `assets` serves that folder
 * at `/`; `demo` adds /demo/responses; `desk` serves that folder (the desk's build) at /desk/.
 * The same object restarts it on the same port and database after `kill()`.
 */
export async function startReceiver({ database = "sqlite", assets = null, demo = false, desk = null } = {}) {
  if (!existsSync(RECEIVER_BIN)) {
    throw new Error(`${RECEIVER_BIN} is missing: run \`cargo build --locked -p seda-receiver\` first`);
  }
  const dir = mkdtempSync(join(tmpdir(), "seda-e2e-receiver-"));
  const url = databaseUrl(database, dir);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = ["serve", "--listen", `127.0.0.1:${port}`, "--database", url, "--files", join(dir, "files")];
  if (assets) args.push("--assets", assets);
  if (demo) args.push("--demo");
  if (desk) {
    if (!existsSync(join(desk, "index.html"))) throw new Error(`${desk}/index.html is missing: run \`bash tools/build-desk.sh\` first`);
    args.push("--desk", desk);
  }

  let child = null;
  let log = "";
  const receiver = {
    origin,
    database,
    filesDir: join(dir, "files"),
    url: (path = "/") => origin + path,
    get log() {
      return log;
    },
    /** Starts the process (again) and resolves once it answers /healthz. */
    async start() {
      child = spawn(RECEIVER_BIN, args, { env: { ...process.env, SEDA_ADMIN_TOKEN: TOKEN, RUST_LOG: "warn" }, stdio: ["ignore", "ignore", "pipe"] });
      child.stderr.on("data", (d) => {
        log += d;
      });
      const exited = new Promise((ok) => child.once("exit", (code, signal) => ok({ code, signal })));
      child.exited = exited;
      const until = Date.now() + 30_000;
      for (;;) {
        const gone = await Promise.race([exited, sleep(50).then(() => null)]);
        if (gone) throw new Error(`seda-receiver exited (${gone.code ?? gone.signal}) before answering:\n${log}`);
        try {
          if ((await fetch(`${origin}/healthz`)).ok) return receiver;
        } catch {}
        if (Date.now() > until) throw new Error(`seda-receiver did not answer /healthz in 30 s:\n${log}`);
      }
    },
    /** Ends the process with `signal` (SIGKILL: as a crash, nothing flushed) and waits for it. */
    async kill(signal = "SIGKILL") {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await child.exited;
    },
    async close() {
      await receiver.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
    /** The export of `form` as JSON Lines, parsed. */
    async exportRows(form) {
      const r = await fetch(`${origin}/export?form=${encodeURIComponent(form)}&format=jsonl`, { headers: { authorization: `Bearer ${TOKEN}` } });
      if (!r.ok) throw new Error(`export ${form}: ${r.status} ${await r.text()}`);
      return (await r.text()).split("\n").filter(Boolean).map((line) => JSON.parse(line));
    },
    /** The export's rows of `form` whose id is `id` (a PostgreSQL server is shared by the cases). */
    async rowsOf(form, id) {
      return (await receiver.exportRows(form)).filter((row) => row.id === id);
    },
    /** Waits until response `id` of `form` is in the export; returns its rows. */
    async waitForRow(form, id, timeout = 15_000) {
      const until = Date.now() + timeout;
      for (;;) {
        const rows = await receiver.rowsOf(form, id);
        if (rows.length) return rows;
        if (Date.now() > until) throw new Error(`response ${id} of ${form} not in the export after ${timeout} ms`);
        await sleep(100);
      }
    },
    /** Adds an account through the CLI (`users add NAME --role ROLE`), the password on stdin. */
    addUser(name, password, role = "admin") {
      const run = spawnSync(RECEIVER_BIN, ["users", "add", name, "--role", role, "--database", url], { input: `${password}\n`, encoding: "utf8" });
      if (run.status !== 0) throw new Error(`users add ${name}: ${run.status}\n${run.stderr}`);
    },
    /** Registers a form definition through the CLI (`forms add FILE`). */
    addForm(file) {
      const run = spawnSync(RECEIVER_BIN, ["forms", "add", file, "--database", url], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`forms add ${file}: ${run.status}\n${run.stderr}`);
    },
    /** A Prometheus counter of /metrics. */
    async metric(name) {
      const text = await (await fetch(`${origin}/metrics`)).text();
      const line = text.split("\n").find((l) => l.startsWith(`${name} `));
      return line ? Number(line.split(" ")[1]) : 0;
    },
  };
  return receiver.start();
}
