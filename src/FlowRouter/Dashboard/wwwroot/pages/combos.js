// Combos: several targets behind one name, tried by a strategy. Create and edit (drag or Move up/down to
// reorder, weights for "weighted", hedging, timeouts), delete.
import { get, post, put, del } from '../lib/api.js';
import { h, replace, uid } from '../lib/dom.js';
import { num, ms } from '../lib/format.js';
import {
  badge, confirmDialog, dataTable, emptyState, field, messageArea, numberOrNull, openDialog, pageHead, saving, select,
} from '../lib/ui.js';

const STRATEGIES = [
  { value: 'priority', label: 'Priority: in order, next on failure' },
  { value: 'round-robin', label: 'Round-robin: start one further each time' },
  { value: 'weighted', label: 'Weighted: first drawn by weight' },
  { value: 'random', label: 'Random order' },
  { value: 'cost-optimal', label: 'Cost-optimal: cheapest first' },
  { value: 'least-latency', label: 'Least latency: fastest first token first' },
];
const TIMEOUTS = [
  ['connect_seconds', 'Connect'], ['first_byte_seconds', 'First byte'], ['idle_seconds', 'Idle gap'], ['total_seconds', 'Total'],
];

/** The ordered target list: drag and drop with the mouse, Move up/down buttons from the keyboard. */
function targetList(initial, weighted) {
  let targets = initial.map((t) => ({ ...t }));
  let dragIndex = null;
  const list = h('ol', { class: 'targets', 'aria-label': 'Targets, in order' });
  const render = () => {
    replace(list, targets.map((t, i) => {
      const weight = h('input', { type: 'number', min: '1', step: '1', value: String(t.weight || 1), 'aria-label': `Weight of ${t.model}` });
      weight.hidden = !weighted();
      weight.addEventListener('input', () => { t.weight = Number(weight.value) || 1; });
      const move = (delta) => {
        const j = i + delta;
        if (j < 0 || j >= targets.length) return;
        [targets[i], targets[j]] = [targets[j], targets[i]];
        render();
        const again = list.children[j].querySelector(delta < 0 ? '[data-move=up]' : '[data-move=down]');
        (again && !again.disabled ? again : list.children[j].querySelector('button')).focus();
      };
      const li = h('li', { draggable: 'true', dataset: { index: String(i) } },
        h('span', { class: 'handle', 'aria-hidden': 'true', title: 'Drag to reorder' }, '⠿'),
        h('span', { class: 'muted' }, `${i + 1}.`),
        h('span', { class: 'target-name' }, t.model),
        weight,
        h('button', { type: 'button', class: 'ghost icon', dataset: { move: 'up' }, 'aria-label': `Move ${t.model} up`, disabled: i === 0, onclick: () => move(-1) }, '↑'),
        h('button', { type: 'button', class: 'ghost icon', dataset: { move: 'down' }, 'aria-label': `Move ${t.model} down`, disabled: i === targets.length - 1, onclick: () => move(1) }, '↓'),
        h('button', { type: 'button', class: 'ghost small', 'aria-label': `Remove ${t.model}`, onclick: () => { targets.splice(i, 1); render(); } }, 'Remove'));
      li.addEventListener('dragstart', (e) => {
        dragIndex = i;
        li.classList.add('dragging');
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', t.model);
      });
      li.addEventListener('dragend', () => { li.classList.remove('dragging'); dragIndex = null; });
      li.addEventListener('dragover', (e) => { e.preventDefault(); li.classList.add('drop-before'); });
      li.addEventListener('dragleave', () => li.classList.remove('drop-before'));
      li.addEventListener('drop', (e) => {
        e.preventDefault();
        li.classList.remove('drop-before');
        if (dragIndex === null || dragIndex === i) return;
        const [moved] = targets.splice(dragIndex, 1);
        targets.splice(i, 0, moved);
        render();
      });
      return li;
    }));
    if (targets.length === 0) list.append(h('li', { class: 'muted' }, 'No targets yet: add a provider/model or another combo below.'));
  };
  render();
  return {
    el: list,
    render,
    add: (model) => { targets.push({ model, weight: 1 }); render(); },
    values: () => targets.filter((t) => t.model),
  };
}

