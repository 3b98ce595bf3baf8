// Small DOM helpers: elements are built with properties and text only (never innerHTML),
// so nothing a log contains can become markup.

/** h('td', {className: 'x', dataset: {label: 'Time'}}, 'text', childNode, ...) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key.startsWith('aria-') || key === 'role' || key === 'scope') el.setAttribute(key, value);
    else el[key] = value;
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export const $ = (id) => document.getElementById(id);

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Shows a message in an element (hidden when empty). */
export function say(el, message) {
  el.textContent = message || '';
  el.hidden = !message;
}

/** A status badge: `<span class="badge badge-bounced">bounced</span>`. */
export function badge(value) {
  const safe = String(value).replace(/[^a-z_]/g, '');
  return h('span', { className: `badge badge-${safe}` }, value);
}

/** A yes/no cell readable without colour. */
export function flag(value, label) {
  return h('span', { className: value ? 'flag yes' : 'flag no', title: label },
    value ? `✓ ${label}` : '–');
}
