//! `otzone` — the OT Zone Studio core on the command line, for automation and tests.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use otzone_models::model::{Lang, Project};
use otzone_models::{i18n, store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "otzone",
    version,
    about = "OT Zone Studio: factory security model, risk analysis and evidence workbooks"
)]
struct Cli {
    /// Language of messages and reports.
    #[arg(long, value_enum, global = true, default_value = "ja")]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Load a project (.otz or .json), check it and print a summary.
    Check {
        /// Project file.
        file: PathBuf,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Convert between project JSON and a project file (.json ⇄ .otz), by extension.
    Convert {
        /// Input file.
        input: PathBuf,
        /// Output file.
        output: PathBuf,
    },
}

fn summary(p: &Project, lang: Lang) -> String {
    let n = |v: usize| v.to_string();
    i18n::format(
        lang,
        "check.summary",
        &[
            ("name", &p.meta.name),
            ("businesses", &n(p.businesses.len())),
            ("assets", &n(p.assets.len())),
            ("zones", &n(p.zones.len())),
            ("conduits", &n(p.conduits.len())),
            ("entries", &n(p.entry_points.len())),
            ("threats", &n(p.threats.len())),
            ("measures", &n(p.countermeasures.len())),
        ],
    )
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let lang: Lang = cli.lang.into();
    match cli.command {
        Command::Check { file, json } => {
            let project = store::load_any(&file)?;
            if json {
                let out = serde_json::json!({
                    "name": project.meta.name,
                    "businesses": project.businesses.len(),
                    "assets": project.assets.len(),
                    "zones": project.zones.len(),
                    "conduits": project.conduits.len(),
                    "entry_points": project.entry_points.len(),
                    "threats": project.threats.len(),
                    "countermeasures": project.countermeasures.len(),
                });
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                println!("{}", summary(&project, lang));
                println!("{}", i18n::text(lang, "check.ok"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Convert { input, output } => {
            let project = store::load_any(&input)?;
            store::save_any(&output, &project)
                .with_context(|| format!("writing {}", output.display()))?;
            let (from, to) = (input.display().to_string(), output.display().to_string());
            println!(
                "{}",
                i18n::format(lang, "convert.done", &[("from", &from), ("to", &to)])
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            if let Some(err) = e.downcast_ref::<otzone_models::Error>() {
                eprintln!("error[{}]: {e:#}", err.code().as_str());
                if let otzone_models::Error::InvalidModel { problems, .. } = err {
                    for p in problems {
                        eprintln!("  - {p}");
                    }
                }
            } else {
                eprintln!("error: {e:#}");
            }
            ExitCode::FAILURE
        }
    }
}
