// The viewer's entry point: sign-in state, the three views and the URL they are read from.
import { $ } from './dom.js';
import { clearToken, onUnauthorized, token } from './api.js';
import { askToSignIn, initSignIn } from './signin.js';
import { initSearch, showSearch } from './search.js';
import { initMessage, openMessage } from './message.js';
import { initReports, showReports } from './reports.js';
import { initTail, setDomains, showTail, stopTail } from './tail.js';
import { VIEWS, currentView, params, withChanges, writeUrl } from './url.js';

const SHOW = { search: showSearch, reports: showReports, tail: showTail };

function signedIn() {
  return Boolean(token());
}

function route() {
  $('booting').hidden = true;
  const inside = signedIn();
  $('signin-view').hidden = inside;
  $('tabs').hidden = !inside;
  $('sign-out').hidden = !inside;
  if (!inside) {
    for (const view of VIEWS) $(`${view}-view`).hidden = true;
    return;
  }
  const view = currentView();
  for (const name of VIEWS) $(`${name}-view`).hidden = name !== view;
  if (view !== 'tail') stopTail();
  for (const link of document.querySelectorAll('#tabs a')) {
    const target = link.dataset.view;
    link.href = `?${withChanges({ view: target === 'search' ? null : target, message: null })}`;
    if (target === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${$(`${view}-title`).textContent} - email-logs viewer`;
  SHOW[view]();
  const message = params().get('message');
  if (message && !$('message-dialog').open) openMessage(message);
}

function signOut(message) {
  stopTail();
  clearToken();
  if ($('message-dialog').open) $('message-dialog').close();
  route();
  askToSignIn(message);
}

function start() {
  initSignIn((domains) => {
    setDomains(domains);
    route();
    $('main').focus();
  });
  initSearch(openMessage);
  initMessage();
  initReports();
  initTail(openMessage);
  onUnauthorized(() => signOut('Unauthorized'));
  $('sign-out').addEventListener('click', () => signOut(''));
  for (const link of document.querySelectorAll('#tabs a')) {
    link.addEventListener('click', (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      writeUrl(new URLSearchParams(link.getAttribute('href').slice(1)));
      route();
      $(`${link.dataset.view}-title`).focus();
    });
  }
  window.addEventListener('popstate', route);
  route();
  if (!signedIn()) $('token').focus();
}

start();
