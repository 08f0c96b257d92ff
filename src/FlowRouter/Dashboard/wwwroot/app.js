// The dashboard's shell: asks the server about the session, shows the login page when one is needed, and
// otherwise routes #/page to its module (one ES module per page, loaded when first opened).
import { loadSession, post, setCsrfToken } from './lib/api.js';
import { h, replace } from './lib/dom.js';
import { setupTheme } from './lib/theme.js';
import { announce } from './lib/ui.js';
import { renderLogin } from './pages/login.js';

const PAGES = {
  overview: { title: 'Overview', load: () => import('./pages/overview.js') },
  providers: { title: 'Providers', load: () => import('./pages/providers.js') },
  combos: { title: 'Combos', load: () => import('./pages/combos.js') },
  keys: { title: 'Keys', load: () => import('./pages/keys.js') },
  usage: { title: 'Usage', load: () => import('./pages/usage.js') },
  live: { title: 'Live', load: () => import('./pages/live.js') },
  playground: { title: 'Playground', load: () => import('./pages/playground.js') },
  settings: { title: 'Settings', load: () => import('./pages/settings.js') },
};

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const logoutButton = document.getElementById('logout');
const app = { session: null, cleanup: null, controller: null, renderId: 0 };

/** "#/usage?key=ci" → {page: "usage", arg: "", params: key=ci} */
function route() {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const question = hash.indexOf('?');
  const path = question < 0 ? hash : hash.slice(0, question);
  const [name, ...rest] = path.split('/');
  const page = name || 'overview';
  return { page: PAGES[page] ? page : null, arg: rest.join('/'), params: new URLSearchParams(question < 0 ? '' : hash.slice(question + 1)) };
}

function stopPage() {
  if (app.controller) app.controller.abort();
  if (app.cleanup) {
    try {
      app.cleanup();
    } catch {
      // a page's cleanup never blocks the next page
    }
  }
  app.cleanup = null;
  app.controller = null;
}

async function showPage() {
  if (!app.session || (app.session.login_required && !app.session.authenticated)) return;
  const { page, params } = route();
  if (!page) {
    window.location.hash = '#/overview';
    return;
  }
  stopPage();
  const renderId = ++app.renderId;
  const controller = new AbortController();
  app.controller = controller;
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${page}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${PAGES[page].title} · FlowRouter`;
  replace(main, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  try {
    const module = await PAGES[page].load();
    if (renderId !== app.renderId) return;
    const container = h('div', { class: `page page-${page}` });
    replace(main, container);
    app.cleanup = await module.render(container, { signal: controller.signal, params, session: app.session, navigate, restart: start });
  } catch (e) {
    if (e.name === 'AbortError' || renderId !== app.renderId) return;
    replace(main, h('div', { class: 'message error', role: 'alert' }, `This page could not be shown: ${e.message}`));
  }
  if (renderId === app.renderId && app.focusOnRender) {
    const heading = main.querySelector('h1');
    if (heading) heading.focus({ preventScroll: true });
  }
  announce(`${PAGES[page].title} page`);
}

function navigate(hash) {
  if (window.location.hash === hash) showPage();
  else window.location.hash = hash;
}

function showLogin(message) {
  stopPage();
  nav.hidden = true;
  logoutButton.hidden = true;
  document.title = 'Log in · FlowRouter';
  renderLogin(main, app.session, message, async () => {
    await start();
  });
}

async function start() {
  try {
    app.session = await loadSession();
  } catch (e) {
    replace(main, h('div', { class: 'message error', role: 'alert' }, `FlowRouter did not answer: ${e.message}`));
    return;
  }
  if (app.session.login_required && !app.session.authenticated) {
    showLogin();
    return;
  }
  nav.hidden = false;
  logoutButton.hidden = !app.session.login_required;
  await showPage();
}

logoutButton.addEventListener('click', async () => {
  try {
    await post('/api/logout', {});
  } catch {
    // the session is gone either way
  }
  setCsrfToken(null);
  app.session = { ...app.session, authenticated: false };
  showLogin('You are logged out.');
});

window.addEventListener('flowrouter:unauthorized', () => {
  if (!app.session || !app.session.login_required) return;
  app.session = { ...app.session, authenticated: false };
  showLogin('Your session ended: log in again.');
});

window.addEventListener('hashchange', () => {
  app.focusOnRender = true;
  showPage();
});

setupTheme(document.getElementById('theme-toggle'));
start();
