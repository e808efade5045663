// Dependency-free HTTP servers for local demos and end-to-end tests, bound to 127.0.0.1.
//
//   node tools/serve.mjs [dir=dist] [port=8080]
//
// Module API:
//   serveStatic(dir, { port, compress })  files from `dir`, CORS open, never cached
//   servePages({ port })          HTML pages set at run time: pages.set("/x.html", html | { html, headers, delay })
//   startCollector({ port })      records POSTs; fault injection via .queue / .respond
//   holdAnswers(origin)           holds a server's answers back as a real network would
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const HOST = "127.0.0.1";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

const NO_CACHE = { "Cache-Control": "no-store, max-age=0", Pragma: "no-cache", Expires: "0" };

function listen(handler, port = 0) {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(err?.stack ?? err));
    });
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, HOST, () => {
      const actual = server.address().port;
      const origin = `http://${HOST}:${actual}`;
      ok({
        server,
        port: actual,
        origin,
        url: (path = "/") => origin + path,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { ...NO_CACHE, "Access-Control-Allow-Origin": "*", ...headers });
  res.end(body);
}

/**
 * The body in the best encoding the request accepts (brotli, then gzip), as a CDN sends it.
 * Each file is compressed once, at the highest level, and kept.
 */
function encoder() {
  const kept = new Map();
  return (file, body, accepted = "") => {
    const coding = /\bbr\b/.test(accepted) ? "br" : /\bgzip\b/.test(accepted) ? "gzip" : null;
    if (!coding) return { body, headers: {} };
    const key = `${coding} ${file} ${body.length}`;
    if (!kept.has(key)) {
      const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length };
      kept.set(key, coding === "br" ? brotliCompressSync(body, { params }) : gzipSync(body, { level: 9 }));
    }
    return { body: kept.get(key), headers: { "Content-Encoding": coding, Vary: "Accept-Encoding" } };
  };
}

/**
 * Serves the files under `dir` (index.html for directories). With `compress: true` a file
 * goes brotli- or gzip-encoded when the request accepts it (off by default).
 */
export async function serveStatic(dir, { port = 0, compress = false } = {}) {
  const root = resolve(dir);
  const encode = compress ? encoder() : null;
  return listen(async (req, res) => {
    if (req.method === "OPTIONS") {
      return send(res, 204, "", {
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "*",
      });
    }
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed");
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = resolve(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return send(res, 403, "forbidden");
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const raw = await readFile(file);
      const type = MIME[extname(file).toLowerCase()] ?? "application/octet-stream";
      const { body, headers } = encode ? encode(file, raw, req.headers["accept-encoding"]) : { body: raw, headers: {} };
      send(res, 200, req.method === "HEAD" ? undefined : body, {
        "Content-Type": type,
        "Content-Length": body.length,
        ...headers,
      });
    } catch {
      send(res, 404, `not found: ${path}`, { "Content-Type": "text/plain; charset=utf-8" });
    }
  }, port);
}

/**
 * Holds a server's answers back as a real network would (loopback has no round trips and no
 * handshakes): each answer by `rtt` ms, and the first on each new connection by `connect` ms
 * more (a TCP and TLS handshake). `holdAnswers(origin)` returns `hold({ rtt, connect })`;
 * nothing is held until it is called, and `hold({})` stops holding.
 */
export function holdAnswers({ server }) {
  let held = { rtt: 0, connect: 0 };
  const handlers = server.listeners("request");
  const handle = (req, res) => handlers.forEach((h) => h.call(server, req, res));
  server.removeAllListeners("request");
  server.on("request", (req, res) => {
    const fresh = !req.socket.answered;
    req.socket.answered = true;
    const ms = held.rtt + (fresh ? held.connect : 0);
    if (ms > 0) setTimeout(() => handle(req, res), ms);
    else handle(req, res);
  });
  return ({ rtt = 0, connect = 0 }) => {
    held = { rtt, connect };
  };
}

