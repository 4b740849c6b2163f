// The one way the page talks to the server: same-origin fetch with the session cookie, JSON in and
// out, the CSRF token on every state-changing request, and errors as ApiError carrying the server's
// message in both languages.

let csrfToken = null;
let currentUser = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message_en || e.message_vi || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || (status === 0 ? 'network' : 'internal');
    this.message_vi = e.message_vi || null;
    this.message_en = e.message_en || null;
    this.details = e.details || [];
    this.request_id = body && body.request_id;
  }
}

export function user() {
  return currentUser;
}

export function onUserChange(fn) {
  listeners.add(fn);
}

function setSession(body) {
  if (body && 'csrf_token' in body) csrfToken = body.csrf_token;
  if (body && 'user' in body) {
    currentUser = body.user;
    for (const fn of listeners) fn(currentUser);
  }
}

async function readBody(res) {
  const type = res.headers.get('Content-Type') || '';
  if (!type.includes('json')) return null;
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// request('GET', '/api/overview', {query: {...}}) / request('PUT', url, {json: {...}})
// / request('POST', url, {body: blob, type: '...'}). Resolves to the parsed JSON; rejects with
// ApiError.
export async function request(method, path, { query, json, body, type } = {}) {
  let url = path;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') q.set(k, v);
    }
    const s = q.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    headers['Content-Type'] = type || 'application/octet-stream';
    init.body = body;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    if (csrfToken === null) await loadMe();
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw new ApiError(0, {
      error: {
        code: 'network',
        message_vi: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
        message_en: 'Cannot reach the server. Check the network and try again.',
      },
    });
  }
  const data = await readBody(res);
  if (!res.ok) {
    if (res.status === 401 && currentUser) setSession({ user: null });
    throw new ApiError(res.status, data);
  }
  return data;
}

export const get = (path, query) => request('GET', path, { query });
export const post = (path, json, query) => request('POST', path, { json: json ?? {}, query });
export const put = (path, json) => request('PUT', path, { json });
export const patch = (path, json) => request('PATCH', path, { json });

export async function loadMe() {
  const body = await request('GET', '/api/me');
  setSession(body);
  return body.user;
}

export async function login(loginName, password) {
  const body = await request('POST', '/api/login', { json: { login: loginName, password } });
  setSession(body);
  return body.user;
}

export async function logout() {
  try {
    await request('POST', '/api/logout', { json: {} });
  } finally {
    csrfToken = null;
    setSession({ user: null });
  }
}

// Reference data that changes only with a new program version, fetched once per page load.
const cache = new Map();
export function cached(path, query) {
  const key = path + JSON.stringify(query || {});
  if (!cache.has(key)) {
    const p = get(path, query).catch((err) => {
      cache.delete(key);
      throw err;
    });
    cache.set(key, p);
  }
  return cache.get(key);
}
