// Overview: requests, tokens, cost, errors and latency for today and the last 7/30 days; charts by day (by hour
// for today) and by provider/model; each provider's state right now (healthy, cooling down, disabled).
import { get, query } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { num, usd, ms, percent, compact, day, clock } from '../lib/format.js';
import { barChart, hbarList } from '../lib/charts.js';
import { badge, emptyState, messageArea, pageHead, dataTable } from '../lib/ui.js';

const PERIODS = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
];

/** The API's "since" for a period: today starts at local midnight. */
function since(period) {
  if (period !== 'today') return period;
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  return `${Math.max(1, Math.ceil((Date.now() - midnight.getTime()) / 60_000))}m`;
}

const usage = (period, by, signal) => get(`/api/usage${query({ since: since(period), by })}`, { signal }).then((r) => r.groups);

/** Every UTC day (or hour) of the period, zero where nothing happened. */
function series(groups, period) {
  const byGroup = new Map(groups.map((g) => [g.group, g]));
  const points = [];
  const now = new Date();
  if (period === 'today') {
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    for (let t = start.getTime(); t <= now.getTime(); t += 3_600_000) {
      const key = `${new Date(t).toISOString().slice(0, 13)}:00`;
      const g = byGroup.get(key);
      points.push({ label: clock(new Date(t)).slice(0, 5), value: g ? g.requests : 0, errors: g ? g.errors : 0, cost: g ? g.cost_usd : 0 });
    }
    return points;
  }
  const days = period === '7d' ? 7 : 30;
  for (let i = days - 1; i >= 0; i -= 1) {
    const key = new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    const g = byGroup.get(key);
    points.push({ label: day(key), value: g ? g.requests : 0, errors: g ? g.errors : 0, cost: g ? g.cost_usd : 0 });
  }
  return points;
}

function stat(label, value, sub) {
  return h('div', { class: 'card stat' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), sub ? h('div', { class: 'sub' }, sub) : null);
}

function totalsCards(t) {
  const tokens = t.input_tokens + t.output_tokens;
  return h('div', { class: 'cards', role: 'group', 'aria-label': 'Totals' },
    stat('Requests', num(t.requests)),
    stat('Tokens', compact(tokens), `${num(t.input_tokens)} in · ${num(t.output_tokens)} out`),
    stat('Cost', usd(t.cost_usd), 'at list prices'),
    stat('Errors', num(t.errors), t.requests ? `${percent(t.errors, t.requests)} of requests` : null),
    stat('Latency p50', ms(t.latency_p50_ms), t.ttft_p50_ms != null ? `first token ${ms(t.ttft_p50_ms)}` : null),
    stat('Latency p95', ms(t.latency_p95_ms), t.ttft_p95_ms != null ? `first token ${ms(t.ttft_p95_ms)}` : null),
    stat('Tokens saved', compact(t.tokens_saved || 0), t.tool_tokens_before
      ? `${percent(t.tokens_saved, t.tool_tokens_before)} of tool output · token saver`
      : 'token saver: turn it on in Settings'));
}

const EMPTY_TOTAL = { requests: 0, errors: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0 };

function providerState(provider, health) {
  if (!provider.enabled) return badge('disabled', 'bad');
  if (provider.problem) return badge('problem', 'bad');
  if (!health) return badge('unknown');
  if (health.keys > 0 && health.disabled_keys >= health.keys) return badge('keys refused', 'bad');
  if (health.resting > 0) return badge(`cooling down (${health.resting})`, 'warn');
  if (health.disabled_keys > 0) return badge(`${health.disabled_keys} key(s) refused`, 'warn');
  return badge('healthy', 'ok');
}

function healthCard(providers, health) {
  const byId = new Map((health.providers || []).map((p) => [p.id, p]));
  return h('section', { class: 'card', 'aria-labelledby': 'health-title' },
    h('h2', { id: 'health-title' }, 'Providers right now'),
    providers.length === 0
      ? h('p', { class: 'muted' }, 'No provider yet. ', h('a', { href: '#/providers' }, 'Add one'), ' to start routing.')
      : h('ul', { class: 'health-list' }, providers.map((p) => h('li', {},
        h('a', { href: '#/providers', class: 'mono' }, p.id), providerState(p, byId.get(p.id))))),
    h('p', { class: 'muted' }, `Store: ${health.store || 'unknown'} · FlowRouter ${health.version || ''}`));
}

