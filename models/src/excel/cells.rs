//! Cells of workbooks from outside (a customer's ledger, a returned workbook), read one way
//! for every reader: text as written or as seen, dates as people type them, and the header
//! row of a returned sheet with where its cells are.

use super::sheet::col_letter;
use crate::i18n;
use crate::model::{IsoDate, Lang};
use crate::Location;
use calamine::{Data, Range};

/// Cell text exactly as the exporter wrote it (numbers without `.0`): what a returned
/// workbook's answers are compared with.
pub use super::data_text as cell_text;

/// A cell as text the way a person sees it: integral numbers without `.0`, dates as
/// `YYYY-MM-DD`, strings trimmed (never truncated). What a ledger's cells are read as.
pub fn seen_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_owned(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        other => super::data_text(other),
    }
}

/// A date cell: `Some(None)` when empty, `None` when it holds something that is not a date.
///
/// A date cell, a date written as text ([`parse_date_text`]), or a bare number that is a
/// whole day between 1990 and 2100 (a cell that lost its date format; `1.5` is not
/// 1900-01-01) or a date written as digits (`20240401`).
pub fn parse_date(d: &Data) -> Option<Option<IsoDate>> {
    match d {
        Data::Empty => Some(None),
        Data::String(s) if s.trim().is_empty() => Some(None),
        Data::String(s) | Data::DateTimeIso(s) => parse_date_text(s).map(Some),
        Data::DateTime(dt) => super::date_of(dt).map(Some),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e9 => {
            whole_number_date(*f as i64).map(Some)
        }
        Data::Int(i) => whole_number_date(*i).map(Some),
        _ => None,
    }
}

/// A whole number as a date: a spreadsheet serial between 1990 and 2100, or `yyyymmdd`.
fn whole_number_date(n: i64) -> Option<IsoDate> {
    if (32_874..=73_051).contains(&n) {
        return IsoDate::from_excel_serial(n as f64);
    }
    if (19_000_101..=21_001_231).contains(&n) {
        return IsoDate::from_ymd(
            i32::try_from(n / 10_000).ok()?,
            u8::try_from(n / 100 % 100).ok()?,
            u8::try_from(n % 100).ok()?,
        );
    }
    None
}

/// A day as (year, month, day).
type Ymd = (i32, u8, u8);

/// Japanese eras as ledgers write them: name, initial, first day.
const ERAS: [(&str, char, Ymd); 5] = [
    ("令和", 'R', (2019, 5, 1)),
    ("平成", 'H', (1989, 1, 8)),
    ("昭和", 'S', (1926, 12, 25)),
    ("大正", 'T', (1912, 7, 30)),
    ("明治", 'M', (1868, 10, 23)),
];

