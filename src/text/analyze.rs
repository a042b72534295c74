//! From words to index terms: case folding, diacritic folding, stop words and stemming, chosen
//! by the article's language.
//!
//! English (and text with no language given, which on the web is mostly English) gets the full
//! pipeline with the Snowball English stemmer. Other languages are case-folded only until they
//! get their own stemmers and stop lists: a wrong stemmer does more harm than none.

use std::cell::RefCell;

use crate::map::{Map, Seeded};

use super::case::{lower, push_lower};
use super::stem;
use super::stopwords::is_english_stop_word;
use super::tokenize::{is_combining_mark, words};

/// A term of the index and the word it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The normalised, stemmed form that is matched (`diplomat`).
    pub key: String,
    /// Byte offset of the source word in the analysed text.
    pub start: usize,
    /// Byte length of the source word in the analysed text.
    pub len: usize,
}

/// Turns text into terms for one language.
#[derive(Debug)]
pub struct Analyzer {
    /// English folding, stop words and stemming; otherwise lower case only.
    english: bool,
    /// The stems of the English words seen so far.
    stems: RefCell<StemCache>,
}

/// What each folded English word became. An index build meets each distinct word many times
/// (the titles and summaries of the 9,999 HuffPost articles: 292,415 words, 23,976 distinct once
/// lower-cased), so it stems each once.
#[derive(Debug)]
struct StemCache {
    /// Folded word → position in `stems`.
    seen: Map,
    /// Stems; `None` for a word that is no term (a stop word).
    stems: Vec<Option<String>>,
}

impl StemCache {
    fn stem(&mut self, folded: &str) -> Option<&str> {
        let i = match self.seen.get(folded) {
            Some(&i) => i,
            None => {
                self.stems.push(english_stem(folded));
                let next = self.stems.len() as u32 - 1;
                self.seen.insert(folded.to_owned(), next);
                next
            }
        };
        self.stems.get(i as usize)?.as_deref()
    }
}

impl Analyzer {
    /// The analyzer for a BCP 47 language tag; `None` means English.
    pub fn for_language(lang: Option<&str>) -> Self {
        Self::with_hasher(lang, Seeded::new(Seeded::random_seed()))
    }

    /// [`for_language`](Self::for_language), its word cache hashed with `hasher` (the index's:
    /// the wasm has no randomness of its own to seed one).
    pub(crate) fn with_hasher(lang: Option<&str>, hasher: Seeded) -> Self {
        Analyzer {
            english: is_english(lang),
            stems: RefCell::new(StemCache {
                seen: Map::with_hasher(hasher),
                stems: Vec::new(),
            }),
        }
    }

    /// The terms of `text`, in order, with stop words removed.
    ///
    /// ```
    /// use related_articles::text::analyze::Analyzer;
    /// let en = Analyzer::for_language(None);
    /// let keys = |s| en.terms(s).into_iter().map(|t| t.key).collect::<Vec<_>>();
    /// assert_eq!(keys("The Diplomats' secret negotiations"), ["diplomat", "secret", "negoti"]);
    /// assert_eq!(keys("CAFÉ café cafe\u{301}"), ["cafe", "cafe", "cafe"]);
    /// assert_eq!(keys("Trump’s and Trump's"), ["trump", "trump"]);
    /// assert_eq!(keys("a I x 7"), ["7"]);            // stop words and lone letters go
    /// assert_eq!(keys(""), Vec::<String>::new());
    /// assert_eq!(keys("\u{300}\u{301}"), Vec::<String>::new()); // combining marks alone
    /// let t = &en.terms("Secret talks")[1];
    /// assert_eq!((t.start, t.len), (7, 5));          // the span of "talks"
    ///
    /// let fr = Analyzer::for_language(Some("fr-CA"));
    /// let keys = |s| fr.terms(s).into_iter().map(|t| t.key).collect::<Vec<_>>();
    /// assert_eq!(keys("Les Négociations"), ["les", "négociations"]); // no English rules on French
    /// ```
    pub fn terms(&self, text: &str) -> Vec<Term> {
        let mut out = Vec::new();
        let mut folded = String::new();
        for word in words(text) {
            folded.clear();
            let key = if self.english {
                fold_english(word.text, &mut folded);
                match self.stems.borrow_mut().stem(&folded) {
                    Some(stem) => stem.to_owned(),
                    None => continue,
                }
            } else {
                lowercase(word.text, &mut folded);
                folded.clone()
            };
            out.push(Term {
                key,
                start: word.start,
                len: word.text.len(),
            });
        }
        out
    }
}

/// Whether text in `lang` gets the English pipeline: English, or no language given (most of
/// the web's text without a declared language is English).
///
/// ```
/// use related_articles::text::analyze::is_english;
/// assert!(is_english(None) && is_english(Some("en-GB")) && is_english(Some("EN")));
/// assert!(!is_english(Some("fr")) && !is_english(Some("")));
/// ```
pub fn is_english(lang: Option<&str>) -> bool {
    lang.is_none_or(|l| primary_subtag(l) == "en")
}

