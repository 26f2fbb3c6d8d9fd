//! Reading risk treatment decisions (リスク対応) back from the register sheet: its treatment,
//! justification, risk owner and due-date columns are the customer's to fill in (the rest of
//! the row stays locked in its hash). A row whose four columns differ from the project's
//! decision becomes the decision, with the usual diff before it is applied.
//!
//! Nothing is guessed: a treatment that is none of 低減 / 受容 / 移転 / 回避 / 未決 (or their
//! English names), a due date that is not a date, and an acceptance, transfer or avoidance
//! without its justification are reported with sheet, row and column and not applied. Rows the
//! generic reader refused (unknown ids, duplicates, edited locked cells) are left out here too.

use super::cells::{cell_text, parse_date, SheetReader};
use crate::model::{Lang, Project, RiskDecision, Treatment};
use crate::{i18n, Location, Problem};
use calamine::{Data, Range};
use serde::Serialize;

/// A treatment decision the returned workbook changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreatmentChange {
    /// Sheet.
    pub sheet: String,
    /// Excel row (1-based).
    pub row: u32,
    /// Risk row id (`T01@<asset>`).
    pub row_id: String,
    /// The decision recorded before, if any.
    pub before: Option<RiskDecision>,
    /// The decision in the workbook.
    pub after: RiskDecision,
}

/// What the register sheet of a returned workbook holds in its treatment columns.
#[derive(Debug, Clone, Default)]
pub struct TreatmentRead {
    /// Decisions that change.
    pub changes: Vec<TreatmentChange>,
    /// Rows left out, with where and why.
    pub problems: Vec<Problem>,
}

/// The treatments, each with its i18n key (`xl.treatment.<key>`); `None` is 未決.
const TREATMENTS: [(&str, Option<Treatment>); 5] = [
    ("reduce", Some(Treatment::Reduce)),
    ("accept", Some(Treatment::Accept)),
    ("transfer", Some(Treatment::Transfer)),
    ("avoid", Some(Treatment::Avoid)),
    ("undecided", None),
];

/// A treatment as written in either language (or as its key); `Some(None)` is 未決 (an empty
/// cell too), `None` is text that is no treatment.
pub fn parse_treatment(text: &str) -> Option<Option<Treatment>> {
    let t = text.trim();
    if t.is_empty() {
        return Some(None);
    }
    TREATMENTS.iter().find_map(|(key, v)| {
        let key_text = format!("xl.treatment.{key}");
        let names = [
            i18n::text(Lang::Ja, &key_text),
            i18n::text(Lang::En, &key_text),
            key,
        ];
        names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(t))
            .then_some(*v)
    })
}

/// The labels of the treatment column's drop-down, in `lang`.
pub fn choices(lang: Lang) -> Vec<String> {
    TREATMENTS
        .iter()
        .map(|(key, _)| i18n::text(lang, &format!("xl.treatment.{key}")).to_owned())
        .collect()
}

/// Read the register sheet `range` (named `sheet`) of a workbook exported in `lang`, leaving
/// out the rows in `refused`.
pub fn read(
    project: &Project,
    lang: Lang,
    sheet: &str,
    range: &Range<Data>,
    file: &Location,
    refused: &std::collections::HashSet<String>,
) -> TreatmentRead {
    let reader = SheetReader::new(sheet, file, range);
    let mut out = TreatmentRead::default();
    let find = |key: &str| reader.column(lang, key);
    let (Some(treatment), Some(justification), Some(owner), Some(due)) = (
        find("xl.col.treatment"),
        find("xl.col.justification"),
        find("xl.col.risk_owner"),
        find("xl.col.due"),
    ) else {
        return out;
    };
    let rows = Rows {
        reader: &reader,
        lang,
        columns: Columns {
            treatment,
            justification,
            owner,
            due,
        },
    };
    let known: std::collections::HashMap<&str, &RiskDecision> = project
        .risk_decisions
        .iter()
        .map(|d| (d.risk_id.as_str(), d))
        .collect();
    for (r, row) in range.rows().enumerate().skip(1) {
        let id = cell_text(row.first().unwrap_or(&Data::Empty))
            .trim()
            .to_owned();
        if id.is_empty() || refused.contains(&id) || !id.contains('@') {
            continue;
        }
        let before = known.get(id.as_str()).map(|d| (*d).clone());
        match rows.decision(r as u32, row, &id, before.as_ref()) {
            Ok(Some(after)) => out.changes.push(TreatmentChange {
                sheet: sheet.to_owned(),
                row: r as u32 + 1,
                row_id: id,
                before,
                after,
            }),
            Ok(None) => {}
            Err(problem) => out.problems.push(problem),
        }
    }
    out
}

