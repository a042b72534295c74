//! A synthetic news corpus with the term statistics of a real one, for benchmarks and tests at
//! sizes no shared dataset reaches (100,000 and 1,000,000 articles).
//!
//! The model, fitted to the source articles (the HuffPost sample by default):
//! - **lengths and categories**: each article copies the category, title length and summary
//!   length (in words) of a source article drawn at random, so both follow the source jointly;
//! - **word frequencies**: every word is drawn from an urn that starts as every word of the source
//!   and gains each word drawn (Simon's preferential attachment, which keeps Zipf's law), from the
//!   story's own words (30 %), the category's urn (35 %) or the whole corpus's (35 %);
//! - **stories**: half of the articles follow up one of the last 50 stories of their category
//!   (news covers an event many times), the rest start a story of their own;
//! - **vocabulary growth**: a word is new (a made-up name or term) with the probability that
//!   continues the source's Heaps' law `V = K·nᵝ` (fitted on the source: β ≈ 0.54 on HuffPost),
//!   so the vocabulary keeps growing with the corpus as a real archive's does;
//! - **near-duplicates**: 1 % of articles repost one of the last 1,000 with one title word
//!   changed, so duplicate collapsing has work to do.
//!
//! Deterministic: the same source, size and seed give the same articles, on every platform (the
//! generator is splitmix64, written out here so that no crate update can change the stream).

// A generator for benchmarks and tests: it indexes the tables it built itself.
#![allow(clippy::indexing_slicing, clippy::string_slice)]

use std::collections::{HashMap, HashSet};

use serde_json::Value;

/// A source article: what the model is fitted on.
pub struct Source {
    pub title: String,
    pub summary: String,
    pub category: String,
}

/// A generated article.
pub struct Generated {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub category: String,
    pub date: String,
}

/// Share of an article's words drawn from its story, then from its category (the rest: the corpus).
const FROM_STORY: f64 = 0.30;
const FROM_CATEGORY: f64 = 0.35;
/// Share of articles that follow up a recent story of their category, and how many stay recent.
const FOLLOW_UP: f64 = 0.5;
const RECENT_STORIES: usize = 50;
/// Share of articles that repost a recent one, and how far back a repost reaches.
const REPOST: f64 = 0.01;
const REPOST_WINDOW: usize = 1000;
/// Articles published per day, for the dates (newest first, as feeds list them).
const PER_DAY: usize = 30;

/// splitmix64 (Steele, Lea, Flood 2014): small, fast, and fixed here for reproducible corpora.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// An element of `v` (not empty), uniformly.
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len())]
    }
}

/// The source articles in a file: JSON Lines or one JSON array of objects with `title`,
/// `summary` and `category`; records without a word are skipped.
pub fn read_sources(path: &str) -> Result<Vec<Source>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let records: Vec<Value> = if text.trim_start().starts_with('[') {
        serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| {
                serde_json::from_str(l).map_err(|e| format!("{path}: record {}: {e}", i + 1))
            })
            .collect::<Result<_, _>>()?
    };
    let field = |r: &Value, k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let sources: Vec<Source> = records
        .iter()
        .map(|r| Source {
            title: field(r, "title"),
            summary: field(r, "summary"),
            category: field(r, "category"),
        })
        .filter(|s| words(&s.title).chain(words(&s.summary)).next().is_some())
        .collect();
    if sources.is_empty() {
        return Err(format!("{path}: no article with a title or summary"));
    }
    Ok(sources)
}

/// The words of a text as the model counts them: split at whitespace, punctuation stripped from
/// both ends (kept inside: "U.S", "COVID-19", "don't").
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

struct Template {
    category: usize,
    title_len: usize,
    summary_len: usize,
}

/// The fitted model and its growing state.
pub struct Model {
    rng: Rng,
    /// Word id → how it is written in running text (its first spelling in a summary, else in a
    /// title).
    spelling: Vec<String>,
    ids: HashMap<String, u32>,
    templates: Vec<Template>,
    categories: Vec<String>,
    corpus_urn: Vec<u32>,
    category_urns: Vec<Vec<u32>>,
    /// Stories' words, and each category's recent stories.
    stories: Vec<Vec<u32>>,
    recent: Vec<Vec<usize>>,
    /// The last articles generated, for reposts: (title, summary, category).
    window: Vec<(String, String, usize)>,
    /// Heaps' law of the source, and the number of words drawn so far (source included).
    heaps_k: f64,
    heaps_beta: f64,
    drawn: f64,
    made_up: u64,
    next: usize,
}

