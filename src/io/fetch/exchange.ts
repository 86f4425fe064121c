import { request } from "undici";
import type { Dispatcher } from "undici";
import { FetchError } from "./errors.ts";
import type { FetchErrorOptions, FetchErrorReason } from "./errors.ts";
import { readBody } from "./read-body.ts";
import type { BodyLimits } from "./read-body.ts";
import { PrivateAddressError } from "./ssrf-guard.ts";

/** One request of a redirect chain: the URL the caller asked for and the one being requested now. */
export interface Hop {
  requested: string;
  url: URL;
}

/** A `FetchError` for the caller's URL, naming the hop's URL too when a redirect led there. */
export function hopFailure(hop: Hop, reason: FetchErrorReason, detail: string, options: FetchErrorOptions = {}): FetchError {
  const where = hop.url.href === hop.requested ? "" : ` (at ${hop.url.href}, reached by redirect)`;
  return new FetchError(hop.requested, reason, `${detail}${where}`, options);
}

/** Status line and headers of a response, header names lower-cased, repeated headers joined with ", ". */
export interface ResponseHead {
  status: number;
  headers: Record<string, string>;
  /** ISO timestamp of the moment the headers arrived. */
  receivedAt: string;
}

export interface ExchangeSettings extends BodyLimits {
  dispatcher: Dispatcher;
  /** Enforced by the dispatcher's connector; named here for the error message. */
  connectTimeoutMs: number;
  /** From sending the request (connecting included) until the headers are in. */
  headersTimeoutMs: number;
  /** From the headers until the whole body is in. */
  bodyTimeoutMs: number;
}

/**
 * Bodies we do not keep (redirects, errors, refused types) are drained up to this much so the connection
 * can be reused for the next request; a larger one is cut off with its connection. 64 KiB covers any
 * error page worth keeping a connection for.
 */
const DISCARD_LIMIT_BYTES = 64 * 1024;

/** The reason an exchange's abort signal carries when a phase outlives its time limit. */
class Deadline extends Error {
  constructor(readonly phase: "headers" | "body") {
    super(`${phase} deadline passed`);
  }
}

/**
 * Sends one GET and reads the response. `wantBody` sees the head first and says whether to read the body;
 * it may throw (a status or content type we refuse), and then the body is discarded unread.
 * When the body is read, its content-coding is removed, so `content-encoding` and `content-length`
 * (which describe the encoded form) are dropped from the returned headers.
 */
export async function exchange(
  hop: Hop,
  headers: Record<string, string>,
  settings: ExchangeSettings,
  wantBody: (head: ResponseHead) => boolean,
): Promise<{ head: ResponseHead; body: Buffer | null }> {
  const controller = new AbortController();
  let response: Dispatcher.ResponseData;
  const headersDeadline = setTimeout(() => controller.abort(new Deadline("headers")), settings.headersTimeoutMs);
  try {
    response = await request(hop.url, { dispatcher: settings.dispatcher, method: "GET", headers, signal: controller.signal });
  } catch (error) {
    throw describeFailure(hop, error, settings, controller.signal);
  } finally {
    clearTimeout(headersDeadline);
  }
  const head: ResponseHead = { status: response.statusCode, headers: flattenHeaders(response.headers), receivedAt: new Date().toISOString() };
  let read: boolean;
  try {
    read = wantBody(head);
  } catch (error) {
    await discard(response.body, settings.bodyTimeoutMs);
    throw error;
  }
  if (!read) {
    await discard(response.body, settings.bodyTimeoutMs);
    return { head, body: null };
  }
  const bodyDeadline = setTimeout(() => controller.abort(new Deadline("body")), settings.bodyTimeoutMs);
  try {
    const encoding = head.headers["content-encoding"];
    const body = await readBody(response.body, encoding, settings, (reason, detail, cause) => hopFailure(hop, reason, detail, { cause }));
    if (encoding !== undefined) {
      delete head.headers["content-encoding"];
      delete head.headers["content-length"];
    }
    return { head, body };
  } catch (error) {
    // A failed pipeline has destroyed the body already; a coding we cannot remove left it unread.
    if (!response.body.destroyed) await discard(response.body, settings.bodyTimeoutMs);
    throw describeFailure(hop, error, settings, controller.signal);
  } finally {
    clearTimeout(bodyDeadline);
  }
}

/** Drains a body we do not keep, within the body deadline; a body that will not drain is destroyed with its connection. */
async function discard(body: Dispatcher.ResponseData["body"], timeoutMs: number): Promise<void> {
  try {
    await body.dump({ limit: DISCARD_LIMIT_BYTES, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    body.destroy();
  }
}

/** Turns whatever a request threw into a `FetchError` with a reason; our own `FetchError`s pass through. */
function describeFailure(hop: Hop, error: unknown, settings: ExchangeSettings, signal: AbortSignal): FetchError {
  if (error instanceof FetchError) return error;
  if (error instanceof PrivateAddressError) return hopFailure(hop, "private_address", error.message, { cause: error });
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code === "UND_ERR_CONNECT_TIMEOUT") {
    return hopFailure(hop, "timeout", `connecting took longer than connectTimeoutMs (${settings.connectTimeoutMs} ms)`, { cause: error });
  }
  if (signal.reason instanceof Deadline && signal.reason.phase === "headers") {
    return hopFailure(hop, "timeout", `no response headers within headersTimeoutMs (${settings.headersTimeoutMs} ms)`, { cause: error });
  }
  if (signal.reason instanceof Deadline) {
    return hopFailure(hop, "timeout", `the body took longer than bodyTimeoutMs (${settings.bodyTimeoutMs} ms) to arrive`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return hopFailure(hop, "network", code ? `${message} (${code})` : message, { cause: error });
}

function flattenHeaders(raw: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}
