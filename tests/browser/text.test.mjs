// Text from everywhere, shown as written (issue 13, part 3), in real headless Chromium: Arabic,
// Hebrew, CJK, emoji and ZWJ sequences and combining marks reach the reader unchanged; bidi
// controls in a title or a category (an unterminated U+202E RIGHT-TO-LEFT OVERRIDE and friends)
// reorder nothing outside their own field, in the default layout and in a publisher's inline one,
// checked by geometry and by pixels; and a very long word wraps instead of widening the host page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { html, read, settled, start } from './helpers.mjs';

let site;
before(async () => { site = await start(); });
after(async () => { await site?.close(); });

// The article being read, named by attributes: every feed item below shares its words, so every
// item is related to it and the list holds them all.
const READING = 'article-url="https://news.example/reading" article-title="Secret diplomacy and wartime alliances"';

/**
 * Opens a page whose widget reads `feed` (served at /__feed.json), with `css` in the page, and
 * waits for the list. Returns the open page and what it shows.
 */
async function show(feed, { css = '', attrs = '', viewport } = {}) {
  const url = site.page(html({
    head: `<link rel="alternate" type="application/json" href="/__feed.json">${css && `<link rel="stylesheet" href="/__page.css">`}`,
    body: `<related-articles ${READING} limit="20" ${attrs}></related-articles>`,
  }));
  const opened = await site.open(null, { viewport });
  const { page, context } = opened;
  await context.route('**/__feed.json', (route) => route.fulfill({ body: JSON.stringify(feed), contentType: 'application/json' }));
  // The demo's CSP allows style-src 'self' only: the page's own styles come from a file.
  await context.route('**/__page.css', (route) => route.fulfill({ body: css, contentType: 'text/css' }));
  await page.goto(url);
  await settled(page);
  const [w] = await read(page);
  assert.equal(w.state, 'ready', opened.log.all.join('\n'));
  return { ...opened, w };
}

const item = (i, fields) => ({ id: `w${i}`, url: `https://news.example/w${i}`, date: `2025-07-${String(10 + i).padStart(2, '0')}`, ...fields });