function periodTable(totals) {
  return dataTable({
    caption: 'Totals by period',
    columns: [
      { label: 'Period', cell: (r) => h('span', { class: 'nowrap' }, r.label) },
      { label: 'Requests', num: true, cell: (r) => num(r.t.requests) },
      { label: 'Tokens', num: true, cell: (r) => num(r.t.input_tokens + r.t.output_tokens) },
      { label: 'Cost', num: true, cell: (r) => usd(r.t.cost_usd) },
      { label: 'Errors', num: true, cell: (r) => num(r.t.errors) },
      { label: 'p50', num: true, cell: (r) => ms(r.t.latency_p50_ms) },
      { label: 'p95', num: true, cell: (r) => ms(r.t.latency_p95_ms) },
    ],
    rows: PERIODS.map((p, i) => ({ label: p.label, t: totals[i] })),
  });
}

export async function render(root, { signal }) {
  let period = '7d';
  const status = messageArea();
  const switcher = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Period' });
  const body = h('div', {});
  root.append(pageHead('Overview', 'Traffic through FlowRouter and the state of its providers.', switcher), status, body);

  async function load() {
    for (const button of switcher.children) button.setAttribute('aria-pressed', String(button.dataset.period === period));
    try {
      const [providers, health, totals, timeline, byProvider, byModel] = await Promise.all([
        get('/api/providers', { signal }).then((r) => r.providers),
        get('/api/health', { signal }),
        Promise.all(PERIODS.map((p) => usage(p.id, 'total', signal).then((g) => g[0] || EMPTY_TOTAL))),
        usage(period, period === 'today' ? 'hour' : 'day', signal),
        usage(period, 'provider', signal),
        usage(period, 'model', signal),
      ]);
      status.clear();
      const current = totals[PERIODS.findIndex((p) => p.id === period)];
      const label = PERIODS.find((p) => p.id === period).label.toLowerCase();
      const parts = [];
      if (providers.length === 0) {
        parts.push(emptyState('Add your first provider',
          'FlowRouter routes requests to providers such as OpenAI, Anthropic, Groq or a local Ollama. Add one, paste its key, and test the connection.',
          h('a', { class: 'button', href: '#/providers?add=1' }, 'Add a provider')));
      }
      parts.push(totalsCards(current));
      const charts = h('div', { class: 'overview-grid' });
      if (current.requests === 0) {
        charts.append(h('section', { class: 'card span-2' }, emptyState(`No requests ${period === 'today' ? 'today' : `in the last ${label}`}`,
          'Send a message from the Playground, or point a client at this server\'s /v1 endpoint.',
          h('a', { class: 'button secondary', href: '#/playground' }, 'Open the Playground'))));
      } else {
        charts.append(h('section', { class: 'card span-2' }, barChart({
          caption: period === 'today' ? 'Requests by hour (errors in red)' : 'Requests by day (errors in red)',
          data: series(timeline, period), format: compact,
        })));
        const costRows = (groups) => groups.slice().sort((a, b) => b.requests - a.requests).slice(0, 8)
          .map((g) => ({ name: g.group, value: g.requests, text: `${num(g.requests)} · ${usd(g.cost_usd)}` }));
        charts.append(healthCard(providers, health));
        charts.append(h('section', { class: 'card' },
          h('h2', {}, 'By provider'), hbarList({ label: 'Requests by provider', rows: costRows(byProvider), format: num }),
          h('h2', {}, 'By model'), hbarList({ label: 'Requests by model', rows: costRows(byModel), format: num })));
      }
      if (current.requests === 0) charts.append(healthCard(providers, health));
      charts.append(h('section', { class: 'card span-2' }, h('h2', {}, 'Today, 7 and 30 days'), periodTable(totals)));
      parts.push(h('h2', { class: 'sr-only' }, 'Charts'), charts);
      replace(body, parts);
    } catch (e) {
      if (e.name !== 'AbortError') status.error(e);
    }
  }

  for (const p of PERIODS) {
    switcher.append(h('button', { type: 'button', dataset: { period: p.id }, 'aria-pressed': 'false', onclick: () => { period = p.id; load(); } }, p.label));
  }
  await load();
  const timer = window.setInterval(load, 30_000);
  return () => window.clearInterval(timer);
}
