// Providers: add from a vendor preset (or any OpenAI-compatible server), paste keys, test the connection (the
// models found or the exact error), enable/disable, edit, delete; each key's live quota and cooldown.
import { get, post, patch, del, put } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { relTime, num } from '../lib/format.js';
import {
  badge, busy, checkbox, confirmDialog, emptyState, field, listOf, messageArea, openDialog, pageHead, saving, select,
} from '../lib/ui.js';

const TYPES = ['openai', 'openai-responses', 'anthropic', 'gemini'];
const CUSTOM = { id: '', name: 'Any OpenAI-compatible', type: 'openai', base_url: 'http://127.0.0.1:8080/v1', needs_key: false, key_env_vars: [] };

function keyState(state) {
  const kinds = { available: 'ok', resting: 'warn', 'nearly-spent': 'warn', disabled: 'bad' };
  const labels = { available: 'available', resting: 'cooling down', 'nearly-spent': 'nearly spent', disabled: 'refused' };
  return badge(labels[state] || state, kinds[state]);
}

function limitsText(limits) {
  if (!limits) return null;
  const parts = [];
  if (limits.requests_remaining != null) {
    parts.push(`${num(limits.requests_remaining)}${limits.requests_limit != null ? ` of ${num(limits.requests_limit)}` : ''} requests left`);
  }
  if (limits.tokens_remaining != null) {
    parts.push(`${num(limits.tokens_remaining)}${limits.tokens_limit != null ? ` of ${num(limits.tokens_limit)}` : ''} tokens left`);
  }
  const reset = limits.requests_reset || limits.tokens_reset;
  if (reset) parts.push(`resets ${relTime(reset)}`);
  return parts.length ? parts.join(' · ') : null;
}

function quotaLines(provider, quota) {
  const keys = quota ? quota.keys : [];
  if (!keys.length || (provider.keys.length === 0 && keys.every((k) => !k.key && k.state === 'available' && !k.limits))) {
    return h('p', { class: 'muted' }, provider.keys.length ? '' : 'No API key (a local server needs none).');
  }
  return h('div', { 'aria-label': `Keys of ${provider.id}` }, keys.map((k) => {
    const rests = (k.rests || []).filter((r) => !r.over);
    return h('div', { class: 'keyline' },
      h('span', { class: 'mono' }, k.key || 'no key'),
      keyState(k.state),
      limitsText(k.limits) ? h('span', { class: 'muted' }, limitsText(k.limits)) : null,
      rests.map((r) => h('span', { class: 'muted' },
        `${r.model ? `${r.model}: ` : ''}${r.disabled ? 'disabled' : `resting, back ${relTime(r.until)}`} (${r.rule}, ${num(r.failures)} failure${r.failures === 1 ? '' : 's'})`)));
  }));
}

function modelsList(models) {
  if (!models || models.length === 0) return h('p', { class: 'muted' }, 'Models: discovered from the provider.');
  const shown = models.slice(0, 12);
  return h('ul', { class: 'models', 'aria-label': 'Models' }, shown.map((m) => h('li', {}, m)),
    models.length > shown.length ? h('li', {}, `+${num(models.length - shown.length)} more`) : null);
}

