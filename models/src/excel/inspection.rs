//! Reading completion-inspection results (完成検査) back from a returned workbook: the result
//! (OK / NG / N/A), evidence, inspector and date an inspector filled in on site, per check row,
//! so that the project keeps them and the next export carries them.
//!
//! As for the customer's answers, nothing is guessed: rows whose check no longer exists, rows
//! whose asset, check or expected value were edited, unreadable results and dates are reported
//! with sheet, row and column and left out.

use super::cells::{cell_text, parse_date, SheetReader};
use super::export::{inspection_rows, INSPECTION_LOCKED};
use crate::model::{InspectionOutcome, InspectionResult, Lang, Project};
use crate::risk::Analysis;
use crate::{Location, Problem};
use calamine::{Data, Range};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One check whose recorded result changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InspectionChange {
    /// Sheet.
    pub sheet: String,
    /// Excel row (1-based).
    pub row: u32,
    /// Row id of the check.
    pub row_id: String,
    /// The result recorded before, if any.
    pub before: Option<InspectionResult>,
    /// The result in the workbook.
    pub after: InspectionResult,
}

/// What the inspection sheet of a returned workbook holds.
#[derive(Debug, Clone, Default)]
pub struct InspectionRead {
    /// Checks whose result changes.
    pub changes: Vec<InspectionChange>,
    /// Rows left out, with where and why.
    pub problems: Vec<Problem>,
    /// Rows read whose result is unchanged.
    pub unchanged: usize,
}

/// Read the inspection sheet `range` (named `sheet`) of a workbook exported in `lang`.
pub fn read(
    project: &Project,
    analysis: &Analysis,
    lang: Lang,
    sheet: &str,
    range: &Range<Data>,
    file: &Location,
) -> InspectionRead {
    let expected = inspection_rows(project, analysis, lang);
    let existing: HashMap<&str, &InspectionResult> = project
        .inspection_results
        .iter()
        .map(|r| (r.row_id.as_str(), r))
        .collect();
    let sheet_reader = SheetReader::new(sheet, file, range);
    let at = |row: u32, col: Option<usize>| sheet_reader.at(row, col);
    let mut out = InspectionRead::default();
    let find = |key: &str| sheet_reader.column(lang, key);
    let (Some(rc), Some(ec), Some(ic), Some(dc)) = (
        find("xl.col.result"),
        find("xl.col.evidence"),
        find("xl.col.inspector"),
        find("xl.col.date"),
    ) else {
        out.problems.push(Problem {
            code: "inspection_columns_missing".into(),
            location: at(0, None),
            message: "the result, evidence, inspector or date column was removed".into(),
        });
        return out;
    };
    let mut seen = HashSet::new();
    for (r, row) in range.rows().enumerate().skip(1) {
        let r = r as u32;
        let get = |c: usize| row.get(c).cloned().unwrap_or(Data::Empty);
        let id = cell_text(&get(0)).trim().to_owned();
        if id.is_empty() {
            continue;
        }
        let Some(locked) = expected.get(&id) else {
            out.problems.push(Problem {
                code: "unknown_row".into(),
                location: at(r, Some(0)),
                message: format!(
                    "check {id} no longer exists in the project; its result is not applied"
                ),
            });
            continue;
        };
        if !seen.insert(id.clone()) {
            out.problems.push(Problem {
                code: "duplicate_row".into(),
                location: at(r, Some(0)),
                message: format!("check {id} appears twice"),
            });
            continue;
        }
        let columns = Columns {
            result: rc,
            evidence: ec,
            inspector: ic,
            date: dc,
        };
        let after = match read_result(&sheet_reader, &columns, r, row, &id, locked) {
            Ok(after) => after,
            Err(problem) => {
                out.problems.push(problem);
                continue;
            }
        };
        let before = existing.get(id.as_str()).map(|x| (*x).clone());
        let empty = after.outcome.is_none()
            && after.evidence.is_empty()
            && after.inspector.is_empty()
            && after.date.is_none();
        if before.as_ref() == Some(&after) || (before.is_none() && empty) {
            out.unchanged += 1;
        } else {
            out.changes.push(InspectionChange {
                sheet: sheet.to_owned(),
                row: r + 1,
                row_id: id,
                before,
                after,
            });
        }
    }
    out
}

/// The inspection sheet's columns filled in on site (0-based).
struct Columns {
    result: usize,
    evidence: usize,
    inspector: usize,
    date: usize,
}

/// The result row `r` (0-based) holds for check `id`, whose locked cells must still read as
/// exported (`locked`); a problem where it cannot be applied.
fn read_result(
    reader: &SheetReader<'_>,
    columns: &Columns,
    r: u32,
    row: &[Data],
    id: &str,
    locked: &[String],
) -> Result<InspectionResult, Problem> {
    let get = |c: usize| row.get(c).cloned().unwrap_or(Data::Empty);
    let problem = |code: &str, col: usize, message: String| Problem {
        code: code.into(),
        location: reader.at(r, Some(col)),
        message,
    };
    let now: Vec<String> = (1..=INSPECTION_LOCKED)
        .map(|c| cell_text(&get(c)))
        .collect();
    if let Some(c) = (0..INSPECTION_LOCKED).find(|&c| now[c] != locked[c]) {
        return Err(problem(
            "locked_cell_edited",
            c + 1,
            format!(
                "check {id}: {:?} was changed to {:?} (only the result, evidence, inspector and date are filled in on site); the row is not applied",
                locked[c], now[c]
            ),
        ));
    }
    let result_text = cell_text(&get(columns.result));
    let outcome = if result_text.trim().is_empty() {
        None
    } else if let Some(o) = InspectionOutcome::parse(&result_text) {
        Some(o)
    } else {
        return Err(problem(
            "bad_result",
            columns.result,
            format!("{result_text:?} is not one of OK / NG / N/A"),
        ));
    };
    let Some(date) = parse_date(&get(columns.date)) else {
        return Err(problem(
            "bad_date",
            columns.date,
            format!(
                "{:?} is not a date (YYYY-MM-DD)",
                cell_text(&get(columns.date))
            ),
        ));
    };
    Ok(InspectionResult {
        row_id: id.to_owned(),
        outcome,
        evidence: cell_text(&get(columns.evidence)),
        inspector: cell_text(&get(columns.inspector)),
        date,
    })
}

/// Apply read results to the project.
pub fn apply(project: &mut Project, changes: &[InspectionChange]) {
    for c in changes {
        super::responses::upsert(&mut project.inspection_results, &c.after, |r| &r.row_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_read_as_inspectors_write_them() {
        for (s, o) in [
            ("OK", Some(InspectionOutcome::Ok)),
            (" ok ", Some(InspectionOutcome::Ok)),
            ("ＮＧ", Some(InspectionOutcome::Ng)),
            ("n/a", Some(InspectionOutcome::NotApplicable)),
            ("Ｎ／Ａ", Some(InspectionOutcome::NotApplicable)),
            ("NA", Some(InspectionOutcome::NotApplicable)),
            ("済", None),
            ("OKK", None),
        ] {
            assert_eq!(InspectionOutcome::parse(s), o, "{s:?}");
        }
        for o in [
            InspectionOutcome::Ok,
            InspectionOutcome::Ng,
            InspectionOutcome::NotApplicable,
        ] {
            assert_eq!(InspectionOutcome::parse(o.label()), Some(o));
        }
    }
}
