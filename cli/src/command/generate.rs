//! Write a synthetic factory of a given size (S ≈ 50 assets, M ≈ 1k, L ≈ 10k, XL ≈ 100k).

use otzone_models::generate::generate;
use otzone_models::i18n;
use otzone_models::model::Lang;
use otzone_models::store;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// S, M, L or XL.
    #[arg(long)]
    size: String,
    /// Output (.otz or .json).
    #[arg(short, long)]
    output: PathBuf,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Args { size, output } = args;
    let size = super::size(&size)?;
    let project = generate(size);
    store::save_any(&output, &project)?;
    println!(
        "{}",
        i18n::format(
            lang,
            "generate.done",
            &[
                ("file", &output.display().to_string()),
                ("assets", &project.assets.len().to_string())
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}
