//! Reading a returned workbook: the customer's agreement (合意 / 要協議 / 不同意), comment and
//! date per row, matched by the row's stable id.
//!
//! Nothing is guessed: a workbook of another project is refused; rows whose id no longer
//! exists, rows whose locked cells were edited (their hash no longer matches), duplicated ids
//! and unreadable answers are reported with sheet, row and column and left out; every other
//! change is listed before it is applied, and applying is one step on the project (saved
//! atomically by the caller).

use super::cells::{cell_text, parse_date};
use super::intake;
use super::sheet::{col_letter, row_hash};
use super::{AGREEMENT_CHOICES, CUSTOMER_HEADERS, HASH_HEADER, META_SHEET};
use crate::model::{Agreement, CustomerResponse, Lang, Project};
use crate::risk::Analysis;
use crate::{i18n, Error, Location, Problem, Result};
use calamine::{Data, Range, Reader};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One row whose answer changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResponseChange {
    /// Sheet.
    pub sheet: String,
    /// Excel row (1-based).
    pub row: u32,
    /// Row id.
    pub row_id: String,
    /// The answer recorded before, if any.
    pub before: Option<CustomerResponse>,
    /// The answer in the workbook.
    pub after: CustomerResponse,
}

/// What a returned workbook holds.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResponseReport {
    /// Rows whose answer differs from the project's.
    pub changes: Vec<ResponseChange>,
    /// Rows left out, with where and why.
    pub problems: Vec<Problem>,
    /// Rows read whose answer is unchanged.
    pub unchanged: usize,
    /// Set when the workbook was made from another state of the model than the project's
    /// current one: the customer answered about that state. Answers still apply by row id;
    /// this is for the user to see, not a reason to refuse. (Workbooks written before the
    /// baseline existed carry none and are not compared.)
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub model_changed: Option<ModelChanged>,
    /// Completion-inspection results filled in on site that change (see
    /// [`super::inspection`]); their problems are in `problems`, unchanged rows in `unchanged`.
    pub inspections: Vec<super::inspection::InspectionChange>,
    /// Threat decisions per asset the customer changed on 脅威の適用判断 (see
    /// [`super::applicability`]); their problems are in `problems`.
    pub applicability: Vec<super::applicability::ApplicabilityChange>,
    /// Risk treatment decisions (リスク対応) the customer changed on the register (see
    /// [`super::treatment`]); their problems are in `problems`.
    pub treatments: Vec<super::treatment::TreatmentChange>,
}

/// The model state a returned workbook was made from, beside the project's current one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModelChanged {
    /// Baseline hash written into the workbook.
    pub workbook_baseline: String,
    /// Version label written into the workbook.
    pub workbook_version: String,
    /// The project's baseline now.
    pub project_baseline: String,
}

fn parse_agreement(s: &str) -> Option<Option<Agreement>> {
    let t = s.trim();
    if t.is_empty() {
        return Some(None);
    }
    for (a, key) in AGREEMENT_CHOICES {
        let [ja, en] = super::in_both(key);
        if t == ja || t.eq_ignore_ascii_case(en) {
            return Some(Some(a));
        }
    }
    None
}

fn meta(range: &Range<Data>) -> HashMap<String, String> {
    range
        .rows()
        .filter_map(|r| Some((cell_text(r.first()?), cell_text(r.get(1)?))))
        .collect()
}

/// Read the answers in a returned workbook for `project`, against its analysis now (the
/// rows the customer answered are the register's): what the command line and the app both
/// call before showing or applying the answers.
///
/// # Errors
/// As [`read`].
pub fn preview(project: &Project, path: &Path) -> Result<ResponseReport> {
    let analysis = crate::risk::analyse(project, crate::catalogue::Catalogue::builtin());
    read(project, &analysis, path)
}

/// Read the answers in a returned workbook for `project`.
///
/// # Errors
/// [`Error::InvalidWorkbook`] when the file is not a readable workbook, is not an OT Zone
/// Studio export, or belongs to another project.
pub fn read(project: &Project, analysis: &Analysis, path: &Path) -> Result<ResponseReport> {
    let mut book = ReturnedBook::open(path)?;
    let meta_range = book
        .sheet(META_SHEET)?
        .ok_or_else(|| Error::InvalidWorkbook {
            location: Location::file(path),
            detail: "not an OT Zone Studio workbook (its hidden `_otzone` sheet is missing)".into(),
        })?;
    let (lang, model_changed) = identify(project, &meta(&meta_range), path)?;
    let mut report = ResponseReport {
        changes: Vec::new(),
        problems: Vec::new(),
        unchanged: 0,
        model_changed,
        inspections: Vec::new(),
        applicability: Vec::new(),
        treatments: Vec::new(),
    };
    let (refused, kept) = read_answers(project, analysis, lang, &mut book, &mut report)?;
    merge_answers_to_one_row(lang, path, &mut report, &kept);
    read_decisions(project, analysis, lang, &mut book, &refused, &mut report)?;
    Ok(report)
}

