// The page URL holds the view and the filters (never the token, never a page token), so a link
// reproduces what is on screen.

export const VIEWS = ['search', 'reports', 'tail'];

export function params() {
  return new URLSearchParams(window.location.search);
}

export function currentView() {
  const view = params().get('view');
  return VIEWS.includes(view) ? view : 'search';
}

/** A query string with `changes` applied (null or '' removes a name). */
export function withChanges(changes, base = params()) {
  const next = new URLSearchParams(base);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') next.delete(name);
    else next.set(name, value);
  }
  return next;
}

/** Writes the URL: a new history entry when `push`, else replaces the current one. */
export function writeUrl(next, { push = true } = {}) {
  const query = next.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ''}`;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  if (push) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}
