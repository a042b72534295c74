//! The Snowball English stemmer ("Porter2", snowballstem.org/algorithms/english), written out.
//!
//! This is the algorithm exactly as `rust-stemmers` 1.2 runs it (its code is generated from
//! Snowball's `english.sbl`), step for step, and that crate stays the oracle: a test stems every
//! word of the shared datasets and the vendored feeds with both. Why not call the crate: its
//! generated code and `Among` tables cost about twice this module in the wasm (docs/size.md),
//! paid on every page view. The rules live in space-separated `suffix=replacement` strings, searched for the longest
//! suffix as Snowball's `among` is.
//!
//! Positions are byte offsets, as in Snowball's own runtime. Only `a e i o u y` are vowels (the
//! short-syllable test also sets `w x Y` apart); any other character, ASCII or not, counts as a
//! consonant.

use super::wordlist::{entries, lookup};

/// Stems `word` (lower case, straight apostrophes) in place.
///
/// ```
/// use related_articles::text::stem::english;
/// let stem = |w: &str| { let mut s = w.to_string(); english(&mut s); s };
/// assert_eq!(stem("negotiations"), "negoti");
/// assert_eq!(stem("diplomats"), "diplomat");
/// assert_eq!(stem("running"), "run");
/// assert_eq!(stem("generously"), "generous");   // gener- ends R1 early
/// assert_eq!(stem("cries"), "cri");
/// assert_eq!(stem("ties"), "tie");
/// assert_eq!(stem("skies"), "sky");             // an exception
/// assert_eq!(stem("sayyid"), "sayyid");         // y after a vowel is a consonant
/// assert_eq!(stem("hopping"), "hop");
/// assert_eq!(stem("hoping"), "hope");           // a short word gets its e back
/// assert_eq!(stem("trump's"), "trump");
/// assert_eq!(stem("at"), "at");                 // under three letters: as it is
/// assert_eq!(stem(""), "");
/// assert_eq!(stem("ünïcödé"), "ünïcödé");
/// assert_eq!(stem("naïvely"), "naïv");
/// ```
pub fn english(word: &mut String) {
    if let Some(replacement) = lookup(EXCEPTIONS, word) {
        if !replacement.is_empty() {
            word.clear();
            word.push_str(replacement);
        }
        return;
    }
    if word.chars().count() < 3 {
        return;
    }
    // Prelude: an initial apostrophe goes; y as a consonant (initial, or after a vowel) is Y.
    if word.starts_with('\'') {
        word.remove(0);
    }
    let mut y_found = false;
    let mut previous = None;
    for i in 0..word.len() {
        let b = word.as_bytes().get(i).copied();
        if b == Some(b'y') && previous.is_none_or(is_vowel) {
            set_byte_case(word, i, true);
            y_found = true;
        }
        // As cased now: a y made Y is a consonant to the next letter.
        previous = word.as_bytes().get(i).copied();
    }

    // R1 and R2: after the first non-vowel that follows a vowel, and the same again after R1.
    let p1 = entries(PREFIXES)
        .find(|(prefix, _)| word.starts_with(prefix))
        .map(|(prefix, _)| prefix.len())
        .or_else(|| region(word, 0));
    let p2 = p1.and_then(|p1| region(word, p1)).unwrap_or(word.len());
    let p1 = p1.unwrap_or(word.len());

    step_1a(word);
    if lookup(INVARIANT, word).is_none() {
        step_1b(word, p1);
        step_1c(word);
        step_2(word, p1);
        step_3(word, p1, p2);
        step_4(word, p2);
        step_5(word, p1, p2);
    }
    if y_found {
        for i in 0..word.len() {
            if word.as_bytes().get(i) == Some(&b'Y') {
                set_byte_case(word, i, false);
            }
        }
    }
}

/// Upper- or lower-cases the ASCII letter at byte `i` of `word`, in place.
fn set_byte_case(word: &mut str, i: usize, upper: bool) {
    if let Some(letter) = word.get_mut(i..=i) {
        if upper {
            letter.make_ascii_uppercase();
        } else {
            letter.make_ascii_lowercase();
        }
    }
}

/// Whole words with a fixed stem (sorted for [`lookup`]); a bare word is its own stem.
const EXCEPTIONS: &str =
    "andes atlas bias cosmos dying=die early=earli gently=gentl howe idly=idl \
    lying=lie news only=onli singly=singl skies=sky skis=ski sky tying=tie ugly=ugli";

/// Words left alone after step 1a (sorted for [`lookup`]).
const INVARIANT: &str = "canning earring exceed herring inning outing proceed succeed";

/// Prefixes that are R1's start by themselves (`generous` is `gener|ous`).
const PREFIXES: &str = "arsen commun gener";

// The rules of steps 2 to 4: `suffix=replacement`, or the suffix alone where it is deleted.
// The conditions on some (R1, R2, the letter before) are in each step's code.

const STEP_2: &str = "tional=tion enci=ence anci=ance abli=able entli=ent izer=ize ization=ize \
    ational=ate ation=ate ator=ate alism=al aliti=al alli=al fulness=ful ousli=ous ousness=ous \
    iveness=ive iviti=ive biliti=ble bli=ble ogi=og fulli=ful lessli=less li=";

const STEP_3: &str = "tional=tion ational=ate alize=al icate=ic iciti=ic ical=ic ful= ness= ative=";

const STEP_4: &str = "al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion";

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn is_vowel_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_vowel)
}

