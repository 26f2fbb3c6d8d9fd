//! `otzone` — the OT Zone Studio core on the command line, for automation and tests.
//!
//! One module per subcommand under `command/`, each with its arguments and what it does;
//! `report` writes the analysis as text or streamed JSON. The core (`otzone-models`) knows
//! nothing of the command line: clap, anyhow and the allocator are this binary's alone.

mod command;
mod report;

// mimalloc: the analysis allocates many small rows; the system allocator's free-list
// consolidation was a fifth of the L analysis time (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use command::*;
use otzone_models::model::Lang;
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
    /// What changed from OLD to NEW (e.g. the version the customer signed and now): items
    /// added, removed or changed field by field, and every risk that moved and why. Exit
    /// status 0 when nothing changed, 1 when something did (like `diff`), 2 on an error.
    Diff(diff::Args),
    /// Load a project (.otz or .json), check it and print a summary.
    Check(check::Args),
    /// Analyse a project: risk register, attack paths, scenarios and findings.
    Analyze(analyze::Args),
    /// Write a synthetic factory of a given size (S ≈ 50 assets, M ≈ 1k, L ≈ 10k, XL ≈ 100k).
    Generate(generate::Args),
    /// Show which risks and attack paths change if a conduit or countermeasure changes.
    WhatIf(what_if::Args),
    /// Time open, analyse and save of a synthetic factory and report peak memory.
    Bench(bench::Args),
    /// Export the evidence workbook (.xlsx).
    Export(export::Args),
    /// Read a returned workbook: show the customer's answers that changed and apply them.
    ImportResponses(import_responses::Args),
    /// Import a customer's asset ledger (xlsx, xlsm, xls, ods, csv): preview, then apply.
    ImportAssets(import_assets::Args),
    /// Record the project's current state as a version (改訂履歴) with the register's figures
    /// and the baseline hash; without --version, list the recorded versions.
    Revise(revise::Args),
    /// Convert between project JSON and a project file (.json ⇄ .otz), by extension.
    Convert(convert::Args),
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let lang: Lang = cli.lang.into();
    match cli.command {
        Command::Diff(args) => diff::run(args, lang),
        Command::Check(args) => check::run(args, lang),
        Command::Analyze(args) => analyze::run(args, lang),
        Command::Generate(args) => generate::run(args, lang),
        Command::WhatIf(args) => what_if::run(args, lang),
        Command::Bench(args) => bench::run(args, lang),
        Command::Export(args) => export::run(args, lang),
        Command::ImportResponses(args) => import_responses::run(args, lang),
        Command::ImportAssets(args) => import_assets::run(args, lang),
        Command::Revise(args) => revise::run(args, lang),
        Command::Convert(args) => convert::run(args, lang),
    }
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
    let failure = if matches!(cli.command, Command::Diff(_)) {
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
