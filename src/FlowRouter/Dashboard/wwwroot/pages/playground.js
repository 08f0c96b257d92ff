// Playground: chat with any model or combo through /v1/chat/completions, streamed; shows which target answered
// (x-flowrouter-target) and, once the request log has it, the tokens and cost of each answer.
import { get, errorFrom } from '../lib/api.js';
import { h, replace, uid } from '../lib/dom.js';
import { num, usd, ms } from '../lib/format.js';
import { announce, field, messageArea, pageHead } from '../lib/ui.js';

const KEY_STORAGE = 'flowrouter.playground.key';

/** Server-Sent Events from a fetch body: yields each event's data lines joined. */
async function* sseData(body, signal) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      if (signal.aborted) return;
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
        if (data) yield data;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/** The request's row from the log (written a few milliseconds after the answer ends). */
async function recorded(id) {
  for (let i = 0; i < 20; i += 1) {
    try {
      const page = await get(`/api/requests?id=${encodeURIComponent(id)}`);
      if (page.requests.length) return page.requests[0];
    } catch {
      return null;
    }
    await new Promise((resolve) => { window.setTimeout(resolve, 100 + i * 50); });
  }
  return null;
}

function metaText(targetName, row, elapsed) {
  const parts = [`answered by ${targetName || 'unknown target'}`];
  if (row) {
    parts.push(`${num(row.input_tokens || 0)} tokens in · ${num(row.output_tokens || 0)} out`);
    parts.push(row.cost_usd != null ? usd(row.cost_usd) : 'no price known');
    parts.push(ms(row.latency_ms));
    if (row.attempts > 1) parts.push(`${num(row.attempts)} attempts`);
  } else {
    parts.push(ms(elapsed));
  }
  return parts.join(' · ');
}

