//! The dates and words a list written into a page shows are the widget's: dates against Node's
//! `Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })` (the ICU that Chromium
//! has too) for every language tag `site::locale` claims, and the heading and label against
//! `WORDS` in www/render.js.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use related_articles::site::locale::{calendar_day, heading, long_date, why_label, CHECKED_TAGS};

/// Every month, first and last days, leap days, days that roll over (JS reads 2025-02-30 as
/// March 2), date-times, and years from 1 to 9999.
fn dates() -> Vec<String> {
    let mut dates = Vec::new();
    for year in [1970, 2024, 2025] {
        for month in 1..=12 {
            for day in [1, 2, 9, 10, 19, 28, 29, 30, 31] {
                dates.push(format!("{year:04}-{month:02}-{day:02}"));
            }
        }
    }
    dates.extend(
        [
            "0001-01-01",
            "0099-07-19",
            "1000-02-29",
            "1900-02-29",
            "2000-02-29",
            "9999-12-31",
        ]
        .map(String::from),
    );
    dates.extend(
        [
            "2025-07-19T23:59:59-08:00",
            "2025-07-19T00:00:00Z",
            "2025-07-19 08:00",
        ]
        .map(String::from),
    );
    dates
}

#[test]
fn dates_are_what_node_intl_writes() {
    let tags: Vec<&str> = CHECKED_TAGS.split_whitespace().collect();
    let dates = dates();
    let script = r#"
        const [tags, dates] = JSON.parse(process.argv[1]);
        const out = {};
        for (const tag of tags) {
          const f = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' });
          // As www/render.js reads a date: its first ten characters, as a JS Date.
          out[tag] = dates.map((d) => f.format(new Date(/^\d{4}-\d\d-\d\d/.exec(d)[0])));
        }
        process.stdout.write(JSON.stringify(out));
    "#;
    let input = serde_json::to_string(&(&tags, &dates)).unwrap();
    let node = Command::new("node")
        .args(["-e", script, &input])
        .output()
        .unwrap_or_else(|e| panic!("node did not start: {e}"));
    assert!(
        node.status.success(),
        "{}",
        String::from_utf8_lossy(&node.stderr)
    );
    let expected: std::collections::BTreeMap<String, Vec<String>> =
        serde_json::from_slice(&node.stdout).unwrap();
    let mut checked = 0;
    for tag in &tags {
        for (date, want) in dates.iter().zip(&expected[*tag]) {
            assert_eq!(
                long_date(date, Some(tag)).as_deref(),
                Some(want.as_str()),
                "{tag} {date}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, tags.len() * dates.len());
    assert!(
        tags.len() >= 50 && dates.len() >= 300,
        "{} tags, {} dates",
        tags.len(),
        dates.len()
    );
}

#[test]
fn other_languages_get_the_iso_day_and_no_language_gets_english() {
    assert_eq!(
        long_date("2025-07-19T08:00:00Z", Some("ja")).as_deref(),
        Some("2025-07-19")
    );
    assert_eq!(
        long_date("2025-02-30", Some("zh-Hant")).as_deref(),
        Some("2025-03-02")
    );
    assert_eq!(
        long_date("2025-07-19", None).as_deref(),
        Some("July 19, 2025")
    );
    assert_eq!(
        long_date("2025-07-19", Some("  ")).as_deref(),
        Some("July 19, 2025")
    );
    assert_eq!(
        long_date("0000-03-01", Some("en")).as_deref(),
        Some("0000-03-01")
    );
    assert_eq!(long_date("2025-7-19", Some("en")), None);
    assert_eq!(calendar_day("2025-00-10"), None);
}

#[test]
fn heading_and_label_are_render_js_words() {
    let render =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/render.js")).unwrap();
    let mut languages = 0;
    for line in render.lines() {
        // `  fr: ['Articles connexes', 'En commun'],`
        let Some((lang, words)) = line.trim().split_once(": ['") else {
            continue;
        };
        let Some((title, label)) = words.trim_end_matches("'],").split_once("', '") else {
            continue;
        };
        assert_eq!(heading(Some(lang)), title, "{lang}");
        assert_eq!(why_label(Some(lang)), label, "{lang}");
        assert_eq!(
            heading(Some(&format!("{}-XX", lang.to_uppercase()))),
            title,
            "{lang}: by primary subtag"
        );
        languages += 1;
    }
    assert_eq!(languages, 7, "render.js's WORDS has the seven languages");
}