impl Model {
    /// Fits the model on the source articles (at least one with a word).
    pub fn fit(sources: &[Source], seed: u64) -> Result<Model, String> {
        let mut m = Model {
            rng: Rng::new(seed),
            spelling: Vec::new(),
            ids: HashMap::new(),
            templates: Vec::new(),
            categories: Vec::new(),
            corpus_urn: Vec::new(),
            category_urns: Vec::new(),
            stories: Vec::new(),
            recent: Vec::new(),
            window: Vec::new(),
            heaps_k: 0.0,
            heaps_beta: 0.0,
            drawn: 0.0,
            made_up: 0,
            next: 0,
        };
        // Every summary first: a word's spelling in running text is its spelling in a summary.
        for s in sources {
            for w in words(&s.summary) {
                m.intern(w, false);
            }
        }
        let mut category_ids: HashMap<&str, usize> = HashMap::new();
        // (words seen, distinct words seen) halfway through and at the end, for Heaps' law.
        let mut seen: HashSet<u32> = HashSet::new();
        let mut half = (0.0, 0.0);
        for (i, s) in sources.iter().enumerate() {
            let next = category_ids.len();
            let category = *category_ids.entry(s.category.as_str()).or_insert(next);
            if category == m.categories.len() {
                m.categories.push(s.category.clone());
                m.category_urns.push(Vec::new());
                m.recent.push(Vec::new());
            }
            let mut lens = [0usize; 2];
            for (field, text) in [(1, &s.summary), (0, &s.title)] {
                for w in words(text) {
                    let id = m.intern(w, field == 0);
                    seen.insert(id);
                    m.corpus_urn.push(id);
                    m.category_urns[category].push(id);
                    lens[field] += 1;
                }
            }
            m.templates.push(Template {
                category,
                title_len: lens[0],
                summary_len: lens[1],
            });
            if i + 1 == sources.len() / 2 {
                half = (m.corpus_urn.len() as f64, seen.len() as f64);
            }
        }
        let end = (m.corpus_urn.len() as f64, seen.len() as f64);
        if end.0 == 0.0 {
            return Err("the source articles hold no word".into());
        }
        m.heaps_beta = if half.0 > 0.0 && end.0 > half.0 && end.1 > half.1 {
            (end.1 / half.1).ln() / (end.0 / half.0).ln()
        } else {
            0.5
        };
        m.heaps_k = end.1 / end.0.powf(m.heaps_beta);
        m.drawn = end.0;
        Ok(m)
    }

    /// Heaps' law fitted on the source: (K, β).
    pub fn heaps(&self) -> (f64, f64) {
        (self.heaps_k, self.heaps_beta)
    }

    fn intern(&mut self, word: &str, in_title: bool) -> u32 {
        let key = word.to_lowercase();
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.spelling.len() as u32;
        // A word met first in a title is Title Cased there whatever it is: keep it lower case
        // unless it is written in capitals throughout (an acronym).
        let spelling = if in_title && word.chars().skip(1).any(|c| c.is_lowercase()) {
            key.clone()
        } else {
            word.to_owned()
        };
        self.spelling.push(spelling);
        self.ids.insert(key, id);
        id
    }

