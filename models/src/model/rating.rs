//! Ordinal scales and small value types shared by the steps.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A three-level ordinal (重要度, 脅威レベル, 脆弱性レベル, 対策レベル): 1 低 / 2 中 / 3 高.
///
/// Serialized as the integer 1, 2 or 3 so that JSON stays readable and diffable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "1 | 2 | 3"))]
pub enum Level {
    /// 1 低 / low
    Low = 1,
    /// 2 中 / medium
    Medium = 2,
    /// 3 高 / high
    High = 3,
}

impl Level {
    /// All levels, low to high.
    pub const ALL: [Level; 3] = [Level::Low, Level::Medium, Level::High];
    /// The integer value 1..=3.
    pub fn value(self) -> u8 {
        self as u8
    }
    /// From 1..=3.
    pub fn from_value(v: u8) -> Option<Self> {
        match v {
            1 => Some(Self::Low),
            2 => Some(Self::Medium),
            3 => Some(Self::High),
            _ => None,
        }
    }
    /// From a signed value, clamped into 1..=3.
    pub fn clamped(v: i32) -> Self {
        match v {
            i32::MIN..=1 => Self::Low,
            2 => Self::Medium,
            _ => Self::High,
        }
    }
    /// 4 − level: the IPA vulnerability level for a countermeasure level (and back).
    pub fn inverse(self) -> Self {
        Self::clamped(4 - i32::from(self.value()))
    }
    /// Label 高/中/低 (high/medium/low).
    pub fn label(self, lang: super::Lang) -> &'static str {
        crate::i18n::text(
            lang,
            match self {
                Self::Low => "level.1",
                Self::Medium => "level.2",
                Self::High => "level.3",
            },
        )
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value())
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.value())
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(d)?;
        u8::try_from(v)
            .ok()
            .and_then(Level::from_value)
            .ok_or_else(|| serde::de::Error::custom(format!("level must be 1, 2 or 3, found {v}")))
    }
}

/// The criteria by which a business's importance is judged (step 1-3) and a threat's impact
/// is rated (step 1-7): the factory values S, Q, D, C plus environment and information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// 安全 — human safety and health.
    Safety,
    /// 環境 — environmental release.
    Environment,
    /// 品質 — product quality.
    Quality,
    /// 納期 — delivery / production continuity.
    Delivery,
    /// コスト — financial loss.
    Cost,
    /// 情報 — confidentiality of information.
    Information,
}

impl Criterion {
    /// All criteria in display order.
    pub const ALL: [Criterion; 6] = [
        Self::Safety,
        Self::Environment,
        Self::Quality,
        Self::Delivery,
        Self::Cost,
        Self::Information,
    ];
    /// Wire name, also the catalogue id suffix.
    pub fn key(self) -> &'static str {
        match self {
            Self::Safety => "safety",
            Self::Environment => "environment",
            Self::Quality => "quality",
            Self::Delivery => "delivery",
            Self::Cost => "cost",
            Self::Information => "information",
        }
    }
    /// Label (安全, 品質, …), from the text table (`criterion.<key>`).
    pub fn label(self, lang: super::Lang) -> &'static str {
        crate::i18n::text(
            lang,
            match self {
                Self::Safety => "criterion.safety",
                Self::Environment => "criterion.environment",
                Self::Quality => "criterion.quality",
                Self::Delivery => "criterion.delivery",
                Self::Cost => "criterion.cost",
                Self::Information => "criterion.information",
            },
        )
    }
}

/// A level per criterion (業務の重要度 per criterion, or a threat's impact per criterion).
/// Unrated criteria are absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct CriterionScores {
    /// 安全.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub safety: Option<Level>,
    /// 環境.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub environment: Option<Level>,
    /// 品質.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub quality: Option<Level>,
    /// 納期.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub delivery: Option<Level>,
    /// コスト.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cost: Option<Level>,
    /// 情報.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub information: Option<Level>,
}

impl CriterionScores {
    /// The level for one criterion.
    pub fn get(&self, c: Criterion) -> Option<Level> {
        match c {
            Criterion::Safety => self.safety,
            Criterion::Environment => self.environment,
            Criterion::Quality => self.quality,
            Criterion::Delivery => self.delivery,
            Criterion::Cost => self.cost,
            Criterion::Information => self.information,
        }
    }
    /// Set (or clear) the level for one criterion.
    pub fn set(&mut self, c: Criterion, level: Option<Level>) {
        let slot = match c {
            Criterion::Safety => &mut self.safety,
            Criterion::Environment => &mut self.environment,
            Criterion::Quality => &mut self.quality,
            Criterion::Delivery => &mut self.delivery,
            Criterion::Cost => &mut self.cost,
            Criterion::Information => &mut self.information,
        };
        *slot = level;
    }
    /// Rated criteria in display order.
    pub fn iter(&self) -> impl Iterator<Item = (Criterion, Level)> + '_ {
        Criterion::ALL
            .into_iter()
            .filter_map(|c| self.get(c).map(|l| (c, l)))
    }
    /// The highest level and the first criterion (display order) that has it.
    pub fn max(&self) -> Option<(Level, Criterion)> {
        let mut best: Option<(Level, Criterion)> = None;
        for (c, l) in self.iter() {
            if best.is_none_or(|(b, _)| l > b) {
                best = Some((l, c));
            }
        }
        best
    }
    /// True when nothing is rated.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