/**
 * Serves HTML pages registered at run time; `pages.set(path, html)`. A page may be a function
 * of the request, and either may give `{ html, headers }` instead of a string: `headers` are
 * added to (and may replace) the defaults, e.g. a Content-Security-Policy or, for a script or
 * stylesheet served beside the pages, its Content-Type. `delay` holds the answer back that
 * many milliseconds (a slow image that keeps the page from loading).
 */
export async function servePages({ port = 0 } = {}) {
  const pages = new Map();
  const srv = await listen(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const entry = pages.get(path);
    if (entry === undefined) return send(res, 404, `no page at ${path}`, { "Content-Type": "text/plain" });
    const page = typeof entry === "function" ? entry(req) : entry;
    const { html, headers = {}, delay = 0 } = page !== null && typeof page === "object" && !Buffer.isBuffer(page) ? page : { html: page };
    // unref: a page still held back does not keep the process alive once it is done.
    if (delay) await new Promise((ok) => setTimeout(ok, delay).unref());
    if (res.destroyed) return;
    send(res, 200, html, { "Content-Type": MIME[".html"], ...headers });
  }, port);
  return Object.assign(srv, { pages });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Records every POST (any path) and answers 201 unless told otherwise.
 *
 * Fault injection, checked per POST in this order:
 *   collector.queue.push({ status: 500 })          one-shot decisions, first in first out
 *   collector.respond = (request, index) => ({...}) standing decision (null = default)
 * A decision is { status = 201, delay = 0 (ms), hang = false, body, headers }.
 * `hang: true` never answers (the connection stays open until the client gives up or close()).
 *
 * Each record carries `raw` (the body's bytes, a Buffer), `id` (the response id: the JSON body's `id`, the form body's `id`, or the
 * Idempotency-Key), `form` (a urlencoded body as { key: value | [values] }), `beacon` (true when
 * there is no Idempotency-Key, as with navigator.sendBeacon), and timings in ms since the epoch:
 * `startedAt` (request arrived) and `endedAt` (answer sent, or the client closed the connection;
 * `aborted` says which).
 * `collector.allowCredentials = true` answers CORS with the request's Origin and
 * Access-Control-Allow-Credentials (needed by credentialed requests such as beacons).
 * Retry-After is exposed to scripts (Access-Control-Expose-Headers).
 *
 * GET /_received lists the recorded requests as JSON; DELETE /_received clears them.
 */
