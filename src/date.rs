//! Dates: the one ISO 8601 validator every record's `date` goes through, and feed dates (RFC 822
//! in RSS, RFC 3339 in Atom and JSON Feed) turned into that form.
//!
//! One calendar for both: a date is checked the same whether a record gives it as ISO 8601 or a
//! feed as RFC 822 (days per month and leap years, hours 0–23, minutes 0–59, seconds 0–60 for a
//! leap second, zones `Z`, `±hh:mm`, `±hhmm`, `±hh` up to 23:59). `24:00`, which ISO 8601 once
//! allowed for the end of a day, is refused: RFC 3339, the profile feeds use, has hours 00–23
//! only, and refusing it keeps one spelling for each instant.
//!
//! Dates are normalised to UTC (`2025-07-19T08:00:00Z`) rather than kept with their offset: one
//! form sorts as text, compares across feeds, and is what `Date` parses in every browser. A date
//! without a time stays a date (`2025-07-19`); a time without a zone is taken as UTC, as RFC 822
//! readers and feedparser do. Fractions of a second are dropped.

use crate::find::part;
use crate::message::padded;

/// Parses an RFC 822 / RFC 2822 date (`Sat, 19 Jul 2025 10:00:00 +0200`) or an RFC 3339 /
/// W3C-DTF date (`2025-07-19T10:00:00+02:00`, `2025-07-19`) and returns it as ISO 8601 in UTC,
/// or `None` when it is neither (or names a day that does not exist).
///
/// ```
/// use related_articles::date::parse_date;
/// assert_eq!(parse_date("Sat, 19 Jul 2025 10:00:00 +0200").as_deref(), Some("2025-07-19T08:00:00Z"));
/// assert_eq!(parse_date("19 Jul 2025 08:00 GMT").as_deref(), Some("2025-07-19T08:00:00Z"));
/// assert_eq!(parse_date("Tue, 31 Dec 2024 23:30:00 EST").as_deref(), Some("2025-01-01T04:30:00Z"));
/// assert_eq!(parse_date("Thu, 01 Jan 04 00:00:00 -0000").as_deref(), Some("2004-01-01T00:00:00Z"));
/// assert_eq!(parse_date("2025-07-19T10:00:00.123+02:00").as_deref(), Some("2025-07-19T08:00:00Z"));
/// assert_eq!(parse_date("2025-03-01T00:30:00+01:00").as_deref(), Some("2025-02-28T23:30:00Z"));
/// assert_eq!(parse_date("2024-02-29").as_deref(), Some("2024-02-29"));
/// assert_eq!(parse_date(" 2025-07-19 08:00:00 ").as_deref(), Some("2025-07-19T08:00:00Z"));
/// assert_eq!(parse_date("2023-02-29"), None); // no such day
/// assert_eq!(parse_date("yesterday"), None);
/// assert_eq!(parse_date("Sat, 19 Jul 2025 25:00:00 GMT"), None);
/// assert_eq!(parse_date(""), None);
/// ```
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let dt = if s.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && s.as_bytes().get(4) == Some(&b'-')
    {
        parse_iso(s)?
    } else {
        parse_rfc822(s)?
    };
    Some(dt.to_utc_string())
}

/// Whether `s` is an ISO 8601 calendar date (`YYYY-MM-DD`) or date-time
/// (`YYYY-MM-DD[T| ]hh:mm[:ss[.fff]][Z|±hh:mm|±hhmm|±hh]`) that exists: the check a record's `date`
/// must pass (records keep it as written; feeds' dates are converted by [`parse_date`] first).
///
/// ```
/// use related_articles::date::is_iso_date;
/// assert!(is_iso_date("2025-07-19"));
/// assert!(is_iso_date("2014-03-10T16:52:50Z"));
/// assert!(is_iso_date("2014-03-10t16:52:50.123+05:30"));
/// assert!(is_iso_date("2014-03-10 16:52"));
/// assert!(is_iso_date("2014-03-10T16:52:50,5-0800"));
/// assert!(is_iso_date("2014-03-10T16:52:50+01"));
/// // The calendar: days per month, leap years (every 4th, not every 100th, every 400th).
/// assert!(is_iso_date("2024-02-29") && is_iso_date("2000-02-29") && is_iso_date("2023-04-30"));
/// assert!(!is_iso_date("2023-02-29") && !is_iso_date("1900-02-29") && !is_iso_date("2023-02-31"));
/// assert!(!is_iso_date("2023-04-31") && !is_iso_date("2025-13-01") && !is_iso_date("2025-00-10"));
/// assert!(!is_iso_date("0000-01-01") && !is_iso_date("2025-01-00"));
/// // The clock: 00:00 to 23:59, a leap second :60; no 24:00.
/// assert!(is_iso_date("2016-12-31T23:59:60Z") && is_iso_date("2025-01-01T00:00:00Z"));
/// assert!(!is_iso_date("2025-01-01T24:00") && !is_iso_date("2025-01-01T24:59"));
/// assert!(!is_iso_date("2025-01-01T23:60") && !is_iso_date("2025-01-01T23:59:61"));
/// // Zones up to ±23:59; a fraction needs a digit; nothing may follow.
/// assert!(!is_iso_date("2025-01-01T10:00+24:00") && !is_iso_date("2025-01-01T10:00+05:60"));
/// assert!(!is_iso_date("2025-01-01T10:00+5") && !is_iso_date("2025-01-01T10:00:00."));
/// assert!(!is_iso_date("2025-01-01T10:00Z ") && !is_iso_date("2025-01-01T") && !is_iso_date("2025-01-01x"));
/// assert!(!is_iso_date("2025/01/01") && !is_iso_date("July 19, 2025") && !is_iso_date(""));
/// ```
pub fn is_iso_date(s: &str) -> bool {
    parse_iso(s).is_some()
}