export async function render(root, { signal }) {
  const status = messageArea();
  const listId = uid('models');
  const model = h('input', { name: 'model', list: listId, autocomplete: 'off', placeholder: 'provider/model or combo', required: true });
  const datalist = h('datalist', { id: listId });
  let storedKey = '';
  try {
    storedKey = sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    storedKey = '';
  }
  const key = h('input', { name: 'client_key', type: 'password', autocomplete: 'off', spellcheck: 'false', value: storedKey });
  const system = h('textarea', { name: 'system', rows: 3, placeholder: 'Optional' });
  const maxTokens = h('input', { name: 'max_tokens', type: 'number', min: '1', step: '1', placeholder: 'default' });
  const reset = h('button', { type: 'button', class: 'secondary' }, 'New chat');
  const log = h('div', { class: 'chat-log', role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite' });
  const prompt = h('textarea', { name: 'message', rows: 2, placeholder: 'Ask something… (Enter sends, Shift+Enter for a new line)' });
  const send = h('button', { type: 'submit' }, 'Send');
  const stop = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Stop');
  const settings = h('section', { class: 'card', 'aria-label': 'Chat settings' },
    field('Model', model, 'Any address or combo.'), datalist,
    field('Client key', key, 'Needed once any client key exists. Kept for this tab only.'),
    field('System prompt', system), field('Max tokens', maxTokens),
    h('div', { class: 'actions' }, reset));
  const composer = h('form', { class: 'composer', 'aria-label': 'Send a message' },
    h('div', { class: 'field' }, h('label', { for: prompt.id || (prompt.id = uid('prompt')), class: 'sr-only' }, 'Message'), prompt), send, stop);
  root.append(pageHead('Playground', 'Chat with any model or combo, streamed through FlowRouter like any client.'),
    h('div', { class: 'playground' }, settings, h('div', {}, log, status, composer)));

  let messages = [];
  let running = null;
  const empty = () => replace(log, h('p', { class: 'muted' }, 'Pick a model, type a message and press Enter. The answer streams in, with the target that answered and what it cost.'));
  empty();

  try {
    const models = (await get('/api/models', { signal })).models;
    replace(datalist, models.map((m) => h('option', { value: m.id }, m.kind === 'combo' ? 'combo' : m.provider || '')));
    const firstCombo = models.find((m) => m.kind === 'combo');
    if (!model.value) model.value = (firstCombo || models[0] || { id: '' }).id;
    root.dataset.ready = 'true';
    if (models.length === 0) status.info('No model to chat with yet: add a provider first.');
  } catch (e) {
    if (e.name === 'AbortError') return undefined;
    status.error(e);
  }

  key.addEventListener('change', () => {
    try {
      sessionStorage.setItem(KEY_STORAGE, key.value);
    } catch {
      // not remembered; still used for this page
    }
  });
  reset.addEventListener('click', () => {
    messages = [];
    status.clear();
    empty();
    prompt.focus();
  });
  prompt.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      composer.requestSubmit();
    }
  });
  stop.addEventListener('click', () => running && running.abort());

  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = prompt.value.trim();
    if (!text || running) return;
    if (!model.value.trim()) {
      status.error('Pick a model first.');
      model.focus();
      return;
    }
    status.clear();
    if (messages.length === 0) replace(log);
    messages.push({ role: 'user', content: text });
    log.append(h('div', { class: 'bubble user' }, text));
    prompt.value = '';
    const answerText = h('span', { class: 'answer' });
    const meta = h('span', { class: 'meta' }, 'waiting for the first token…');
    const bubble = h('div', { class: 'bubble assistant', 'aria-busy': 'true' }, answerText, meta);
    log.append(bubble);
    log.scrollTop = log.scrollHeight;
    running = new AbortController();
    send.disabled = true;
    stop.hidden = false;
    const started = performance.now();
    const body = { model: model.value.trim(), messages: [], stream: true, stream_options: { include_usage: true } };
    if (system.value.trim()) body.messages.push({ role: 'system', content: system.value.trim() });
    body.messages.push(...messages);
    if (maxTokens.value) body.max_tokens = Number(maxTokens.value);
    const headers = { 'Content-Type': 'application/json', Accept: 'text/event-stream' };
    if (key.value.trim()) headers.Authorization = `Bearer ${key.value.trim()}`;
    let answer = '';
    let targetName = null;
    let requestId = null;
    try {
      const response = await fetch('/v1/chat/completions', { method: 'POST', headers, body: JSON.stringify(body), signal: running.signal });
      targetName = response.headers.get('x-flowrouter-target');
      requestId = response.headers.get('x-flowrouter-request-id');
      if (!response.ok) {
        const data = await response.json().catch(() => null);
        throw errorFrom(response.status, data, response.statusText);
      }
      meta.textContent = `streaming from ${targetName || '…'}`;
      for await (const data of sseData(response.body, running.signal)) {
        if (data === '[DONE]') break;
        let chunk;
        try {
          chunk = JSON.parse(data);
        } catch {
          continue;
        }
        if (chunk.error) throw errorFrom(0, chunk, '');
        const delta = chunk.choices && chunk.choices[0] && chunk.choices[0].delta;
        if (delta && typeof delta.content === 'string') {
          answer += delta.content;
          answerText.textContent = answer;
          log.scrollTop = log.scrollHeight;
        }
      }
      messages.push({ role: 'assistant', content: answer });
      meta.textContent = `answered by ${targetName || 'unknown target'} · counting tokens…`;
      const row = requestId ? await recorded(requestId) : null;
      meta.textContent = metaText(targetName, row, performance.now() - started);
      bubble.dataset.target = targetName || '';
      announce('Answer complete');
    } catch (e) {
      messages.pop();
      if (e.name === 'AbortError') {
        meta.textContent = 'stopped';
      } else {
        bubble.remove();
        status.error(e.status ? `${e.message} (HTTP ${e.status})` : e.message);
      }
    } finally {
      bubble.removeAttribute('aria-busy');
      running = null;
      send.disabled = false;
      stop.hidden = true;
      prompt.focus();
    }
  });
  return () => running && running.abort();
}
