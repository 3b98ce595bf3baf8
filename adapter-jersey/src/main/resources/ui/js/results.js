// The results table; below 640 px each row is shown as a card (CSS), cells keep their labels.
import { badge, clear, flag, h } from './dom.js';
import { timeCell } from './time.js';

const COLUMNS = ['Created', 'Recipient', 'Type', 'Subject', 'Status', 'Campaign', 'Opened / clicked'];

export function renderResults(container, logs, pageNumber, openMessage) {
  clear(container);
  if (!logs.length) {
    container.append(h('p', { className: 'empty' }, 'No log matches these filters.'));
    return;
  }
  const rows = logs.map((log) => {
    const open = h('button', {
      type: 'button',
      className: 'linkish',
      title: `Open the timeline of message ${log.refId}`,
      on: { click: (event) => { event.stopPropagation(); openMessage(log.refId); } },
    }, log.subject || '(no subject)');
    const cells = [
      timeCell(log.createdAt),
      log.recipientAddress,
      log.recipientType,
      open,
      badge(log.status),
      log.campaignId || '–',
      h('span', { className: 'flags' }, flag(log.opened, 'opened'), ' ', flag(log.clicked, 'clicked')),
    ];
    return h('tr', { className: 'clickable', dataset: { refId: log.refId },
      on: { click: () => openMessage(log.refId) } },
    cells.map((cell, i) => h('td', { dataset: { label: COLUMNS[i] } }, cell)));
  });
  container.append(h('table', { className: 'logs', id: 'results-table' },
    h('caption', {}, `Logs, newest first - page ${pageNumber}`),
    h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows)));
}