/// A returned workbook, its sheets read within the limits for files from outside.
struct ReturnedBook<'p> {
    path: &'p Path,
    deadline: intake::Deadline,
    budget: intake::Budget,
    names: Vec<String>,
    wb: calamine::Sheets<std::io::BufReader<std::fs::File>>,
}

impl<'p> ReturnedBook<'p> {
    fn open(path: &'p Path) -> Result<Self> {
        let deadline = intake::Deadline::start();
        intake::admit(path, deadline)?;
        let budget = intake::Budget::for_file(path)?;
        let wb = intake::open(path)?;
        Ok(Self {
            path,
            deadline,
            budget,
            names: wb.sheet_names(),
            wb,
        })
    }

    fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// A sheet as a rectangle; None when the workbook lacks it.
    fn sheet(&mut self, name: &str) -> Result<Option<Range<Data>>> {
        if !self.has(name) {
            return Ok(None);
        }
        let cells = intake::read_sheet(&mut self.wb, name, self.path, self.deadline, &self.budget)?;
        cells.range(self.path, name).map(Some)
    }

    fn location(&self) -> Location {
        Location::file(self.path)
    }
}

/// The workbook's project (it must be this one), its language, and whether the model it was
/// made from differs from the project's now.
fn identify(
    project: &Project,
    meta: &HashMap<String, String>,
    path: &Path,
) -> Result<(Lang, Option<ModelChanged>)> {
    let id = meta.get("project_id").cloned().unwrap_or_default();
    if id != project.id.to_string() {
        return Err(Error::InvalidWorkbook {
            location: Location {
                sheet: Some(META_SHEET.into()),
                ..Location::file(path)
            },
            detail: format!(
                "the workbook belongs to another project ({:?}, id {id}); this project is {:?} ({})",
                meta.get("project_name").cloned().unwrap_or_default(),
                project.meta.name,
                project.id
            ),
        });
    }
    let lang = if meta.get("language").map(String::as_str) == Some("en") {
        Lang::En
    } else {
        Lang::Ja
    };
    let project_baseline = crate::revision::baseline_hash(project);
    let model_changed = meta
        .get("baseline")
        .filter(|b| **b != project_baseline)
        .map(|b| ModelChanged {
            workbook_baseline: b.clone(),
            workbook_version: meta.get("version").cloned().unwrap_or_default(),
            project_baseline,
        });
    Ok((lang, model_changed))
}

/// An agreement the workbook repeats unchanged: where, and what it is.
type KeptAnswer = (String, u32, crate::model::Agreement);

/// The recorded agreements the workbook repeats unchanged, by row id.
type KeptAnswers = HashMap<String, Vec<KeptAnswer>>;

/// The customer's agreement, comment and date on every sheet that has them. The ids of the
/// rows refused (unknown, duplicated, locked cells edited), and the agreements left as they
/// were recorded, by row id.
fn read_answers(
    project: &Project,
    analysis: &Analysis,
    lang: Lang,
    book: &mut ReturnedBook<'_>,
    report: &mut ResponseReport,
) -> Result<(HashSet<String>, KeptAnswers)> {
    let known = super::export::customer_sheets(project, analysis, lang);
    let mut read = AnswersRead {
        existing: project
            .customer_responses
            .iter()
            .map(|r| (r.row_id.as_str(), r))
            .collect(),
        seen_ids: HashSet::new(),
        refused: HashSet::new(),
        kept: HashMap::new(),
    };
    // The sheets the customer answers on are the ones this project's export makes, never what
    // the workbook's own (editable) hidden sheet says: marking a sheet as "plain" there turned
    // off its row-id and locked-cell checks.
    let mut sheets: Vec<String> = known.keys().cloned().collect();
    // Keep the workbook's sheet order so that the report reads top to bottom.
    sheets.sort_by_key(|s| book.names.iter().position(|o| o == s));
    for name in &sheets {
        let file = book.location();
        let whole_sheet = Location {
            sheet: Some(name.clone()),
            row: Some(1),
            ..file.clone()
        };
        let Some(range) = book.sheet(name)? else {
            report.problems.push(Problem {
                code: "sheet_missing".into(),
                location: whole_sheet,
                message: format!("sheet {name:?} is missing"),
            });
            continue;
        };
        let Some(cols) = AnswerColumns::find(&range) else {
            report.problems.push(Problem {
                code: "customer_columns_missing".into(),
                location: whole_sheet,
                message: "the agreement, comment, date or hash column was removed".into(),
            });
            continue;
        };
        let sheet = AnswerSheet {
            name,
            file,
            cols,
            ids: known.get(name).map(|(ids, _)| ids),
            editable: known.get(name).map_or(&[], |(_, e)| e.as_slice()),
        };
        for (r, row) in range.rows().enumerate().skip(1) {
            read_answer_row(row, r as u32, &sheet, &mut read, report);
        }
    }
    Ok((read.refused, read.kept))
}

