// Small shared components: labelled fields, messages shown in place, empty states, tables, dialogs, copy buttons.
import { h, uid, replace } from './dom.js';

/** Says something to screen readers (the page's polite live region). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  window.setTimeout(() => { region.textContent = text; }, 30);
}

/**
 * A message area shown in place: error(e) shows the server's own message; success/info for the rest. Errors are
 * alerts (read at once), the others polite status updates.
 */
export function messageArea() {
  const el = h('div', { class: 'message', role: 'status', 'aria-live': 'polite' });
  const show = (kind, text) => {
    el.className = `message ${kind}`;
    el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    el.textContent = text;
  };
  el.error = (e) => show('error', e instanceof Error ? e.message : String(e));
  el.success = (text) => show('success', text);
  el.info = (text) => show('info', text);
  el.clear = () => {
    el.className = 'message';
    el.textContent = '';
  };
  return el;
}

/** A label, the control, an optional hint tied to it with aria-describedby. */
export function field(label, control, hint, extraClass) {
  if (!control.id) control.id = uid('field');
  const parts = [h('label', { for: control.id }, label), control];
  if (hint) {
    const hintId = uid('hint');
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('span', { class: 'hint', id: hintId }, hint));
  }
  return h('div', { class: ['field', extraClass] }, parts);
}

export function checkbox(label, checked, props = {}) {
  const input = h('input', { type: 'checkbox', id: uid('check'), ...props });
  input.checked = Boolean(checked);
  return { input, el: h('div', { class: 'field check' }, input, h('label', { for: input.id }, label)) };
}

export function select(options, value, props = {}) {
  const el = h('select', props, options.map((o) => {
    const option = typeof o === 'string' ? { value: o, label: o } : o;
    return h('option', { value: option.value }, option.label);
  }));
  if (value !== undefined && value !== null) el.value = value;
  return el;
}

export function badge(text, kind) {
  return h('span', { class: ['badge', kind] }, text);
}

export function pageHead(title, subtitle, ...actions) {
  return h('div', { class: 'page-head' },
    h('div', {}, h('h1', { tabindex: '-1' }, title), subtitle ? h('p', {}, subtitle) : null),
    actions.length ? h('div', { class: 'actions' }, actions) : null);
}

/** An empty state that says what to do next. */
export function emptyState(title, text, action) {
  return h('div', { class: 'empty' }, h('h2', {}, title), h('p', {}, text), action || null);
}

/**
 * A table. columns: [{label, num?, cell(row) → node|string}]; onRow(row) makes rows open on click and on
 * Enter/Space (each row's first cell holds a real button, so keyboard users reach it with Tab).
 */
export function dataTable({ caption, columns, rows, rowClass }) {
  const head = h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label))));
  const body = h('tbody', {}, rows.map((row) => h('tr', { class: rowClass ? rowClass(row) : null },
    columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.cell(row))))));
  return h('div', { class: 'table-wrap' }, h('table', {}, caption ? h('caption', { class: 'sr-only' }, caption) : null, head, body));
}

/**
 * A modal dialog (native <dialog>: focus is kept inside, Escape closes). Returns {dialog, body, close}.
 */
export function openDialog(title, build, { onClose } = {}) {
  const titleId = uid('dialog-title');
  const body = h('div', { class: 'dialog-body' });
  const dialog = h('dialog', { 'aria-labelledby': titleId }, body);
  const close = () => dialog.close();
  body.append(h('div', { class: 'dialog-head' },
    h('h2', { id: titleId }, title),
    h('button', { type: 'button', class: 'ghost icon', 'aria-label': 'Close', onclick: close }, '✕')));
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (onClose) onClose();
  });
  document.body.append(dialog);
  build(body, close);
  dialog.showModal();
  const first = body.querySelector('[autofocus], input:not([type=hidden]), select, textarea');
  if (first) first.focus();
  return { dialog, body, close };
}

/** Asks before something that cannot be undone; resolves true when confirmed. */
export function confirmDialog(title, text, confirmLabel, danger = true) {
  return new Promise((resolve) => {
    let answer = false;
    openDialog(title, (body, close) => {
      body.append(h('p', {}, text), h('div', { class: 'actions' },
        h('button', { type: 'button', class: danger ? 'danger' : null, onclick: () => { answer = true; close(); } }, confirmLabel),
        h('button', { type: 'button', class: 'secondary', autofocus: true, onclick: close }, 'Cancel')));
    }, { onClose: () => resolve(answer) });
  });
}

/** Copies text; says so in the status area, or asks the user to copy by hand when the clipboard is refused. */
export function copyButton(text, label = 'Copy', status) {
  const button = h('button', { type: 'button', class: 'secondary small' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
      announce('Copied to the clipboard');
    } catch {
      if (status) status.info('The browser refused the clipboard: select the text and press Ctrl+C.');
    }
    window.setTimeout(() => { button.textContent = label; }, 2000);
  });
  return button;
}

/** As busy, labelled "Saving…", with a failure shown in the form's message area instead of thrown. */
export function saving(button, status, action) {
  return busy(button, 'Saving…', async () => {
    try {
      await action();
    } catch (e) {
      status.error(e);
    }
  });
}

/** Runs an action with the button disabled (and saying so) until it ends. */
export async function busy(button, label, action) {
  const before = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (label) button.textContent = label;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = before;
  }
}

export function loading(container, text = 'Loading…') {
  replace(container, h('p', { class: 'loading', role: 'status' }, text));
}

/** Splits "a, b c" into ["a","b","c"]. */
export function listOf(text) {
  return String(text || '').split(/[\s,]+/).map((v) => v.trim()).filter(Boolean);
}

/** A number input's value, or null when empty. */
export function numberOrNull(input) {
  const text = input.value.trim();
  if (text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}
