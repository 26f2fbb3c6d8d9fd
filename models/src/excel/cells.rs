//! Cells of workbooks from outside (a customer's ledger, a returned workbook), read one way
//! for every reader: text as written or as seen, dates as people type them, and the header
//! row of a returned sheet with where its cells are.

use super::sheet::col_letter;
use crate::i18n;
use crate::model::{IsoDate, Lang};
use crate::validate::address::fold_width;
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
/// 1900-01-01).
pub fn parse_date(d: &Data) -> Option<Option<IsoDate>> {
    match d {
        Data::Empty => Some(None),
        Data::String(s) if s.trim().is_empty() => Some(None),
        Data::String(s) | Data::DateTimeIso(s) => parse_date_text(s).map(Some),
        Data::DateTime(dt) => super::date_of(dt).map(Some),
        Data::Float(f) if f.fract() == 0.0 && (32_874.0..=73_051.0).contains(f) => {
            IsoDate::from_excel_serial(*f).map(Some)
        }
        Data::Int(i) if (32_874..=73_051).contains(i) => {
            IsoDate::from_excel_serial(*i as f64).map(Some)
        }
        _ => None,
    }
}

/// Japanese eras as ledgers write them: name, initial, first year.
const ERAS: [(&str, char, i32); 5] = [
    ("令和", 'R', 2019),
    ("平成", 'H', 1989),
    ("昭和", 'S', 1926),
    ("大正", 'T', 1912),
    ("明治", 'M', 1868),
];

/// A date written as text, in full or half width: `2026-01-05`, `2026/1/5`, `2026.1.5`,
/// `2026年1月5日`, a month alone (`2026/4`, `2026年4月`: its first day), or in a Japanese era
/// (`令和8年1月5日`, `令和元年5月`, `R8.1.5`, `H31/4/30`); optionally followed by a time of
/// day (`T10:30`, ` 0:00:00`); nothing else (`2027-12-011` and `2027-06-30 x` are not dates).
pub fn parse_date_text(s: &str) -> Option<IsoDate> {
    let t = fold_width(s);
    let t = t.trim();
    let (date, time) = match t.find(['T', ' ']) {
        // An era date may hold spaces (平成 2年 2月 29日); it has no time of day.
        Some(i) if !starts_with_era(t) => (&t[..i], Some(t[i + 1..].trim())),
        _ => (t, None),
    };
    if time.is_some_and(|time| !is_time_of_day(time)) {
        return None;
    }
    if let Some(d) = parse_era_date(date) {
        return Some(d);
    }
    let date = match date.strip_suffix('日') {
        // 日 ends a day written with 年 and 月 (2027年6月3日), nothing else.
        Some(d) if d.contains('月') => d,
        Some(_) => return None,
        None => date,
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

fn starts_with_era(t: &str) -> bool {
    ERAS.iter().any(|(name, initial, _)| {
        t.starts_with(name)
            || t.strip_prefix(*initial)
                .or_else(|| t.strip_prefix(initial.to_ascii_lowercase()))
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || c == '元'))
    })
}

/// `10:30`, `0:00:00`, `23:59:59.5`: hours of one or two digits, minutes and seconds of two.
fn is_time_of_day(time: &str) -> bool {
    let parts: Vec<&str> = time.split(':').collect();
    let ok = |p: Option<&&str>, digits: std::ops::RangeInclusive<usize>, max: u32| {
        p.and_then(|v| v.split('.').next())
            .filter(|v| digits.contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<u32>().ok())
            .is_some_and(|v| v <= max)
    };
    (2..=3).contains(&parts.len())
        && ok(parts.first(), 1..=2, 23)
        && ok(parts.get(1), 2..=2, 59)
        && (parts.len() == 2 || ok(parts.get(2), 2..=2, 59))
}

/// A date in a Japanese era: 令和5年4月1日, 令和元年5月, R5.4.1, H31/4/30.
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
        [y, m, d] => (*y, *m, *d),
        [y, m] => (*y, *m, 1),
        _ => return None,
    };
    // Year 1 of an era is its first year; no era runs past 64 years.
    if !(1..=64).contains(&year) {
        return None;
    }
    IsoDate::from_ymd(
        first + year as i32 - 1,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
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
        assert_eq!(text(""), Some(None), "empty is no date, not an error");
        for bad in [
            "2027-12-011",
            "2027-02-28T25:99",
            "2027-06-30 0:0",
            "2027-02-30",
            "27-06-30",
            "2027-06-30 x",
            "2027-06-30日日",
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
        assert_eq!(d("2024/3/31").as_deref(), Some("2024-03-31"));
    }
}