function comboEditor(existing, addresses, onSaved) {
  openDialog(existing ? `Edit combo ${existing.name}` : 'New combo', (body, close) => {
    const status = messageArea();
    const name = h('input', { name: 'name', required: true, autocomplete: 'off', value: existing ? existing.name : '' });
    if (existing) name.readOnly = true;
    const strategy = select(STRATEGIES, existing ? existing.strategy : 'priority', { name: 'strategy' });
    const targets = targetList(existing ? existing.targets : [], () => strategy.value === 'weighted');
    strategy.addEventListener('change', targets.render);
    const listId = uid('addresses');
    const newTarget = h('input', { list: listId, autocomplete: 'off', placeholder: 'provider/model or combo' });
    const addTarget = h('button', { type: 'button', class: 'secondary' }, 'Add target');
    const doAdd = () => {
      const value = newTarget.value.trim();
      if (!value) return;
      targets.add(value);
      newTarget.value = '';
      newTarget.focus();
    };
    addTarget.addEventListener('click', doAdd);
    newTarget.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); doAdd(); } });
    const hedgeMode = select([
      { value: 'off', label: 'Off' }, { value: 'ms', label: 'After a fixed time' }, { value: 'p95', label: 'At the first target\'s p95' },
    ], existing && existing.hedge_at_p95 ? 'p95' : existing && existing.hedge_after_ms ? 'ms' : 'off');
    const hedgeMs = h('input', { type: 'number', min: '1', step: '1', value: existing && existing.hedge_after_ms ? String(existing.hedge_after_ms) : '' });
    const hedgeMsField = field('Hedge after (ms)', hedgeMs);
    const syncHedge = () => { hedgeMsField.hidden = hedgeMode.value !== 'ms'; };
    hedgeMode.addEventListener('change', syncHedge);
    syncHedge();
    const timeoutInputs = TIMEOUTS.map(([key, label]) => {
      const input = h('input', { type: 'number', min: '0', step: 'any', name: key, value: existing && existing.timeouts ? String(existing.timeouts[key]) : '' });
      return { key, input, el: field(`${label} (s)`, input) };
    });
    const submit = h('button', { type: 'submit' }, existing ? 'Save combo' : 'Create combo');
    const form = h('form', { novalidate: true },
      h('div', { class: 'form-grid' },
        field('Name', name, 'Clients use it as the model name.'),
        field('Strategy', strategy)),
      h('fieldset', {}, h('legend', {}, 'Targets'),
        h('p', { class: 'muted' }, 'Drag to reorder, or use the arrows. Weights apply to the weighted strategy.'),
        targets.el,
        h('div', { class: 'composer' }, field('Add a target', newTarget), addTarget),
        h('datalist', { id: listId }, addresses.map((a) => h('option', { value: a })))),
      h('fieldset', {}, h('legend', {}, 'Hedging'),
        h('p', { class: 'muted' }, 'Start the next target beside a slow first one; the first to answer wins.'),
        h('div', { class: 'form-grid' }, field('Hedge', hedgeMode), hedgeMsField)),
      h('fieldset', {}, h('legend', {}, 'Timeouts'),
        h('p', { class: 'muted' }, 'Per attempt; empty: the server\'s defaults.'),
        h('div', { class: 'form-grid' }, timeoutInputs.map((t) => t.el))),
      status,
      h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'secondary', onclick: close }, 'Cancel')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      status.clear();
      const list = targets.values();
      if (!name.value.trim()) { status.error('Name is required.'); name.focus(); return; }
      if (list.length === 0) { status.error('Add at least one target.'); newTarget.focus(); return; }
      const doc = {
        name: name.value.trim(),
        strategy: strategy.value,
        targets: strategy.value === 'weighted' ? list.map((t) => ({ model: t.model, weight: t.weight || 1 })) : list.map((t) => t.model),
      };
      if (hedgeMode.value === 'p95') doc.hedge_after = 'p95';
      if (hedgeMode.value === 'ms') {
        const value = numberOrNull(hedgeMs);
        if (!value || value < 1) { status.error('Hedge after: a number of milliseconds.'); hedgeMs.focus(); return; }
        doc.hedge_after_ms = value;
      }
      const timeouts = {};
      for (const t of timeoutInputs) {
        const value = numberOrNull(t.input);
        if (Number.isNaN(value)) { status.error('Timeouts are numbers of seconds.'); t.input.focus(); return; }
        if (value !== null) timeouts[t.key] = value;
      }
      if (Object.keys(timeouts).length) doc.timeouts = timeouts;
      await saving(submit, status, async () => {
        if (existing) await put(`/api/combos/${encodeURIComponent(existing.name)}`, doc);
        else await post('/api/combos', doc);
        close();
        onSaved(`Combo ${doc.name} ${existing ? 'saved' : 'created'}.`);
      });
    });
    body.append(form);
    (existing ? strategy : name).focus();
  });
}