/// A date written as text, in full or half width, with spaces or not around its parts:
/// `2026-01-05`, `2026/1/5`, `2026.1.5`, `2026年1月5日`, `20260105`, a month alone
/// (`2026/4`, `2026年4月`: its first day), a spreadsheet serial written as text (`45383`), or
/// in a Japanese era (`令和8年1月5日`, `令和元年5月`, `R8.1.5`, `H31/4/30`, `㍻31年4月30日`)
/// within that era's days; optionally followed by the weekday (`(火)`, as Excel's
/// `yyyy/mm/dd(aaa)` writes it) and a time of day (`T10:30`, ` 0:00:00`); nothing else
/// (`2027-12-011` and `2027-06-30 x` are not dates).
pub fn parse_date_text(s: &str) -> Option<IsoDate> {
    use unicode_normalization::UnicodeNormalization;
    let t: String = s
        .nfkc()
        // Dashes typed for hyphens (U+2212 on a Japanese keyboard, U+2010, U+2011, en dash).
        .map(|c| {
            if matches!(c, '−' | '‐' | '‑' | '–') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let t = t.trim();
    let date = without_time(t);
    let date = strip_weekday(date.trim());
    let date = date.strip_suffix('.').unwrap_or(date);
    if let Some(d) = parse_era_date(date) {
        return Some(d);
    }
    let date = without_spaces_around_separators(date)?;
    if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        return whole_number_date(date.parse().ok()?);
    }
    if date.len() == 5 && date.bytes().all(|b| b.is_ascii_digit()) {
        return whole_number_date(date.parse().ok()?);
    }
    let date = match date.strip_suffix('日') {
        // 日 ends a day written with 年 and 月 (2027年6月3日), nothing else.
        Some(d) if d.contains('月') => d,
        Some(_) => return None,
        None => &date,
    };
    // 2027年6月 is a month: its 月 ends it.
    let date = date
        .strip_suffix('月')
        .filter(|d| d.contains('年'))
        .unwrap_or(date);
    let date = date.replace(['/', '.', '年', '月'], "-");
    let parts: Vec<&str> = date.split('-').collect();
    let number = |p: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] => (number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?),
        [y, m] => (number(y, 4..=4)?, number(m, 1..=2)?, 1),
        _ => return None,
    };
    IsoDate::from_ymd(
        i32::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

/// The date part of `t`: a time of day after its last space or a `T` is left out (with
/// 午前/午後 or AM/PM, and a `Z` or `+09:00` offset).
fn without_time(t: &str) -> &str {
    let mut date = t;
    // `12:00 PM`: the marker after the time.
    for marker in [" AM", " PM", " am", " pm"] {
        if let Some(d) = date.strip_suffix(marker) {
            date = d.trim_end();
            break;
        }
    }
    let Some(i) = date.rfind([' ', 'T']) else {
        return t;
    };
    let time = strip_offset(date[i + 1..].trim());
    if !is_time_of_day(time) {
        return t;
    }
    let date = date[..i].trim_end();
    // `午前 10:30`: the marker before the time.
    date.strip_suffix("午前")
        .or_else(|| date.strip_suffix("午後"))
        .map_or(date, str::trim_end)
}

/// A time without its `Z` or `±hh:mm` offset.
fn strip_offset(time: &str) -> &str {
    if let Some(t) = time.strip_suffix('Z') {
        return t;
    }
    match time.rfind(['+', '-']) {
        Some(i) if time.len() == i + 6 && time.as_bytes()[i + 3] == b':' => &time[..i],
        _ => time,
    }
}

/// `date` without the spaces typed around its separators (`2024 / 4 / 1`, `2024年 4月 1日`);
/// None when a space is left between two numbers (`2024/4/1 9` is not the 19th).
fn without_spaces_around_separators(date: &str) -> Option<String> {
    let separator = |c: char| matches!(c, '/' | '.' | '-' | '年' | '月' | '日');
    let chars: Vec<char> = date.chars().collect();
    let mut out = String::with_capacity(date.len());
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
        let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
        if !(before.is_some_and(|c| separator(*c)) || after.is_some_and(|c| separator(*c))) {
            return None;
        }
    }
    Some(out)
}

/// The date without a weekday after it: `(火)`, `(火曜)`, `(火曜日)`, ` 火曜日`.
fn strip_weekday(date: &str) -> &str {
    // `2024年4月1日 月曜日`: a weekday after a space, as Excel's `aaaa` writes it.
    if let Some((d, w)) = date.rsplit_once(' ') {
        let w = w
            .strip_suffix("曜日")
            .or_else(|| w.strip_suffix('曜'))
            .unwrap_or(w);
        let mut chars = w.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if "日月火水木金土".contains(c) {
                return d.trim_end();
            }
        }
    }
    let Some(open) = date.rfind('(') else {
        return date;
    };
    let inner = date[open + 1..].trim_end();
    let Some(inner) = inner.strip_suffix(')') else {
        return date;
    };
    let inner = inner.trim();
    let inner = inner
        .strip_suffix('日')
        .filter(|i| i.ends_with('曜'))
        .unwrap_or(inner);
    let inner = inner.strip_suffix('曜').unwrap_or(inner);
    let mut chars = inner.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if "日月火水木金土".contains(c) => date[..open].trim_end(),
        _ => date,
    }
}

