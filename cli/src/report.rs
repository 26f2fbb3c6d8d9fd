//! Text and JSON renderings of an analysis for the command line.

use otzone_models::catalogue::Catalogue;
use otzone_models::graph::route;
use otzone_models::i18n;
use otzone_models::model::{Endpoint, Lang, Project};
use otzone_models::risk::coverage::State;
use otzone_models::risk::register::RiskRow;
use otzone_models::risk::Analysis;
use std::collections::HashMap;
use std::fmt::Write;

fn names(p: &Project) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for z in &p.zones {
        m.insert(z.id.to_string(), z.name.clone());
    }
    for a in &p.assets {
        m.insert(a.id.to_string(), a.name.clone());
    }
    for e in &p.entry_points {
        m.insert(e.id.to_string(), e.name.clone());
    }
    for c in &p.conduits {
        m.insert(c.id.to_string(), c.name.clone());
    }
    m
}

fn counts(values: &[String], c: &[usize]) -> String {
    values
        .iter()
        .zip(c)
        .map(|(v, n)| format!("{v} {n}"))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Human-readable report.
pub fn text(p: &Project, a: &Analysis, lang: Lang, top: usize) -> String {
    let cat = Catalogue::builtin();
    let n = names(p);
    let name = |id: &dyn ToString| {
        n.get(&id.to_string())
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    let t = |k: &str| i18n::text(lang, k);
    let route_names = route::RouteNames::new(p, cat);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        i18n::format(
            lang,
            "analyze.header",
            &[
                ("name", &p.meta.name),
                ("method", &a.method),
                ("tolerable", &a.tolerable)
            ]
        )
    );
    let total = &a.rollups.total;
    let _ = writeln!(s, "{}: {}", t("analyze.risks"), total.rows);
    let _ = writeln!(
        s,
        "  {}: {}",
        t("state.inherent"),
        counts(&a.values, &total.inherent)
    );
    let _ = writeln!(
        s,
        "  {}: {}",
        t("state.planned"),
        counts(&a.values, &total.planned)
    );
    let _ = writeln!(
        s,
        "  {}: {}",
        t("state.residual"),
        counts(&a.values, &total.residual)
    );
    let _ = writeln!(
        s,
        "\n{}",
        i18n::format(lang, "analyze.top", &[("n", &top.to_string())])
    );
    for (i, r) in a.risks.iter().take(top).enumerate() {
        let threat = cat
            .threat(p, &r.threat)
            .map(|t| {
                if lang == Lang::Ja {
                    t.ja.clone()
                } else {
                    t.en.clone()
                }
            })
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "{:>3}. [{}→{}→{}] {} {} @ {} ({})",
            i + 1,
            r.inherent.risk.value,
            r.planned.risk.value,
            r.residual.risk.value,
            r.threat,
            threat,
            name(&r.asset),
            name(&r.zone)
        );
        let _ = writeln!(s, "       {}", r.explain(State::Residual, lang, p));
    }
    let to_check = a
        .risks
        .iter()
        .filter(|r| r.applicability.needs_check())
        .count();
    if to_check > 0 || !a.exclusions.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            i18n::format(
                lang,
                "analyze.applicability",
                &[
                    ("excluded", &a.exclusions.len().to_string()),
                    ("check", &to_check.to_string())
                ]
            )
        );
        for x in &a.exclusions {
            let _ = writeln!(
                s,
                "  {} @ {}: {}",
                x.threat,
                name(&x.asset),
                x.reason.explain(lang)
            );
        }
    }
    let _ = writeln!(s, "\n{}", t("analyze.paths"));
    for ap in a.attack_paths.iter().filter(|x| x.reachable) {
        // The first shortest route, hop by hop with the conduit and channel that carried it.
        let route = ap
            .shortest
            .first()
            .map(|ps| {
                route::describe_route(
                    p,
                    &route_names,
                    "",
                    ps.zones.iter().map(|z| name(z)).zip(ps.hops()),
                    lang,
                )
                .replace('\n', "\n      ")
            })
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  {} → {}: {}",
            name(&ap.entry),
            name(&ap.target_zone),
            i18n::format(
                lang,
                "analyze.path_line",
                &[
                    ("hops", &ap.hops.unwrap_or(0).to_string()),
                    (
                        "paths",
                        &format!("{}{}", ap.simple_paths, if ap.complete { "" } else { "+" })
                    ),
                    ("unprotected", &ap.unprotected_conduits.len().to_string()),
                    ("route", &route),
                ]
            )
        );
    }
    if !a.scenarios.is_empty() {
        let _ = writeln!(s, "\n{}", t("analyze.scenarios"));
        for d in &p.damages {
            // The worst trees first (residual, then planned, then inherent value).
            let mut trees: Vec<_> = a
                .scenarios
                .iter()
                .filter(|x| x.damage == d.id && !x.pruned)
                .collect();
            trees.sort_by_key(|x| {
                (
                    x.residual.risk.rank,
                    x.planned.risk.rank,
                    x.inherent.risk.rank,
                )
            });
            let _ = writeln!(
                s,
                "  {}",
                i18n::format(
                    lang,
                    "analyze.scenario_line",
                    &[("damage", &d.name), ("n", &trees.len().to_string())]
                )
            );
            for tree in trees.iter().take(2) {
                let entry = name(&tree.entry);
                let mut route = route::describe_route(
                    p,
                    &route_names,
                    &entry,
                    tree.steps.iter().map(|st| (name(&st.zone), &st.hop)),
                    lang,
                );
                if tree.response_hop {
                    route.push('\n');
                    route.push_str(t("scenario.response_hop"));
                }
                let _ = writeln!(
                    s,
                    "    [{}→{}→{}] {}",
                    tree.inherent.risk.value,
                    tree.planned.risk.value,
                    tree.residual.risk.value,
                    route.replace('\n', "\n      ")
                );
            }
        }
    }
    let unreachable = a.attack_paths.iter().filter(|x| !x.reachable).count();
    let _ = writeln!(
        s,
        "  {}",
        i18n::format(
            lang,
            "analyze.unreachable",
            &[("n", &unreachable.to_string())]
        )
    );
    let _ = writeln!(
        s,
        "\n{}",
        i18n::format(
            lang,
            "analyze.findings",
            &[("n", &a.findings.len().to_string())]
        )
    );
    for f in &a.findings {
        let sev = t(&format!(
            "severity.{}",
            serde_json::to_value(f.severity)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        ));
        let _ = writeln!(s, "  [{sev}][{}] {}", f.step, f.message(lang));
    }
    s
}

