// Usage: the request log with filters (time, key, provider, model, status), a detail view with every attempt
// and the rule that fired, older pages on demand, and a CSV export of the same filters.
import { get, query } from '../lib/api.js';
import { h, replace, uid } from '../lib/dom.js';
import { num, usd, ms, timeElement, dateTime } from '../lib/format.js';
import { badge, dataTable, emptyState, field, messageArea, openDialog, pageHead, select } from '../lib/ui.js';

const PERIODS = [
  { value: '1h', label: 'Last hour' }, { value: '24h', label: 'Last 24 hours' }, { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' }, { value: '', label: 'All time' },
];
const STATUSES = ['', '200', '400', '401', '403', '404', '408', '413', '429', '500', '502', '503', '504', '529'];

export function statusBadge(status) {
  const kind = status >= 500 ? 'bad' : status >= 400 ? 'warn' : 'ok';
  return badge(String(status), kind);
}

export function target(r) {
  return r.provider ? `${r.provider}/${r.upstream_model || '?'}` : '—';
}

function tokens(r) {
  if (r.input_tokens == null && r.output_tokens == null) return '—';
  return `${num(r.input_tokens || 0)} → ${num(r.output_tokens || 0)}`;
}

/** Every field of one request and its attempt log. */
export function showRequest(r) {
  openDialog(`Request ${r.id}`, (body, close) => {
    const facts = [
      ['Time', dateTime(r.started_at)], ['Client key', r.key || '—'], ['Ingress', r.ingress], ['Asked for', r.requested_model || '—'],
      ['Answered by', target(r)], ['Status', String(r.status)], ['Stream', r.stream ? 'yes' : 'no'], ['Latency', ms(r.latency_ms)],
      ['First token', ms(r.ttft_ms)], ['Input tokens', num(r.input_tokens)], ['Output tokens', num(r.output_tokens)],
      ['Cached tokens', num(r.cached_tokens)], ['Cache write tokens', num(r.cache_write_tokens)], ['Reasoning tokens', num(r.reasoning_tokens)],
      ['Cost', usd(r.cost_usd)], ['Attempts', num(r.attempts)],
    ];
    body.append(
      h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      r.error ? h('div', { class: 'message error' }, r.error) : null,
      h('h3', {}, 'Attempts'),
      r.attempt_log && r.attempt_log.length
        ? dataTable({
          caption: 'Attempts',
          columns: [
            { label: '#', cell: (a) => String(a.i + 1) },
            { label: 'Target', cell: (a) => h('span', { class: 'mono' }, a.target) },
            { label: 'Key', cell: (a) => (a.key != null ? `#${a.key + 1}` : '—') },
            { label: 'Status', cell: (a) => (a.status != null ? statusBadge(a.status) : '—') },
            { label: 'Outcome', cell: (a) => a.outcome + (a.hedged ? ' (hedged)' : '') },
            { label: 'Rule', cell: (a) => a.rule || '—' },
            { label: 'Time', num: true, cell: (a) => ms(a.ms) },
          ],
          rows: r.attempt_log.map((a, i) => ({ ...a, i })),
        })
        : h('p', { class: 'muted' }, 'No upstream attempt (refused before routing).'),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: close }, 'Close')));
  });
}

export function requestTable(rows, caption) {
  return dataTable({
    caption,
    rowClass: (r) => (r.fresh ? 'fresh' : null),
    columns: [
      { label: 'When', cell: (r) => h('button', { type: 'button', class: 'ghost small', 'aria-label': `Details of request ${r.id}`, onclick: () => showRequest(r) }, timeElement(r.started_at)) },
      { label: 'Key', cell: (r) => r.key || h('span', { class: 'muted' }, 'none') },
      { label: 'Model', cell: (r) => h('span', { class: 'mono' }, r.requested_model || '—') },
      { label: 'Target', cell: (r) => h('span', { class: 'mono' }, target(r)) },
      { label: 'Status', cell: (r) => statusBadge(r.status) },
      { label: 'Latency', num: true, cell: (r) => ms(r.latency_ms) },
      { label: 'Tokens in → out', num: true, cell: tokens },
      { label: 'Cost', num: true, cell: (r) => usd(r.cost_usd) },
      { label: 'Tries', num: true, cell: (r) => num(r.attempts) },
    ],
    rows,
  });
}

