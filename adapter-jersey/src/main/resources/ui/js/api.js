// The API client: the bearer token lives in sessionStorage (this tab only) and goes in the
// Authorization header; it is never put in a URL.

const KEY = 'email-logs.token';
let unauthorized = () => {};

export const token = () => sessionStorage.getItem(KEY);
export const setToken = (value) => sessionStorage.setItem(KEY, value);
export const clearToken = () => sessionStorage.removeItem(KEY);

/** Called (once per refusal) when the server answers 401: the token is gone by then. */
export function onUnauthorized(fn) {
  unauthorized = fn;
}

/** A refusal by the server; `message` is the server's own text, shown verbatim. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }

  /** True when the route itself is missing (an endpoint this server does not have). */
  get routeMissing() {
    return this.status === 404 && this.message === 'Not found';
  }
}

/** A same-origin URL for `path` with the non-empty `params` (an object or entries). */
export function apiUrl(path, params = {}) {
  const url = new URL(path, window.location.origin);
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params);
  for (const [name, value] of entries) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.append(name, value);
  }
  return url;
}

export function authHeaders(extra = {}) {
  return { Authorization: `Bearer ${token() || ''}`, ...extra };
}

/** Reads an error answer: {"success":false,"error":...}, {"error":...} or the 429 {"message":...}. */
export async function errorOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.status === 401) {
    clearToken();
    unauthorized();
    return new ApiError(401, 'Unauthorized', body);
  }
  const message = (body && (body.error || body.message)) || `HTTP ${response.status}`;
  return new ApiError(response.status, message, body);
}

/** GET a JSON answer; throws ApiError with the server's message on a refusal. */
export async function getJson(path, params, { signal } = {}) {
  const response = await fetch(apiUrl(path, params), {
    headers: authHeaders({ Accept: 'application/json' }),
    cache: 'no-store',
    signal,
  });
  if (!response.ok) throw await errorOf(response);
  return response.json();
}