/// `10:30`, `0:00:00`, `23:59:59.5`: hours of one or two digits, minutes and seconds of two,
/// a fraction of a second in digits.
fn is_time_of_day(time: &str) -> bool {
    let parts: Vec<&str> = time.split(':').collect();
    let digits = |v: &str, len: std::ops::RangeInclusive<usize>, max: u32| {
        len.contains(&v.len())
            && v.bytes().all(|b| b.is_ascii_digit())
            && v.parse::<u32>().is_ok_and(|v| v <= max)
    };
    let seconds = |v: &str| match v.split_once('.') {
        Some((s, frac)) => {
            digits(s, 2..=2, 59) && !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => digits(v, 2..=2, 59),
    };
    match parts.as_slice() {
        [h, m] => digits(h, 1..=2, 23) && digits(m, 2..=2, 59),
        [h, m, s] => digits(h, 1..=2, 23) && digits(m, 2..=2, 59) && seconds(s),
        _ => false,
    }
}

/// A date in a Japanese era, on or after its first day: 令和5年4月1日, 令和元年5月, R5.4.1,
/// H31/4/30, 平成32年1月14日 (2020-01-14; H1.1.7 is no day: it was 昭和64年).
fn parse_era_date(t: &str) -> Option<IsoDate> {
    let (first, rest) = ERAS.iter().find_map(|(name, initial, first)| {
        t.strip_prefix(name)
            .or_else(|| {
                t.strip_prefix(*initial)
                    .or_else(|| t.strip_prefix(initial.to_ascii_lowercase()))
            })
            .map(|rest| (*first, rest.trim_start()))
    })?;
    let rest = rest.replacen('元', "1", 1);
    let t = rest
        .replace(['/', '.', '年', '月', '-'], " ")
        .replace('日', "");
    let parts: Vec<i64> = t
        .split_whitespace()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] => (*y, *m, Some(*d)),
        [y, m] => (*y, *m, None),
        _ => return None,
    };
    if !(1..=64).contains(&year) {
        return None;
    }
    let year = first.0 + year as i32 - 1;
    let month = u8::try_from(month).ok()?;
    let date = IsoDate::from_ymd(year, month, u8::try_from(day.unwrap_or(1)).ok()?)?;
    // On or after the era's first day: H1.1.7 was 昭和64年. Years past its last day are read
    // on (平成32年1月14日 is 2020-01-14, as support ends announced before 2019 were written).
    // A month alone belongs to the era if any of its days does (昭和元年12月 began on the 25th).
    let start = IsoDate::from_ymd(first.0, first.1, first.2)?;
    let ok = match day {
        Some(_) => date >= start,
        None => (1..=31).any(|d| IsoDate::from_ymd(year, month, d).is_some_and(|d| d >= start)),
    };
    ok.then_some(date)
}

/// A returned sheet's header row and where its cells are: what the readers of the sheets
/// the customer or the inspector fill in (answers, inspection results, threat and treatment
/// decisions) share.
pub(crate) struct SheetReader<'a> {
    sheet: &'a str,
    file: &'a Location,
    header: Vec<String>,
}

impl<'a> SheetReader<'a> {
    /// The sheet `sheet` of `file`, with its header row read from `range`.
    pub(crate) fn new(sheet: &'a str, file: &'a Location, range: &Range<Data>) -> Self {
        let header = range
            .rows()
            .next()
            .map(|r| r.iter().map(cell_text).collect())
            .unwrap_or_default();
        Self {
            sheet,
            file,
            header,
        }
    }

    /// The column headed with the text of i18n `key` in `lang`.
    pub(crate) fn column(&self, lang: Lang, key: &str) -> Option<usize> {
        self.header.iter().position(|h| h == i18n::text(lang, key))
    }

