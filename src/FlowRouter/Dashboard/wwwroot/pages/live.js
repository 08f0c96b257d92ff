// Live: requests as they finish, pushed by the server (Server-Sent Events from /api/live), newest on top, after
// the most recent ones from the log. Pause keeps the list still; what arrives meanwhile is shown on resume.
import { get } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { num } from '../lib/format.js';
import { emptyState, messageArea, pageHead } from '../lib/ui.js';
import { requestTable } from './usage.js';

const MAX_ROWS = 200;

export async function render(root, { signal }) {
  const status = messageArea();
  const dot = h('span', { class: 'live-dot', 'aria-hidden': 'true' });
  const state = h('span', { id: 'live-state' }, 'Connecting…');
  const counter = h('span', { class: 'muted' });
  const pause = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false' }, 'Pause');
  const list = h('div', { 'aria-live': 'off' });
  root.append(
    pageHead('Live', 'Requests as they happen: status, target, latency, tokens and cost.'),
    h('div', { class: 'toolbar', role: 'status' }, dot, state, counter, pause),
    status, list);

  let rows = [];
  let received = 0;
  let paused = false;
  let pending = [];
  const seen = new Set();

  const draw = () => {
    if (rows.length === 0) {
      replace(list, emptyState('Waiting for requests',
        'Nothing has been routed yet. Send a message from the Playground, or point a client at this server\'s /v1 endpoint: it appears here at once.',
        h('a', { class: 'button secondary', href: '#/playground' }, 'Open the Playground')));
      return;
    }
    replace(list, requestTable(rows, 'Live requests'));
  };
  const add = (row) => {
    if (seen.has(row.id)) return;
    seen.add(row.id);
    rows = [{ ...row, fresh: true }, ...rows.map((r) => ({ ...r, fresh: false }))].slice(0, MAX_ROWS);
  };

  try {
    const recent = await get('/api/requests?limit=25', { signal });
    for (const row of recent.requests.reverse()) {
      seen.add(row.id);
      rows.unshift(row);
    }
  } catch (e) {
    if (e.name === 'AbortError') return undefined;
    status.error(e);
  }
  draw();

  const source = new EventSource('/api/live');
  source.addEventListener('open', () => {
    dot.classList.add('on');
    state.textContent = 'Live';
  });
  source.addEventListener('error', () => {
    dot.classList.remove('on');
    state.textContent = source.readyState === EventSource.CLOSED ? 'Disconnected: reload the page to reconnect.' : 'Reconnecting…';
  });
  source.addEventListener('request', (event) => {
    let row;
    try {
      row = JSON.parse(event.data);
    } catch {
      return;
    }
    received += 1;
    counter.textContent = `${num(received)} new since this page opened`;
    if (paused) {
      pending.push(row);
      pause.textContent = `Resume (${num(pending.length)} waiting)`;
      return;
    }
    add(row);
    draw();
  });
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    if (!paused) {
      pending.forEach(add);
      pending = [];
      draw();
    }
    pause.textContent = paused ? 'Resume' : 'Pause';
  });
  return () => source.close();
}