/// The agreement, comment, date and row-hash columns of a customer sheet (0-based).
#[derive(Debug, Clone, Copy)]
struct AnswerColumns {
    agreement: u32,
    comment: u32,
    date: u32,
    hash: u32,
}

impl AnswerColumns {
    /// The columns by their headers (in either language); None when one was removed.
    fn find(range: &Range<Data>) -> Option<Self> {
        let header: Vec<String> = range
            .rows()
            .next()
            .map(|r| r.iter().map(cell_text).collect())
            .unwrap_or_default();
        let find = |key: &str| {
            let [ja, en] = super::in_both(key);
            header
                .iter()
                .position(|h| h == ja || h == en)
                .map(|c| c as u32)
        };
        Some(Self {
            agreement: find(CUSTOMER_HEADERS[0])?,
            comment: find(CUSTOMER_HEADERS[1])?,
            date: find(CUSTOMER_HEADERS[2])?,
            hash: header.iter().position(|h| h == HASH_HEADER)? as u32,
        })
    }
}

/// A sheet the customer answers on: where its cells are, and the rows it may hold.
struct AnswerSheet<'s> {
    name: &'s str,
    file: Location,
    cols: AnswerColumns,
    /// The row ids the export wrote on it.
    ids: Option<&'s HashSet<String>>,
    /// Columns the customer may edit besides the answer (not in the row hash).
    editable: &'s [usize],
}

impl AnswerSheet<'_> {
    /// Where cell (`row`, `col`) is (0-based; shown 1-based with the column letter).
    fn at(&self, row: u32, col: Option<u32>) -> Location {
        Location {
            sheet: Some(self.name.to_owned()),
            row: Some(u64::from(row) + 1),
            column: col.map(|c| col_letter(c as usize)),
            ..self.file.clone()
        }
    }
}

/// What the answer sheets read so far hold.
struct AnswersRead<'p> {
    /// The answers the project records, by row id.
    existing: HashMap<&'p str, &'p CustomerResponse>,
    /// (sheet, row id) pairs read.
    seen_ids: HashSet<String>,
    /// Rows refused (unknown, duplicated, locked cells edited), by id.
    refused: HashSet<String>,
    kept: KeptAnswers,
}

