//! `otzone` — the OT Zone Studio core on the command line, for automation and tests.

mod report;

// mimalloc: the analysis allocates many small rows; the system allocator's free-list
// consolidation was a fifth of the L analysis time (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};
use otzone_models::catalogue::Catalogue;
use otzone_models::excel::{self, export::ExportOptions};
use otzone_models::generate::{generate, Size};
use otzone_models::model::{Channel, Conduit, Direction, Initiator, IsoDate, MeasureStatus};
use otzone_models::model::{Lang, Project};
use otzone_models::risk::{self, what_if};
use otzone_models::store::{self, update};
use otzone_models::{i18n, revision};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

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
    /// What changed from OLD to NEW (e.g. the version the customer signed and now): items
    /// added, removed or changed field by field, and every risk that moved and why. Exit
    /// status 0 when nothing changed, 1 when something did (like `diff`), 2 on an error.
    Diff {
        /// The earlier state: a project file (.otz or .json), or a version recorded in one
        /// as FILE@VERSION (e.g. plant.otz@1.0).
        old: PathBuf,
        /// The later state, named the same way.
        new: PathBuf,
        /// Print the difference as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Load a project (.otz or .json), check it and print a summary.
    Check {
        /// Project file.
        file: PathBuf,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Analyse a project: risk register, attack paths, scenarios and findings.
    Analyze {
        /// Project file.
        file: PathBuf,
        /// Print one JSON object (risks with explanations, attack_paths, findings, …).
        #[arg(long)]
        json: bool,
        /// How many top risks to list in the text report.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Write a synthetic factory of a given size (S ≈ 50 assets, M ≈ 1k, L ≈ 10k, XL ≈ 100k).
    Generate {
        /// S, M, L or XL.
        #[arg(long)]
        size: String,
        /// Output (.otz or .json).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Show which risks and attack paths change if a conduit or countermeasure changes.
    WhatIf {
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
    },
    /// Time open, analyse and save of a synthetic factory and report peak memory.
    Bench {
        /// S, M, L or XL.
        #[arg(long)]
        size: String,
        /// Repetitions (the median is reported).
        #[arg(long, default_value_t = 5)]
        iterations: usize,
        /// Time the Excel export instead, against writing the same cells with rust_xlsxwriter alone.
        #[arg(long)]
        export: bool,
    },
    /// Export the evidence workbook (.xlsx).
    Export {
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
    },
    /// Read a returned workbook: show the customer's answers that changed and apply them.
    ImportResponses {
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
    },
    /// Import a customer's asset ledger (xlsx, xlsm, xls, ods, csv): preview, then apply.
    ImportAssets {
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
    },
    /// Record the project's current state as a version (改訂履歴) with the register's figures
    /// and the baseline hash; without --version, list the recorded versions.
    Revise {
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

/// The difference as text: `+` added, `-` removed, `~` changed (field: before → after), and
/// the risks that moved (inherent/planned/residual before → after, and why).
fn diff_text(d: &otzone_models::diff::ProjectDiff, lang: Lang) -> String {
    use otzone_models::diff::ItemChange;
    use std::fmt::Write as _;
    let mut out = String::new();
    if d.is_empty() {
        out.push_str("no change\n");
        return out;
    }
    let show = |v: &serde_json::Value| match v {
        serde_json::Value::Null => "—".to_owned(),
        serde_json::Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    for (coll, list) in &d.items {
        let _ = writeln!(out, "{coll}:");
        for c in list {
            match c {
                ItemChange::Added { id, name } => {
                    let _ = writeln!(out, "  + {name} ({id})");
                }
                ItemChange::Removed { id, name } => {
                    let _ = writeln!(out, "  - {name} ({id})");
                }
                ItemChange::Changed { id, name, fields } => {
                    let _ = writeln!(out, "  ~ {name} ({id})");
                    for f in fields {
                        let _ = writeln!(
                            out,
                            "      {}: {} → {}",
                            f.field,
                            show(&f.before),
                            show(&f.after)
                        );
                    }
                }
            }
        }
    }
    if !d.risks.is_empty() {
        let _ = writeln!(out, "risks:");
        for r in &d.risks {
            let v = |x: &Option<[String; 3]>| x.as_ref().map_or("—".to_owned(), |v| v.join("/"));
            let _ = write!(
                out,
                "  {} @ {}: {} → {}",
                r.threat,
                r.asset,
                v(&r.before),
                v(&r.after)
            );
            if !r.because.is_empty() {
                let because: Vec<String> = r.because.iter().map(|b| b.text(lang)).collect();
                let _ = write!(out, " ({})", because.join("; "));
            }
            out.push('\n');
        }
    }
    out
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let lang: Lang = cli.lang.into();
    match cli.command {
        Command::Diff { old, new, json } => {
            let (a, b) = (
                otzone_models::diff::load_state(&old)?,
                otzone_models::diff::load_state(&new)?,
            );
            let d = otzone_models::diff::diff(&a, &b);
            if json {
                println!("{}", serde_json::to_string_pretty(&d)?);
            } else {
                print!("{}", diff_text(&d, lang));
            }
            Ok(if d.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
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
        Command::Analyze { file, json, top } => {
            let project = store::load_any(&file)?;
            let analysis = risk::analyse(&project, Catalogue::builtin());
            if json {
                let written =
                    report::write_json(std::io::stdout().lock(), &project, &analysis, lang);
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
        Command::Generate { size, output } => {
            let Some(size) = Size::parse(&size) else {
                bail!("unknown size {size:?}: use S, M, L or XL")
            };
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
        Command::WhatIf {
            file,
            remove_conduit,
            add_conduit,
            remove_measure,
            agree_measure,
            json,
        } => {
            let project = store::load_any(&file)?;
            let change = if let Some(key) = remove_conduit {
                let c = project
                    .conduits
                    .iter()
                    .find(|c| c.name == key || c.id.to_string() == key);
                what_if::Change::RemoveConduit(c.with_context(|| format!("no conduit {key:?}"))?.id)
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
                what_if::Change::AddConduit(c)
            } else if let Some(id) = remove_measure {
                what_if::Change::RemoveMeasure(id.parse().context("measure id must be a UUID")?)
            } else if let Some(id) = agree_measure {
                what_if::Change::SetMeasureStatus(
                    id.parse().context("measure id must be a UUID")?,
                    MeasureStatus::Agreed,
                )
            } else {
                bail!("name one change: --remove-conduit, --add-conduit, --remove-measure or --agree-measure");
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
                        p.entry,
                        p.target_zone,
                        p.hops_before,
                        p.hops_after,
                        p.paths_before,
                        p.paths_after
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            size,
            iterations,
            export,
        } => {
            let Some(size) = Size::parse(&size) else {
                bail!("unknown size {size:?}: use S, M, L or XL")
            };
            if export {
                bench_export(size, iterations.max(1))
            } else {
                bench(size, iterations.max(1))
            }
        }
        Command::Export {
            file,
            output,
            date,
            force,
        } => {
            let project = store::load_any(&file)?;
            let date = date_or_today(date)?;
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
        Command::Revise {
            file,
            version,
            summary,
            author,
            date,
        } => {
            // Arguments first: a refused command takes no lock.
            let date = date_or_today(date)?;
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
        Command::ImportResponses {
            file,
            responses,
            dry_run,
            json,
        } => {
            // A missing or odd workbook is refused before the project is locked.
            otzone_models::json::input_len(&responses)?;
            let _lock = (!dry_run)
                .then(|| update::lock_existing(&file))
                .transpose()?;
            let (mut project, opened) = update::open_for_update(&file)?;
            let analysis = risk::analyse(&project, Catalogue::builtin());
            let report = excel::responses::read(&project, &analysis, &responses)?;
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
        Command::ImportAssets {
            file,
            ledger,
            sheet,
            mapping,
            dry_run,
            skip_error_rows,
            json,
        } => {
            // A missing or odd ledger is refused before the project is locked.
            otzone_models::json::input_len(&ledger)?;
            let _lock = (!dry_run)
                .then(|| update::lock_existing(&file))
                .transpose()?;
            let (mut project, opened) = update::open_for_update(&file)?;
            let mut options = excel::ledger::LedgerOptions {
                sheet,
                mapping: Vec::new(),
            };
            for m in mapping {
                let (col, field) = m
                    .split_once('=')
                    .with_context(|| format!("--map {m:?}: expected COLUMN=FIELD"))?;
                let field = excel::ledger::Field::parse(field)
                    .with_context(|| format!("--map {m:?}: unknown field {field:?}"))?;
                options.mapping.push((col.to_owned(), field));
            }
            let preview = excel::ledger::preview(&project, &ledger, &options)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&preview)?);
            } else {
                let adds = preview
                    .rows
                    .iter()
                    .filter(|r| r.action == excel::ledger::Action::Add)
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
                    let f = c.field.map(|f| {
                        serde_json::to_value(f)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    });
                    let why = match &c.reason {
                        Some(excel::ledger::MatchReason::Exact { .. }) | None => String::new(),
                        Some(excel::ledger::MatchReason::Contains { word }) => {
                            i18n::format(lang, "ledger.reason_contains", &[("word", word)])
                        }
                        Some(excel::ledger::MatchReason::Mapped) => {
                            i18n::text(lang, "ledger.reason_mapped").to_owned()
                        }
                        Some(excel::ledger::MatchReason::GuessedName) => {
                            i18n::text(lang, "ledger.reason_guessed_name").to_owned()
                        }
                    };
                    println!(
                        "  {} {:<16} -> {}{}",
                        c.column,
                        c.header.replace('\n', " "),
                        f.unwrap_or_else(|| "(notes)".into()),
                        if why.is_empty() {
                            String::new()
                        } else {
                            format!("  ({why})")
                        }
                    );
                }
                for r in &preview.rows {
                    let mark = if r.has_error {
                        "x"
                    } else if r.action == excel::ledger::Action::Add {
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
                    println!(
                        "  {} {p}",
                        if *level == excel::ledger::ProblemLevel::Error {
                            "!"
                        } else {
                            "?"
                        }
                    );
                }
            }
            if !dry_run {
                let (added, updated) =
                    excel::ledger::apply(&mut project, &preview, skip_error_rows)?;
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
        Command::Convert { input, output } => {
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
    }
}

/// Peak resident memory of this process (VmHWM), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn bench(size: Size, iterations: usize) -> anyhow::Result<ExitCode> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.otz");
    let project = generate(size);
    store::save(&path, &project)?;
    let shape = (
        project.assets.len(),
        project.zones.len(),
        project.conduits.len(),
        project.entry_points.len(),
    );
    // Measure a process that holds one project, as the app does.
    drop(project);
    let (mut open, mut analyse, mut save) = (Vec::new(), Vec::new(), Vec::new());
    let mut rows = 0;
    for _ in 0..iterations {
        let t = Instant::now();
        let p = store::open(&path)?;
        open.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let a = risk::analyse(&p, Catalogue::builtin());
        analyse.push(t.elapsed().as_secs_f64() * 1e3);
        rows = a.risks.len();
        drop(a);
        let t = Instant::now();
        store::save(&path, &p)?;
        save.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (o, a, s) = (median(open), median(analyse), median(save));
    println!(
        "size={size:?} assets={} zones={} conduits={} entries={} risks={rows} iterations={iterations} \
         open_ms={o:.1} analyse_ms={a:.1} save_ms={s:.1} open_save_ms={:.1} peak_rss_mib={:.0}",
        shape.0,
        shape.1,
        shape.2,
        shape.3,
        o + s,
        peak_rss_mib().unwrap_or(f64::NAN)
    );
    Ok(ExitCode::SUCCESS)
}

/// Export timing: the full workbook (tables, formats, protection, validation, charts, diagram)
/// against the same cells written with rust_xlsxwriter alone (no formats or extras).
fn bench_export(size: Size, iterations: usize) -> anyhow::Result<ExitCode> {
    let project = generate(size);
    let analysis = risk::analyse(&project, Catalogue::builtin());
    let options = ExportOptions {
        lang: Lang::Ja,
        date: IsoDate::parse("2026-11-23").context("date")?,
    };
    let tables = excel::export::tables(&project, &analysis, &options);
    let cells: usize = tables
        .iter()
        .map(|t| t.rows.len() * (t.cols.len() + 1))
        .sum();
    let (mut full, mut raw, mut raw_same) = (Vec::new(), Vec::new(), Vec::new());
    let mut bytes = 0;
    for _ in 0..iterations {
        let t = Instant::now();
        bytes = excel::export::export(&project, &analysis, &options)?.len();
        full.push(t.elapsed().as_secs_f64() * 1e3);
        for level in [None, Some(excel::export::ZIP_LEVEL)] {
            let t = Instant::now();
            let mut wb = rust_xlsxwriter::Workbook::new();
            if let Some(l) = level {
                wb.set_zip_compression_level(l);
            }
            for table in &tables {
                let ws = wb.add_worksheet();
                for (c, col) in table.cols.iter().enumerate() {
                    ws.write_string(0, c as u16 + 1, &col.header)?;
                }
                for (r, (id, row)) in table.rows.iter().enumerate() {
                    let r = r as u32 + 1;
                    ws.write_string(r, 0, id)?;
                    for (c, cell) in row.iter().enumerate() {
                        match cell {
                            excel::sheet::Cell::Text(s) => {
                                ws.write_string(r, c as u16 + 1, s)?;
                            }
                            excel::sheet::Cell::Num(n) => {
                                ws.write_number(r, c as u16 + 1, *n)?;
                            }
                            excel::sheet::Cell::Empty => {}
                        }
                    }
                }
            }
            let _ = wb.save_to_buffer()?;
            let ms = t.elapsed().as_secs_f64() * 1e3;
            if level.is_some() {
                raw_same.push(ms)
            } else {
                raw.push(ms)
            }
        }
    }
    let (f, r, rs) = (median(full), median(raw), median(raw_same));
    println!(
        "size={size:?} cells={cells} iterations={iterations} export_ms={f:.0} raw_default_ms={r:.0} raw_same_level_ms={rs:.0} ratio_same_level={:.2} workbook_bytes={bytes}",
        f / rs
    );
    Ok(ExitCode::SUCCESS)
}

/// One changed row of a returned workbook: where, which, before → after.
fn change_line(sheet: &str, row: u32, id: &str, before: &str, after: &str) {
    println!("  {sheet} row {row} {id}: {before} → {after}");
}

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe (`otzone analyze … | head`) panics
    // in `println!`; like other command-line tools, end quietly instead (exit status 141, as
    // a shell reports a process ended by SIGPIPE). Every other panic is reported as before.
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("Broken pipe") {
            std::process::exit(141);
        }
        // A spreadsheet library that panics on a damaged file is caught and reported as a
        // located error (excel::intake::guard); its panic message would only confuse.
        if otzone_models::excel::intake::in_guard() {
            return;
        }
        report(info);
    }));
    let cli = Cli::parse();
    // `diff` answers with its exit status (0 same, 1 changed), so its errors are 2, as diff(1).
    let failure = if matches!(cli.command, Command::Diff { .. }) {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    };
    match run(cli) {
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
            failure
        }
    }
}

/// The date given on the command line, or today.
fn date_or_today(date: Option<String>) -> anyhow::Result<IsoDate> {
    match date {
        Some(d) => IsoDate::parse(&d).with_context(|| format!("--date {d:?} is not YYYY-MM-DD")),
        None => {
            let now = time::OffsetDateTime::now_utc().date();
            IsoDate::from_ymd(now.year(), now.month() as u8, now.day()).context("today's date")
        }
    }
}