    /// Where cell (`row`, `col`) is (0-based; shown 1-based with the column letter).
    pub(crate) fn at(&self, row: u32, col: Option<usize>) -> Location {
        Location {
            sheet: Some(self.sheet.to_owned()),
            row: Some(u64::from(row) + 1),
            column: col.map(col_letter),
            ..self.file.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<Option<String>> {
        parse_date(&Data::String(s.into())).map(|d| d.map(|d| d.to_string()))
    }

    /// A date as customers, inspectors and ledgers write it; anything more or less is not a
    /// date and is reported, never cut to fit.
    #[test]
    fn a_date_is_a_whole_date_and_nothing_else() {
        assert_eq!(text("2027-06-30"), Some(Some("2027-06-30".into())));
        assert_eq!(text(" 2027/6/3 "), Some(Some("2027-06-03".into())));
        assert_eq!(text("2027.6.3"), Some(Some("2027-06-03".into())));
        assert_eq!(text("2027年6月3日"), Some(Some("2027-06-03".into())));
        assert_eq!(text("２０２７／６／３"), Some(Some("2027-06-03".into())));
        assert_eq!(text("2027-06-30T10:30"), Some(Some("2027-06-30".into())));
        assert_eq!(text("2027-06-30 10:30:00"), Some(Some("2027-06-30".into())));
        // Text a spreadsheet wrote for a date with its midnight (one-digit hour).
        assert_eq!(text("2027/6/30 0:00:00"), Some(Some("2027-06-30".into())));
        // A month alone is its first day (a support end given as 2027年6月).
        assert_eq!(text("2027年6月"), Some(Some("2027-06-01".into())));
        assert_eq!(text("2027/6"), Some(Some("2027-06-01".into())));
        // Spaces around the parts, a weekday (Excel's yyyy/mm/dd(aaa)), digits, a serial.
        assert_eq!(text("2024年 4月 1日"), Some(Some("2024-04-01".into())));
        assert_eq!(text("2024 / 4 / 1"), Some(Some("2024-04-01".into())));
        assert_eq!(text("2024/04/02(火)"), Some(Some("2024-04-02".into())));
        assert_eq!(
            text("2024/04/02（火曜日） 10:00"),
            Some(Some("2024-04-02".into()))
        );
        assert_eq!(text("20240401"), Some(Some("2024-04-01".into())));
        assert_eq!(text("45383"), Some(Some("2024-04-01".into())));
        // Forms spreadsheets write into CSV files.
        for (typed, day) in [
            ("2024年4月1日 月曜日", "2024-04-01"),
            ("2024/4/1 12:00 PM", "2024-04-01"),
            ("2024/04/01 午前 10:30", "2024-04-01"),
            ("2024-04-01T10:30:00+09:00", "2024-04-01"),
            ("2024-04-01T01:30:00Z", "2024-04-01"),
            ("2024.4.1.", "2024-04-01"),
            ("2024−04−01", "2024-04-01"),
            ("2024‐04‐01", "2024-04-01"),
        ] {
            assert_eq!(text(typed), Some(Some(day.into())), "{typed}");
        }
        assert_eq!(
            parse_date(&Data::Int(20_240_401)).map(|d| d.map(|d| d.to_string())),
            Some(Some("2024-04-01".into()))
        );
        assert_eq!(text(""), Some(None), "empty is no date, not an error");
        for bad in [
            "2027-12-011",
            "2027-02-28T25:99",
            "2027-06-30 0:0",
            "2027-02-30",
            "27-06-30",
            "2027-06-30 x",
            "2027-06-30日日",
            "2027-06-30 0:00:00.x",
            "2024/4/1 9",
            "2024/4/1 1",
            "2027/1 2",
            "2024/04/02(火",
            "2024/04/02(火火)",
            "20241301",
            "2024",
            "1.5",
            "来年",
        ] {
            assert_eq!(text(bad), None, "{bad}");
        }
        // Numbers: a whole day between 1990 and 2100 (a cell that lost its date format).
        assert_eq!(
            parse_date(&Data::Float(45_000.0)).map(|d| d.map(|d| d.to_string())),
            Some(Some("2023-03-15".into()))
        );
        assert_eq!(parse_date(&Data::Float(1.5)), None);
        assert_eq!(parse_date(&Data::Int(5)), None);
    }

    #[test]
    fn japanese_era_dates_are_read() {
        // Era years start at 1 (元年): 令和5年 = 2019 + 5 − 1 = 2023; 平成31年 = 1989 + 30 = 2019.
        let d = |s: &str| parse_date_text(s).map(|d| d.to_string());
        assert_eq!(d("令和5年4月1日").as_deref(), Some("2023-04-01"));
        assert_eq!(d("令和元年5月").as_deref(), Some("2019-05-01"));
        assert_eq!(d("R5.4.1").as_deref(), Some("2023-04-01"));
        assert_eq!(d("Ｈ３１／４／３０").as_deref(), Some("2019-04-30"));
        assert_eq!(d("昭和64年1月7日").as_deref(), Some("1989-01-07"));
        assert_eq!(d("平成 2年 2月 29日"), None, "1990 is not a leap year");
        assert_eq!(d("平成 2年 2月 28日").as_deref(), Some("1990-02-28"));
        assert_eq!(d("令和0年1月1日"), None);
        // Within the era's days: 平成 began on 1989-01-08 and ended on 2019-04-30; 大正 ran
        // 15 years.
        assert_eq!(d("H1.1.7"), None, "that day was 昭和64年");
        assert_eq!(d("H1.1.8").as_deref(), Some("1989-01-08"));
        // Years past an era's end are read on: support ends announced before 2019.
        assert_eq!(d("平成32年1月14日").as_deref(), Some("2020-01-14"));
        assert_eq!(d("Ｈ３２．１．１４").as_deref(), Some("2020-01-14"));
        assert_eq!(d("H31.5").as_deref(), Some("2019-05-01"));
        assert_eq!(d("令和元年4月"), None, "令和 began in May");
        assert_eq!(d("昭和元年12月").as_deref(), Some("1926-12-01"));
        // The era ligatures, and an era date with a time of day.
        assert_eq!(d("㍻31年4月30日").as_deref(), Some("2019-04-30"));
        assert_eq!(d("㋿6年4月1日").as_deref(), Some("2024-04-01"));
        assert_eq!(d("R6.4.1 0:00").as_deref(), Some("2024-04-01"));
        assert_eq!(d("2024/3/31").as_deref(), Some("2024-03-31"));
    }
}
