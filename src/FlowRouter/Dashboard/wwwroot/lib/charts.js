// Hand-written SVG charts: no library, no inline styles (colours come from CSS classes, sizes are attributes).
import { h, s } from './dom.js';

function drawBars(svg, { caption, data, format, height }, width) {
  const pad = { top: 12, right: 8, bottom: 28, left: 52 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const max = Math.max(0, ...data.map((d) => d.value)) || 1;
  const step = innerW / Math.max(1, data.length);
  const barW = Math.max(3, Math.min(40, step * 0.7));
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('aria-label', `${caption}: bar chart`);
  for (const fraction of [0, 0.5, 1]) {
    const y = pad.top + innerH - innerH * fraction;
    svg.append(
      s('line', { class: 'axis', x1: pad.left, x2: width - pad.right, y1: y, y2: y }),
      s('text', { x: pad.left - 6, y: y + 4, 'text-anchor': 'end' }, format(max * fraction)),
    );
  }
  const labelEvery = Math.ceil(data.length / Math.max(1, Math.floor(innerW / 52)));
  data.forEach((d, i) => {
    const x = pad.left + step * i + (step - barW) / 2;
    const barH = (d.value / max) * innerH;
    const group = s('g', {}, s('title', {}, d.title || `${d.label}: ${format(d.value)}`));
    group.append(s('rect', { class: 'bar', x, y: pad.top + innerH - barH, width: barW, height: Math.max(0, barH), rx: 2 }));
    if (d.errors && d.value > 0) {
      const errH = (Math.min(d.errors, d.value) / max) * innerH;
      group.append(s('rect', { class: 'bar err', x, y: pad.top + innerH - errH, width: barW, height: errH, rx: 2 }));
    }
    svg.append(group);
    if (i % labelEvery === 0) {
      svg.append(s('text', { x: x + barW / 2, y: height - 8, 'text-anchor': 'middle' }, d.label));
    }
  });
}

/**
 * A vertical bar chart drawn at its container's width (redrawn when that changes, so text keeps its size).
 * data: [{label, value, errors?, title}]; errors are drawn red at the foot of each bar. A table with the same
 * numbers follows for screen readers.
 */
export function barChart({ caption, data, format, height = 200 }) {
  const svg = s('svg', { class: 'bars', role: 'img' });
  const table = h('table', { class: 'sr-only' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Period'), h('th', { scope: 'col' }, 'Value'))),
    h('tbody', {}, data.map((d) => h('tr', {}, h('th', { scope: 'row' }, d.label), h('td', {}, format(d.value))))));
  const figure = h('figure', { class: 'chart' }, h('figcaption', {}, caption), svg, table);
  let drawn = 0;
  const draw = () => {
    const width = Math.max(260, Math.floor(figure.clientWidth || 600));
    if (width === drawn) return;
    drawn = width;
    drawBars(svg, { caption, data, format, height }, width);
  };
  draw();
  new ResizeObserver(draw).observe(figure);
  return figure;
}

/** Horizontal bars as a list: name, a track filled in proportion, the amount. Widths are set through the CSSOM. */
export function hbarList({ label, rows, format }) {
  const max = Math.max(0, ...rows.map((r) => r.value)) || 1;
  return h('ul', { class: 'hbars', 'aria-label': label }, rows.map((r) => {
    const fill = h('span', { class: 'fill' });
    fill.style.width = `${Math.max(r.value > 0 ? 2 : 0, (r.value / max) * 100)}%`;
    return h('li', {},
      h('span', { class: 'name', title: r.name }, r.name),
      h('span', { class: 'track', 'aria-hidden': 'true' }, fill),
      h('span', { class: 'amount' }, r.text || format(r.value)));
  }));
}
