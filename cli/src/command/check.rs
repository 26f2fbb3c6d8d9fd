//! Load a project (.otz or .json), check it and print a summary.

use otzone_models::i18n;
use otzone_models::model::{Lang, Project};
use otzone_models::store;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Project file.
    file: PathBuf,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Args { file, json } = args;
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
            "completion": otzone_models::steps::completion(&project),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!("{}", summary(&project, lang));
        println!("{}", i18n::text(lang, "check.steps"));
        for s in otzone_models::steps::completion(&project) {
            let name = i18n::text(lang, &format!("ui.step.{}", s.step));
            println!("  {} {name}: {}%", s.step, s.percent);
        }
        println!("{}", i18n::text(lang, "check.ok"));
    }
    Ok(ExitCode::SUCCESS)
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
