// Client keys: create (the key is shown once, with a copy button), limits and budgets, revoke, delete, and each
// key's usage over the last 30 days.
import { get, post, put, del, query } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { num, usd, timeElement, dateTime } from '../lib/format.js';
import {
  badge, busy, confirmDialog, copyButton, dataTable, emptyState, field, listOf, messageArea, numberOrNull, openDialog, pageHead, saving,
} from '../lib/ui.js';

const LIMITS = [
  { key: 'rpm', label: 'Requests per minute', step: '1' },
  { key: 'tpm', label: 'Tokens per minute', step: '1' },
  { key: 'daily_budget_usd', label: 'Daily budget (USD)', step: '0.01' },
  { key: 'monthly_budget_usd', label: 'Monthly budget (USD)', step: '0.01' },
];

function state(k) {
  if (k.revoked) return badge('revoked', 'bad');
  if (k.expired) return badge('expired', 'warn');
  return badge('active', 'ok');
}

function limitsCell(k) {
  const parts = [];
  if (k.rpm != null) parts.push(`${num(k.rpm)} req/min`);
  if (k.tpm != null) parts.push(`${num(k.tokens_last_minute || 0)} of ${num(k.tpm)} tokens/min`);
  if (k.daily_budget_usd != null) parts.push(`${usd(k.spent_today_usd || 0)} of ${usd(k.daily_budget_usd)} today`);
  if (k.monthly_budget_usd != null) parts.push(`${usd(k.spent_this_month_usd || 0)} of ${usd(k.monthly_budget_usd)} this month`);
  if (k.allowed_models) parts.push(`models: ${k.allowed_models.join(', ')}`);
  if (k.allowed_providers) parts.push(`providers: ${k.allowed_providers.join(', ')}`);
  if (parts.length === 0) return h('span', { class: 'muted' }, 'no limits');
  return h('ul', { class: 'models chips' }, parts.map((p) => h('li', {}, p)));
}

function keyForm(body, existing, onSubmit) {
  const status = messageArea();
  const name = h('input', { name: 'name', required: true, autocomplete: 'off', value: existing ? existing.name : '' });
  if (existing) name.readOnly = true;
  const limitInputs = LIMITS.map((l) => {
    const input = h('input', { type: 'number', min: '0', step: l.step, name: l.key, value: existing && existing[l.key] != null ? String(existing[l.key]) : '' });
    return { ...l, input };
  });
  const models = h('input', { name: 'allowed_models', autocomplete: 'off', value: existing && existing.allowed_models ? existing.allowed_models.join(', ') : '' });
  const providers = h('input', { name: 'allowed_providers', autocomplete: 'off', value: existing && existing.allowed_providers ? existing.allowed_providers.join(', ') : '' });
  const expires = h('input', { type: 'date', name: 'expires', value: existing && existing.expires ? existing.expires.slice(0, 10) : '' });
  const submit = h('button', { type: 'submit' }, existing ? 'Save limits' : 'Create key');
  const form = h('form', { class: 'form-grid', novalidate: true },
    field('Name', name, 'Shown in the request log, e.g. "laptop" or "ci".', 'wide'),
    limitInputs.map((l) => field(l.label, l.input, 'Empty: no limit.')),
    field('Allowed models', models, 'Comma-separated addresses or patterns (openai/*, a combo); empty: all.', 'wide'),
    field('Allowed providers', providers, 'Comma-separated provider ids; empty: all.', 'wide'),
    field('Expires', expires, 'Empty: never.'),
    h('div', { class: 'wide' }, status, h('div', { class: 'actions' }, submit)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.clear();
    if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(name.value.trim())) {
      status.error('Name: letters, digits and . _ @ - (up to 64 characters).');
      name.focus();
      return;
    }
    const doc = { name: name.value.trim() };
    for (const l of limitInputs) {
      const value = numberOrNull(l.input);
      if (Number.isNaN(value) || (value !== null && value < 0)) {
        status.error(`${l.label}: a positive number, or empty for no limit.`);
        l.input.focus();
        return;
      }
      if (value !== null) doc[l.key] = value;
    }
    if (listOf(models.value).length) doc.allowed_models = listOf(models.value);
    if (listOf(providers.value).length) doc.allowed_providers = listOf(providers.value);
    if (expires.value) doc.expires = expires.value;
    await saving(submit, status, () => onSubmit(doc));
  });
  body.append(form);
  (existing ? limitInputs[0].input : name).focus();
}

