//! Show which risks and attack paths change if a conduit or countermeasure changes.

use crate::report;
use anyhow::{bail, Context};
use otzone_models::catalogue::Catalogue;
use otzone_models::i18n;
use otzone_models::model::{Channel, Conduit, Direction, Initiator, Lang, MeasureStatus};
use otzone_models::risk::what_if;
use otzone_models::store;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Project file.
    file: PathBuf,
    /// Remove the conduit with this name or id.
    #[arg(long)]
    remove_conduit: Option<String>,
    /// Add a bidirectional conduit FROM:TO (zone or entry point names or ids).
    #[arg(long)]
    add_conduit: Option<String>,
    /// Remove the countermeasure with this id.
    #[arg(long)]
    remove_measure: Option<String>,
    /// Mark the countermeasure with this id as agreed.
    #[arg(long)]
    agree_measure: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Args {
        file,
        remove_conduit,
        add_conduit,
        remove_measure,
        agree_measure,
        json,
    } = args;
    let project = store::load_any(&file)?;
    let change = if let Some(key) = remove_conduit {
        let c = project
            .conduits
            .iter()
            .find(|c| c.name == key || c.id.to_string() == key);
        what_if::Change::RemoveConduit {
            id: c.with_context(|| format!("no conduit {key:?}"))?.id,
        }
    } else if let Some(spec) = add_conduit {
        let (a, b) = spec
            .split_once(':')
            .context("--add-conduit takes FROM:TO")?;
        let from = report::endpoint(&project, a)
            .with_context(|| format!("no zone or entry point {a:?}"))?;
        let to = report::endpoint(&project, b)
            .with_context(|| format!("no zone or entry point {b:?}"))?;
        let mut c = Conduit::new(format!("{a} → {b}"), from, to);
        c.channels.push(Channel {
            protocol: "unknown".into(),
            port: String::new(),
            direction: Some(Direction::Both),
            initiator: Some(Initiator::Either),
            purpose: String::new(),
            encrypted: false,
            authenticated: false,
        });
        what_if::Change::AddConduit { conduit: c }
    } else if let Some(id) = remove_measure {
        what_if::Change::RemoveMeasure {
            id: id.parse().context("measure id must be a UUID")?,
        }
    } else if let Some(id) = agree_measure {
        what_if::Change::SetMeasureStatus {
            id: id.parse().context("measure id must be a UUID")?,
            status: MeasureStatus::Agreed,
        }
    } else {
        bail!(
            "name one change: --remove-conduit, --add-conduit, --remove-measure or --agree-measure"
        );
    };
    let w = what_if::what_if(&project, Catalogue::builtin(), &change);
    if json {
        println!("{}", serde_json::to_string_pretty(&w)?);
    } else {
        println!(
            "{}",
            i18n::format(
                lang,
                "whatif.summary",
                &[
                    ("risks", &w.risks.len().to_string()),
                    ("paths", &w.paths.len().to_string())
                ]
            )
        );
        for r in &w.risks {
            let f = |x: &Option<what_if::RiskFigures>| {
                x.as_ref().map_or("—".to_owned(), |f| {
                    format!("T{} {}/{}/{}", f.threat, f.inherent, f.planned, f.residual)
                })
            };
            println!("  {}: {} → {}", r.id, f(&r.before), f(&r.after));
        }
        for p in &w.paths {
            println!(
                "  {} → {}: hops {:?} → {:?}, paths {} → {}",
                p.entry, p.target_zone, p.hops_before, p.hops_after, p.paths_before, p.paths_after
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
