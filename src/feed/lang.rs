//! Languages as feeds name them (`<language>`, `xml:lang`, JSON Feed `language`, the page's
//! `lang`), normalised the one way every format reads them.

/// `en_US` → `en-US`: the one liberty taken with feed languages.
pub(crate) fn normalize_lang(lang: &str) -> String {
    lang.trim().replace('_', "-")
}

/// A language a feed or entry names, normalised; `None` when it is blank.
pub(crate) fn lang_of(lang: &str) -> Option<String> {
    Some(normalize_lang(lang)).filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::{lang_of, normalize_lang};

    #[test]
    fn languages_are_trimmed_and_dashed() {
        assert_eq!(normalize_lang(" en_US "), "en-US");
        assert_eq!(normalize_lang(""), "");
        assert_eq!(lang_of("pt_BR").as_deref(), Some("pt-BR"));
        assert_eq!(lang_of("zh-Hant-TW").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(lang_of("  "), None);
    }
}
