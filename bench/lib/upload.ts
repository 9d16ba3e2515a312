import http from "node:http";
import { now } from "./stats";

export interface UploadResult {
  status: number;
  /** Milliseconds from the request's start to the answer's status line. */
  ms: number;
  /** Body bytes written before the answer came. */
  sent: number;
}

/**
 * POSTs `bytes` of spaces to `path`, as fast as the server takes them: with a declared Content-Length
 * (the headers go first, the body only if no answer came within `waitMs`, as on a slow uplink), or
 * chunked. Resolves at the answer's status line; the upload is abandoned then.
 */
export function upload(
  port: number,
  path: string,
  bytes: number,
  options: { declared: boolean; waitMs?: number; headers?: Record<string, string> },
): Promise<UploadResult> {
  const started = now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path,
      agent: false,
      headers: {
        "Content-Type": "application/json",
        ...(options.declared && { "Content-Length": String(bytes) }),
        ...options.headers,
      },
    });
    req.on("response", (res) => {
      answered = true;
      resolve({ status: res.statusCode ?? 0, ms: now() - started, sent });
      res.resume();
      req.destroy();
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent < bytes && !answered && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered && !req.destroyed) req.end();
    };
    if (!options.declared) return pump();
    req.flushHeaders();
    setTimeout(pump, options.waitMs ?? 1000);
  });
}