impl FromIterator<(Criterion, Level)> for CriterionScores {
    fn from_iter<I: IntoIterator<Item = (Criterion, Level)>>(iter: I) -> Self {
        let mut s = Self::default();
        for (c, l) in iter {
            s.set(c, Some(l));
        }
        s
    }
}

/// A security level vector over the seven foundational requirements FR1…FR7 (IEC 62443-3-3).
///
/// Serialized as a single integer when all seven are equal (the usual shorthand), otherwise
/// as an array of seven integers 0..=4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "number | number[]"))]
pub struct SlVector(pub [u8; 7]);

impl SlVector {
    /// The same level for every FR.
    pub fn uniform(level: u8) -> Self {
        Self([level; 7])
    }
    /// The highest level over the FRs.
    pub fn max(&self) -> u8 {
        self.0.iter().copied().max().unwrap_or(0)
    }
    /// Per-FR shortfall of `achieved` against this target (0 where met).
    pub fn gap(&self, achieved: &SlVector) -> [u8; 7] {
        let mut g = [0u8; 7];
        for (i, slot) in g.iter_mut().enumerate() {
            *slot = self.0[i].saturating_sub(achieved.0[i]);
        }
        g
    }
    /// "3" or "FR1 2, FR2 2, …".
    pub fn describe(&self) -> String {
        if self.0.iter().all(|v| *v == self.0[0]) {
            self.0[0].to_string()
        } else {
            self.0
                .iter()
                .enumerate()
                .map(|(i, v)| format!("FR{} {v}", i + 1))
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

impl Serialize for SlVector {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.iter().all(|v| *v == self.0[0]) {
            s.serialize_u8(self.0[0])
        } else {
            self.0.serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for SlVector {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(i64),
            Seven(Vec<i64>),
        }
        let check = |v: i64| -> Result<u8, D::Error> {
            u8::try_from(v).ok().filter(|v| *v <= 4).ok_or_else(|| {
                serde::de::Error::custom(format!("security level must be 0..=4, found {v}"))
            })
        };
        match Raw::deserialize(d)? {
            Raw::One(v) => Ok(Self::uniform(check(v)?)),
            Raw::Seven(vs) => {
                if vs.len() != 7 {
                    return Err(serde::de::Error::custom(format!(
                        "security level vector needs 7 values (FR1…FR7), found {}",
                        vs.len()
                    )));
                }
                let mut out = [0u8; 7];
                for (slot, v) in out.iter_mut().zip(vs) {
                    *slot = check(v)?;
                }
                Ok(Self(out))
            }
        }
    }
}

/// A calendar date `YYYY-MM-DD`, validated on input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct IsoDate(time::Date);

const DATE_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// The years a date may have: what Excel can show (its serial days start in 1900) and what
/// every file format here writes as four digits. A date outside is refused on every way in,
/// so that everything saved reopens.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

impl IsoDate {
    /// Parse `YYYY-MM-DD` (four-digit year in [`DATE_YEARS`]).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        // `time` also takes signed and five-digit years; the files here never hold them.
        if s.len() != 10 || !s.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        time::Date::parse(s, DATE_FORMAT)
            .ok()
            .filter(|d| DATE_YEARS.contains(&d.year()))
            .map(Self)
    }
    /// From year (in [`DATE_YEARS`]), month (1–12) and day.
    pub fn from_ymd(y: i32, m: u8, d: u8) -> Option<Self> {
        if !DATE_YEARS.contains(&y) {
            return None;
        }
        let month = time::Month::try_from(m).ok()?;
        time::Date::from_calendar_date(y, month, d).ok().map(Self)
    }
    /// From an Excel 1900-system serial day number (1 = 1900-01-01, with Excel's 1900 leap bug).
    pub fn from_excel_serial(serial: f64) -> Option<Self> {
        if !(1.0..2_958_466.0).contains(&serial) {
            return None;
        }
        let days = serial.floor() as i64;
        // Excel counts a non-existent 1900-02-29 (serial 60); serials after it are one day ahead.
        let offset = if days > 60 { days - 2 } else { days - 1 };
        let base = time::Date::from_calendar_date(1900, time::Month::January, 1).ok()?;
        base.checked_add(time::Duration::days(offset)).map(Self)
    }
    /// Year, month, day.
    pub fn ymd(&self) -> (i32, u8, u8) {
        (self.0.year(), self.0.month() as u8, self.0.day())
    }
    /// The same day `months` later, clamped to the month's last day (2026-01-31 + 1 month =
    /// 2026-02-28); saturates at the calendar's end.
    pub fn plus_months(&self, months: u32) -> Self {
        let (y, m, d) = self.ymd();
        let total = i64::from(y) * 12 + i64::from(m - 1) + i64::from(months);
        let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) as u8 + 1);
        let Ok(ny) = i32::try_from(ny) else {
            return self.clone();
        };
        let Ok(month) = time::Month::try_from(nm) else {
            return self.clone();
        };
        if !DATE_YEARS.contains(&ny) {
            return Self(
                time::Date::from_calendar_date(*DATE_YEARS.end(), time::Month::December, 31)
                    .unwrap_or(self.0),
            );
        }
        let last = time::util::days_in_month(month, ny);
        time::Date::from_calendar_date(ny, month, d.min(last))
            .map(Self)
            .unwrap_or_else(|_| self.clone())
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        IsoDate::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("date must be YYYY-MM-DD, found {s:?}"))
        })
    }
}

