//! Export the evidence workbook (.xlsx).

use otzone_models::catalogue::Catalogue;
use otzone_models::excel::{self, export::ExportOptions};
use otzone_models::i18n;
use otzone_models::model::Lang;
use otzone_models::{risk, store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Project file.
    file: PathBuf,
    /// Output workbook.
    #[arg(short, long)]
    output: PathBuf,
    /// Export date (YYYY-MM-DD), written on the cover and as the creation date; today by default.
    #[arg(long)]
    date: Option<String>,
    /// Replace an existing workbook this program exported (a returned workbook loses the
    /// customer's answers; a file this program did not write is never replaced).
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Args {
        file,
        output,
        date,
        force,
    } = args;
    let project = store::load_any(&file)?;
    let date = super::date_or_today(date)?;
    let analysis = risk::analyse(&project, Catalogue::builtin());
    let options = ExportOptions { lang, date };
    if force {
        excel::export::export_replacing(&output, &project, &analysis, &options)?;
    } else {
        excel::export::export_to_file(&output, &project, &analysis, &options)?;
    }
    println!(
        "{}",
        i18n::format(
            lang,
            "export.done",
            &[
                ("file", &output.display().to_string()),
                ("risks", &analysis.risks.len().to_string())
            ]
        )
    );
    // A font the user chose but the charts could not use is said, not passed over.
    if let Some(chosen) = std::env::var_os("OTZONE_CJK_FONT").filter(|v| !v.is_empty()) {
        let used = otzone_models::chart::ensure_font().ok();
        let chosen = std::path::PathBuf::from(chosen);
        if used != Some(otzone_models::fonts::FontSource::File(chosen.clone())) {
            eprintln!(
                "{}",
                i18n::format(
                    lang,
                    "export.font_not_used",
                    &[
                        ("font", &chosen.display().to_string()),
                        (
                            "used",
                            &used.map_or_else(|| "—".to_owned(), |u| u.to_string()),
                        ),
                    ]
                )
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
