//! Read a returned workbook: show the customer's answers that changed and apply them.

use otzone_models::excel;
use otzone_models::excel::responses::ResponseReport;
use otzone_models::i18n;
use otzone_models::model::{
    CustomerResponse, InspectionResult, Lang, RiskDecision, ThreatApplicability,
};
use otzone_models::store::update;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Project file (updated in place, atomically, unless --dry-run).
    file: PathBuf,
    /// The workbook the customer returned.
    responses: PathBuf,
    /// Only show what would change.
    #[arg(long)]
    dry_run: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Args {
        file,
        responses,
        dry_run,
        json,
    } = args;
    // A missing or odd workbook is refused before the project is locked.
    otzone_models::json::input_len(&responses)?;
    let _lock = (!dry_run)
        .then(|| update::lock_existing(&file))
        .transpose()?;
    let (mut project, opened) = update::open_for_update(&file)?;
    let report = excel::responses::preview(&project, &responses)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report, lang);
    }
    if !dry_run && report.change_count() > 0 {
        excel::responses::apply(&mut project, &report);
        update::save_locked(&file, &project, Some(&opened))?;
        println!(
            "{}",
            i18n::format(
                lang,
                "responses.applied",
                &[("file", &file.display().to_string())]
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The report as text: a summary, every changed row (before → after) by kind of answer, the
/// problems found, and whether the model changed since the workbook was exported.
fn print_report(report: &ResponseReport, lang: Lang) {
    println!(
        "{}",
        i18n::format(
            lang,
            "responses.summary",
            &[
                ("changes", &report.change_count().to_string()),
                ("problems", &report.problems.len().to_string()),
                ("unchanged", &report.unchanged.to_string())
            ]
        )
    );
    for c in &report.changes {
        let (before, after) = (c.before.as_ref(), Some(&c.after));
        let text = |x| response_text(x, lang);
        change_line(&c.sheet, c.row, &c.row_id, &text(before), &text(after));
    }
    for c in &report.inspections {
        let (before, after) = (c.before.as_ref(), Some(&c.after));
        let text = inspection_text;
        change_line(&c.sheet, c.row, &c.row_id, &text(before), &text(after));
    }
    for c in &report.applicability {
        let (before, after) = (c.before.as_ref(), Some(&c.after));
        let text = |x| applicability_text(x, lang);
        change_line(&c.sheet, c.row, &c.row_id, &text(before), &text(after));
    }
    for c in &report.treatments {
        let (before, after) = (c.before.as_ref(), Some(&c.after));
        let text = |x| treatment_text(x, lang);
        change_line(&c.sheet, c.row, &c.row_id, &text(before), &text(after));
    }
    for p in &report.problems {
        println!("  ! {p}");
    }
    if let Some(m) = &report.model_changed {
        println!(
            "  ! {}",
            i18n::format(
                lang,
                "responses.model_changed",
                &[
                    ("version", &m.workbook_version),
                    ("from", &m.workbook_baseline),
                    ("to", &m.project_baseline)
                ]
            )
        );
    }
}

/// A customer's answer on a row: agreement, comment and date ("—": none).
fn response_text(x: Option<&CustomerResponse>, lang: Lang) -> String {
    x.map_or("—".to_owned(), |r| {
        let ag = r
            .agreement
            .map(|g| excel::sheet::agreement_label(g, lang))
            .unwrap_or("");
        format!(
            "{ag} {} {}",
            r.comment,
            r.date.as_ref().map(ToString::to_string).unwrap_or_default()
        )
        .trim()
        .to_owned()
    })
}

/// An inspection result: outcome, evidence, inspector and date.
fn inspection_text(x: Option<&InspectionResult>) -> String {
    x.map_or("—".to_owned(), |r| {
        format!(
            "{} {} {} {}",
            r.outcome.map_or("", |o| o.label()),
            r.evidence,
            r.inspector,
            r.date.as_ref().map(ToString::to_string).unwrap_or_default()
        )
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
    })
}

/// A threat's applicability decision and its reason.
fn applicability_text(x: Option<&ThreatApplicability>, lang: Lang) -> String {
    x.map_or("—".to_owned(), |o| {
        let verdict = if o.applies {
            "xl.applicability.applies"
        } else {
            "xl.applicability.excluded"
        };
        format!("{} ({})", i18n::text(lang, verdict), o.reason)
    })
}

/// A risk treatment: the decision, owner, due date and justification.
fn treatment_text(x: Option<&RiskDecision>, lang: Lang) -> String {
    x.map_or("—".to_owned(), |d| {
        let t = d.treatment.map_or("undecided".to_owned(), |t| {
            serde_json::to_value(t)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        });
        [
            i18n::text(lang, &format!("xl.treatment.{t}")).to_owned(),
            d.owner.clone(),
            d.due.as_ref().map(ToString::to_string).unwrap_or_default(),
            d.justification.clone(),
        ]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
    })
}

/// One changed row of a returned workbook: where, which, before → after.
fn change_line(sheet: &str, row: u32, id: &str, before: &str, after: &str) {
    println!("  {sheet} row {row} {id}: {before} → {after}");
}