/// The analysis as JSON, written while it is produced: each register row carries its
/// explanation per state in `lang`. The L factory's answer is over 200 MB; built whole as a
/// `serde_json::Value` it took over 1 GiB.
///
/// # Errors
/// The writer's (a closed pipe, a full disk).
pub fn write_json(
    out: impl std::io::Write,
    p: &Project,
    a: &Analysis,
    lang: Lang,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, &JsonReport { p, a, lang })?;
    writeln!(out)?;
    out.flush()
}

/// [`Analysis`] as it serializes, with each register row explained.
struct JsonReport<'a> {
    p: &'a Project,
    a: &'a Analysis,
    lang: Lang,
}

/// One register row and its explanation per state.
#[derive(serde::Serialize)]
struct ExplainedRow<'a> {
    #[serde(flatten)]
    row: &'a RiskRow,
    explanation: Explained,
}

#[derive(serde::Serialize)]
struct Explained {
    inherent: String,
    planned: String,
    residual: String,
}

/// The register's rows, explained one at a time as they are written.
struct ExplainedRows<'a>(&'a JsonReport<'a>);

impl serde::Serialize for ExplainedRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let JsonReport { p, a, lang } = *self.0;
        let measures: HashMap<_, _> = p.countermeasures.iter().map(|m| (m.id, m)).collect();
        let measure = |id| measures.get(&id).copied();
        let mut seq = s.serialize_seq(Some(a.risks.len()))?;
        for row in &a.risks {
            let explanation = Explained {
                inherent: row.explain_with(State::Inherent, lang, &measure),
                planned: row.explain_with(State::Planned, lang, &measure),
                residual: row.explain_with(State::Residual, lang, &measure),
            };
            seq.serialize_element(&ExplainedRow { row, explanation })?;
        }
        seq.end()
    }
}

impl serde::Serialize for JsonReport<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        // Every field of `Analysis` that it serializes (a test compares the keys).
        let a = self.a;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("method", &a.method)?;
        m.serialize_entry("values", &a.values)?;
        m.serialize_entry("tolerable", &a.tolerable)?;
        m.serialize_entry("risks", &ExplainedRows(self))?;
        m.serialize_entry("exclusions", &a.exclusions)?;
        m.serialize_entry("attack_paths", &a.attack_paths)?;
        m.serialize_entry("scenarios", &a.scenarios)?;
        m.serialize_entry("rollups", &a.rollups)?;
        m.serialize_entry("sl_gaps", &a.sl_gaps)?;
        m.serialize_entry("findings", &a.findings)?;
        m.end()
    }
}

/// Resolve a zone or entry point by name or id, for `what-if` arguments.
pub fn endpoint(p: &Project, key: &str) -> Option<Endpoint> {
    p.zones
        .iter()
        .find(|z| z.name == key || z.id.to_string() == key)
        .map(|z| Endpoint::Zone(z.id))
        .or_else(|| {
            p.entry_points
                .iter()
                .find(|e| e.name == key || e.id.to_string() == key)
                .map(|e| Endpoint::Entry(e.id))
        })
}
