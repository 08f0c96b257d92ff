// Light and dark: the system's preference until the toggle picks one, remembered in localStorage.
const KEY = 'flowrouter.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');

let remembered = null;

function stored() {
  try {
    return localStorage.getItem(KEY) ?? remembered;
  } catch {
    return remembered;
  }
}

export function currentTheme() {
  const chosen = stored();
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return media.matches ? 'dark' : 'light';
}

function apply(button) {
  const chosen = stored();
  if (chosen === 'light' || chosen === 'dark') document.documentElement.dataset.theme = chosen;
  else delete document.documentElement.dataset.theme;
  const dark = currentTheme() === 'dark';
  button.setAttribute('aria-pressed', String(dark));
  button.textContent = dark ? 'Light theme' : 'Dark theme';
  button.title = dark ? 'Switch to the light theme' : 'Switch to the dark theme';
}

export function setupTheme(button) {
  apply(button);
  button.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    remembered = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // storage refused (private mode): the choice lasts for this page only
    }
    apply(button);
  });
  media.addEventListener('change', () => apply(button));
}