/// The register's columns the customer fills in (0-based).
struct Columns {
    treatment: usize,
    justification: usize,
    owner: usize,
    due: usize,
}

/// How the register's rows are read.
struct Rows<'r> {
    reader: &'r SheetReader<'r>,
    lang: Lang,
    columns: Columns,
}

impl Rows<'_> {
    /// The decision row `r` (0-based) holds for risk row `id`: `None` when it is the one
    /// recorded (`before`), a problem where it cannot be applied.
    fn decision(
        &self,
        r: u32,
        row: &[Data],
        id: &str,
        before: Option<&RiskDecision>,
    ) -> Result<Option<RiskDecision>, Problem> {
        let Columns {
            treatment: tc,
            justification: jc,
            owner: oc,
            due: dc,
        } = self.columns;
        let lang = self.lang;
        let at = |col: usize| self.reader.at(r, Some(col));
        let get = |c: usize| row.get(c).cloned().unwrap_or(Data::Empty);
        let problem = |code: &str, col: usize, message: String| Problem {
            code: code.into(),
            location: at(col),
            message,
        };
        let treatment_text = cell_text(&get(tc));
        let Some(treatment) = parse_treatment(&treatment_text) else {
            return Err(problem(
                "bad_treatment",
                tc,
                format!(
                    "{treatment_text:?} is not one of {}; the row is not applied",
                    choices(lang).join(" / ")
                ),
            ));
        };
        let Some(due) = parse_date(&get(dc)) else {
            return Err(problem(
                "bad_date",
                dc,
                format!(
                    "{:?} is not a date (YYYY-MM-DD); the row is not applied",
                    cell_text(&get(dc))
                ),
            ));
        };
        // Each text as the workbook shows it: compared with the recorded text as it was
        // exported (cut to a cell, spaces trimmed), an unchanged cell keeps the recorded text
        // whole; an edited cut cell cannot say what the full text should be.
        let mut cut_edited = None;
        let mut read_text = |col: usize, recorded: Option<&str>| -> String {
            let cell = cell_text(&get(col)).trim().to_owned();
            let recorded = recorded.unwrap_or_default();
            if cell == crate::excel::sheet::fit(recorded, lang).trim() {
                return recorded.to_owned();
            }
            if crate::excel::sheet::is_cut(&cell) {
                cut_edited = Some(col);
            }
            cell
        };
        let justification = read_text(jc, before.map(|b| b.justification.as_str()));
        let owner = read_text(oc, before.map(|b| b.owner.as_str()));
        if let Some(col) = cut_edited {
            return Err(problem(
                "cut_text_edited",
                col,
                "this text was too long for a cell and was cut when exported; edit it in the app (the row is not applied)".into(),
            ));
        }
        let unchanged = match before {
            Some(b) => {
                b.treatment == treatment
                    && b.justification == justification
                    && b.owner == owner
                    && b.due == due
            }
            None => {
                treatment.is_none() && justification.is_empty() && owner.is_empty() && due.is_none()
            }
        };
        if unchanged {
            return Ok(None);
        }
        // Accepting, transferring or avoiding a risk is a decision someone signs: it says why.
        if matches!(
            treatment,
            Some(Treatment::Accept | Treatment::Transfer | Treatment::Avoid)
        ) && justification.is_empty()
        {
            return Err(problem(
                "justification_missing",
                jc,
                "accepting, transferring or avoiding a risk needs its justification in this column; the row is not applied".into(),
            ));
        }
        Ok(Some(RiskDecision {
            risk_id: id.to_owned(),
            treatment,
            justification,
            owner,
            // When it was decided is the analyst's record (the reading is not dated).
            date: before.and_then(|b| b.date.clone()),
            due,
            relies_on: before.map(|b| b.relies_on.clone()).unwrap_or_default(),
        }))
    }
}

/// Apply read decisions: each replaces the project's decision on that risk row where it
/// stands, or is added after the others (nothing else moves, so an unchanged workbook leaves
/// the project exactly as it was).
pub fn apply(project: &mut Project, changes: &[TreatmentChange]) {
    for c in changes {
        match project
            .risk_decisions
            .iter_mut()
            .find(|d| d.risk_id == c.row_id)
        {
            Some(d) => *d = c.after.clone(),
            None => project.risk_decisions.push(c.after.clone()),
        }
    }
}