/// The primary language subtag, lower-cased (`pt-BR` → `pt`).
///
/// ```
/// assert_eq!(related_articles::text::analyze::primary_subtag("PT-br"), "pt");
/// assert_eq!(related_articles::text::analyze::primary_subtag(""), "");
/// ```
pub fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The stem of a folded English word; `None` for a stop word, a lone letter or nothing at all (a
/// word of combining marks alone folds to nothing).
fn english_stem(folded: &str) -> Option<String> {
    if folded.is_empty() || is_english_stop_word(folded) || is_lone_letter(folded) {
        return None;
    }
    let mut stem = folded.to_owned();
    stem::english(&mut stem);
    Some(stem)
}

fn is_lone_letter(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
}

fn lowercase(word: &str, out: &mut String) {
    push_lower(word, out);
    normalise_apostrophes(out);
}

/// English folding: lower case, curly apostrophes straightened, combining marks dropped and
/// Latin letters with diacritics reduced to their base letter, so that `café`, `cafe` + U+0301
/// and `CAFÉ` are one term.
fn fold_english(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    for c in word.chars() {
        if is_combining_mark(c) {
            continue;
        }
        push_folded(lower(c), out);
    }
    normalise_apostrophes(out);
}

fn normalise_apostrophes(s: &mut String) {
    // Not `s.contains('\u{2019}')`: with a non-ASCII char that goes through the standard
    // substring search (Two-Way), which would then be its only user in the wasm.
    if s.chars().any(|c| c == '\u{2019}') {
        *s = s.replace('\u{2019}', "'");
    }
}

/// Pushes `c` (lower case) to `out` with a Latin-1 Supplement or Latin Extended-A letter reduced
/// to its base letter(s); any other character as it is. Extended-A alternates upper and lower
/// case, so each of its ranges holds both.
fn push_folded(c: char, out: &mut String) {
    let base = match c {
        'ß' => return out.push_str("ss"),
        'æ' => return out.push_str("ae"),
        'þ' => return out.push_str("th"),
        'à'..='å' | 'Ā'..='ą' => 'a',
        'ç' | 'Ć'..='č' => 'c',
        'ð' | 'Ď'..='ď' => 'd',
        'è'..='ë' | 'Ē'..='ě' => 'e',
        'Ĝ'..='ģ' => 'g',
        'Ĥ'..='ĥ' => 'h',
        'ì'..='ï' | 'Ĩ'..='İ' => 'i',
        'Ĵ'..='ĵ' => 'j',
        'Ķ'..='ķ' => 'k',
        'Ĺ'..='ľ' => 'l',
        'ñ' | 'Ń'..='ň' => 'n',
        'ò'..='ö' | 'ø' | 'Ō'..='ő' => 'o',
        'Ŕ'..='ř' => 'r',
        'Ś'..='š' => 's',
        'Ţ'..='ť' => 't',
        'ù'..='ü' | 'Ũ'..='ų' => 'u',
        'Ŵ'..='ŵ' => 'w',
        'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => 'y',
        'Ź'..='ž' => 'z',
        // ÷, and the letters that are not a base letter with a mark (đ, ħ, ı, ĳ, ĸ, ŀ, ł, ŉ,
        // ŋ, œ, ŧ, ſ), stay as they are, as does everything outside the two blocks.
        _ => c,
    };
    out.push(base);
}

#[cfg(test)]
mod tests {
    #[test]
    fn latin_letters_fold_to_their_base_letters() {
        let fold = |s: &str| {
            let mut out = String::new();
            s.chars().for_each(|c| super::push_folded(c, &mut out));
            out
        };
        assert_eq!(
            fold("àáâãäåçèéêëìíîïðñòóôõöøùúûüýÿ"),
            "aaaaaaceeeeiiiidnoooooouuuuyy"
        );
        assert_eq!(fold("ßæþ"), "ssaeth");
        assert_eq!(
            fold("āăąćčďēěğīįķĺľńňōőŕřśšťūůűŵŷźżž"),
            "aaaccdeegiikllnnoorrsstuuuwyzzz"
        );
        assert_eq!(fold("ĉċĕėĝġģĥĩĭĵļņŏŗşţũŭų"), "cceeggghiijlnorstuuu");
        assert_eq!(fold("ĀĆİŸŹ"), "aciyz"); // Extended-A's capitals too
        assert_eq!(fold("÷đħıĳĸŀłŉŋœŧſ"), "÷đħıĳĸŀłŉŋœŧſ"); // no base letter: kept
        assert_eq!(fold("aZ7東"), "aZ7東"); // outside the two blocks: kept
    }
}
