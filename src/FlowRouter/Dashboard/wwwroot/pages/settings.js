// Settings: the admin login (set, change or remove the password; log out), the server settings the API may
// change (with where each value comes from), and backups (create, list, download) with their retention.
import { get, post, put, del, loadSession } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { bytes, num, timeElement } from '../lib/format.js';
import { badge, busy, checkbox, confirmDialog, dataTable, emptyState, field, messageArea, pageHead, saving, select } from '../lib/ui.js';

function passwordInput(name, autocomplete) {
  return h('input', { type: 'password', name, autocomplete, required: true });
}

function loginSection(session, restart) {
  const status = messageArea();
  const section = h('section', { class: 'card', 'aria-labelledby': 'login-settings' }, h('h2', { id: 'login-settings' }, 'Admin login'));
  const hasPassword = (session.methods || []).includes('password');
  section.append(h('p', {}, session.login_required
    ? `A login is required: ${(session.methods || []).join(', ')}.`
    : 'No login is set: the admin API and this dashboard answer this machine only.'));
  const current = passwordInput('current_password', 'current-password');
  const next = passwordInput('new_password', 'new-password');
  const again = passwordInput('confirm_password', 'new-password');
  const save = h('button', { type: 'submit' }, hasPassword ? 'Change password' : 'Set password');
  const form = h('form', { class: 'form-grid', 'aria-label': hasPassword ? 'Change the admin password' : 'Set an admin password', novalidate: true },
    hasPassword ? field('Current password', current) : null,
    field('New password', next, 'At least 12 characters; a few words are easy to remember.'),
    field('Repeat the new password', again),
    h('div', { class: 'wide' }, status, h('div', { class: 'actions' }, save)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.clear();
    if (!next.value) { status.error('Type the new password.'); next.focus(); return; }
    if (next.value !== again.value) { status.error('The two new passwords differ.'); again.focus(); return; }
    await busy(save, 'Saving…', async () => {
      try {
        const doc = { new_password: next.value };
        if (hasPassword) doc.current_password = current.value;
        await put('/api/settings/password', doc);
        for (const input of [current, next, again]) input.value = '';
        status.success(hasPassword ? 'Password changed.' : 'Password set: log in with it from now on.');
        window.setTimeout(restart, hasPassword ? 0 : 800);
      } catch (e) {
        status.error(e);
      }
    });
  });
  section.append(form);
  if (hasPassword) {
    const remove = h('button', { type: 'button', class: 'secondary' }, 'Remove password');
    remove.addEventListener('click', async () => {
      if (!current.value) { status.error('Type the current password first.'); current.focus(); return; }
      if (!await confirmDialog('Remove the admin password?', 'Without a login, the dashboard answers this machine only.', 'Remove password')) return;
      try {
        await del('/api/settings/password', { current_password: current.value });
        current.value = '';
        status.success('Password removed.');
        restart();
      } catch (e) {
        status.error(e);
      }
    });
    section.append(h('div', { class: 'actions' }, remove));
  }
  return section;
}

function settingControl(s) {
  if (typeof s.value === 'boolean') {
    const box = checkbox(s.name, s.value, { disabled: s.read_only, name: s.name });
    return { read: () => box.input.checked, el: h('div', {}, box.el, h('span', { class: 'hint' }, s.description)) };
  }
  if (Array.isArray(s.options)) {
    const picker = select(s.options, s.value, { name: s.name, disabled: s.read_only });
    return { read: () => picker.value, el: field(s.name, picker, s.description) };
  }
  const input = h('input', { type: 'number', step: 'any', min: '0', name: s.name, value: s.value == null ? '' : String(s.value), disabled: s.read_only });
  return { read: () => (input.value.trim() === '' ? null : Number(input.value)), el: field(s.name, input, s.description) };
}

function settingsSection(settings, reload) {
  const status = messageArea();
  const controls = settings.map((s) => ({ s, control: settingControl(s) }));
  const save = h('button', { type: 'submit' }, 'Save settings');
  const form = h('form', { 'aria-label': 'Server settings', novalidate: true },
    h('div', { class: 'form-grid' }, controls.map(({ s, control }) => h('div', {},
      control.el,
      h('p', {}, badge(s.source === 'config' ? 'set in the config file' : s.source === 'api' ? 'set here' : 'default', s.read_only ? 'warn' : null))))),
    status, h('div', { class: 'actions' }, save));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.clear();
    const change = {};
    for (const { s, control } of controls) {
      if (s.read_only) continue;
      const value = control.read();
      if (Number.isNaN(value)) { status.error(`${s.name}: a number.`); return; }
      if (value !== s.value) change[s.name] = value;
    }
    if (Object.keys(change).length === 0) { status.info('Nothing changed.'); return; }
    await saving(save, status, async () => {
      await put('/api/settings', change);
      reload('Settings saved; they apply at once.');
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'server-settings' }, h('h2', { id: 'server-settings' }, 'Server settings'), form);
}

function backupsSection(backups, reload) {
  const status = messageArea();
  const create = h('button', { type: 'button' }, 'Create backup now');
  create.addEventListener('click', () => busy(create, 'Backing up…', async () => {
    try {
      const answer = await post('/api/backups', {});
      reload(null, `Backup ${answer.backup.name} written (${bytes(answer.backup.size_bytes)}).`);
    } catch (e) {
      status.error(e);
    }
  }));
  const schedule = backups.interval_hours > 0
    ? `Scheduled every ${num(backups.interval_hours)} h; the newest ${num(backups.keep)} scheduled backups are kept.`
    : `No scheduled backups (set backup_interval_hours above). Retention keeps the newest ${num(backups.keep)}.`;
  return h('section', { class: 'card', 'aria-labelledby': 'backups-title' },
    h('h2', { id: 'backups-title' }, 'Backups'),
    h('p', { class: 'muted' }, schedule, ' A backup holds no usable provider key without the master key: keep that apart.'),
    status,
    backups.backups.length === 0
      ? emptyState('No backups yet', 'Create one now: it is a consistent copy of the store, safe while FlowRouter serves.')
      : dataTable({
        caption: 'Backups',
        columns: [
          { label: 'File', cell: (b) => h('span', { class: 'mono' }, b.name) },
          { label: 'Kind', cell: (b) => b.kind },
          { label: 'Size', num: true, cell: (b) => bytes(b.size_bytes) },
          { label: 'Created', cell: (b) => timeElement(b.created_at) },
          { label: 'Download', cell: (b) => h('a', { href: `/api/backups/${encodeURIComponent(b.name)}`, download: b.name, 'aria-label': `Download ${b.name}` }, 'Download') },
        ],
        rows: backups.backups,
      }),
    h('div', { class: 'actions' }, create));
}

export async function render(root, { signal, session, restart }) {
  const status = messageArea();
  const body = h('div', { class: 'grid-2' });
  root.append(pageHead('Settings', 'Login, server settings and backups.'), status, body);

  async function load(settingsMessage, backupMessage) {
    try {
      const [fresh, settings, backups] = await Promise.all([
        loadSession().catch(() => session),
        get('/api/settings', { signal }).then((r) => r.settings),
        get('/api/backups', { signal }),
      ]);
      replace(body, loginSection(fresh, restart), settingsSection(settings, load), backupsSection(backups, load));
      if (settingsMessage || backupMessage) status.success(settingsMessage || backupMessage);
    } catch (e) {
      if (e.name !== 'AbortError') status.error(e);
    }
  }
  await load();
}
