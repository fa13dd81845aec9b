// Minimal HTTPS client for tests: sends a request to the demo server on 127.0.0.1 with the Host
// header (and TLS server name) of an Urssaf URL, without following redirects.

import { request } from "node:https";

export interface DemoResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  location: string | null;
  setCookies: string[];
}

export interface DemoRequestOptions {
  method?: "GET" | "POST";
  /** Cookie header value, e.g. "urssaf_session=…" */
  cookie?: string;
  /** Form fields (sent as application/x-www-form-urlencoded) or a raw JSON string. */
  form?: Record<string, string | string[]> | URLSearchParams;
  json?: unknown;
  /** Gives up on the request (for a request the server leaves unanswered). */
  signal?: AbortSignal;
}

/** `demoRequest(port, "https://mon.urssaf.fr/actualites", { cookie })` */
export function demoRequest(port: number, url: string, opts: DemoRequestOptions = {}): Promise<DemoResponse> {
  const u = new URL(url);
  let payload: string | null = null;
  let contentType: string | null = null;
  if (opts.form) {
    const params = opts.form instanceof URLSearchParams ? opts.form : new URLSearchParams();
    if (!(opts.form instanceof URLSearchParams)) {
      for (const [k, v] of Object.entries(opts.form)) {
        for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
      }
    }
    payload = params.toString();
    contentType = "application/x-www-form-urlencoded";
  } else if (opts.json !== undefined) {
    payload = JSON.stringify(opts.json);
    contentType = "application/json";
  }
  const method = opts.method ?? (payload !== null ? "POST" : "GET");
  const headers: Record<string, string> = { host: u.host };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (contentType) headers["content-type"] = contentType;
  if (payload !== null) headers["content-length"] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path: `${u.pathname}${u.search}`,
        headers,
        servername: u.hostname,
        rejectUnauthorized: false,
        agent: false,
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const sc = res.headers["set-cookie"];
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            location: typeof res.headers.location === "string" ? res.headers.location : null,
            setCookies: sc ?? [],
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (payload !== null) req.write(payload);
    req.end();
  });
}

/** Extracts "name=value" of the session cookie from Set-Cookie headers. */
export function sessionCookie(setCookies: readonly string[], name = "urssaf_session"): string | null {
  for (const c of setCookies) {
    const first = c.split(";")[0] ?? "";
    if (first.startsWith(`${name}=`) && first.length > name.length + 1) return first;
  }
  return null;
}
