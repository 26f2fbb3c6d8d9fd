//! The subcommands, one module each: its arguments (`Args`) and `run`.

pub mod analyze;
pub mod bench;
pub mod check;
pub mod convert;
pub mod diff;
pub mod export;
pub mod generate;
pub mod import_assets;
pub mod import_responses;
pub mod revise;
pub mod what_if;

use anyhow::Context;
use otzone_models::generate::Size;
use otzone_models::model::IsoDate;

/// A synthetic factory's size as given on the command line (S, M, L or XL).
fn size(size: &str) -> anyhow::Result<Size> {
    Size::parse(size).with_context(|| format!("unknown size {size:?}: use S, M, L or XL"))
}

/// The date given on the command line, or today.
fn date_or_today(date: Option<String>) -> anyhow::Result<IsoDate> {
    match date {
        Some(d) => IsoDate::parse(&d).with_context(|| format!("--date {d:?} is not YYYY-MM-DD")),
        None => {
            let now = time::OffsetDateTime::now_utc().date();
            IsoDate::from_ymd(now.year(), now.month() as u8, now.day()).context("today's date")
        }
    }
}
