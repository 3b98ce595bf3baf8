// Search: every filter of the query API, the filters mirrored in the page URL, the server's
// error messages shown verbatim, and "next page" by nextPageToken (kept in memory only).
import { $, say } from './dom.js';
import { ApiError, getJson } from './api.js';
import { inputToRfc3339, rfc3339ToInput, zone } from './time.js';
import { params, withChanges, writeUrl } from './url.js';
import { renderResults } from './results.js';

/** The query API's filters, in the order of the form. */
export const FILTERS = ['email', 'recipientDomain', 'fromAddress', 'refId', 'subject', 'campaignId',
  'status', 'recipientType', 'failedReason',
  'startCreatedAt', 'endCreatedAt', 'startDeliveredDate', 'endDeliveredDate', 'pageSize'];
const DATES = new Set(['startCreatedAt', 'endCreatedAt', 'startDeliveredDate', 'endDeliveredDate']);

let openMessage = () => {};
let page = { number: 1, next: null, filters: null };
let inFlight = null;

const field = (name) => $(`f-${name}`);

export function initSearch(onOpenMessage) {
  openMessage = onOpenMessage;
  // on a phone the filters start folded, so the results are in view
  if (window.matchMedia('(max-width: 640px)').matches) $('filters-box').open = false;
  for (const el of document.querySelectorAll('.tz')) el.textContent = zone();
  const form = $('search-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const filters = formFilters();
    writeUrl(withChanges(Object.fromEntries(FILTERS.map((n) => [n, filters[n] || null]))));
    run(filters, null, 1);
  });
  form.addEventListener('reset', () => {
    window.setTimeout(() => {
      writeUrl(withChanges(Object.fromEntries(FILTERS.map((n) => [n, null]))));
      field('pageSize').value = '20';
    });
  });
  $('next-page').addEventListener('click', () => {
    if (page.next) run(page.filters, page.next, page.number + 1);
  });
  $('first-page').addEventListener('click', () => run(page.filters, null, 1));
}

/** The filters of the page URL (for the other views: reports use the same ones). */
export function urlFilters() {
  const query = params();
  const filters = {};
  for (const name of FILTERS) {
    const value = query.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/** Shows the search view: fills the form from the URL and runs that search. */
export function showSearch() {
  const filters = urlFilters();
  for (const name of FILTERS) {
    const value = filters[name] || (name === 'pageSize' ? '20' : '');
    field(name).value = DATES.has(name) ? rfc3339ToInput(value) : value;
  }
  run(filters, null, 1);
}

function formFilters() {
  const filters = {};
  for (const name of FILTERS) {
    const raw = field(name).value.trim();
    const value = DATES.has(name) ? inputToRfc3339(raw) : raw;
    if (value && !(name === 'pageSize' && value === '20')) filters[name] = value;
  }
  return filters;
}

function countFilters(filters) {
  const n = Object.keys(filters).filter((name) => name !== 'pageSize').length;
  $('filter-count').textContent = n ? `(${n} active)` : '';
}

async function run(filters, pageToken, number) {
  countFilters(filters);
  const error = $('search-error');
  const status = $('search-status');
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  say(error, '');
  status.textContent = 'Searching…';
  $('results').setAttribute('aria-busy', 'true');
  try {
    const answer = await getJson('/v1/email/logs', { ...filters, pageToken },
      { signal: controller.signal });
    page = { number, next: answer.nextPageToken || null, filters };
    renderResults($('results'), answer.emailLogs, number, openMessage);
    status.textContent = `Page ${number}: ${answer.totalCount} log${answer.totalCount === 1 ? '' : 's'}` +
      (page.next ? ', more on the next page.' : ', last page.');
  } catch (e) {
    if (e.name === 'AbortError') return;
    page = { number: 1, next: null, filters };
    $('results').replaceChildren();
    status.textContent = '';
    say(error, e instanceof ApiError ? e.message : `Cannot reach the server: ${e.message}`);
  } finally {
    if (inFlight === controller) inFlight = null;
    $('results').removeAttribute('aria-busy');
    $('next-page').hidden = !page.next;
    $('first-page').hidden = page.number <= 1;
  }
}
