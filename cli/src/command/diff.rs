//! What changed from OLD to NEW (e.g. the version the customer signed and now): items
//! added, removed or changed field by field, and every risk that moved and why. Exit
//! status 0 when nothing changed, 1 when something did (like `diff`), 2 on an error.

use otzone_models::model::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The earlier state: a project file (.otz or .json), or a version recorded in one
    /// as FILE@VERSION (e.g. plant.otz@1.0).
    old: PathBuf,
    /// The later state, named the same way.
    new: PathBuf,
    /// Print the difference as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Args { old, new, json } = args;
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