/** The provider form (add or edit). Returns the document to send, or throws a message. */
function providerForm(body, { preset, existing, onSubmit }) {
  const status = messageArea();
  const id = h('input', { name: 'id', required: true, pattern: '[a-z0-9][a-z0-9-]*', autocomplete: 'off', value: existing ? existing.id : preset.id });
  if (existing) id.readOnly = true;
  const type = select(TYPES, existing ? existing.type : preset.type, { name: 'type' });
  const baseUrl = h('input', { name: 'base_url', type: 'url', required: true, value: existing ? existing.base_url : preset.base_url, autocomplete: 'off' });
  const keys = h('textarea', { name: 'api_keys', rows: 2, autocomplete: 'off', spellcheck: 'false' });
  const models = h('input', { name: 'models', autocomplete: 'off', value: existing && existing.models ? existing.models.join(', ') : '' });
  const enabled = checkbox('Enabled (routes requests)', existing ? existing.enabled : true, { name: 'enabled' });
  const submit = h('button', { type: 'submit' }, existing ? 'Save changes' : 'Add provider');
  const keyHint = existing
    ? `Stored: ${existing.keys.length ? existing.keys.join(', ') : 'none'}. Paste new keys to replace them, or leave empty to keep them.`
    : preset.needs_key
      ? `One per line; several keys are used in turn.${preset.key_env_vars && preset.key_env_vars.length ? ` (Usually in ${preset.key_env_vars.join(' or ')}.)` : ''}`
      : 'Optional for a local server.';
  const form = h('form', { class: 'form-grid', novalidate: true },
    field('Provider id', id, 'Lowercase letters, digits and dashes; models are addressed as id/model.'),
    field('Type', type, 'The API the provider speaks.'),
    field('Base URL', baseUrl, 'OpenAI-style: up to and including /v1. Anthropic and Gemini: the host root.', 'wide'),
    field('API keys', keys, keyHint, 'wide'),
    field('Models', models, 'Comma-separated; empty: discovered from the provider.', 'wide'),
    h('div', { class: 'wide' }, enabled.el),
    h('div', { class: 'wide' }, status, h('div', { class: 'actions' }, submit)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.clear();
    if (!id.value.trim() || !/^[a-z0-9][a-z0-9-]*$/.test(id.value.trim())) {
      status.error('Provider id: use lowercase letters, digits and dashes (e.g. "groq" or "my-vllm").');
      id.focus();
      return;
    }
    if (!baseUrl.value.trim()) {
      status.error('Base URL is required.');
      baseUrl.focus();
      return;
    }
    const doc = { id: id.value.trim(), type: type.value, base_url: baseUrl.value.trim(), enabled: enabled.input.checked };
    const keyList = listOf(keys.value);
    if (keyList.length) doc.api_keys = keyList;
    const modelList = listOf(models.value);
    doc.models = modelList.length ? modelList : null;
    await saving(submit, status, () => onSubmit(doc));
  });
  body.append(form);
  id.focus();
}

function addDialog(presets, onSaved) {
  openDialog('Add a provider', (body, close) => {
    const formArea = h('div', {});
    const all = [...presets, CUSTOM];
    const grid = h('div', { class: 'preset-grid', role: 'group', 'aria-label': 'Vendor presets' }, all.map((p) => {
      const button = h('button', { type: 'button', 'aria-pressed': 'false' },
        h('strong', {}, p.name), h('small', {}, p.id ? `${p.type}${p.needs_key ? '' : ' · local'}` : 'vLLM, llama.cpp, LiteLLM…'));
      button.addEventListener('click', () => {
        for (const b of grid.children) b.setAttribute('aria-pressed', String(b === button));
        replace(formArea, h('h3', {}, p.name));
        providerForm(formArea, {
          preset: p,
          onSubmit: async (doc) => {
            const answer = await post('/api/providers', doc);
            close();
            onSaved(answer.provider.id, `Provider ${answer.provider.id} added. Test the connection to see its models.`);
          },
        });
      });
      return button;
    }));
    body.append(h('p', { class: 'muted' }, 'Pick a vendor, paste a key, done. Keys are stored encrypted and shown masked from then on.'), grid, formArea);
  });
}

function editDialog(provider, onSaved) {
  openDialog(`Edit ${provider.id}`, (body, close) => {
    providerForm(body, {
      existing: provider,
      onSubmit: async (doc) => {
        const change = { ...doc };
        delete change.id;
        // PUT replaces the document; keys left out are kept (they are write-only).
        await put(`/api/providers/${encodeURIComponent(provider.id)}`, { id: provider.id, ...change });
        close();
        onSaved(provider.id, `Provider ${provider.id} saved.`);
      },
    });
  });
}

