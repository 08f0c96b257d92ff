// The admin API client: JSON in and out, the server's own error message on failure, the CSRF token on every
// mutating request once a login session exists, and a signal to the app when the session is gone (401).

let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token || null;
}

export class ApiError extends Error {
  constructor(status, message, code, param) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code || null;
    this.param = param || null;
  }
}

/** The message of an OpenAI-shaped error body, or a plain description of the status. */
export function errorFrom(status, body, statusText) {
  const error = body && typeof body === 'object' ? body.error : null;
  if (error && typeof error === 'object' && error.message) {
    return new ApiError(status, error.message, error.code, error.param);
  }
  if (error && typeof error === 'string') return new ApiError(status, error);
  return new ApiError(status, `The server answered ${status} ${statusText || ''}`.trim());
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Headers for a request of this method: the CSRF token on mutations, and a JSON content type on every mutation,
 * with or without a body (the server refuses other changes as possibly cross-site).
 */
export function adminHeaders(method, json) {
  const headers = { Accept: 'application/json' };
  if (json || MUTATING.has(method)) headers['Content-Type'] = 'application/json';
  if (MUTATING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

export async function api(path, { method = 'GET', body, signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: adminHeaders(method, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'FlowRouter did not answer: is it still running?');
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = errorFrom(response.status, data, response.statusText);
    if (response.status === 401 && !path.startsWith('/api/login')) {
      window.dispatchEvent(new CustomEvent('flowrouter:unauthorized', { detail: error }));
    }
    throw error;
  }
  return data;
}

export const get = (path, options) => api(path, { ...options, method: 'GET' });
export const post = (path, body, options) => api(path, { ...options, method: 'POST', body });
export const put = (path, body, options) => api(path, { ...options, method: 'PUT', body });
export const patch = (path, body, options) => api(path, { ...options, method: 'PATCH', body });
export const del = (path, body, options) => api(path, { ...options, method: 'DELETE', body });

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** What the server says about admin access: signed in or not, whether a login is needed, and how. */
export async function loadSession() {
  const response = await fetch('/api/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw errorFrom(response.status, data, response.statusText);
  setCsrfToken(data.csrf_token);
  return data;
}
