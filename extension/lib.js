// Shared by the service worker, the popup, the options page and the answer page. Everything the
// extension keeps is in chrome.storage.local: the app's address, the pending connection (its PKCE
// verifier never leaves the extension) and the tokens.

export const DEFAULT_APP_URL = 'http://localhost:3000';
export const MAX_TASK_CHARS = 8000;
const CONNECT_SCRIPT_ID = 'connect-page';
const PENDING_MAX_AGE_MS = 10 * 60 * 1000;
// Refresh a little before the hour is up, so a request never leaves with a token about to expire.
const REFRESH_MARGIN_MS = 60 * 1000;

export class NotConnectedError extends Error {}

export async function getAppUrl() {
  const { appUrl } = await chrome.storage.local.get('appUrl');
  return appUrl || DEFAULT_APP_URL;
}

/** The origin of what was typed, or null when it is not an http(s) address. */
export function normaliseAppUrl(value) {
  try {
    const url = new URL(String(value).trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Changing the app's address ends the connection to the previous one and moves the connect-page
 * content script to the new address (when the extension may run there).
 */
export async function setAppUrl(origin) {
  const previous = await getAppUrl();
  await chrome.storage.local.set({ appUrl: origin });
  if (previous !== origin) await chrome.storage.local.remove(['auth', 'pending']);
  await syncConnectScript();
}

/** The content script that carries the one-time code from /extension/connect to this extension. */
export async function syncConnectScript() {
  const origin = await getAppUrl();
  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [CONNECT_SCRIPT_ID] });
  if (registered.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [CONNECT_SCRIPT_ID] });
  if (!(await chrome.permissions.contains({ origins: [`${origin}/*`] }))) return false;
  await chrome.scripting.registerContentScripts([
    { id: CONNECT_SCRIPT_ID, matches: [`${origin}/extension/connect*`], js: ['connect-content.js'], runAt: 'document_idle' },
  ]);
  return true;
}

function randomBase64Url(bytes) {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...data)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

async function s256(verifier) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Starts a connection: a fresh verifier and state, and the connect page's address to open. */
export async function startConnect() {
  const verifier = randomBase64Url(32);
  const state = randomBase64Url(16);
  await chrome.storage.local.set({ pending: { verifier, state, createdAt: Date.now() } });
  const url = new URL('/extension/connect', await getAppUrl());
  url.searchParams.set('challenge', await s256(verifier));
  url.searchParams.set('state', state);
  return url.toString();
}

async function readError(response) {
  const data = await response.json().catch(() => null);
  return data?.error?.message ?? `The app answered ${response.status}.`;
}

async function postJson(path, body) {
  return fetch(new URL(path, await getAppUrl()), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'omit',
  });
}

async function storeGrant(grant) {
  const auth = {
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    expiresAt: grant.expiresAt,
    refreshExpiresAt: grant.refreshExpiresAt,
    user: grant.user,
  };
  await chrome.storage.local.set({ auth });
  return auth;
}

/**
 * Exchanges a one-time code for tokens. `state` comes with a code the connect page handed over and
 * must be the one this extension sent; a pasted code has none, and the verifier alone decides.
 */
export async function completeConnect(code, state) {
  const { pending } = await chrome.storage.local.get('pending');
  if (!pending || Date.now() - pending.createdAt > PENDING_MAX_AGE_MS) throw new Error('No connection is waiting for a code. Press Connect again.');
  if (state !== null && state !== pending.state) throw new Error('This code belongs to another connection attempt. Press Connect again.');
  const response = await postJson('/api/extension/exchange', { code: String(code).trim(), verifier: pending.verifier });
  if (!response.ok) throw new Error(await readError(response));
  await chrome.storage.local.remove('pending');
  return storeGrant(await response.json());
}

/** The person pressed Cancel on the connect page: that attempt is over. */
export async function cancelConnect(state) {
  const { pending } = await chrome.storage.local.get('pending');
  if (pending?.state === state) await chrome.storage.local.remove('pending');
}

export async function getConnection() {
  const { auth } = await chrome.storage.local.get('auth');
  return auth ?? null;
}

/**
 * A live access token, refreshed when it is (nearly) expired. Refreshes are serialised across the
 * popup, the pages and the service worker with a Web Lock: a refresh token used twice would
 * revoke the connection.
 */
export async function getAccessToken({ force = false } = {}) {
  return navigator.locks.request('venture-companion-refresh', async () => {
    const auth = await getConnection();
    if (!auth) throw new NotConnectedError('Not connected. Open the extension and press Connect.');
    if (!force && Date.parse(auth.expiresAt) - REFRESH_MARGIN_MS > Date.now()) return auth.accessToken;
    const response = await postJson('/api/extension/refresh', { refreshToken: auth.refreshToken });
    if (response.status === 400) {
      await chrome.storage.local.remove('auth');
      throw new NotConnectedError('The connection has ended. Open the extension and press Connect.');
    }
    if (!response.ok) throw new Error(await readError(response));
    return (await storeGrant(await response.json())).accessToken;
  });
}

/** A call to the app's API with the access token; a 401 gets one forced refresh and a retry. */
export async function apiRequest(path, init = {}) {
  const send = async (token) =>
    fetch(new URL(path, await getAppUrl()), {
      ...init,
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers, authorization: `Bearer ${token}` },
      credentials: 'omit',
    });
  let response = await send(await getAccessToken());
  if (response.status === 401) response = await send(await getAccessToken({ force: true }));
  return response;
}

export async function apiError(response) {
  return readError(response);
}

/** Disconnect: the app revokes this connection's tokens, and the extension forgets them. */
export async function disconnect() {
  const auth = await getConnection();
  await chrome.storage.local.remove(['auth', 'pending']);
  if (auth) await postJson('/api/extension/revoke', { refreshToken: auth.refreshToken }).catch(() => undefined);
}

/** Opens the answer page for a task (selected text), in a tab next to the page it came from. */
export async function openAnswer(text, source) {
  const task = String(text ?? '').trim().slice(0, MAX_TASK_CHARS);
  if (!task) throw new Error('Select some text on the page first.');
  const id = crypto.randomUUID();
  await chrome.storage.session.set({ [`task:${id}`]: { task, sourceTitle: source?.title ?? '', sourceUrl: source?.url ?? '' } });
  await chrome.tabs.create({ url: chrome.runtime.getURL(`answer.html?task=${id}`), ...(source?.index !== undefined ? { index: source.index + 1 } : {}) });
}
