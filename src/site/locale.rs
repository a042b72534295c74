//! The words a list written into a page shows: its heading, the "why" label and dates, in the
//! page's language, exactly as the widget's `www/render.js` shows them, so that the widget can
//! upgrade the written list without a word changing.
//!
//! Dates are what `new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })` gives
//! in Node and Chromium (ICU) for the seven languages the widget translates (en, fr, de, es, pt,
//! it, nl) and their regions; `tests/site_locale.rs` compares every one of them with Node's Intl.
//! Other languages get the ISO date: an ICU table for every language is not worth carrying here.

/// The heading and the "why" label, by primary language subtag, as `WORDS` in `www/render.js`.
const WORDS: [(&str, &str, &str); 7] = [
    ("en", "Related Articles", "Shared"),
    ("fr", "Articles connexes", "En commun"),
    ("de", "Ähnliche Artikel", "Gemeinsam"),
    ("es", "Artículos relacionados", "En común"),
    ("pt", "Artigos relacionados", "Em comum"),
    ("it", "Articoli correlati", "In comune"),
    ("nl", "Gerelateerde artikelen", "Gemeenschappelijk"),
];

/// Month names, January first, as ICU writes them in a long date.
const MONTHS: [(&str, [&str; 12]); 7] = [
    (
        "en",
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
    ),
    (
        "fr",
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
    ),
    (
        "de",
        [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
    ),
    (
        "es",
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
    ),
    (
        "pt",
        [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
    ),
    (
        "it",
        [
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
    ),
    (
        "nl",
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
    ),
];

/// English regions whose long date puts the month first (ICU's en-US pattern); the others use
/// en-001's day first.
const EN_MONTH_FIRST: [&str; 10] = ["US", "CA", "PH", "GU", "PR", "VI", "AS", "MP", "UM", "MH"];
/// English regions whose long date writes the day with two digits ("01 May 2025").
const EN_TWO_DIGIT_DAY: [&str; 5] = ["ZA", "BZ", "BW", "MT", "ZW"];

/// The primary language subtag, lower-cased, when it is one the widget translates.
fn language(lang: Option<&str>) -> Option<&'static str> {
    let primary = lang?.split('-').next()?.trim().to_ascii_lowercase();
    WORDS.iter().map(|w| w.0).find(|l| *l == primary)
}

/// The region subtag, upper-cased, when it directly follows the language (`en-GB` → `GB`,
/// `es-419` → `419`). After a script subtag ICU (Node 20's) falls back to the bare language's
/// pattern: `en-Latn-GB` writes "January 1, 1970", as `en` does.
fn region(lang: &str) -> Option<String> {
    lang.split('-')
        .nth(1)
        .filter(|s| {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
                || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(str::to_ascii_uppercase)
}

/// The list's heading in `lang` (English for any language the widget does not translate).
///
/// ```
/// use related_articles::site::locale::heading;
/// assert_eq!(heading(Some("fr-CA")), "Articles connexes");
/// assert_eq!(heading(Some("DE")), "Ähnliche Artikel");
/// assert_eq!(heading(Some("ja")), "Related Articles");
/// assert_eq!(heading(None), "Related Articles");
/// ```
pub fn heading(lang: Option<&str>) -> &'static str {
    words(lang).1
}

/// The label before a result's shared words ("Shared: vaccine, booster") in `lang`.
///
/// ```
/// use related_articles::site::locale::why_label;
/// assert_eq!(why_label(Some("nl")), "Gemeenschappelijk");
/// assert_eq!(why_label(Some("")), "Shared");
/// ```
pub fn why_label(lang: Option<&str>) -> &'static str {
    words(lang).2
}

fn words(lang: Option<&str>) -> (&'static str, &'static str, &'static str) {
    let l = language(lang);
    let en = ("en", "Related Articles", "Shared");
    WORDS.iter().copied().find(|w| Some(w.0) == l).unwrap_or(en)
}

/// The calendar day of an ISO date or date-time (`2025-07-19T08:00:00Z` → 2025, 7, 19), as the
/// widget reads it (`/^\d{4}-\d\d-\d\d/`, then `new Date(day)`): month 1–12 and day 1–31 are
/// valid, and a day past the month's end rolls over into the next month as JS dates do
/// (`2025-02-30` is March 2). `None` when the text does not start with such a day.
///
/// ```
/// use related_articles::site::locale::calendar_day;
/// assert_eq!(calendar_day("2025-07-19T08:00:00Z"), Some((2025, 7, 19)));
/// assert_eq!(calendar_day("2025-02-30"), Some((2025, 3, 2)));
/// assert_eq!(calendar_day("2024-02-29"), Some((2024, 2, 29)));
/// assert_eq!(calendar_day("2025-13-01"), None);
/// assert_eq!(calendar_day("2025-01-32"), None);
/// assert_eq!(calendar_day("July 19, 2025"), None);
/// assert_eq!(calendar_day(""), None);
/// ```
pub fn calendar_day(date: &str) -> Option<(u32, u32, u32)> {
    let b = date.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let length = month_length(year, month);
    Some(if day > length {
        (year, month + 1, day - length) // never past December: it has 31 days
    } else {
        (year, month, day)
    })
}

fn month_length(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The date as the widget writes it for a reader in `lang`: what
/// `Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })` gives for the seven
/// languages the widget translates, the ISO day (`2025-07-19`) for any other language. English
/// is also what a page without a language gets. `None` when `date` holds no calendar day (see
/// [`calendar_day`]); the year 0 gets the ISO day (Intl would write "1 BC").
///
/// ```
/// use related_articles::site::locale::long_date;
/// let day = "2025-07-19T08:00:00Z";
/// assert_eq!(long_date(day, Some("en-US")).as_deref(), Some("July 19, 2025"));
/// assert_eq!(long_date(day, None).as_deref(), Some("July 19, 2025"));
/// assert_eq!(long_date(day, Some("en-GB")).as_deref(), Some("19 July 2025"));
/// assert_eq!(long_date("2025-05-01", Some("en-ZA")).as_deref(), Some("01 May 2025"));
/// assert_eq!(long_date(day, Some("de")).as_deref(), Some("19. Juli 2025"));
/// assert_eq!(long_date("2025-01-02", Some("de-AT")).as_deref(), Some("2. Jänner 2025"));
/// assert_eq!(long_date(day, Some("es")).as_deref(), Some("19 de julio de 2025"));
/// assert_eq!(long_date(day, Some("fr")).as_deref(), Some("19 juillet 2025"));
/// assert_eq!(long_date(day, Some("ja")).as_deref(), Some("2025-07-19"));
/// assert_eq!(long_date("soon", Some("en")), None);
/// ```
pub fn long_date(date: &str, lang: Option<&str>) -> Option<String> {
    let (year, month, day) = calendar_day(date)?;
    let iso = format!("{year:04}-{month:02}-{day:02}");
    let tag = lang.map(str::trim).filter(|l| !l.is_empty());
    let language = match (tag, language(tag)) {
        (None, _) => "en",
        (Some(_), Some(language)) => language,
        (Some(_), None) => return Some(iso),
    };
    if year == 0 {
        return Some(iso);
    }
    let region = tag.and_then(region).unwrap_or_default();
    let region = region.as_str();
    let names = MONTHS.iter().find(|m| m.0 == language).map(|m| &m.1)?;
    let name = *names.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    Some(match language {
        "en" if region.is_empty() || EN_MONTH_FIRST.contains(&region) => {
            format!("{name} {day}, {year}")
        }
        "en" if EN_TWO_DIGIT_DAY.contains(&region) => format!("{day:02} {name} {year}"),
        "de" if month == 1 && matches!(region, "AT" | "IT") => format!("{day}. Jänner {year}"),
        "de" => format!("{day}. {name} {year}"),
        "es" if month == 9 && matches!(region, "PE" | "UY") => {
            format!("{day} de setiembre de {year}")
        }
        "es" if region == "HN" => format!("{day:02} de {name} de {year}"),
        "es" | "pt" => format!("{day} de {name} de {year}"),
        _ => format!("{day} {name} {year}"), // en-001, fr, it, nl
    })
}

/// The language tags whose dates `tests/site_locale.rs` checks against Node's Intl: every
/// language above bare and with each region whose pattern or words differ, plus a sample of
/// regions that share the base pattern.
#[doc(hidden)]
pub const CHECKED_TAGS: &str = "en en-US en-us EN en-CA en-PH en-PR en-GU en-GB en-AU en-NZ \
    en-IE en-IN en-SG en-HK en-NG en-001 en-150 en-DE en-Latn-GB de-Latn-AT en-ZA en-BZ en-BW en-MT en-ZW \
    fr fr-FR fr-CA fr-BE fr-CH de de-DE de-AT de-IT de-CH de-LI es es-ES es-MX es-US es-419 \
    es-AR es-PE es-UY es-HN pt pt-BR pt-PT pt-AO it it-IT it-CH nl nl-NL nl-BE";