function providerCard(p, quota, reload) {
  const status = messageArea();
  const result = h('div', {});
  const readOnly = p.read_only;
  const test = h('button', { type: 'button', class: 'secondary small' }, 'Test connection');
  test.addEventListener('click', () => busy(test, 'Testing…', async () => {
    status.clear();
    replace(result);
    try {
      const answer = await post(`/api/providers/${encodeURIComponent(p.id)}/test`, {});
      if (answer.ok) {
        status.success(`Connected: ${num(answer.model_count)} model${answer.model_count === 1 ? '' : 's'} found.`);
        replace(result, modelsList(answer.models));
      } else {
        status.error(`Test failed: ${answer.error}`);
      }
    } catch (e) {
      status.error(e);
    }
  }));
  const toggle = h('button', { type: 'button', class: 'secondary small', disabled: readOnly }, p.enabled ? 'Disable' : 'Enable');
  toggle.addEventListener('click', () => busy(toggle, null, async () => {
    try {
      await patch(`/api/providers/${encodeURIComponent(p.id)}`, { enabled: !p.enabled });
      reload(p.id, `Provider ${p.id} ${p.enabled ? 'disabled' : 'enabled'}.`);
    } catch (e) {
      status.error(e);
    }
  }));
  const edit = h('button', { type: 'button', class: 'secondary small', disabled: readOnly, onclick: () => editDialog(p, reload) }, 'Edit');
  const remove = h('button', { type: 'button', class: 'secondary small', disabled: readOnly }, 'Delete');
  remove.addEventListener('click', async () => {
    if (!await confirmDialog(`Delete ${p.id}?`, `Requests to ${p.id}/… will fail, and its stored keys are deleted.`, 'Delete provider')) return;
    try {
      await del(`/api/providers/${encodeURIComponent(p.id)}`);
      reload(null, `Provider ${p.id} deleted.`);
    } catch (e) {
      status.error(e);
    }
  });
  return h('article', { class: 'card provider-card', 'aria-labelledby': `provider-${p.id}`, dataset: { provider: p.id } },
    h('header', {},
      h('div', {}, h('h3', { id: `provider-${p.id}` }, p.id), h('div', { class: 'url' }, p.base_url)),
      h('div', {}, badge(p.type, 'info'), ' ', p.enabled ? badge('enabled', 'ok') : badge('disabled', 'bad'))),
    p.problem ? h('div', { class: 'message error', role: 'alert' }, p.problem) : null,
    readOnly ? h('p', { class: 'muted' }, `From ${p.origin === 'config' ? 'the config file' : p.origin}: change it there.`) : null,
    h('div', { dataset: { quota: p.id } }, quotaLines(p, quota)),
    modelsList(p.models),
    result,
    status,
    h('div', { class: 'actions' }, test, toggle, edit, remove));
}

export async function render(root, { signal, params }) {
  const status = messageArea();
  const list = h('div', {});
  const add = h('button', { type: 'button' }, 'Add provider');
  root.append(pageHead('Providers', 'Where requests go. Keys are masked; each key shows its live quota and cooldown.', add), status, list);
  // The presets are fetched once; the Add dialog waits for them if it is opened first.
  const presets = get('/api/presets', { signal }).then((r) => r.presets).catch((e) => {
    if (e.name !== 'AbortError') status.error(e);
    return [];
  });
  const openAdd = async () => addDialog(await presets, load);

  async function load(focusId, message) {
    try {
      const [providers, quota] = await Promise.all([
        get('/api/providers', { signal }).then((r) => r.providers),
        get('/api/quota', { signal }).then((r) => r.providers),
      ]);
      const quotaById = new Map(quota.map((q) => [q.id, q]));
      if (message) status.success(message);
      if (providers.length === 0) {
        replace(list, emptyState('No providers yet',
          'Add one from a vendor preset (OpenAI, Anthropic, Gemini, Groq, a local Ollama…), paste its key, and test the connection.',
          h('button', { type: 'button', onclick: openAdd }, 'Add your first provider')));
        return;
      }
      replace(list, h('div', { class: 'provider-list' }, providers.map((p) => providerCard(p, quotaById.get(p.id), load))));
      if (focusId) {
        const card = list.querySelector(`[data-provider="${CSS.escape(focusId)}"] h3`);
        if (card) card.scrollIntoView({ block: 'nearest' });
      }
    } catch (e) {
      if (e.name !== 'AbortError') status.error(e);
    }
  }

  /** Live quota and cooldowns: only the key lines are redrawn, so focus, test results and messages stay put. */
  async function refreshQuota() {
    try {
      const [providers, quota] = await Promise.all([
        get('/api/providers', { signal }).then((r) => r.providers),
        get('/api/quota', { signal }).then((r) => r.providers),
      ]);
      const quotaById = new Map(quota.map((q) => [q.id, q]));
      for (const p of providers) {
        const lines = list.querySelector(`[data-quota="${CSS.escape(p.id)}"]`);
        if (lines) replace(lines, quotaLines(p, quotaById.get(p.id)));
      }
    } catch {
      // the next refresh tries again; a lasting problem shows on the next full load
    }
  }

  add.addEventListener('click', openAdd);
  await load();
  if (params.get('add')) await openAdd();
  const timer = window.setInterval(refreshQuota, 5_000);
  return () => window.clearInterval(timer);
}

