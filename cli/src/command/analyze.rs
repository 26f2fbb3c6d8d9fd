//! Analyse a project: risk register, attack paths, scenarios and findings.

use crate::report;
use otzone_models::catalogue::Catalogue;
use otzone_models::model::Lang;
use otzone_models::{risk, store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Project file.
    file: PathBuf,
    /// Print one JSON object (risks with explanations, attack_paths, findings, …).
    #[arg(long)]
    json: bool,
    /// How many top risks to list in the text report.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Args { file, json, top } = args;
    let project = store::load_any(&file)?;
    let analysis = risk::analyse(&project, Catalogue::builtin());
    if json {
        let written = report::write_json(std::io::stdout().lock(), &project, &analysis, lang);
        // A reader that went away (`| head`) ends the command quietly, as a closed
        // pipe ends other command-line tools (see `main`).
        if let Err(e) = &written {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(141);
            }
        }
        written?;
    } else {
        print!("{}", report::text(&project, &analysis, lang, top));
    }
    Ok(ExitCode::SUCCESS)
}