export async function startCollector({ port = 0, status = 201 } = {}) {
  const received = [];
  let preflights = 0;
  const collector = {
    received,
    queue: [],
    respond: null,
    defaultStatus: status,
    allowCredentials: false,
    get preflights() {
      return preflights;
    },
    /** POSTs that were answered with a 2xx. */
    delivered: () => received.filter((r) => r.status >= 200 && r.status < 300),
    reset() {
      received.length = 0;
      collector.queue.length = 0;
      collector.respond = null;
      collector.defaultStatus = status;
      collector.allowCredentials = false;
      preflights = 0;
    },
    /** Distinct response ids over every recorded POST, in order of first arrival. */
    ids: () => [...new Set(received.map((r) => r.id).filter(Boolean))],
    /** Distinct response ids that were answered with a 2xx, in order of first delivery. */
    deliveredIds: () => [...new Set(collector.delivered().map((r) => r.id).filter(Boolean))],
    /** Resolves once every id in `ids` has been answered with a 2xx (or rejects after `timeout` ms). */
    async waitForDelivered(ids, timeout = 10_000) {
      const until = Date.now() + timeout;
      for (;;) {
        const got = new Set(collector.deliveredIds());
        const missing = ids.filter((id) => !got.has(id));
        if (!missing.length) return;
        if (Date.now() > until) {
          throw new Error(`collector: ${missing.length}/${ids.length} ids not delivered after ${timeout} ms: ${missing.slice(0, 5).join(", ")}`);
        }
        await sleep(25);
      }
    },
    /** Resolves once `count` POSTs have been received (or rejects after `timeout` ms). */
    async waitFor(count = 1, timeout = 10_000) {
      const until = Date.now() + timeout;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`collector: ${received.length}/${count} POSTs after ${timeout} ms`);
        await sleep(25);
      }
      return received.slice(0, count);
    },
  };

  const cors = (req) =>
    collector.allowCredentials && req.headers.origin
      ? { "Access-Control-Allow-Origin": req.headers.origin, "Access-Control-Allow-Credentials": "true", Vary: "Origin" }
      : {};

  const srv = await listen(async (req, res) => {
    const startedAt = Date.now();
    const path = new URL(req.url, "http://x").pathname;
    if (req.method === "OPTIONS") {
      preflights++;
      const asked = req.headers["access-control-request-headers"];
      return send(res, 204, "", {
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": ["content-type", "idempotency-key", asked].filter(Boolean).join(", "),
        "Access-Control-Max-Age": "0",
        ...cors(req),
      });
    }
    if (path === "/_received" && req.method === "GET") {
      return send(res, 200, JSON.stringify(received, null, 2), { "Content-Type": MIME[".json"] });
    }
    if (path === "/_received" && req.method === "DELETE") {
      collector.reset();
      return send(res, 204, "");
    }
    if (req.method !== "POST") return send(res, 405, "method not allowed", { Allow: "POST, OPTIONS" });

    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const raw = Buffer.concat(chunks);
    const text = raw.toString("utf8");
    let body = text;
    try {
      body = JSON.parse(text);
    } catch {}
    const form = /^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? "") ? parseForm(text) : null;
    const formId = Array.isArray(form?.id) ? form.id[0] : form?.id;
    const record = {
      method: req.method,
      path,
      headers: req.headers,
      body,
      text,
      form,
      id: (body && typeof body === "object" ? body.id : null) ?? formId ?? req.headers["idempotency-key"] ?? null,
      beacon: !req.headers["idempotency-key"],
      receivedAt: new Date().toISOString(),
      startedAt,
      endedAt: null,
      aborted: false,
      status: null,
    };
    // The exact bytes (a multipart body with files is not text); kept out of /_received.
    Object.defineProperty(record, "raw", { value: raw });
    received.push(record);
    res.on("finish", () => {
      record.endedAt ??= Date.now();
    });
    res.on("close", () => {
      if (record.endedAt == null) {
        record.endedAt = Date.now();
        record.aborted = true;
      }
    });

    const index = received.length - 1;
    const decision = collector.queue.length
      ? collector.queue.shift()
      : (collector.respond?.(record, index) ?? {});
    const { status: code = collector.defaultStatus, delay = 0, hang = false, body: reply, headers = {} } = decision;
    if (hang) {
      record.status = "hang";
      return;
    }
    // unref: a page still held back does not keep the process alive once it is done.
    if (delay) await new Promise((ok) => setTimeout(ok, delay).unref());
    record.status = code;
    const payload = reply ?? (code < 300 ? { ok: true, id: body?.id ?? null } : { error: `injected ${code}` });
    send(res, code, typeof payload === "string" ? payload : JSON.stringify(payload), {
      "Content-Type": MIME[".json"],
      "Access-Control-Expose-Headers": "Retry-After",
      ...cors(req),
      ...headers,
    });
  }, port);
  return Object.assign(collector, srv);
}

/** A urlencoded body as { key: value }, a repeated key as { key: [values] }. */
export function parseForm(text) {
  const out = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (!Object.hasOwn(out, k)) out[k] = v;
    else out[k] = [].concat(out[k], v);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [dir = "dist", port = "8080"] = process.argv.slice(2);
  const srv = await serveStatic(dir, { port: Number(port) });
  console.log(`serving ${resolve(dir)} at ${srv.url("/")}`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
