import { connect } from "node:net";

export interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/**
 * One HTTP/1.1 request written byte for byte on a socket, so the request target and `Host` are exactly
 * what a hostile client sends (fetch would normalize them).
 */
export function rawRequest(port: number, request: { method: string; target: string; host?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  const body = request.body ?? "";
  const headers = {
    host: request.host ?? `127.0.0.1:${port}`,
    connection: "close",
    ...(body !== "" ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}),
    ...request.headers,
  };
  const text = `${request.method} ${request.target} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n${body}`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const answer = Buffer.concat(chunks).toString("utf8");
      const split = answer.indexOf("\r\n\r\n");
      const head = split === -1 ? answer : answer.slice(0, split);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? "0");
      resolve({ status, head, body: split === -1 ? "" : answer.slice(split + 4) });
    });
    socket.write(text);
  });
}