/// Where a region starting at `from` begins: after the first non-vowel character that follows
/// a vowel. `None` when the word ends first.
fn region(word: &str, from: usize) -> Option<usize> {
    let mut after_vowel = false;
    for (i, c) in word.get(from..)?.char_indices() {
        if is_vowel_char(c) {
            after_vowel = true;
        } else if after_vowel {
            return Some(from + i + c.len_utf8());
        }
    }
    None
}

/// Whether `word` ends in a short syllable: a non-vowel other than w, x or Y after a vowel after
/// a non-vowel, or a vowel and a non-vowel making up the whole word.
fn short_syllable(word: &str) -> bool {
    let mut rev = word.chars().rev();
    match (rev.next(), rev.next(), rev.next()) {
        (Some(last), Some(vowel), before) if is_vowel_char(vowel) && !is_vowel_char(last) => {
            before.is_none_or(|c| !is_vowel_char(c) && !matches!(last, 'w' | 'x' | 'Y'))
        }
        _ => false,
    }
}

/// The longest suffix of `word` listed in `table` (space-separated `suffix=replacement`, or
/// `suffix` alone): where it starts, the suffix and its replacement.
fn longest_suffix<'t>(word: &str, table: &'t str) -> Option<(usize, &'t str, &'t str)> {
    let mut best: Option<(usize, &str, &str)> = None;
    for (suffix, replacement) in entries(table) {
        if word.ends_with(suffix) && best.is_none_or(|(_, longest, _)| suffix.len() > longest.len())
        {
            best = Some((word.len() - suffix.len(), suffix, replacement));
        }
    }
    best
}

fn replace_from(word: &mut String, start: usize, replacement: &str) {
    word.truncate(start);
    word.push_str(replacement);
}

/// Possessives and plurals.
fn step_1a(word: &mut String) {
    if let Some((start, _, _)) = longest_suffix(word, "' 's 's'") {
        word.truncate(start);
    }
    let len = word.len();
    if word.ends_with("sses") {
        replace_from(word, len - 2, "");
    } else if word.ends_with("ied") || word.ends_with("ies") {
        // "i" after two letters or more (cries → cri), else "ie" (ties → tie).
        let start = len - 3;
        let long = word.get(..start).is_some_and(|s| s.chars().count() >= 2);
        replace_from(word, start, if long { "i" } else { "ie" });
    } else if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        // Delete when a vowel comes before the letter before the s (gaps → gap, gas stays).
        let mut before = word.get(..len - 1).unwrap_or_default().chars().rev();
        if before.next().is_some() && before.any(is_vowel_char) {
            word.truncate(len - 1);
        }
    }
}

/// -ed, -ing and their -ly forms.
fn step_1b(word: &mut String, p1: usize) {
    let Some((start, _, ee)) = longest_suffix(word, "eedly=ee ingly edly eed=ee ing ed") else {
        return;
    };
    if !ee.is_empty() {
        if start >= p1 {
            replace_from(word, start, ee);
        }
        return;
    }
    let Some(stem) = word.as_bytes().get(..start) else {
        return;
    };
    if !stem.iter().any(|&c| is_vowel(c)) {
        return;
    }
    let double = matches!(stem, [.., a, b] if a == b && b"bdfgmnprt".contains(b));
    word.truncate(start);
    if longest_suffix(word, "at bl iz").is_some() {
        word.push('e');
    } else if double {
        word.pop();
    } else if start == p1 && short_syllable(word) {
        word.push('e');
    }
}

/// A final y after a non-vowel that is not the first letter becomes i (cry → cri, by stays).
fn step_1c(word: &mut String) {
    let Some(stem) = word.strip_suffix(['y', 'Y']) else {
        return;
    };
    let mut before = stem.chars().rev();
    if matches!((before.next(), before.next()), (Some(c), Some(_)) if !is_vowel_char(c)) {
        replace_from(word, stem.len(), "i");
    }
}

fn step_2(word: &mut String, p1: usize) {
    let Some((start, suffix, replacement)) = longest_suffix(word, STEP_2) else {
        return;
    };
    let before = start
        .checked_sub(1)
        .and_then(|i| word.as_bytes().get(i).copied());
    let allowed = match suffix {
        "ogi" => before == Some(b'l'),
        "li" => matches!(
            before,
            Some(b'c' | b'd' | b'e' | b'g' | b'h' | b'k' | b'm' | b'n' | b'r' | b't')
        ),
        _ => true,
    };
    if start >= p1 && allowed {
        replace_from(word, start, replacement);
    }
}

fn step_3(word: &mut String, p1: usize, p2: usize) {
    if let Some((start, suffix, replacement)) = longest_suffix(word, STEP_3) {
        if start >= p1 && (suffix != "ative" || start >= p2) {
            replace_from(word, start, replacement);
        }
    }
}

fn step_4(word: &mut String, p2: usize) {
    if let Some((start, suffix, _)) = longest_suffix(word, STEP_4) {
        let before = start
            .checked_sub(1)
            .and_then(|i| word.as_bytes().get(i).copied());
        if start >= p2 && (suffix != "ion" || matches!(before, Some(b's' | b't'))) {
            word.truncate(start);
        }
    }
}

fn step_5(word: &mut String, p1: usize, p2: usize) {
    let Some((&end, rest)) = word.as_bytes().split_last() else {
        return;
    };
    let last = rest.len();
    let delete = match end {
        // The last byte is ASCII (`e`): `last` is a char boundary.
        b'e' => last >= p2 || (last >= p1 && !word.get(..last).is_some_and(short_syllable)),
        b'l' => last >= p2 && rest.last() == Some(&b'l'),
        _ => false,
    };
    if delete {
        word.truncate(last);
    }
}
