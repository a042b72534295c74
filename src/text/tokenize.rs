//! Splitting text into words, Unicode-aware and allocation-free.
//!
//! A word is a run of letters, digits and combining marks, with an apostrophe allowed between
//! letters (`don't`, `O’Brien`) and a `.` or `,` between digits (`3.5`, `1,000`). Scripts written
//! without spaces between words (Han, Hiragana, Katakana) yield overlapping character bigrams,
//! the standard index unit for CJK when no dictionary segmenter is available.

/// One word: its text exactly as written and its byte offset in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as it appears in the text.
    pub text: &'a str,
    /// Byte offset of the word in the input.
    pub start: usize,
}

/// The words of `text`, in order.
///
/// ```
/// use related_articles::text::tokenize::words;
/// let w = |s| words(s).map(|w| w.text).collect::<Vec<_>>();
/// assert_eq!(w(""), Vec::<&str>::new());
/// assert_eq!(w("Don't stop—believin’!"), ["Don't", "stop", "believin"]);
/// assert_eq!(w("O’Brien paid $1,000.50 in 2025."), ["O’Brien", "paid", "1,000.50", "in", "2025"]);
/// assert_eq!(w("state-led reforms"), ["state", "led", "reforms"]);
/// assert_eq!(w("🎉 party 🎉"), ["party"]);                       // emoji are not words
/// assert_eq!(w("caf\u{65}\u{301} ok"), ["cafe\u{301}", "ok"]);  // combining marks stay in the word
/// assert_eq!(w("שלום עולם"), ["שלום", "עולם"]);                   // right-to-left scripts
/// assert_eq!(w("東京都に住む"), ["東京", "京都", "都に", "に住", "住む"]); // CJK bigrams
/// assert_eq!(w("猫"), ["猫"]);                                  // a lone CJK character
/// assert_eq!(w("iPhone用アプリ"), ["iPhone", "用ア", "アプ", "プリ"]);
/// ```
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        pos: 0,
        cjk: None,
    }
}

/// Iterator returned by [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
    /// Within a CJK run: (start of the next bigram, end of the run).
    cjk: Option<(usize, usize)>,
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        // Every offset comes from `char_indices` of the text: a char boundary, so no `get`
        // below ends the words early.
        if let Some((at, end)) = self.cjk {
            let mut chars = self.text.get(at..end)?.char_indices();
            let second = chars.nth(1);
            match second {
                Some((off, c)) => {
                    let bigram_end = at + off + c.len_utf8();
                    self.cjk = Some((at + off, end));
                    return Some(Word {
                        text: self.text.get(at..bigram_end)?,
                        start: at,
                    });
                }
                None => self.cjk = None,
            }
        }
        let bytes = self.text.as_bytes();
        // Skip to the start of the next word.
        let rest = self.text.get(self.pos..)?;
        let (skip, first) = rest.char_indices().find(|&(_, c)| is_word_char(c))?;
        let start = self.pos + skip;
        if is_cjk(first) {
            let end = start
                + self
                    .text
                    .get(start..)?
                    .char_indices()
                    .find(|&(_, c)| !is_cjk(c))
                    .map_or(self.text.len() - start, |(i, _)| i);
            self.pos = end;
            let run = self.text.get(start..end)?;
            if run.chars().nth(1).is_none() {
                return Some(Word { text: run, start });
            }
            self.cjk = Some((start, end));
            return self.next();
        }
        let mut end = start;
        let mut prev: Option<char> = None;
        let mut iter = self.text.get(start..)?.char_indices().peekable();
        while let Some((off, c)) = iter.next() {
            let at = start + off;
            if is_word_char(c) && !is_cjk(c) {
                end = at + c.len_utf8();
                prev = Some(c);
                continue;
            }
            let next = iter.peek().map(|&(_, n)| n);
            let joins = match (prev, c, next) {
                (Some(p), '\'' | '\u{2019}', Some(n)) => p.is_alphabetic() && n.is_alphabetic(),
                (Some(p), '.' | ',', Some(n)) => p.is_ascii_digit() && n.is_ascii_digit(),
                _ => false,
            };
            if !joins {
                break;
            }
            prev = Some(c);
        }
        debug_assert!(end <= bytes.len());
        self.pos = end;
        Some(Word {
            text: self.text.get(start..end)?,
            start,
        })
    }
}

/// Letters, digits and combining marks: what a word is made of.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Combining marks (the blocks that hold them): they belong to the letter before them.
pub(crate) fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5c7}'
        | '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{900}'..='\u{903}'
        | '\u{93a}'..='\u{94f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}' | '\u{3099}'..='\u{309a}')
}

/// Scripts written without spaces between words: Han, Hiragana, Katakana.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ff66}'..='\u{ff9f}' | '\u{20000}'..='\u{2fa1f}')
        && c != '\u{30fb}' // katakana middle dot is punctuation
}
