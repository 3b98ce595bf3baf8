// Live tail: one sending domain of the account, the stream's filters, newest events on top,
// pause/resume (resumes by Last-Event-ID: nothing is lost), a visible connection state and a
// cap on the rows kept in the page.
import { $, badge, h, say } from './dom.js';
import { ApiError, apiUrl, getJson } from './api.js';
import { inputToRfc3339, timeCell } from './time.js';
import { params, withChanges, writeUrl } from './url.js';
import { Tail } from './sse.js';

export const MAX_ROWS = 500;
const FIELDS = ['event_type', 'sender', 'recipient', 'subject', 'tags', 'start'];
const STATES = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting',
  paused: 'Paused',
  stopped: 'Not connected',
  failed: 'Refused',
};

let tail = null;
let received = 0;
let openMessage = () => {};
let domainsLoaded = null;

export function initTail(onOpenMessage) {
  openMessage = onOpenMessage;
  $('tail-cap').textContent = String(MAX_ROWS);
  $('tail-form').addEventListener('submit', (event) => {
    event.preventDefault();
    start();
  });
  $('tail-stop').addEventListener('click', () => stopTail());
  $('tail-pause').addEventListener('click', () => {
    if (!tail) return;
    if (tail.running) tail.pause();
    else tail.resume();
  });
}

/** Fills the domain list (verified domains can be streamed; the others are shown, disabled). */
export function setDomains(domains) {
  const select = $('t-domain');
  const wanted = params().get('domain');
  select.replaceChildren(...domains.map((d) => h('option', {
    value: d.domain,
    disabled: !d.verified,
    selected: d.domain === wanted,
  }, d.verified ? d.domain : `${d.domain} (not verified)`)));
  if (!domains.some((d) => d.verified)) {
    say($('tail-error'), 'This account has no verified sending domain to stream.');
  }
  domainsLoaded = Promise.resolve();
}

export async function showTail() {
  if (!domainsLoaded) {
    domainsLoaded = getJson('/v1/domains').then((answer) => setDomains(answer.domains || []))
      .catch((e) => {
        domainsLoaded = null;
        say($('tail-error'), e instanceof ApiError ? e.message : `Cannot reach the server: ${e.message}`);
      });
  }
  await domainsLoaded;
}

export function stopTail() {
  if (tail) tail.stop();
  tail = null;
}

function start() {
  stopTail();
  say($('tail-error'), '');
  const domain = $('t-domain').value;
  if (!domain) {
    say($('tail-error'), 'Pick a verified sending domain first.');
    return;
  }
  writeUrl(withChanges({ domain }), { push: false });
  const query = {};
  for (const name of FIELDS) {
    const raw = $(`t-${name}`).value.trim();
    query[name] = name === 'start' ? inputToRfc3339(raw) : raw;
  }
  const url = apiUrl(`/api/domains/${encodeURIComponent(domain)}/log/stream`, query);
  $('tail-rows').replaceChildren();
  received = 0;
  count();
  tail = new Tail(url, {
    onState: showState,
    onEvents: addEvents,
    onRefused: (error) => {
      showState('failed');
      say($('tail-error'), error.message);
    },
  });
  tail.start();
}

function showState(state, detail) {
  $('tail-state').textContent = detail ? `${STATES[state]} (${detail})` : STATES[state];
  $('tail-dot').className = `dot dot-${state}`;
  const active = tail && ['connecting', 'live', 'reconnecting', 'paused'].includes(state);
  $('tail-stop').disabled = !active;
  $('tail-pause').disabled = !active;
  $('tail-pause').textContent = state === 'paused' ? 'Resume' : 'Pause';
  $('tail-pause').setAttribute('aria-pressed', String(state === 'paused'));
  $('tail-start').textContent = active ? 'Restart' : 'Start';
}

function addEvents(events) {
  const body = $('tail-rows');
  const fragment = document.createDocumentFragment();
  for (let i = events.length - 1; i >= 0; i -= 1) fragment.append(row(events[i]));
  body.prepend(fragment);
  while (body.rows.length > MAX_ROWS) body.deleteRow(-1);
  received += events.length;
  count();
}

function count() {
  const kept = $('tail-rows').rows.length;
  $('tail-count').textContent = received
    ? `${received} event${received === 1 ? '' : 's'} received` +
      (received > kept ? `; the newest ${kept} are shown.` : '.')
    : '';
}

function row(e) {
  const details = Object.entries(e.details || {}).map(([k, v]) => `${k}: ${v}`).join(' · ');
  const open = h('button', {
    type: 'button', className: 'linkish', title: `Open the timeline of message ${e.refId}`,
    on: { click: () => openMessage(e.refId) },
  }, e.subject || e.refId);
  const cells = [
    ['Time', timeCell(e.timestamp)], ['Event', badge(e.eventType)], ['Recipient', e.recipient],
    ['Subject', open], ['Sender', e.sender], ['Details', details || '–'],
  ];
  return h('tr', { dataset: { id: String(e.id) } },
    cells.map(([label, cell]) => h('td', { dataset: { label } }, cell)));
}