test('Arabic, Hebrew, CJK, emoji and ZWJ sequences, combining marks: each field shown exactly as written', async () => {
  const titles = [
    'الدبلوماسية السرية والتحالفات في زمن الحرب', // Arabic
    'דיפלומטיה חשאית ובריתות בזמן מלחמה', // Hebrew
    '战时的秘密外交与联盟', // Chinese
    '戦時の秘密外交と同盟', // Japanese
    '전시의 비밀 외교와 동맹', // Korean
    'Family diplomacy 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇺🇳', // ZWJ sequences, a skin-tone modifier, a flag
    'Cafe\u0301 diplomacy: Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032d\u0308\u0307lgo and n\u0303', // combining marks, not precomposed
  ];
  const categories = ['سياسة', 'מדיניות', '政治', '政治', '정치', 'Politics 🗳️', 'Politique\u0301'];
  const feed = titles.map((title, i) => item(i, { title, category: categories[i], summary: `Secret diplomacy and wartime alliances, ${title}` }));
  const { page, w, log, close } = await show(feed);
  try {
    const shown = new Map(w.items.map((it) => [it.href, it]));
    assert.equal(w.items.length, feed.length);
    for (const a of feed) {
      const it = shown.get(a.url);
      // Code point for code point: no normalisation (the combining marks stay separate), no
      // stripping of ZWJ or variation selectors, no reordering.
      assert.deepEqual([...it.link], [...a.title], a.title);
      assert.deepEqual([...it.category], [...a.category], a.category);
      assert.deepEqual([...it.summary], [...a.summary], a.summary);
    }
    // Each field takes its direction from its own text: the Arabic and Hebrew titles are
    // right-to-left paragraphs (their final punctuation where a reader of them expects it), the
    // rest left-to-right.
    const directions = await page.evaluate(() => [...document.querySelector('related-articles').shadowRoot.querySelectorAll('[part~=link]')]
      .map((a) => [a.textContent, getComputedStyle(a).direction]));
    for (const [text, direction] of directions) {
      assert.equal(direction, /[\u0590-\u08ff]/.test(text) ? 'rtl' : 'ltr', text);
    }
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

// Titles and categories with bidi controls that are never closed: an override (U+202E), an
// embedding (U+202B), an isolate (U+2067) and a right-to-left mark (U+200F). No summary, so in
// the inline layout below the date sits on the title's line, right after it.
const PLAIN = ['Secret diplomacy in wartime', 'Wartime alliances and secret talks', 'Diplomacy behind wartime alliances', 'Secret alliances and diplomacy'];
const CONTROLS = ['\u202E', '\u202B', '\u2067', '\u200F'];
const plainFeed = PLAIN.map((title, i) => item(i, { title, category: 'Political history' }));
const hostileFeed = PLAIN.map((title, i) => item(i, { title: CONTROLS[i] + title, category: `${CONTROLS[i]}Political history` }));

// The host page in a monospace font: a title and its mirror image are the same width, so each
// date lands on the same pixels whether or not the title before it is overridden.
const MONO = 'related-articles { font: 16px/1.5 monospace; }\n';
// A publisher's theme that puts each item's fields on one line: category, title and date are then
// inline boxes of one paragraph, where an unclosed override would run on into the date.
const INLINE = MONO + 'related-articles::part(item) { display: block; } related-articles::part(category), related-articles::part(date) { margin-inline: 1ch; }\n';

/** Per item: the boxes of category, link and date, and a screenshot of the date (PNG bytes). */
async function layout(page) {
  const boxes = await page.evaluate(() => [...document.querySelector('related-articles').shadowRoot.querySelectorAll('[part~=item]')].map((li) => {
    const box = (part) => {
      const r = li.querySelector(`[part~=${part}]`).getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return { category: box('category'), link: box('link'), date: box('date'), href: li.querySelector('[part~=link]').href };
  }));
  const dates = page.locator('related-articles').locator('[part~=date]');
  const shots = [];
  for (let i = 0; i < boxes.length; i++) shots.push(await dates.nth(i).screenshot({ animations: 'disabled' }));
  return { boxes, shots };
}

for (const [name, css] of [['the default layout', MONO], ['a publisher\'s inline layout', INLINE]]) {
  test(`bidi controls in titles and categories reorder nothing outside their field: ${name}, geometry and pixels`, async () => {
    const plain = await show(plainFeed, { css });
    const hostile = await show(hostileFeed, { css });
    try {
      assert.deepEqual(hostile.w.items.map((i) => i.href), plain.w.items.map((i) => i.href), 'the same list, in the same order');
      for (const [i, it] of hostile.w.items.entries()) {
        const a = hostileFeed.find((f) => f.url === it.href);
        assert.equal(it.link, a.title, 'the controls are kept: the title is shown as written');
        assert.equal(it.date, plain.w.items[i].date);
      }
      const before = await layout(plain.page);
      const after = await layout(hostile.page);
      for (const [i, box] of after.boxes.entries()) {
        const was = before.boxes[i];
        assert.deepEqual(box.date, was.date, `${box.href}: the date's box is where it is beside a plain title`);
        assert.deepEqual(box.category, was.category, `${box.href}: the category's box too`);
        assert.deepEqual([box.link.x, box.link.y], [was.link.x, was.link.y], `${box.href}: the title starts where it did`);
        assert.ok(Math.abs(box.link.width - was.link.width) < 1, `${box.href}: one more (invisible) character, the same width`);
        if (css === INLINE) {
          const middle = box.date.y + box.date.height / 2; // smaller type: its own box, on the same line
          assert.ok(middle > box.link.y && middle < box.link.y + box.link.height, 'inline: the date is on the title\'s line');
          assert.ok(box.date.x >= box.link.x + box.link.width, 'inline: the date follows the title, on its right');
          assert.ok(box.link.x >= box.category.x + box.category.width, 'inline: the title follows the category');
        }
        assert.ok(after.shots[i].equals(before.shots[i]), `${box.href}: the date's pixels are the plain page's (not mirrored, not moved)`);
      }
      assert.deepEqual([...plain.log.errors, ...hostile.log.errors], []);
    } finally {
      await plain.close();
      await hostile.close();
    }
  });
}

test('a very long word (title, category, summary) wraps: the host page gets no horizontal scroll', async () => {
  const word = 'Diplomacy' + 'x'.repeat(400);
  const url = `https://news.example/${'y'.repeat(300)}`;
  const feed = [
    item(0, { title: `Secret ${word} alliances`, category: word, summary: `Secret wartime diplomacy ${word}` }),
    item(1, { title: 'Secret diplomacy in wartime', summary: `${url} secret wartime alliances` }), // untitled-style: a long summary
    item(2, { summary: `${word}${word} diplomacy and wartime alliances` }), // no title: the summary is the link
    item(3, { title: 'Wartime alliances', category: 'Political history' }),
  ];
  for (const attrs of ['', 'layout="grid"', 'why']) {
    // A phone-sized page: the widget in a 320 px column.
    const { page, w, close } = await show(feed, { attrs, viewport: { width: 320, height: 640 } });
    try {
      assert.equal(w.items.length, feed.length);
      const sizes = await page.evaluate(() => {
        const el = document.querySelector('related-articles');
        const root = document.scrollingElement;
        return { page: [root.scrollWidth, root.clientWidth], widget: [el.scrollWidth, el.clientWidth], right: Math.max(...[...el.shadowRoot.querySelectorAll('*')].map((n) => n.getBoundingClientRect().right)) };
      });
      assert.ok(sizes.page[0] <= sizes.page[1], `${attrs || 'list'}: the page scrolls sideways (scrollWidth ${sizes.page[0]} > clientWidth ${sizes.page[1]})`);
      assert.ok(sizes.right <= 320, `${attrs || 'list'}: a box of the widget ends at ${sizes.right} px, beyond the 320 px viewport`);
    } finally {
      await close();
    }
  }
});