/// One row of a customer sheet: refused with a problem (unknown or repeated row, locked cells
/// edited, an answer or date that is not one), counted as unchanged, or a change.
fn read_answer_row(
    row: &[Data],
    r: u32,
    sheet: &AnswerSheet<'_>,
    read: &mut AnswersRead<'_>,
    report: &mut ResponseReport,
) {
    let cols = sheet.cols;
    let get = |c: u32| row.get(c as usize).cloned().unwrap_or(Data::Empty);
    let id = cell_text(&get(0)).trim().to_owned();
    if id.is_empty() {
        return;
    }
    if !sheet.ids.is_some_and(|s| s.contains(&id)) {
        read.refused.insert(id.clone());
        report.problems.push(Problem {
            code: "unknown_row".into(),
            location: sheet.at(r, Some(0)),
            message: format!(
                "row id {id} no longer exists in the project; its answer is not applied"
            ),
        });
        return;
    }
    if !read.seen_ids.insert(format!("{}\u{1f}{id}", sheet.name)) {
        read.refused.insert(id.clone());
        report.problems.push(Problem {
            code: "duplicate_row".into(),
            location: sheet.at(r, Some(0)),
            message: format!("row id {id} appears twice"),
        });
        return;
    }
    // Columns the customer may edit (e.g. a threat decision) are not in the hash.
    let locked: Vec<String> = (1..cols.agreement)
        .filter(|c| !sheet.editable.contains(&(*c as usize)))
        .map(|c| cell_text(&get(c)))
        .collect();
    if row_hash(&id, &locked) != cell_text(&get(cols.hash)) {
        read.refused.insert(id.clone());
        report.problems.push(Problem {
            code: "locked_cell_edited".into(),
            location: sheet.at(r, None),
            message: format!("row {id}: cells outside the agreement, comment and date columns were edited; the row is not applied"),
        });
        return;
    }
    let agreement_text = cell_text(&get(cols.agreement));
    let Some(agreement) = parse_agreement(&agreement_text) else {
        report.problems.push(Problem {
            code: "bad_agreement".into(),
            location: sheet.at(r, Some(cols.agreement)),
            message: format!("{agreement_text:?} is not one of 合意 / 要協議 / 不同意 (Agreed / Discuss / Disagreed)"),
        });
        return;
    };
    let Some(date) = parse_date(&get(cols.date)) else {
        report.problems.push(Problem {
            code: "bad_date".into(),
            location: sheet.at(r, Some(cols.date)),
            message: format!(
                "{:?} is not a date (YYYY-MM-DD)",
                cell_text(&get(cols.date))
            ),
        });
        return;
    };
    let after = CustomerResponse {
        row_id: id.clone(),
        agreement,
        comment: cell_text(&get(cols.comment)),
        date,
    };
    let before = read.existing.get(id.as_str()).map(|r| (*r).clone());
    let empty = after.agreement.is_none() && after.comment.is_empty() && after.date.is_none();
    if before.as_ref() == Some(&after) || (before.is_none() && empty) {
        report.unchanged += 1;
        if let Some(a) = after.agreement {
            read.kept
                .entry(id)
                .or_default()
                .push((sheet.name.to_owned(), r + 1, a));
        }
    } else {
        report.changes.push(ResponseChange {
            sheet: sheet.name.to_owned(),
            row: r + 1,
            row_id: id,
            before,
            after,
        });
    }
}

/// One row id on two sheets (a measure on 対策 and on 責任分界) keeps one answer (keeping
/// the two apart is issue 15's work). The same agreement on both is one answer: the latest
/// date, and the comments of both, each with its sheet. Two different agreements are refused
/// together, naming both places, never one silently over the other; so is a new answer on
/// one sheet against the recorded one the workbook repeats unchanged on another.
fn merge_answers_to_one_row(
    lang: Lang,
    path: &Path,
    report: &mut ResponseReport,
    kept: &KeptAnswers,
) {
    let loc = || Location::file(path);
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in report.changes.iter().enumerate() {
        by_id.entry(c.row_id.clone()).or_default().push(i);
    }
    let mut drop: Vec<usize> = Vec::new();
    let mut clashes: Vec<Problem> = Vec::new();
    let no_kept: Vec<KeptAnswer> = Vec::new();
    for idx in by_id.values() {
        let first = report.changes[idx[0]].clone();
        let kept_here = kept.get(&first.row_id).unwrap_or(&no_kept);
        if idx.len() == 1 && kept_here.is_empty() {
            continue;
        }
        let agrees = idx
            .iter()
            .all(|&i| report.changes[i].after.agreement == first.after.agreement)
            && kept_here
                .iter()
                .all(|(_, _, a)| Some(*a) == first.after.agreement);
        if agrees && idx.len() == 1 {
            continue;
        }
        if agrees {
            let comments: Vec<(String, String)> = idx
                .iter()
                .map(|&i| &report.changes[i])
                .filter(|c| !c.after.comment.trim().is_empty())
                .map(|c| (c.sheet.clone(), c.after.comment.clone()))
                .collect();
            let mut distinct: Vec<&(String, String)> = Vec::new();
            for c in &comments {
                if !distinct.iter().any(|d| d.1 == c.1) {
                    distinct.push(c);
                }
            }
            let comment = match distinct.as_slice() {
                [] => String::new(),
                [one] => one.1.clone(),
                many => many
                    .iter()
                    .map(|(sheet, text)| format!("{sheet}: {text}"))
                    .collect::<Vec<_>>()
                    .join(" / "),
            };
            let date = idx
                .iter()
                .filter_map(|&i| report.changes[i].after.date.clone())
                .max();
            let kept = &mut report.changes[idx[0]].after;
            kept.comment = comment;
            kept.date = date;
            drop.extend(&idx[1..]);
            continue;
        }
        drop.extend(idx);
        let agreement = |a: &Option<crate::model::Agreement>| match a {
            Some(a) => super::sheet::agreement_label(*a, lang),
            None => "—",
        };
        let mut places: Vec<String> = idx
            .iter()
            .map(|&i| {
                let c = &report.changes[i];
                format!(
                    "{} on {} row {}",
                    agreement(&c.after.agreement),
                    c.sheet,
                    c.row
                )
            })
            .collect();
        places.extend(kept_here.iter().map(|(sheet, row, a)| {
            format!(
                "{} (as recorded) on {sheet} row {row}",
                agreement(&Some(*a))
            )
        }));
        clashes.push(Problem {
            code: "conflicting_answers".into(),
            location: Location {
                sheet: Some(first.sheet.clone()),
                row: Some(u64::from(first.row)),
                ..loc()
            },
            message: format!(
                "row {} is answered {}; neither answer is applied",
                first.row_id,
                places.join(" and ")
            ),
        });
    }
    drop.sort_unstable();
    drop.dedup();
    for i in drop.into_iter().rev() {
        report.changes.remove(i);
    }
    clashes.sort_by(|a, b| {
        (&a.location.sheet, a.location.row).cmp(&(&b.location.sheet, b.location.row))
    });
    report.problems.extend(clashes);
}