/// A calendar date with an optional time of day and the zone offset in minutes east of UTC.
struct DateTime {
    year: i64,
    month: u32,
    day: u32,
    time: Option<(u32, u32, u32)>,
    offset_minutes: i64,
}

impl DateTime {
    /// A calendar date with no time of day: printed as `YYYY-MM-DD`, never shifted by a zone.
    fn date_only(year: i64, month: u32, day: u32) -> DateTime {
        DateTime {
            year,
            month,
            day,
            time: None,
            offset_minutes: 0,
        }
    }

    fn to_utc_string(&self) -> String {
        let (y, mo, d, time) = match self.time {
            None => (self.year, self.month, self.day, None),
            Some((h, m, s)) => {
                let minutes = i64::from(h) * 60 + i64::from(m) - self.offset_minutes;
                let days =
                    days_from_civil(self.year, self.month, self.day) + minutes.div_euclid(1440);
                let minute_of_day = minutes.rem_euclid(1440);
                let (y, mo, d) = civil_from_days(days);
                (y, mo, d, Some((minute_of_day / 60, minute_of_day % 60, s)))
            }
        };
        // Pushed piece by piece rather than concatenated from a dozen temporary strings: the
        // date and the date-time forms share the code for the date.
        let mut out = String::with_capacity(20);
        let mut push = |sep: &str, n: i64, width: usize| {
            out.push_str(sep);
            out.push_str(&padded(n, width));
        };
        push("", y, 4);
        push("-", i64::from(mo), 2);
        push("-", i64::from(d), 2);
        if let Some((h, m, s)) = time {
            push("T", h, 2);
            push(":", m, 2);
            push(":", i64::from(s), 2);
            out.push('Z');
        }
        out
    }
}

fn valid(year: i64, month: u32, day: u32) -> bool {
    (1..=9999).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Reads the run of ASCII digits at the start of `s` (at most `max`), returning value and length.
fn digits(s: &[u8], max: usize) -> Option<(u32, usize)> {
    // One loop for the run and its value: `max` is at most 4, so the value cannot overflow.
    let (mut value, mut len) = (0u32, 0);
    while let Some(d) = s.get(len).filter(|d| len < max && d.is_ascii_digit()) {
        value = value * 10 + u32::from(d - b'0');
        len += 1;
    }
    (len > 0).then_some((value, len))
}

/// `YYYY-MM-DD`, optionally `T`/space `hh:mm[:ss[.fff]]` and `Z` / `±hh:mm` / `±hhmm` / `±hh`.
fn parse_iso(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    let (year, 4) = digits(b, 4)? else {
        return None;
    };
    if b.get(4) != Some(&b'-') {
        return None;
    }
    let (month, 2) = digits(b.get(5..)?, 2)? else {
        return None;
    };
    if b.get(7) != Some(&b'-') {
        return None;
    }
    let (day, 2) = digits(b.get(8..)?, 2)? else {
        return None;
    };
    let year = i64::from(year);
    if !valid(year, month, day) {
        return None;
    }
    let rest = b.get(10..)?;
    if rest.is_empty() {
        return Some(DateTime::date_only(year, month, day));
    }
    if !matches!(rest.first(), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (time, used) = parse_time(rest.get(1..)?)?;
    let zone = rest.get(1 + used..)?;
    let offset_minutes = if zone.is_empty() {
        0
    } else {
        numeric_zone(zone)?
    };
    Some(DateTime {
        year,
        month,
        day,
        time: Some(time),
        offset_minutes,
    })
}

/// `hh:mm[:ss[.fff]]`, returning the time and the bytes used.
fn parse_time(b: &[u8]) -> Option<((u32, u32, u32), usize)> {
    let (h, 2) = digits(b, 2)? else { return None };
    if b.get(2) != Some(&b':') {
        return None;
    }
    let (m, 2) = digits(b.get(3..)?, 2)? else {
        return None;
    };
    let mut used = 5;
    let mut sec = 0;
    if b.get(5) == Some(&b':') {
        let (s, 2) = digits(b.get(6..)?, 2)? else {
            return None;
        };
        sec = s;
        used = 8;
        if matches!(b.get(8), Some(b'.' | b',')) {
            let fraction = b
                .get(9..)?
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if fraction == 0 {
                return None; // ISO 8601: a decimal sign is followed by at least one digit
            }
            used += 1 + fraction;
        }
    }
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(((h, m, sec.min(59)), used))
}

/// `Z`, `±hh:mm`, `±hhmm` or `±hh`, in minutes east of UTC.
fn numeric_zone(z: &[u8]) -> Option<i64> {
    if z.eq_ignore_ascii_case(b"z") {
        return Some(0);
    }
    let sign = match z.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = z.get(1..)?;
    let (hh, mm) = match rest.len() {
        2 => (rest, &b"00"[..]),
        4 => (rest.get(..2)?, rest.get(2..)?),
        5 if rest.get(2) == Some(&b':') => (rest.get(..2)?, rest.get(3..)?),
        _ => return None,
    };
    let (Some((h, 2)), Some((m, 2))) = (digits(hh, 2), digits(mm, 2)) else {
        return None;
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * i64::from(h * 60 + m))
}

/// Month abbreviations, three letters each, in order: one string rather than a table of
/// `&str`s (each a pointer and a length in the wasm data).
const MONTHS: &str = "janfebmaraprmayjunjulaugsepoctnovdec";

/// The next word of an RFC 822 date (words are separated by whitespace and commas), advancing
/// `rest` past it; `None` when there is none left.
fn next_word<'a>(rest: &mut &'a str) -> Option<&'a str> {
    let sep = |c: char| c.is_whitespace() || c == ',';
    let s = rest.trim_start_matches(sep);
    let end = s.find(sep).unwrap_or(s.len());
    *rest = part(s, end..);
    s.get(..end).filter(|w| !w.is_empty())
}

