// The login page: password and/or admin token (whichever the server offers), or a single sign-on link.
import { post, setCsrfToken } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { field, messageArea, busy } from '../lib/ui.js';

function credentialForm(kind, status, onDone) {
  const isPassword = kind === 'password';
  const input = h('input', {
    type: 'password', name: kind, required: true, autocomplete: isPassword ? 'current-password' : 'off',
  });
  const submit = h('button', { type: 'submit' }, isPassword ? 'Log in' : 'Log in with token');
  const form = h('form', { class: 'card', 'aria-label': isPassword ? 'Password login' : 'Admin token login' },
    field(isPassword ? 'Admin password' : 'Admin token', input,
      isPassword ? null : 'The server.admin_token from the config file.'),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.clear();
    await busy(submit, 'Logging in…', async () => {
      try {
        const answer = await post('/api/login', { [kind]: input.value });
        setCsrfToken(answer && answer.csrf_token);
        input.value = '';
        await onDone();
      } catch (e) {
        status.error(e);
        input.select();
      }
    });
  });
  return { form, input };
}

export function renderLogin(main, session, notice, onDone) {
  const methods = (session && session.methods) || ['password'];
  const status = messageArea();
  const box = h('section', { class: 'login-box', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title', tabindex: '-1' }, 'Log in to FlowRouter'),
    h('p', { class: 'muted' }, 'The admin dashboard needs a login on this server.'),
    status);
  if (notice) status.info(notice);
  let first = null;
  for (const kind of ['password', 'token']) {
    if (!methods.includes(kind)) continue;
    const { form, input } = credentialForm(kind, status, onDone);
    box.append(form);
    first = first || input;
  }
  if (methods.includes('oidc')) {
    box.append(h('p', {}, h('a', { class: 'button secondary', href: '/api/login/oidc' }, 'Log in with single sign-on')));
  }
  replace(main, box);
  if (first) first.focus();
}
