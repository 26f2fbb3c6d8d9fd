//! Import a customer's asset ledger (xlsx, xlsm, xls, ods, csv): preview, then apply.

use anyhow::Context;
use otzone_models::excel;
use otzone_models::excel::ledger::{Action, ColumnMapping, MatchReason, Preview, ProblemLevel};
use otzone_models::i18n;
use otzone_models::model::Lang;
use otzone_models::store::update;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Project file (updated in place, atomically, unless --dry-run).
    file: PathBuf,
    /// The ledger.
    ledger: PathBuf,
    /// Sheet to read (default: the one whose header matches best).
    #[arg(long)]
    sheet: Option<String>,
    /// Map a column (header text or letter) to a field: COLUMN=FIELD, e.g. 機器名=name.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    mapping: Vec<String>,
    /// Only show the preview.
    #[arg(long)]
    dry_run: bool,
    /// Apply the rows without errors and leave the others out.
    #[arg(long)]
    skip_error_rows: bool,
    /// Print the preview as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Args {
        file,
        ledger,
        sheet,
        mapping,
        dry_run,
        skip_error_rows,
        json,
    } = args;
    // A missing or odd ledger is refused before the project is locked.
    otzone_models::json::input_len(&ledger)?;
    let _lock = (!dry_run)
        .then(|| update::lock_existing(&file))
        .transpose()?;
    let (mut project, opened) = update::open_for_update(&file)?;
    let pairs = mapping
        .iter()
        .map(|m| {
            m.split_once('=')
                .map(|(col, field)| (col.to_owned(), field.to_owned()))
                .with_context(|| format!("--map {m:?}: expected COLUMN=FIELD"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let options =
        excel::ledger::LedgerOptions::from_keys(sheet, pairs).map_err(|e| e.in_file(&ledger))?;
    let preview = excel::ledger::preview(&project, &ledger, &options)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&preview)?);
    } else {
        print_preview(&preview, lang);
    }
    if !dry_run {
        let (added, updated) = excel::ledger::apply(&mut project, &preview, skip_error_rows)?;
        update::save_locked(&file, &project, Some(&opened))?;
        println!(
            "{}",
            i18n::format(
                lang,
                "ledger.applied",
                &[
                    ("added", &added.to_string()),
                    ("updated", &updated.to_string()),
                    ("file", &file.display().to_string())
                ]
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The preview as text: a summary, each column and the field it fills (and why), each row
/// (+ added, ~ updated, x refused) and the problems found.
fn print_preview(preview: &Preview, lang: Lang) {
    let adds = preview
        .rows
        .iter()
        .filter(|r| r.action == Action::Add)
        .count();
    println!(
        "{}",
        i18n::format(
            lang,
            "ledger.summary",
            &[
                ("sheet", &preview.sheet),
                ("header", &preview.header_row.to_string()),
                ("adds", &adds.to_string()),
                ("updates", &(preview.rows.len() - adds).to_string()),
                ("errors", &preview.error_count().to_string()),
            ]
        )
    );
    for c in &preview.columns {
        println!("  {}", column_line(c, lang));
    }
    for r in &preview.rows {
        let mark = if r.has_error {
            "x"
        } else if r.action == Action::Add {
            "+"
        } else {
            "~"
        };
        println!(
            "  {mark} row {} {} [{}] {}",
            r.row, r.asset.name, r.asset.asset_type, r.asset.address
        );
    }
    for (level, p) in &preview.problems {
        let mark = if *level == ProblemLevel::Error {
            "!"
        } else {
            "?"
        };
        println!("  {mark} {p}");
    }
}

/// A ledger column, its header and the field it fills (notes when none), with why when the
/// match was not exact.
fn column_line(c: &ColumnMapping, lang: Lang) -> String {
    let field = c.field.map(|f| {
        serde_json::to_value(f)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    });
    let why = match &c.reason {
        Some(MatchReason::Exact { .. }) | None => String::new(),
        Some(MatchReason::Contains { word }) => {
            i18n::format(lang, "ledger.reason_contains", &[("word", word)])
        }
        Some(MatchReason::Mapped) => i18n::text(lang, "ledger.reason_mapped").to_owned(),
        Some(MatchReason::GuessedName) => i18n::text(lang, "ledger.reason_guessed_name").to_owned(),
    };
    format!(
        "{} {:<16} -> {}{}",
        c.column,
        c.header.replace('\n', " "),
        field.unwrap_or_else(|| "(notes)".into()),
        if why.is_empty() {
            String::new()
        } else {
            format!("  ({why})")
        }
    )
}
