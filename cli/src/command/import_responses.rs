//! Read a returned workbook: show the customer's answers that changed and apply them.

use otzone_models::excel;
use otzone_models::i18n;
use otzone_models::model::Lang;
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
        let a = |x: &Option<otzone_models::model::CustomerResponse>| {
            x.as_ref().map_or("—".to_owned(), |r| {
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
        };
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
            change_line(
                &c.sheet,
                c.row,
                &c.row_id,
                &a(&c.before),
                &a(&Some(c.after.clone())),
            );
        }
        for c in &report.inspections {
            let r = |x: Option<&otzone_models::model::InspectionResult>| {
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
            };
            change_line(
                &c.sheet,
                c.row,
                &c.row_id,
                &r(c.before.as_ref()),
                &r(Some(&c.after)),
            );
        }
        for c in &report.applicability {
            let d = |x: Option<&otzone_models::model::ThreatApplicability>| {
                x.map_or("—".to_owned(), |o| {
                    format!(
                        "{} ({})",
                        i18n::text(
                            lang,
                            if o.applies {
                                "xl.applicability.applies"
                            } else {
                                "xl.applicability.excluded"
                            }
                        ),
                        o.reason
                    )
                })
            };
            change_line(
                &c.sheet,
                c.row,
                &c.row_id,
                &d(c.before.as_ref()),
                &d(Some(&c.after)),
            );
        }
        for c in &report.treatments {
            let d = |x: Option<&otzone_models::model::RiskDecision>| {
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
            };
            change_line(
                &c.sheet,
                c.row,
                &c.row_id,
                &d(c.before.as_ref()),
                &d(Some(&c.after)),
            );
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

/// One changed row of a returned workbook: where, which, before → after.
fn change_line(sheet: &str, row: u32, id: &str, before: &str, after: &str) {
    println!("  {sheet} row {row} {id}: {before} → {after}");
}
