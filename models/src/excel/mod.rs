//! Excel I/O: the evidence workbook for the SI certification's ②構築 items and customer
//! agreement (export), reading the customer's answers back (responses), and importing a
//! customer's asset ledger (import).

pub mod applicability;
pub mod cells;
pub mod export;
pub mod inspection;
pub mod intake;
pub mod ledger;
pub mod print;
pub mod responses;
pub mod sheet;
pub mod sheet_xml;
pub mod treatment;

/// Name of the hidden sheet that identifies an exported workbook.
pub const META_SHEET: &str = "_otzone";

/// Text-table keys of the customer columns' headers: agreement, comment, date.
pub const CUSTOMER_HEADERS: [&str; 3] = [
    "xl.customer.agreement",
    "xl.customer.comment",
    "xl.customer.answer_date",
];

/// The text for `key` in both languages (ja, en): what a returned workbook may hold.
pub fn in_both(key: &str) -> [&'static str; 2] {
    [
        crate::i18n::text(crate::model::Lang::Ja, key),
        crate::i18n::text(crate::model::Lang::En, key),
    ]
}

/// A read cell as text: integral numbers without `.0`, date cells as `YYYY-MM-DD`, strings
/// exactly as stored.
pub fn data_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => sheet::Cell::Num(*f).text(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            date_of(dt).map_or_else(|| dt.as_f64().to_string(), |d| d.to_string())
        }
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

/// The calendar day of a spreadsheet date cell, in the workbook's date system (a workbook
/// saved with the 1904 system counts days from 1904-01-01: its serial 43000 is 2021-09-23,
/// not 2017-09-22).
pub fn date_of(dt: &calamine::ExcelDateTime) -> Option<crate::model::IsoDate> {
    if !(0.0..2_958_466.0).contains(&dt.as_f64()) {
        return None;
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    crate::model::IsoDate::from_ymd(i32::from(y), m, d)
}

/// Header of the hidden column holding the hash of a row's locked cells.
pub const HASH_HEADER: &str = "_row_hash";

/// The agreements offered in the drop-down, in order, with their text-table keys.
pub const AGREEMENT_CHOICES: [(crate::model::Agreement, &str); 3] = [
    (crate::model::Agreement::Agreed, "xl.agreement.agreed"),
    (crate::model::Agreement::Discuss, "xl.agreement.discuss"),
    (crate::model::Agreement::Disagreed, "xl.agreement.disagreed"),
];
