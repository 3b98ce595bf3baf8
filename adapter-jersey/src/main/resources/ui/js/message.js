// The message view: every recipient of one refId and every event of it, with its details
// (opens and clicks with user agent, IP and URL). GET /v1/email/logs/{refId}/events.
import { $, badge, clear, flag, h, say } from './dom.js';
import { ApiError, getJson } from './api.js';
import { timeCell } from './time.js';
import { withChanges, writeUrl } from './url.js';

let returnFocus = null;

export function initMessage() {
  const dialog = $('message-dialog');
  $('message-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    writeUrl(withChanges({ message: null }), { push: false });
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    returnFocus = null;
  });
}

export async function openMessage(refId) {
  const dialog = $('message-dialog');
  const body = clear($('message-body'));
  if (!dialog.open) {
    returnFocus = document.activeElement;
    dialog.showModal();
  }
  $('message-title').textContent = `Message ${refId}`;
  writeUrl(withChanges({ message: refId }), { push: false });
  const status = h('p', { className: 'muted', role: 'status' }, 'Loading the timeline…');
  body.append(status);
  try {
    const answer = await getJson(`/v1/email/logs/${encodeURIComponent(refId)}/events`);
    clear(body).append(...render(answer));
  } catch (e) {
    const text = !(e instanceof ApiError) ? `Cannot reach the server: ${e.message}`
      : e.routeMissing ? 'This server has no message timeline endpoint (GET /v1/email/logs/{refId}/events).'
        : e.message;
    clear(body);
    const error = h('p', { className: 'error', role: 'alert' });
    say(error, text);
    body.append(error);
  }
}

function render(answer) {
  const logs = answer.emailLogs || [];
  const events = answer.events || [];
  return [
    h('h3', {}, `Recipients (${logs.length})`),
    h('div', { className: 'table-wrap' }, recipients(logs)),
    h('h3', {}, `Events (${events.length})`),
    h('ol', { className: 'timeline', id: 'timeline' }, events.map(event)),
    ...tracking(logs),
  ];
}

function recipients(logs) {
  const columns = ['Recipient', 'Type', 'Status', 'Created', 'Delivered', 'Failure reason', 'Opened / clicked'];
  return h('table', { className: 'logs' },
    h('caption', { className: 'visually-hidden' }, 'Recipients of this message'),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, logs.map((log) => h('tr', {}, [
      log.recipientAddress, log.recipientType, badge(log.status), timeCell(log.createdAt),
      timeCell(log.deliveredDate), log.failedReason || '–',
      h('span', {}, flag(log.opened, 'opened'), ' ', flag(log.clicked, 'clicked')),
    ].map((cell, i) => h('td', { dataset: { label: columns[i] } }, cell))))));
}

function event(e) {
  const details = Object.entries(e.details || {});
  return h('li', { className: 'event' },
    h('div', { className: 'event-head' }, timeCell(e.timestamp), ' ', badge(e.eventType), ' ',
      h('span', { className: 'recipient' }, e.recipient)),
    details.length ? h('dl', { className: 'details' },
      details.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])) : null);
}

function tracking(logs) {
  const rows = [];
  for (const log of logs) {
    for (const o of log.track?.opens || []) rows.push(['open', log.recipientAddress, o]);
    for (const c of log.track?.clicks || []) rows.push(['click', log.recipientAddress, c]);
  }
  if (!rows.length) return [];
  rows.sort((a, b) => String(a[2].timestamp).localeCompare(String(b[2].timestamp)));
  const columns = ['Time', 'Kind', 'Recipient', 'URL', 'User agent', 'IP'];
  return [h('h3', {}, `Opens and clicks (${rows.length})`),
    h('div', { className: 'table-wrap' }, h('table', { className: 'logs', id: 'tracking' },
      h('caption', { className: 'visually-hidden' }, 'Opens and clicks'),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map(([kind, recipient, t]) => h('tr', {}, [
        timeCell(t.timestamp), kind, recipient, t.url || '–', t.userAgent || '–', t.ip || '–',
      ].map((cell, i) => h('td', { dataset: { label: columns[i] } }, cell)))))))];
}
