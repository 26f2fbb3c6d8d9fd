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

/// Human-readable report: the figures, the top risks, applicability, attack paths, scenarios
/// and findings, one section after another.
pub fn text(p: &Project, a: &Analysis, lang: Lang, top: usize) -> String {
    let r = Report {
        p,
        a,
        lang,
        cat: Catalogue::builtin(),
        names: names(p),
        route_names: route::RouteNames::new(p, Catalogue::builtin()),
    };
    let mut s = String::new();
    r.figures(&mut s);
    r.top_risks(&mut s, top);
    r.applicability(&mut s);
    r.paths(&mut s);
    r.scenarios(&mut s);
    r.findings(&mut s);
    s
}

/// What every section of the text report reads.
struct Report<'a> {
    p: &'a Project,
    a: &'a Analysis,
    lang: Lang,
    cat: &'a Catalogue,
    names: HashMap<String, String>,
    route_names: route::RouteNames<'a>,
}

impl Report<'_> {
    fn t(&self, key: &str) -> &'static str {
        i18n::text(self.lang, key)
    }

    /// An item's name by id (the id itself for one the project does not have).
    fn name(&self, id: &dyn ToString) -> String {
        let id = id.to_string();
        self.names.get(&id).cloned().unwrap_or(id)
    }

    /// The header and how many rows are at each value, per state.
    fn figures(&self, s: &mut String) {
        let (p, a, lang) = (self.p, self.a, self.lang);
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
        let _ = writeln!(s, "{}: {}", self.t("analyze.risks"), total.rows);
        for (state, values) in [
            ("state.inherent", &total.inherent),
            ("state.planned", &total.planned),
            ("state.residual", &total.residual),
        ] {
            let _ = writeln!(s, "  {}: {}", self.t(state), counts(&a.values, values));
        }
    }

    /// The first `top` rows of the register, each with its explanation.
    fn top_risks(&self, s: &mut String, top: usize) {
        let (p, lang) = (self.p, self.lang);
        let _ = writeln!(
            s,
            "\n{}",
            i18n::format(lang, "analyze.top", &[("n", &top.to_string())])
        );
        for (i, r) in self.a.risks.iter().take(top).enumerate() {
            let threat = self
                .cat
                .threat(p, &r.threat)
                .map(|t| if lang == Lang::Ja { &t.ja } else { &t.en }.clone())
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
                self.name(&r.asset),
                self.name(&r.zone)
            );
            let _ = writeln!(s, "       {}", r.explain(State::Residual, lang, p));
        }
    }

    /// Threats left out of assets, and rows whose applicability needs checking.
    fn applicability(&self, s: &mut String) {
        let (a, lang) = (self.a, self.lang);
        let to_check = a
            .risks
            .iter()
            .filter(|r| r.applicability.needs_check())
            .count();
        if to_check == 0 && a.exclusions.is_empty() {
            return;
        }
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
                self.name(&x.asset),
                x.reason.explain(lang)
            );
        }
    }

    /// The reachable attack paths, each with its first shortest route hop by hop (the
    /// conduit and channel that carried it).
    fn paths(&self, s: &mut String) {
        let _ = writeln!(s, "\n{}", self.t("analyze.paths"));
        for ap in self.a.attack_paths.iter().filter(|x| x.reachable) {
            let route = ap
                .shortest
                .first()
                .map(|ps| {
                    route::describe_route(
                        self.p,
                        &self.route_names,
                        "",
                        ps.zones.iter().map(|z| self.name(z)).zip(ps.hops()),
                        self.lang,
                    )
                    .replace('\n', "\n      ")
                })
                .unwrap_or_default();
            let paths = format!("{}{}", ap.simple_paths, if ap.complete { "" } else { "+" });
            let _ = writeln!(
                s,
                "  {} → {}: {}",
                self.name(&ap.entry),
                self.name(&ap.target_zone),
                i18n::format(
                    self.lang,
                    "analyze.path_line",
                    &[
                        ("hops", &ap.hops.unwrap_or(0).to_string()),
                        ("paths", &paths),
                        ("unprotected", &ap.unprotected_conduits.len().to_string()),
                        ("route", &route),
                    ]
                )
            );
        }
    }

    /// Per business damage, its two worst attack trees; then how many paths are unreachable
    /// (the end of the paths section).
    fn scenarios(&self, s: &mut String) {
        let (a, lang) = (self.a, self.lang);
        if !a.scenarios.is_empty() {
            let _ = writeln!(s, "\n{}", self.t("analyze.scenarios"));
            for d in &self.p.damages {
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
                    let entry = self.name(&tree.entry);
                    let mut route = route::describe_route(
                        self.p,
                        &self.route_names,
                        &entry,
                        tree.steps.iter().map(|st| (self.name(&st.zone), &st.hop)),
                        lang,
                    );
                    if tree.response_hop {
                        route.push('\n');
                        route.push_str(self.t("scenario.response_hop"));
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
    }

    /// Every finding with its severity and step.
    fn findings(&self, s: &mut String) {
        let a = self.a;
        let _ = writeln!(
            s,
            "\n{}",
            i18n::format(
                self.lang,
                "analyze.findings",
                &[("n", &a.findings.len().to_string())]
            )
        );
        for f in &a.findings {
            let sev = self.t(&format!(
                "severity.{}",
                serde_json::to_value(f.severity)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            ));
            let _ = writeln!(s, "  [{sev}][{}] {}", f.step, f.message(self.lang));
        }
    }
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
