// Sign-in: the pasted token is checked with one call (the account's domains) before it is kept.
import { $, say } from './dom.js';
import { ApiError, clearToken, getJson, setToken } from './api.js';

export function initSignIn(onSignedIn) {
  const form = $('signin-form');
  const input = $('token');
  const error = $('signin-error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (!value) {
      say(error, 'Paste an API token first.');
      input.focus();
      return;
    }
    say(error, '');
    form.setAttribute('aria-busy', 'true');
    setToken(value);
    try {
      const answer = await getJson('/v1/domains');
      input.value = '';
      onSignedIn(answer.domains || []);
    } catch (e) {
      clearToken();
      say(error, e instanceof ApiError ? e.message : `Cannot reach the server: ${e.message}`);
      input.select();
      input.focus();
    } finally {
      form.removeAttribute('aria-busy');
    }
  });
}

/** Shows the sign-in form, with `message` (e.g. "Unauthorized") when a token was refused. */
export function askToSignIn(message) {
  say($('signin-error'), message);
  const input = $('token');
  input.value = '';
  input.focus();
}
