// A line chart in SVG written by the page (no library): one line per series, y from 0.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 800;
const H = 300;
const PAD = { top: 16, right: 16, bottom: 40, left: 52 };

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function niceMax(value) {
  if (value <= 4) return 4;
  const step = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 4, 5, 6, 8, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}

/**
 * series: [{key, label, className, values: [number]}], labels: [string] (one per point).
 * Returns {chart: SVGElement, legend: [li]}.
 */
export function lineChart(series, labels, description) {
  const n = labels.length;
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v) => PAD.top + plotH - (v / max) * plotH;
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': description, class: 'chart-svg',
  });
  const grid = svg('g', { class: 'grid' });
  for (let t = 0; t <= 4; t += 1) {
    const value = (max * t) / 4;
    grid.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(value), y2: y(value) }));
    grid.append(svg('text', { x: PAD.left - 6, y: y(value) + 4, 'text-anchor': 'end' },
      Number.isInteger(value) ? value : value.toFixed(1)));
  }
  const every = Math.max(1, Math.ceil(n / 8));
  labels.forEach((label, i) => {
    if ((i % every === 0 && n - 1 - i >= every / 2) || i === n - 1) {
      grid.append(svg('text', { x: x(i), y: H - PAD.bottom + 18, 'text-anchor': 'middle' }, label));
    }
  });
  root.append(grid);
  for (const s of series) {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const group = svg('g', { class: `series ${s.className}`, 'data-series': s.key });
    group.append(svg('polyline', { points, fill: 'none' }));
    if (n <= 60) {
      s.values.forEach((v, i) => {
        group.append(svg('circle', { cx: x(i), cy: y(v), r: 3 },
          svg('title', {}, `${s.label}, ${labels[i]}: ${v}`)));
      });
    }
    root.append(group);
  }
  const legend = series.map((s) => h('li', {},
    h('span', { className: `swatch ${s.className}`, 'aria-hidden': 'true' }), s.label));
  return { chart: root, legend };
}