function targetsCell(c) {
  return h('ol', { class: 'models', 'aria-label': `Targets of ${c.name}` }, c.targets.map((t) =>
    h('li', {}, c.strategy === 'weighted' ? `${t.model} ×${num(t.weight)}` : t.model)));
}

export async function render(root, { signal }) {
  const status = messageArea();
  const list = h('div', {});
  const create = h('button', { type: 'button' }, 'New combo');
  root.append(pageHead('Combos', 'One name, several targets: fall over to the next when a provider fails.', create), status, list);
  let addresses = [];

  async function load(message) {
    try {
      const [combos, models] = await Promise.all([
        get('/api/combos', { signal }).then((r) => r.combos),
        get('/api/models', { signal }).then((r) => r.models),
      ]);
      addresses = models.filter((m) => m.kind !== 'alias').map((m) => m.id);
      if (message) status.success(message);
      if (combos.length === 0) {
        replace(list, emptyState('No combos yet',
          addresses.length ? 'A combo puts several models behind one name (e.g. "coding": a fast model, then a fallback). Create one from the models your providers serve.'
            : 'Add a provider first: a combo is built from its models.',
          addresses.length ? h('button', { type: 'button', onclick: () => comboEditor(null, addresses, load) }, 'Create a combo')
            : h('a', { class: 'button', href: '#/providers' }, 'Add a provider')));
        return;
      }
      replace(list, dataTable({
        caption: 'Combos',
        columns: [
          { label: 'Name', cell: (c) => h('strong', { class: 'mono' }, c.name) },
          { label: 'Strategy', cell: (c) => badge(c.strategy, 'info') },
          { label: 'Targets', cell: targetsCell },
          { label: 'Hedging', cell: (c) => (c.hedge_at_p95 ? 'at p95' : c.hedge_after_ms ? `after ${ms(c.hedge_after_ms)}` : 'off') },
          { label: 'Timeouts', cell: (c) => (c.timeouts ? `first byte ${num(c.timeouts.first_byte_seconds)} s, total ${num(c.timeouts.total_seconds)} s` : 'defaults') },
          {
            label: 'Actions',
            cell: (c) => (c.read_only ? h('span', { class: 'muted' }, 'config file')
              : h('div', { class: 'actions' },
                h('button', { type: 'button', class: 'secondary small', 'aria-label': `Edit combo ${c.name}`, onclick: () => comboEditor(c, addresses, load) }, 'Edit'),
                h('button', {
                  type: 'button', class: 'secondary small', 'aria-label': `Delete combo ${c.name}`,
                  onclick: async () => {
                    if (!await confirmDialog(`Delete combo ${c.name}?`, `Clients asking for "${c.name}" will get a 404.`, 'Delete combo')) return;
                    try {
                      await del(`/api/combos/${encodeURIComponent(c.name)}`);
                      load(`Combo ${c.name} deleted.`);
                    } catch (e) {
                      status.error(e);
                    }
                  },
                }, 'Delete'))),
          },
        ],
        rows: combos,
      }));
    } catch (e) {
      if (e.name !== 'AbortError') status.error(e);
    }
  }

  create.addEventListener('click', () => comboEditor(null, addresses, load));
  await load();
}