export async function render(root, { signal, params }) {
  const status = messageArea();
  const results = h('div', {});
  const more = h('button', { type: 'button', class: 'secondary' }, 'Load older requests');
  more.hidden = true;
  const csv = h('a', { class: 'button secondary', href: '/api/requests.csv', download: '' }, 'Export CSV');
  root.append(pageHead('Usage', 'Every request, newest first. Open one to see each attempt and the rule that fired.', csv), status);

  const [keys, providers] = await Promise.all([
    get('/api/keys', { signal }).then((r) => r.keys).catch(() => []),
    get('/api/providers', { signal }).then((r) => r.providers).catch(() => []),
  ]);
  const since = select(PERIODS, params.get('since') ?? '7d', { name: 'since' });
  const key = select([{ value: '', label: 'Any key' }, ...keys.map((k) => ({ value: k.name, label: k.name }))], params.get('key') || '', { name: 'key' });
  const provider = select([{ value: '', label: 'Any provider' }, ...providers.map((p) => ({ value: p.id, label: p.id }))], params.get('provider') || '', { name: 'provider' });
  const modelList = uid('models');
  const model = h('input', { name: 'model', list: modelList, autocomplete: 'off', placeholder: 'any', value: params.get('model') || '' });
  const statusFilter = select(STATUSES.map((s) => ({ value: s, label: s || 'Any status' })), params.get('status') || '', { name: 'status' });
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter requests' },
    field('Time', since), field('Key', key), field('Provider', provider), field('Model', model), field('Status', statusFilter),
    h('datalist', { id: modelList }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Apply')));
  root.append(filters, results, h('div', { class: 'actions' }, more));

  get('/api/models', { signal }).then((r) => {
    const datalist = filters.querySelector('datalist');
    replace(datalist, r.models.map((m) => h('option', { value: m.id })));
  }).catch(() => {});

  let rows = [];
  let nextBefore = null;
  const current = () => ({ since: since.value, key: key.value, provider: provider.value, model: model.value.trim(), status: statusFilter.value });

  async function load(append) {
    const q = current();
    csv.href = `/api/requests.csv${query(q)}`;
    try {
      const page = await get(`/api/requests${query({ ...q, limit: 50, before: append ? nextBefore : null })}`, { signal });
      rows = append ? rows.concat(page.requests) : page.requests;
      nextBefore = page.next_before || null;
      more.hidden = !nextBefore;
      status.clear();
      if (rows.length === 0) {
        const filtered = q.key || q.provider || q.model || q.status;
        replace(results, emptyState(filtered ? 'No request matches these filters' : 'No requests yet',
          filtered ? 'Widen the time range or clear a filter.' : 'Send a message from the Playground, or point a client at this server\'s /v1 endpoint.',
          filtered ? null : h('a', { class: 'button secondary', href: '#/playground' }, 'Open the Playground')));
        return;
      }
      replace(results, h('p', { class: 'muted', role: 'status' }, `${num(rows.length)} request${rows.length === 1 ? '' : 's'} shown${nextBefore ? ' (more below)' : ''}.`),
        requestTable(rows, 'Requests'));
    } catch (e) {
      if (e.name !== 'AbortError') status.error(e);
    }
  }

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = current();
    // Keep the filters in the address, so a filtered view can be bookmarked or linked (as the Keys page does).
    window.history.replaceState(null, '', `#/usage${query(q)}`);
    load(false);
  });
  for (const control of [since, key, provider, statusFilter]) control.addEventListener('change', () => filters.requestSubmit());
  more.addEventListener('click', () => load(true));
  await load(false);
}