/// A point on the zone diagram (diagram units), saved with the object it places.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_four_digit_years_from_1900_are_refused() {
        // "-0005-01-01" was accepted from JSON and then refused by the project file.
        for bad in [
            "-0005-01-01",
            "+2026-01-01",
            "10000-01-01",
            "1899-12-31",
            "0000-01-01",
        ] {
            assert_eq!(IsoDate::parse(bad), None, "{bad}");
            let json = format!("{bad:?}");
            assert!(serde_json::from_str::<IsoDate>(&json).is_err(), "{bad}");
        }
        assert_eq!(IsoDate::from_ymd(-5, 1, 1), None);
        assert_eq!(
            IsoDate::parse("1900-01-01").unwrap().to_string(),
            "1900-01-01"
        );
        assert_eq!(
            IsoDate::parse(" 9999-12-31 ").unwrap().to_string(),
            "9999-12-31"
        );
        // Adding months past the last year stops at the calendar's end instead of leaving it.
        let end = IsoDate::parse("9999-06-30").unwrap().plus_months(600);
        assert_eq!(end.to_string(), "9999-12-31");
    }

    #[test]
    fn level_serializes_as_integer_and_rejects_out_of_range() {
        assert_eq!(serde_json::to_string(&Level::High).unwrap(), "3");
        assert_eq!(serde_json::from_str::<Level>("2").unwrap(), Level::Medium);
        let e = serde_json::from_str::<Level>("5").unwrap_err().to_string();
        assert!(e.contains("level must be 1, 2 or 3, found 5"), "{e}");
        assert_eq!(Level::High.inverse(), Level::Low);
        assert_eq!(Level::Medium.inverse(), Level::Medium);
    }

    #[test]
    fn sl_vector_uses_shorthand_when_uniform() {
        assert_eq!(serde_json::to_string(&SlVector::uniform(3)).unwrap(), "3");
        let v = SlVector([2, 2, 3, 1, 3, 2, 3]);
        let s = serde_json::to_string(&v).unwrap();
        assert_eq!(s, "[2,2,3,1,3,2,3]");
        assert_eq!(serde_json::from_str::<SlVector>(&s).unwrap(), v);
        assert!(serde_json::from_str::<SlVector>("[1,2]").is_err());
        assert!(serde_json::from_str::<SlVector>("7").is_err());
        assert_eq!(SlVector::uniform(3).gap(&v), [1, 1, 0, 2, 0, 1, 0]);
    }

    #[test]
    fn dates_parse_and_excel_serials_convert() {
        assert_eq!(
            IsoDate::parse("2024-04-04").unwrap().to_string(),
            "2024-04-04"
        );
        assert!(IsoDate::parse("2024-02-30").is_none());
        assert_eq!(
            IsoDate::from_excel_serial(45386.0).unwrap().to_string(),
            "2024-04-04"
        );
        assert_eq!(
            IsoDate::from_excel_serial(1.0).unwrap().to_string(),
            "1900-01-01"
        );
        assert_eq!(
            IsoDate::from_excel_serial(61.0).unwrap().to_string(),
            "1900-03-01"
        );
        assert!(IsoDate::from_excel_serial(-3.0).is_none());
    }
}
