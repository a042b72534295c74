// The demo's own script (no inline script: the demo is served with a strict CSP).
// 1. The theme button: light or dark, remembered; the system setting until it is pressed.
// 2. Measuring use with the widget's DOM events only: counts kept in this tab, sent nowhere.
const root = document.documentElement;
const saved = localStorage.getItem('theme');
if (saved) root.dataset.theme = saved;
const dark = () => (root.dataset.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')) === 'dark';

const button = document.getElementById('theme');
const label = () => button.setAttribute('aria-pressed', String(dark())); // "Dark theme": on or off
button?.addEventListener('click', () => {
  root.dataset.theme = dark() ? 'light' : 'dark';
  localStorage.setItem('theme', root.dataset.theme);
  label();
});
if (button) label();

const measure = document.getElementById('measure');
const count = (key) => Number(sessionStorage.getItem(key) || 0);
addEventListener('related-articles:render', (e) => {
  measure.hidden = false;
  measure.textContent = `Measured with the widget's DOM events, kept in this tab only: the list shows ${e.detail.items.length} articles; ` +
    `you followed ${count('ra-selects')} related links in this session.`;
});
addEventListener('related-articles:select', (e) => {
  sessionStorage.setItem('ra-selects', count('ra-selects') + 1);
  sessionStorage.setItem('ra-last', JSON.stringify({ id: e.detail.item.id, position: e.detail.position }));
});
