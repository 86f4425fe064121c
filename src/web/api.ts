/**
 * The UI's client of the API. The UI is logged in with a session cookie (HttpOnly, so no script can read it);
 * state-changing requests carry the session's CSRF token, which the UI keeps in memory only.
 */

import { t } from "./language.ts";

/** A failed API request, with the server's message (which names the input or field) and per-field issues. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly issues: { path: string; message: string }[];

  constructor(status: number, message: string, issues: { path: string; message: string }[] = []) {
    super(message);
    this.name = "ApiFailure";
    this.status = status;
    this.issues = issues;
  }
}

let csrfToken: string | null = null;
let user: string | null = null;

export function currentUser(): string | null {
  return user;
}

/** Called when a request finds the session gone: the app shows the login page. */
let onUnauthorized: () => void = () => undefined;

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

async function request<T>(method: string, path: string, body?: unknown, init: { raw?: BodyInit; contentType?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET" && csrfToken !== null) headers["x-csrf-token"] = csrfToken;
  let payload: BodyInit | undefined;
  if (init.raw !== undefined) {
    payload = init.raw;
    headers["content-type"] = init.contentType ?? "application/octet-stream";
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["content-type"] = "application/json";
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
  const text = await response.text();
  const json = text === "" ? null : (JSON.parse(text) as unknown);
  if (!response.ok) {
    const error = (json ?? {}) as { message?: string; issues?: { path: string; message: string }[] };
    if (response.status === 401 && path !== "/api/session") onUnauthorized();
    throw new ApiFailure(response.status, error.message ?? t().common.requestFailed(`${method} ${path}`, response.status), error.issues ?? []);
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
  upload: <T>(path: string, file: Blob) => request<T>("POST", path, undefined, { raw: file, contentType: "application/octet-stream" }),
};

interface SessionInfo {
  user: string;
  csrfToken: string;
}

/** Logs in with an API key; the server sets the session cookie. */
export async function login(key: string): Promise<void> {
  const session = await request<SessionInfo>("POST", "/api/session", { key });
  csrfToken = session.csrfToken;
  user = session.user;
}

/** Resumes the session after a reload (the cookie survives, the CSRF token is asked for again). */
export async function resumeSession(): Promise<boolean> {
  try {
    const session = await request<SessionInfo>("GET", "/api/session");
    csrfToken = session.csrfToken;
    user = session.user;
    return true;
  } catch {
    return false;
  }
}

export async function logout(): Promise<void> {
  try {
    await request("DELETE", "/api/session");
  } finally {
    csrfToken = null;
    user = null;
  }
}

/** A query string from the set values of an object. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}
