// The related list as DOM, text only: feed data goes into textContent and attributes, never into
// markup, so a feed can never inject HTML or script into the page.

// [heading, label of the "why" line], by primary language subtag; English otherwise.
const WORDS = {
  en: ['Related Articles', 'Shared'],
  fr: ['Articles connexes', 'En commun'],
  de: ['Ähnliche Artikel', 'Gemeinsam'],
  es: ['Artículos relacionados', 'En común'],
  pt: ['Artigos relacionados', 'Em comum'],
  it: ['Articoli correlati', 'In comune'],
  nl: ['Gerelateerde artikelen', 'Gemeenschappelijk'],
};

const node = (tag, part, text) => {
  const n = document.createElement(tag);
  if (part) n.setAttribute('part', part);
  if (text) {
    // Feed text may be in any script and hold bidi controls (an unclosed U+202E). dir=auto gives
    // each field the direction of its own text and isolates it (the UA sheet's [dir] { unicode-bidi:
    // isolate }), so nothing in a title can reorder the category or the date beside it, however a
    // publisher's theme lays them out.
    n.textContent = text;
    n.dir = 'auto';
  }
  return n;
};

/**
 * A `<section>` for `items` (results of `Index.related`): heading, list, and per item its
 * category, link, summary (when the link shows the title), date and, in the grid, thumbnail.
 */
export function render(items, { heading, layout, lang, why }) {
  const [title, shared] = WORDS[lang?.split('-')[0].toLowerCase()] || WORDS.en;
  const options = { dateStyle: 'long', timeZone: 'UTC' }; // dates are the publisher's calendar day
  let dates;
  try {
    dates = new Intl.DateTimeFormat(lang, options);
  } catch {
    dates = new Intl.DateTimeFormat(undefined, options); // an invalid lang tag
  }
  const grid = layout == 'grid';
  const section = node('section');
  const h = node('h2', 'heading', heading || title);
  const list = node('ul', 'list');
  section.className = grid ? 'grid' : 'list';
  section.setAttribute('aria-labelledby', (h.id = 'heading'));
  items.forEach((it, i) => {
    const li = node('li', it.pinned ? 'item pinned' : 'item');
    if (grid && it.image) {
      // loading before src: a detached <img> starts fetching as soon as it has a src.
      li.append(Object.assign(node('img', 'image'), { loading: 'lazy', decoding: 'async', alt: '', width: 320, height: 180, src: it.image }));
    }
    if (it.category) li.append(node('span', 'category', it.category));
    const a = node('a', it.title ? 'link' : 'link untitled', it.title || it.summary);
    a.href = it.url;
    a.dataset.i = i;
    li.append(a);
    if (it.title && it.summary) li.append(node('p', 'summary', it.summary));
    const day = /^\d{4}-\d\d-\d\d/.exec(it.date)?.[0];
    const date = day && new Date(day);
    if (!isNaN(date)) {
      const t = node('time', 'date', dates.format(date));
      t.dateTime = day;
      li.append(t);
    }
    if (why && it.why?.terms?.length) li.append(node('small', 'why', `${shared}: ${it.why.terms.join(', ')}`));
    list.append(li);
  });
  section.append(h, list);
  return section;
}
