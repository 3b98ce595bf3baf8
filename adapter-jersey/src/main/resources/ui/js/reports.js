// Reports: the stats of the current filters' window as a chart by day or hour, and the rates.
// GET /v1/email/stats (interval=day|hour for the chart, interval=total for the rates).
import { $, clear, h, say } from './dom.js';
import { ApiError, getJson } from './api.js';
import { bucketLabel, toRfc3339 } from './time.js';
import { params, withChanges, writeUrl } from './url.js';
import { urlFilters } from './search.js';
import { lineChart } from './chart.js';

const USED = ['campaignId', 'fromAddress', 'recipientDomain'];
const SERIES = [
  { key: 'delivered', label: 'Delivered', className: 's-delivered', of: (b) => b.delivered },
  { key: 'bounced', label: 'Bounced', className: 's-bounced', of: (b) => b.statuses?.bounced },
  { key: 'opened', label: 'Opened', className: 's-opened', of: (b) => b.opened },
  { key: 'clicked', label: 'Clicked', className: 's-clicked', of: (b) => b.clicked },
  { key: 'spam', label: 'Spam', className: 's-spam', of: (b) => b.statuses?.spam },
];
const RATES = [['deliveryRate', 'Delivery rate'], ['bounceRate', 'Bounce rate'],
  ['openRate', 'Open rate'], ['clickRate', 'Click rate'], ['complaintRate', 'Complaint rate']];

export function initReports() {
  $('reports-form').addEventListener('submit', (event) => {
    event.preventDefault();
    writeUrl(withChanges({ interval: $('r-interval').value === 'hour' ? 'hour' : null }),
      { push: false });
    showReports();
  });
}

function reportQuery() {
  const filters = urlFilters();
  const query = {};
  for (const name of USED) if (filters[name]) query[name] = filters[name];
  let note = '';
  if (filters.startCreatedAt || filters.endCreatedAt) {
    query.startCreatedAt = filters.startCreatedAt;
    query.endCreatedAt = filters.endCreatedAt;
  } else {
    const now = new Date();
    query.startCreatedAt = toRfc3339(new Date(now.getTime() - 7 * 86_400_000));
    query.endCreatedAt = toRfc3339(now);
    note = ' (no created window in the filters: the last 7 days)';
  }
  const ignored = Object.keys(filters)
    .filter((n) => !USED.includes(n) && !n.endsWith('CreatedAt') && n !== 'pageSize');
  return { query, note, ignored };
}

export async function showReports() {
  const interval = params().get('interval') === 'hour' ? 'hour' : 'day';
  $('r-interval').value = interval;
  const { query, note, ignored } = reportQuery();
  const used = USED.filter((n) => query[n]).map((n) => `${n} = ${query[n]}`);
  $('reports-filters').textContent = `Created from ${query.startCreatedAt} to ${query.endCreatedAt}` +
    `${note}; ${used.length ? used.join(', ') : 'all campaigns, senders and recipient domains'}.` +
    (ignored.length ? ` Not used by reports: ${ignored.join(', ')}.` : '') +
    ' Change them in Search. A report window may span up to 93 days.';
  say($('reports-error'), '');
  $('reports-status').textContent = 'Loading the report…';
  try {
    const [series, total] = await Promise.all([
      getJson('/v1/email/stats', { ...query, interval }),
      getJson('/v1/email/stats', { ...query, interval: 'total' }),
    ]);
    draw(filled(series.buckets || [], interval, query.startCreatedAt, query.endCreatedAt), interval);
    rates((total.buckets || [])[0]);
    $('reports-status').textContent = `${(series.buckets || []).length} non-empty buckets by ${interval}.`;
  } catch (e) {
    $('chart').hidden = true;
    $('chart-data').hidden = true;
    clear($('rates'));
    $('reports-status').textContent = '';
    say($('reports-error'), !(e instanceof ApiError) ? `Cannot reach the server: ${e.message}`
      : e.routeMissing ? 'This server has no stats endpoint (GET /v1/email/stats).' : e.message);
  }
}

/** The server leaves out empty buckets: put them back, so the time axis is even. */
function filled(buckets, interval, start, end) {
  const step = interval === 'hour' ? 3_600_000 : 86_400_000;
  const first = Math.floor(Date.parse(start) / step) * step; // UTC hours and days
  const last = Date.parse(end);
  if (!(last >= first) || (last - first) / step > 5000) return buckets;
  const byStart = new Map(buckets.map((b) => [Date.parse(b.start), b]));
  const all = [];
  for (let t = first; t <= last; t += step) {
    all.push(byStart.get(t) || {
      start: new Date(t).toISOString(), total: 0, statuses: {}, delivered: 0, opened: 0, clicked: 0,
    });
  }
  return all;
}

function draw(buckets, interval) {
  const labels = buckets.map((b) => bucketLabel(b.start, interval));
  const series = SERIES.map((s) => ({ ...s, values: buckets.map((b) => s.of(b) || 0) }));
  const { chart, legend } = lineChart(series, labels,
    `Delivered, bounced, opened, clicked and spam by ${interval}, ${buckets.length} points`);
  $('chart-caption').textContent = interval === 'day' ? 'Messages by day (UTC days)' : 'Messages by hour';
  clear($('chart-svg')).append(chart);
  clear($('chart-legend')).append(...legend);
  $('chart').hidden = false;
  const columns = ['Start', 'Total', ...SERIES.map((s) => s.label)];
  clear($('chart-table')).append(h('table', { className: 'logs' },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, buckets.map((b, i) => h('tr', {},
      [labels[i], b.total, ...series.map((s) => s.values[i])]
        .map((cell, j) => h('td', { dataset: { label: columns[j] } }, cell)))))));
  $('chart-data').hidden = false;
}

function rates(bucket) {
  const box = clear($('rates'));
  if (!bucket) return;
  box.append(h('p', { className: 'rates-total' }, `${bucket.total} messages in the window`),
    h('dl', { className: 'rate-list', id: 'rate-list' }, RATES.map(([key, label]) => {
      const value = bucket.rates ? bucket.rates[key] : null;
      return h('div', {}, h('dt', {}, label),
        h('dd', {}, value === null || value === undefined ? 'n/a' : `${(value * 100).toFixed(1)} %`));
    })));
}
