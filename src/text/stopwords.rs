//! The English stop list: Snowball's list, with its contractions, packed and sorted for binary
//! search ([`wordlist`](super::wordlist)).

/// Whether `word` (already lower-cased, straight apostrophes) is an English stop word.
///
/// ```
/// use related_articles::text::stopwords::is_english_stop_word;
/// assert!(is_english_stop_word("the"));
/// assert!(is_english_stop_word("don't"));
/// assert!(!is_english_stop_word("diplomacy"));
/// assert!(!is_english_stop_word(""));
/// ```
pub fn is_english_stop_word(word: &str) -> bool {
    super::wordlist::lookup(ENGLISH, word).is_some()
}

/// Snowball's English stop list (snowballstem.org), plus "also", "via", "us" (pronoun, far more
/// often than the country in running text is spelt "U.S.") and "one", "two", "three": 182 words,
/// sorted, one space between words.
const ENGLISH: &str =
    "a about above after again against all also am an and any are aren't as at be because been \
    before being below between both but by can can't cannot could couldn't did didn't do does \
    doesn't doing don't down during each few for from further had hadn't has hasn't have \
    haven't having he he'd he'll he's her here here's hers herself him himself his how how's i \
    i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my \
    myself no nor not of off on once one only or other ought our ours ourselves out over own \
    same shan't she she'd she'll she's should shouldn't so some such than that that's the \
    their theirs them themselves then there there's these they they'd they'll they're they've \
    this those three through to too two under until up us very via was wasn't we we'd we'll \
    we're we've were weren't what what's when when's where where's which while who who's whom \
    why why's will with won't would wouldn't you you'd you'll you're you've your yours \
    yourself yourselves";

#[cfg(test)]
mod tests {
    #[test]
    fn list_is_sorted_unique_and_complete() {
        assert_eq!(
            super::super::wordlist::misordered(super::ENGLISH),
            Vec::<&str>::new()
        );
        assert_eq!(super::ENGLISH.split(' ').count(), 182);
        for word in super::ENGLISH.split(' ') {
            assert!(super::is_english_stop_word(word), "{word}");
        }
    }
}
