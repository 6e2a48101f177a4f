// Requests to the server. A request that fails (the server is gone, or it answers an error) is
// shown in the bar at the top until a later request succeeds; 401 opens the sign-in form.
import { $, t } from './i18n.js';

const failed = new Map(); // what failed, by request, until it succeeds again

function showFailures() {
  const bar = $('#request-error');
  bar.textContent = failed.size === 0 ? '' : `${t('request.failed')}: ${[...failed.values()].join(' · ')}`;
  bar.hidden = failed.size === 0;
}
export function reportFailure(key, message) { failed.set(key, message); showFailures(); }
export function clearFailure(key) { if (failed.delete(key)) showFailures(); }

export async function api(path, opts = {}) {
  const key = `${opts.method || 'GET'} ${path.split('?')[0]}`;
  let r;
  try {
    r = await fetch(path, Object.assign({ headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin' }, opts));
  } catch (e) { // the server cannot be reached
    reportFailure(key, `${key}: ${e.message}`);
    throw e;
  }
  if (r.status === 204) { clearFailure(key); return null; }
  let body;
  try { body = await r.json(); } catch (e) { body = { error: r.statusText }; }
  if (r.status === 401 && path !== '/api/session') signIn();
  if (!r.ok) {
    const message = body.error || r.statusText;
    // a refused change is shown by its form; a failed read or a server error here
    if (r.status !== 401 && (r.status >= 500 || !opts.method || opts.method === 'GET')) reportFailure(key, `${key}: ${message}`);
    throw new Error(message);
  }
  clearFailure(key);
  return body;
}

export function signIn() {
  const d = $('#login');
  if (!d.open) { $('#login-error').textContent = ''; d.showModal(); }
}
$('#login-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  try {
    await api('/api/session', { method: 'POST', body: JSON.stringify({ token: $('#login-form').token.value }) });
    location.reload(); // everything again, now signed in
  } catch (e) { $('#login-error').textContent = e.message; }
});