    /// A word no article has used yet: a made-up name (capitalised) or term, from syllables.
    fn made_up_word(&mut self) -> String {
        const ONSETS: [&str; 20] = [
            "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
            "z", "br", "st",
        ];
        const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ai"];
        const CODAS: [&str; 6] = ["", "", "n", "r", "s", "l"];
        loop {
            self.made_up += 1;
            let syllables = 2 + self.rng.below(3);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(self.rng.pick(&ONSETS));
                w.push_str(self.rng.pick(&VOWELS));
                w.push_str(self.rng.pick(&CODAS));
            }
            if !self.ids.contains_key(&w) {
                if self.rng.unit() < 0.6 {
                    let mut c = w.chars();
                    if let Some(first) = c.next() {
                        w = first.to_uppercase().chain(c).collect();
                    }
                }
                return w;
            }
        }
    }

    /// One word for an article of `category` in `story`; every word drawn joins the urns.
    fn draw(&mut self, category: usize, story: usize) -> u32 {
        // Heaps' law V = K·nᵝ: a new word comes with probability dV/dn = K·β·nᵝ⁻¹.
        let p_new = self.heaps_k * self.heaps_beta * self.drawn.powf(self.heaps_beta - 1.0);
        self.drawn += 1.0;
        let id = if self.rng.unit() < p_new {
            let w = self.made_up_word();
            self.intern(&w, false)
        } else {
            let r = self.rng.unit();
            let story_words = &self.stories[story];
            if r < FROM_STORY && !story_words.is_empty() {
                self.rng.pick(story_words)
            } else if r < FROM_STORY + FROM_CATEGORY {
                self.rng.pick(&self.category_urns[category])
            } else {
                self.rng.pick(&self.corpus_urn)
            }
        };
        self.corpus_urn.push(id);
        self.category_urns[category].push(id);
        id
    }

    /// The next article.
    pub fn generate(&mut self) -> Generated {
        let i = self.next;
        self.next += 1;
        let (title, summary, category) = if !self.window.is_empty() && self.rng.unit() < REPOST {
            self.repost()
        } else {
            self.fresh()
        };
        // The window is a ring: article i goes to slot i % REPOST_WINDOW.
        let kept = (title.clone(), summary.clone(), category);
        match self.window.get_mut(i % REPOST_WINDOW) {
            Some(slot) => *slot = kept,
            None => self.window.push(kept),
        }
        let name = &self.categories[category];
        let slug: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        Generated {
            id: format!("syn-{i:07}"),
            url: format!("https://news.example/{slug}/{i}"),
            title,
            summary,
            category: name.clone(),
            date: date_before("2022-09-23", i / PER_DAY),
        }
    }

    fn fresh(&mut self) -> (String, String, usize) {
        let t = self.rng.below(self.templates.len());
        let (category, title_len, summary_len) = {
            let t = &self.templates[t];
            (t.category, t.title_len, t.summary_len)
        };
        let recent = &self.recent[category];
        let story = if !recent.is_empty() && self.rng.unit() < FOLLOW_UP {
            self.rng.pick(recent)
        } else {
            self.stories.push(Vec::new());
            let s = self.stories.len() - 1;
            let recent = &mut self.recent[category];
            if recent.len() == RECENT_STORIES {
                recent.remove(0);
            }
            recent.push(s);
            s
        };
        let mut drawn = Vec::with_capacity(title_len + summary_len);
        for _ in 0..title_len + summary_len {
            drawn.push(self.draw(category, story));
        }
        // A story's words are those of its first article.
        if self.stories[story].is_empty() {
            self.stories[story].clone_from(&drawn);
        }
        let mut title = String::new();
        for &id in &drawn[..title_len] {
            if !title.is_empty() {
                title.push(' ');
            }
            push_capitalised(&mut title, &self.spelling[id as usize]);
        }
        let mut summary = String::new();
        for (k, &id) in drawn[title_len..].iter().enumerate() {
            let w = &self.spelling[id as usize];
            if k == 0 {
                push_capitalised(&mut summary, w);
            } else {
                summary.push(' ');
                summary.push_str(w);
            }
        }
        if !summary.is_empty() {
            summary.push('.');
        }
        (title, summary, category)
    }

    /// A recent article again, one title word replaced by another of its category.
    fn repost(&mut self) -> (String, String, usize) {
        let (title, summary, category) = self.window[self.rng.below(self.window.len())].clone();
        let mut title_words: Vec<&str> = title.split(' ').collect();
        let w = self.rng.pick(&self.category_urns[category]);
        let mut replacement = String::new();
        push_capitalised(&mut replacement, &self.spelling[w as usize]);
        if !title_words.is_empty() {
            let k = self.rng.below(title_words.len());
            title_words[k] = &replacement;
        }
        (title_words.join(" "), summary, category)
    }
}

fn push_capitalised(out: &mut String, word: &str) {
    let mut c = word.chars();
    if let Some(first) = c.next() {
        out.extend(first.to_uppercase());
        out.push_str(c.as_str());
    }
}

/// The ISO date `days` days before `start` (YYYY-MM-DD), by the proleptic Gregorian calendar.
pub fn date_before(start: &str, days: usize) -> String {
    let field = |r: std::ops::Range<usize>| start.get(r).and_then(|s| s.parse::<i64>().ok());
    let (y, m, d) = (
        field(0..4).unwrap_or(2022),
        field(5..7).unwrap_or(1),
        field(8..10).unwrap_or(1),
    );
    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) - days as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

// Howard Hinnant's days-from-civil algorithms (http://howardhinnant.github.io/date_algorithms.html).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_back_across_months_and_leap_years() {
        assert_eq!(date_before("2022-09-23", 0), "2022-09-23");
        assert_eq!(date_before("2022-03-01", 1), "2022-02-28");
        assert_eq!(date_before("2020-03-01", 1), "2020-02-29");
        assert_eq!(date_before("2022-01-01", 366), "2020-12-31");
    }
}
