// Times: shown and picked in the user's time zone, sent to the API as RFC 3339 with the offset.

const pad = (n, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, '0');

export const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';

/** A Date as RFC 3339 in local time with its offset: 2024-01-15T11:30:00+01:00. */
export function toRfc3339(date) {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** The value of a datetime-local input (local time) as RFC 3339; '' when empty or invalid. */
export function inputToRfc3339(value) {
  if (!value) return '';
  const date = new Date(value.length === 16 ? `${value}:00` : value);
  return Number.isNaN(date.getTime()) ? '' : toRfc3339(date);
}

/** An RFC 3339 time as a datetime-local input value in local time; '' when unparseable. */
export function rfc3339ToInput(text) {
  if (!text) return '';
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

const shown = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** An API timestamp for display in local time; the original stays in the title. */
export function timeCell(text) {
  if (!text) return document.createTextNode('–');
  const date = new Date(text);
  const el = document.createElement('time');
  el.dateTime = text;
  el.title = text;
  el.textContent = Number.isNaN(date.getTime()) ? text : shown.format(date);
  return el;
}

// day buckets are UTC days (the server's edges): label them in UTC so no day shifts
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const hourFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** A bucket start for an axis label: a day, or a day and an hour. */
export function bucketLabel(text, interval) {
  const date = new Date(text);
  return (interval === 'hour' ? hourFormat : dayFormat).format(date);
}
