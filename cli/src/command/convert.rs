//! Convert between project JSON and a project file (.json ⇄ .otz), by extension.

use anyhow::Context;
use otzone_models::i18n;
use otzone_models::model::Lang;
use otzone_models::store::{self, update};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Input file.
    input: PathBuf,
    /// Output file.
    output: PathBuf,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Args { input, output } = args;
    let project = store::load_any(&input)?;
    update::save_if_unchanged(&output, &project, None)
        .with_context(|| format!("writing {}", output.display()))?;
    let (from, to) = (input.display().to_string(), output.display().to_string());
    println!(
        "{}",
        i18n::format(lang, "convert.done", &[("from", &from), ("to", &to)])
    );
    Ok(ExitCode::SUCCESS)
}