/// The decisions the customer changed on the threat-applicability sheet and the register,
/// and the inspector's results on the completion-inspection sheet, when the workbook has them.
fn read_decisions(
    project: &Project,
    analysis: &Analysis,
    lang: Lang,
    book: &mut ReturnedBook<'_>,
    refused: &HashSet<String>,
    report: &mut ResponseReport,
) -> Result<()> {
    let file = book.location();
    let applicability = i18n::text(lang, "xl.sheet.applicability");
    if let Some(range) = book.sheet(applicability)? {
        let read = super::applicability::read(
            project,
            analysis,
            lang,
            applicability,
            &range,
            &file,
            refused,
        );
        report.applicability = read.changes;
        report.problems.extend(read.problems);
    }
    let register = i18n::text(lang, "xl.sheet.risks");
    if let Some(range) = book.sheet(register)? {
        let read = super::treatment::read(project, lang, register, &range, &file, refused);
        report.treatments = read.changes;
        report.problems.extend(read.problems);
    }
    // The completion-inspection sheet, when the workbook lists it.
    let inspection = i18n::text(lang, "xl.sheet.inspection");
    if book.has(inspection) {
        match book.sheet(inspection)? {
            Some(range) => {
                let read =
                    super::inspection::read(project, analysis, lang, inspection, &range, &file);
                report.inspections = read.changes;
                report.problems.extend(read.problems);
                report.unchanged += read.unchanged;
            }
            None => report.problems.push(Problem {
                code: "sheet_missing".into(),
                location: Location {
                    sheet: Some(inspection.into()),
                    ..file
                },
                message: format!("sheet {inspection:?} is missing"),
            }),
        }
    }
    Ok(())
}

impl ResponseReport {
    /// Rows that change: customer answers, inspection results, threat and treatment decisions.
    pub fn change_count(&self) -> usize {
        self.changes.len()
            + self.inspections.len()
            + self.applicability.len()
            + self.treatments.len()
    }
}

/// Apply the changes of a report to the project (one step; the caller saves atomically).
pub fn apply(project: &mut Project, report: &ResponseReport) {
    super::inspection::apply(project, &report.inspections);
    super::applicability::apply(project, &report.applicability);
    super::treatment::apply(project, &report.treatments);
    for c in &report.changes {
        upsert(&mut project.customer_responses, &c.after, |r| &r.row_id);
    }
}

/// Replace the item with `item`'s row id by `item`, or append it: answers read back replace
/// what was recorded for the same row.
pub(super) fn upsert<T: Clone>(list: &mut Vec<T>, item: &T, row_id: impl Fn(&T) -> &String) {
    match list.iter_mut().find(|x| row_id(x) == row_id(item)) {
        Some(x) => *x = item.clone(),
        None => list.push(item.clone()),
    }
}
