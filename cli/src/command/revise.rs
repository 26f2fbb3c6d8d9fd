//! Record the project's current state as a version (改訂履歴) with the register's figures
//! and the baseline hash; without --version, list the recorded versions.

use otzone_models::catalogue::Catalogue;
use otzone_models::i18n;
use otzone_models::model::Lang;
use otzone_models::revision;
use otzone_models::risk;
use otzone_models::store::update;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Project file (updated in place, atomically, when a version is recorded).
    file: PathBuf,
    /// Version label to record (版数), e.g. 1.3; becomes the project's version.
    #[arg(long)]
    version: Option<String>,
    /// What changed since the version before (変更概要).
    #[arg(long, default_value = "")]
    summary: String,
    /// Who records it (変更者); the project's assessor by default.
    #[arg(long)]
    author: Option<String>,
    /// Date (YYYY-MM-DD); today by default.
    #[arg(long)]
    date: Option<String>,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Args {
        file,
        version,
        summary,
        author,
        date,
    } = args;
    // Arguments first: a refused command takes no lock.
    let date = super::date_or_today(date)?;
    // Held from reading to saving, so that no other save comes in between.
    let lock = version
        .is_some()
        .then(|| update::lock_existing(&file))
        .transpose()?;
    let (mut project, opened) = update::open_for_update(&file)?;
    if let Some(version) = version {
        let analysis = risk::analyse(&project, Catalogue::builtin());
        let input = revision::RevisionInput {
            version,
            date,
            summary,
            author: author.unwrap_or_else(|| project.meta.assessor.clone()),
        };
        revision::record(&mut project, &analysis, input).map_err(|e| e.in_file(&file))?;
        update::save_locked(&file, &project, Some(&opened))?;
        drop(lock);
    }
    let base = revision::baseline_hash(&project);
    for r in &project.revisions {
        println!(
            "{}",
            i18n::format(
                lang,
                "revise.line",
                &[
                    ("version", &r.version),
                    ("date", &r.date.to_string()),
                    ("risks", &r.risks.to_string()),
                    ("above", &r.above_tolerable.to_string()),
                    ("baseline", &r.baseline),
                    ("author", &r.author),
                    ("summary", &r.summary),
                ]
            )
        );
    }
    let key = if revision::changed_since_last(&project, &base) {
        "revise.changed"
    } else {
        "revise.recorded"
    };
    println!("{}", i18n::format(lang, key, &[("baseline", &base)]));
    Ok(ExitCode::SUCCESS)
}