/// `[Day,] DD Mon YYYY [hh:mm[:ss]] [zone]`: RFC 822 with the usual liberties (two-digit years,
/// full month names, a missing comma or zone, a trailing comment such as `(UTC)`).
fn parse_rfc822(s: &str) -> Option<DateTime> {
    let mut rest = s;
    let mut word = next_word(&mut rest)?;
    // An optional day name.
    if word.bytes().next()?.is_ascii_alphabetic() {
        word = next_word(&mut rest)?;
    }
    let (day, _) = digits(word.as_bytes(), 2).filter(|d| d.1 >= 1)?;
    let month_word = next_word(&mut rest)?.as_bytes().get(..3)?;
    let month = MONTHS
        .as_bytes()
        .chunks(3)
        .position(|m| m.eq_ignore_ascii_case(month_word))? as u32
        + 1;
    let year_word = next_word(&mut rest)?;
    let (year, year_len) = digits(year_word.as_bytes(), 4)?;
    if year_len != year_word.len() || year_len == 3 || year_len == 1 {
        return None;
    }
    let year = match (year_len, year) {
        (2, y) if y < 50 => 2000 + i64::from(y),
        (2, y) => 1900 + i64::from(y),
        (_, y) => i64::from(y),
    };
    if !valid(year, month, day) {
        return None;
    }
    let Some(time_word) = next_word(&mut rest) else {
        return Some(DateTime::date_only(year, month, day));
    };
    let (time, used) = parse_time(time_word.as_bytes())?;
    // A zone glued to the time ("08:00:00Z", "08:00+0200") or in the next word.
    let glued = part(time_word, used..);
    let zone_word = if glued.is_empty() {
        next_word(&mut rest).unwrap_or("")
    } else {
        glued
    };
    let offset_minutes = zone_offset(zone_word)?;
    Some(DateTime {
        year,
        month,
        day,
        time: Some(time),
        offset_minutes,
    })
}

/// RFC 822 zones: numeric, `UT`/`GMT`/`UTC`/`Z`, the North American names, military letters
/// (taken as UTC: RFC 2822 notes their signs were published backwards). No zone means UTC.
fn zone_offset(z: &str) -> Option<i64> {
    if z.is_empty() || z.starts_with('(') {
        return Some(0);
    }
    if z.starts_with(['+', '-']) {
        return numeric_zone(z.as_bytes());
    }
    // A table searched without case rather than a `match` on an upper-cased copy: no
    // allocation, and less code than a tree of string comparisons.
    if let Some((_, hours)) = ZONES.iter().find(|(name, _)| name.eq_ignore_ascii_case(z)) {
        return Some(hours * 60);
    }
    (z.len() == 1 && z.bytes().all(|c| c.is_ascii_alphabetic())).then_some(0)
}

/// Named RFC 822 zones and their offsets from UTC in hours.
const ZONES: [(&str, i64); 12] = [
    ("UT", 0),
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("EST", -5),
    ("EDT", -4),
    ("CST", -6),
    ("CDT", -5),
    ("MST", -7),
    ("MDT", -6),
    ("PST", -8),
    ("PDT", -7),
];