function showNewKey(plaintext, name, onClose) {
  openDialog(`Key ${name} created`, (body, close) => {
    const status = messageArea();
    const input = h('input', { readOnly: true, value: plaintext, 'aria-label': 'The new client key', class: 'mono', id: 'new-key-value' });
    input.addEventListener('focus', () => input.select());
    body.append(
      h('div', { class: 'message info', role: 'status' }, 'Copy this key now: it is shown only once. FlowRouter keeps only its SHA-256.'),
      h('div', { class: 'secret' }, input, copyButton(plaintext, 'Copy key', status)),
      status,
      h('p', { class: 'muted' }, 'Clients send it as ', h('code', {}, 'Authorization: Bearer <key>'), ' (or x-api-key).'),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: close }, 'Done')));
    window.setTimeout(() => input.select(), 0);
  }, { onClose });
}

export async function render(root, { signal }) {
  const status = messageArea();
  const list = h('div', {});
  const create = h('button', { type: 'button' }, 'Create key');
  root.append(pageHead('Keys', 'Client keys for /v1: once any key exists, every request needs one.', create), status, list);

  const openCreate = () => openDialog('Create a client key', (body, close) => keyForm(body, null, async (doc) => {
    const answer = await post('/api/keys', doc);
    close();
    showNewKey(answer.key, answer.client_key.name, () => load(`Key ${answer.client_key.name} created.`));
  }));

  async function load(message) {
    try {
      const [keys, usage] = await Promise.all([
        get('/api/keys', { signal }).then((r) => r.keys),
        get(`/api/usage${query({ since: '30d', by: 'key' })}`, { signal }).then((r) => r.groups),
      ]);
      const usageByKey = new Map(usage.map((g) => [g.group, g]));
      if (message) status.success(message);
      if (keys.length === 0) {
        replace(list, emptyState('No client keys yet',
          'Without keys, /v1 answers anyone on this machine. Create a key per tool or person to set limits and budgets and see who used what.',
          h('button', { type: 'button', onclick: openCreate }, 'Create your first key')));
        return;
      }
      replace(list, dataTable({
        caption: 'Client keys',
        columns: [
          { label: 'Name', cell: (k) => h('strong', { class: 'mono' }, k.name) },
          { label: 'State', cell: state },
          { label: 'Limits', cell: limitsCell },
          { label: 'Requests (30 d)', num: true, cell: (k) => num(usageByKey.get(k.name)?.requests || 0) },
          { label: 'Cost (30 d)', num: true, cell: (k) => usd(usageByKey.get(k.name)?.cost_usd || 0) },
          { label: 'Expires', cell: (k) => (k.expires ? h('span', { title: dateTime(k.expires) }, timeElement(k.expires)) : 'never') },
          { label: 'Created', cell: (k) => (k.created_at ? timeElement(k.created_at) : h('span', { class: 'muted' }, k.origin)) },
          {
            label: 'Actions',
            cell: (k) => h('div', { class: 'actions' },
              h('a', { class: 'button secondary small', href: `#/usage?key=${encodeURIComponent(k.name)}`, 'aria-label': `Usage of ${k.name}` }, 'Usage'),
              k.read_only ? h('span', { class: 'muted' }, 'config file') : [
                h('button', {
                  type: 'button', class: 'secondary small', 'aria-label': `Edit limits of ${k.name}`,
                  onclick: () => openDialog(`Limits of ${k.name}`, (body, close) => keyForm(body, k, async (doc) => {
                    await put(`/api/keys/${encodeURIComponent(k.name)}`, { ...doc, revoked: k.revoked });
                    close();
                    load(`Limits of ${k.name} saved.`);
                  })),
                }, 'Edit'),
                k.revoked ? null : h('button', {
                  type: 'button', class: 'secondary small', 'aria-label': `Revoke ${k.name}`,
                  onclick: async (event) => {
                    if (!await confirmDialog(`Revoke ${k.name}?`, 'Requests with this key are refused (401) from now on. The key stays listed with its usage.', 'Revoke key')) return;
                    await busy(event.target, null, async () => {
                      try {
                        await post(`/api/keys/${encodeURIComponent(k.name)}/revoke`, {});
                        load(`Key ${k.name} revoked.`);
                      } catch (e) {
                        status.error(e);
                      }
                    });
                  },
                }, 'Revoke'),
                h('button', {
                  type: 'button', class: 'secondary small', 'aria-label': `Delete ${k.name}`,
                  onclick: async () => {
                    if (!await confirmDialog(`Delete ${k.name}?`, 'The key stops working and leaves the list; its usage rows keep its name.', 'Delete key')) return;
                    try {
                      await del(`/api/keys/${encodeURIComponent(k.name)}`);
                      load(`Key ${k.name} deleted.`);
                    } catch (e) {
                      status.error(e);
                    }
                  },
                }, 'Delete'),
              ]),
          },
        ],
        rows: keys,
      }));
    } catch (e) {
      if (e.name !== 'AbortError') status.error(e);
    }
  }

  create.addEventListener('click', openCreate);
  await load();
}
