//! Structural integrity of a project, checked on every load (JSON or project file):
//! duplicate ids, dangling references, impossible conduits, unknown catalogue ids and
//! project ids that could clash with the catalogue. All problems are returned, each with the
//! model path it concerns (`assets[3].zone`).
//!
//! This is about whether the data hangs together. Whether the *assessment* is complete
//! (assets without a zone, missing responsibilities…) is validation, which reports findings
//! and never refuses a file.

use crate::catalogue::Catalogue;
use crate::id::{AssetId, BusinessId, ConduitId, EntryPointId, MeasureId, SupplierId, ZoneId};
use crate::model::{Endpoint, Project};
use crate::Problem;
use std::collections::HashSet;
use std::fmt::Display;
use std::hash::Hash;

/// Longest text accepted in any single field (bytes). Longer text is refused on load with its
/// location rather than silently truncated.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Longest assessment horizon accepted (months): 50 years.
pub const MAX_HORIZON_MONTHS: u32 = 600;

struct Checker<'a> {
    project: &'a Project,
    catalogue: &'a Catalogue,
    /// Whether to look for texts over the limit (the caller may know there are none).
    measure_texts: bool,
    problems: Vec<Problem>,
}

fn ids<'a, T, I: Copy + Eq + Hash + 'a>(items: &'a [T], id: impl Fn(&T) -> I) -> HashSet<I> {
    items.iter().map(id).collect()
}

/// The ids of the items other items refer to.
struct Ids {
    businesses: HashSet<BusinessId>,
    assets: HashSet<AssetId>,
    zones: HashSet<ZoneId>,
    entries: HashSet<EntryPointId>,
    conduits: HashSet<ConduitId>,
    suppliers: HashSet<SupplierId>,
    measures: HashSet<MeasureId>,
}

impl Ids {
    fn of(p: &Project) -> Self {
        Self {
            businesses: ids(&p.businesses, |x| x.id),
            assets: ids(&p.assets, |x| x.id),
            zones: ids(&p.zones, |x| x.id),
            entries: ids(&p.entry_points, |x| x.id),
            conduits: ids(&p.conduits, |x| x.id),
            suppliers: ids(&p.suppliers, |x| x.id),
            measures: ids(&p.countermeasures, |x| x.id),
        }
    }
}

impl Checker<'_> {
    fn push(&mut self, code: &str, path: String, message: String) {
        self.problems.push(Problem::at(code, path, message));
    }

    fn duplicates<'b, T, I: Eq + Hash + Display + Copy>(
        &mut self,
        name: &str,
        items: &'b [T],
        id: impl Fn(&'b T) -> I,
    ) {
        let mut seen = HashSet::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let v = id(item);
            if !seen.insert(v) {
                self.push(
                    "duplicate_id",
                    format!("{name}[{i}].id"),
                    format!("id {v} is used twice"),
                );
            }
        }
    }

    fn reference<I: Eq + Hash + Display>(
        &mut self,
        set: &HashSet<I>,
        id: &I,
        path: String,
        what: &str,
    ) {
        if !set.contains(id) {
            self.push(
                "dangling_reference",
                path,
                format!("{what} {id} does not exist"),
            );
        }
    }

    fn threat_id(&mut self, id: &str, path: String) {
        if self.catalogue.threat(self.project, id).is_none() {
            self.push(
                "unknown_threat",
                path,
                format!("threat {id:?} is neither in the catalogue nor a project threat"),
            );
        }
    }

    fn run(&mut self) {
        self.format_and_texts();
        self.unique_ids();
        let ids = Ids::of(self.project);
        self.vulnerabilities(&ids);
        self.settings();
        self.assets(&ids);
        self.zones(&ids);
        self.zone_cycles();
        self.conduits(&ids);
        self.risk_decisions(&ids);
        self.threats(&ids);
        self.countermeasures(&ids);
        self.checklist_answers(&ids);
        self.damages(&ids);
        self.project_catalogue();
        self.risk_method();
    }

    /// No id is used twice in a list (nor a version label twice).
    fn unique_ids(&mut self) {
        let p = self.project;
        self.duplicates("businesses", &p.businesses, |x| x.id);
        self.duplicates("assets", &p.assets, |x| x.id);
        self.duplicates("zones", &p.zones, |x| x.id);
        self.duplicates("entry_points", &p.entry_points, |x| x.id);
        self.duplicates("conduits", &p.conduits, |x| x.id);
        self.duplicates("threats", &p.threats, |x| x.id);
        self.duplicates("countermeasures", &p.countermeasures, |x| x.id);
        self.duplicates("ooda_roles", &p.ooda_roles, |x| x.id);
        self.duplicates("suppliers", &p.suppliers, |x| x.id);
        self.duplicates("checklist_answers", &p.checklist_answers, |x| x.id);
        self.duplicates("damages", &p.damages, |x| x.id);
        self.duplicates("requirements.items", &p.requirements.items, |x| x.id);
        self.duplicates(
            "requirements.stakeholders",
            &p.requirements.stakeholders,
            |x| x.id,
        );
        self.duplicates("risk_decisions", &p.risk_decisions, |x| x.risk_id.as_str());
        self.duplicates("revisions", &p.revisions, |x| x.id);
        // A version is named by its label (plant.otz@1.0): two alike could not be told apart.
        let mut labels = HashSet::with_capacity(p.revisions.len());
        for (i, r) in p.revisions.iter().enumerate() {
            if !labels.insert(r.version.as_str()) {
                self.push(
                    "duplicate_version",
                    format!("revisions[{i}].version"),
                    format!("version {} is recorded twice", r.version),
                );
            }
        }
        self.duplicates("inspection_results", &p.inspection_results, |x| {
            x.row_id.as_str()
        });
        self.duplicates("customer_responses", &p.customer_responses, |x| {
            x.row_id.as_str()
        });
        self.duplicates("vulnerabilities", &p.vulnerabilities, |x| x.id);
    }

    /// A finding names an asset that exists, and its CVSS score is one.
    fn vulnerabilities(&mut self, ids: &Ids) {
        let p = self.project;
        for (i, v) in p.vulnerabilities.iter().enumerate() {
            if let Some(a) = &v.asset {
                self.reference(
                    &ids.assets,
                    a,
                    format!("vulnerabilities[{i}].asset"),
                    "asset",
                );
            }
            if let Some(score) = v.cvss {
                if !(0.0..=10.0).contains(&score) {
                    self.push(
                        "cvss_out_of_range",
                        format!("vulnerabilities[{i}].cvss"),
                        format!("CVSS {score} is not between 0.0 and 10.0"),
                    );
                }
            }
        }
    }

    /// The assessment horizon is within its limit.
    fn settings(&mut self) {
        let p = self.project;
        if p.settings.support_horizon_months > MAX_HORIZON_MONTHS {
            self.push(
                "out_of_range",
                "settings.support_horizon_months".into(),
                format!(
                    "assessment horizon of {} months is beyond the limit of {MAX_HORIZON_MONTHS}",
                    p.settings.support_horizon_months
                ),
            );
        }
    }

    /// An asset's zone, businesses and supplier exist; its threat decisions name threats, once each.
    fn assets(&mut self, ids: &Ids) {
        let p = self.project;
        for (i, a) in p.assets.iter().enumerate() {
            if let Some(z) = &a.zone {
                self.reference(&ids.zones, z, format!("assets[{i}].zone"), "zone");
            }
            for (j, b) in a.businesses.iter().enumerate() {
                self.reference(
                    &ids.businesses,
                    b,
                    format!("assets[{i}].businesses[{j}]"),
                    "business",
                );
            }
            if let Some(s) = &a.supplier {
                self.reference(
                    &ids.suppliers,
                    s,
                    format!("assets[{i}].supplier"),
                    "supplier",
                );
            }
            let mut decided = HashSet::new();
            for (j, o) in a.threat_applicability.iter().enumerate() {
                self.threat_id(
                    &o.threat,
                    format!("assets[{i}].threat_applicability[{j}].threat"),
                );
                if !decided.insert(o.threat.as_str()) {
                    self.push(
                        "duplicate_id",
                        format!("assets[{i}].threat_applicability[{j}].threat"),
                        format!("threat {} is decided twice for the asset", o.threat),
                    );
                }
            }
        }
    }

    /// A zone's parent and businesses exist.
    fn zones(&mut self, ids: &Ids) {
        let p = self.project;
        for (i, z) in p.zones.iter().enumerate() {
            if let Some(parent) = &z.parent {
                self.reference(&ids.zones, parent, format!("zones[{i}].parent"), "zone");
            }
            for (j, b) in z.businesses.iter().enumerate() {
                self.reference(
                    &ids.businesses,
                    b,
                    format!("zones[{i}].businesses[{j}]"),
                    "business",
                );
            }
        }
    }

    /// A conduit's ends exist, differ, and are not both entry points; its boundary devices exist.
    fn conduits(&mut self, ids: &Ids) {
        let p = self.project;
        for (i, c) in p.conduits.iter().enumerate() {
            for (end, e) in [("from", c.from), ("to", c.to)] {
                let path = format!("conduits[{i}].{end}");
                match e {
                    Endpoint::Zone(z) => self.reference(&ids.zones, &z, path, "zone"),
                    Endpoint::Entry(x) => self.reference(&ids.entries, &x, path, "entry point"),
                }
            }
            if c.from == c.to {
                self.push(
                    "conduit_self_loop",
                    format!("conduits[{i}]"),
                    format!(
                        "conduit {:?} connects an end to itself: choose another zone or entry \
                         point for one of its ends",
                        c.name
                    ),
                );
            }
            if matches!((c.from, c.to), (Endpoint::Entry(_), Endpoint::Entry(_))) {
                self.push(
                    "conduit_between_entries",
                    format!("conduits[{i}]"),
                    format!(
                        "conduit {:?} joins two entry points; one end must be a zone",
                        c.name
                    ),
                );
            }
            for (j, b) in c.boundary.iter().enumerate() {
                if let Some(d) = &b.device {
                    self.reference(
                        &ids.assets,
                        d,
                        format!("conduits[{i}].boundary[{j}].device"),
                        "asset",
                    );
                }
            }
        }
    }

    /// A treatment decision relies on countermeasures that exist.
    fn risk_decisions(&mut self, ids: &Ids) {
        let p = self.project;
        for (i, d) in p.risk_decisions.iter().enumerate() {
            for (j, m) in d.relies_on.iter().enumerate() {
                self.reference(
                    &ids.measures,
                    m,
                    format!("risk_decisions[{i}].relies_on[{j}]"),
                    "countermeasure",
                );
            }
        }
    }

    /// A threat scenario's zone, threat and impacts exist.
    fn threats(&mut self, ids: &Ids) {
        let p = self.project;
        for (i, t) in p.threats.iter().enumerate() {
            self.reference(&ids.zones, &t.zone, format!("threats[{i}].zone"), "zone");
            self.threat_id(&t.threat, format!("threats[{i}].threat"));
            for (j, imp) in t.impact_ids.iter().enumerate() {
                if !self.catalogue.impacts.iter().any(|x| &x.id == imp) {
                    self.push(
                        "unknown_impact",
                        format!("threats[{i}].impact_ids[{j}]"),
                        format!("impact {imp:?} is not in the catalogue"),
                    );
                }
            }
        }
    }

    /// A countermeasure is a known measure; its threats and scope exist.
    fn countermeasures(&mut self, ids: &Ids) {
        let p = self.project;
        for (i, m) in p.countermeasures.iter().enumerate() {
            if self.catalogue.measure(p, &m.measure).is_none() {
                self.push(
                    "unknown_measure",
                    format!("countermeasures[{i}].measure"),
                    format!(
                        "countermeasure {:?} is neither in the catalogue nor a project one",
                        m.measure
                    ),
                );
            }
            for (j, t) in m.threats.iter().enumerate() {
                self.threat_id(t, format!("countermeasures[{i}].threats[{j}]"));
            }
            for (j, z) in m.scope.zones.iter().enumerate() {
                self.reference(
                    &ids.zones,
                    z,
                    format!("countermeasures[{i}].scope.zones[{j}]"),
                    "zone",
                );
            }
            for (j, c) in m.scope.conduits.iter().enumerate() {
                let path = format!("countermeasures[{i}].scope.conduits[{j}]");
                self.reference(&ids.conduits, c, path, "conduit");
            }
            for (j, a) in m.scope.assets.iter().enumerate() {
                let path = format!("countermeasures[{i}].scope.assets[{j}]");
                self.reference(&ids.assets, a, path, "asset");
            }
        }
    }

    /// A checklist answer names a catalogue item, and a supplier and asset that exist.
    fn checklist_answers(&mut self, ids: &Ids) {
        let p = self.project;
        for (i, c) in p.checklist_answers.iter().enumerate() {
            if self.catalogue.checklist_item(&c.item).is_none() {
                self.push(
                    "unknown_checklist_item",
                    format!("checklist_answers[{i}].item"),
                    format!("checklist item {:?} is not in the catalogue", c.item),
                );
            }
            if let Some(s) = &c.supplier {
                self.reference(
                    &ids.suppliers,
                    s,
                    format!("checklist_answers[{i}].supplier"),
                    "supplier",
                );
            }
            if let Some(a) = &c.asset {
                self.reference(
                    &ids.assets,
                    a,
                    format!("checklist_answers[{i}].asset"),
                    "asset",
                );
            }
        }
    }

    /// A damage's target exists.
    fn damages(&mut self, ids: &Ids) {
        let p = self.project;
        for (i, d) in p.damages.iter().enumerate() {
            self.reference(
                &ids.assets,
                &d.target,
                format!("damages[{i}].target"),
                "asset",
            );
        }
    }

    /// Project catalogue ids start with `X-` and are used once.
    fn project_catalogue(&mut self) {
        let p = self.project;
        let mut custom_ids = HashSet::new();
        let threat_ids = p
            .custom
            .threats
            .iter()
            .map(|t| ("custom.threats", t.id.as_str()));
        let measure_ids = p
            .custom
            .measures
            .iter()
            .map(|m| ("custom.measures", m.id.as_str()));
        for (i, (list, id)) in threat_ids.chain(measure_ids).enumerate() {
            if !id.starts_with("X-") || id.len() < 3 {
                self.push(
                    "custom_id_prefix",
                    format!("{list}[{i}].id"),
                    format!("project catalogue id {id:?} must start with \"X-\" so it never clashes with the catalogue"),
                );
            }
            if !custom_ids.insert(id) {
                self.push(
                    "duplicate_id",
                    format!("{list}[{i}].id"),
                    format!("id {id} is used twice"),
                );
            }
        }
    }

    /// The project's risk method is in the catalogue.
    fn risk_method(&mut self) {
        let p = self.project;
        if self
            .catalogue
            .risk_method(&p.settings.risk_method)
            .is_none()
        {
            self.push(
                "unknown_risk_method",
                "settings.risk_method".into(),
                format!(
                    "risk method {:?} is not in the catalogue",
                    p.settings.risk_method
                ),
            );
        }
    }

    /// The format version is one this build reads, and no text is longer than
    /// [`MAX_TEXT_BYTES`]: the same rule for every way into the model (JSON, project file,
    /// ledger, customer answers, the app), so that whatever is saved opens again.
    fn format_and_texts(&mut self) {
        let p = self.project;
        if p.format_version == 0 || p.format_version > crate::model::FORMAT_VERSION {
            self.push(
                "format_version",
                "format_version".into(),
                format!(
                    "format version {} is not one this program reads (1 to {})",
                    p.format_version,
                    crate::model::FORMAT_VERSION
                ),
            );
        }
        if !self.measure_texts {
            return;
        }
        if let Some((path, len)) = oversized_text(p) {
            self.push(
                "text_too_long",
                path,
                format!("text of {len} bytes exceeds the limit of {MAX_TEXT_BYTES} bytes"),
            );
        }
    }

    /// Parent chains must end; a zone that is its own ancestor is refused. Each zone is
    /// visited once (walks stop at zones already settled), so a long chain costs O(Z), not
    /// O(Z²) as a walk from every zone would.
    fn zone_cycles(&mut self) {
        let index: std::collections::HashMap<_, _> = self
            .project
            .zones
            .iter()
            .enumerate()
            .map(|(i, z)| (z.id, i))
            .collect();
        // 0 = not seen, 1 = on the current walk, 2 = settled.
        let mut state = vec![0u8; self.project.zones.len()];
        let mut in_cycle = vec![false; self.project.zones.len()];
        let mut walk: Vec<usize> = Vec::new();
        for start in 0..self.project.zones.len() {
            let mut cur = Some(start);
            while let Some(i) = cur {
                match state[i] {
                    2 => break,
                    1 => {
                        // The walk came back to a zone on it: the zones from there on form a cycle.
                        if let Some(pos) = walk.iter().position(|&w| w == i) {
                            for &w in &walk[pos..] {
                                in_cycle[w] = true;
                            }
                        }
                        break;
                    }
                    _ => {
                        state[i] = 1;
                        walk.push(i);
                        cur = self.project.zones[i]
                            .parent
                            .and_then(|p| index.get(&p).copied());
                    }
                }
            }
            for w in walk.drain(..) {
                state[w] = 2;
            }
        }
        for (i, z) in self.project.zones.iter().enumerate() {
            if in_cycle[i] {
                self.push(
                    "zone_parent_cycle",
                    format!("zones[{i}].parent"),
                    format!("zone {:?} is its own ancestor", z.name),
                );
            }
        }
    }
}

/// The first text of the project longer than [`MAX_TEXT_BYTES`], as (model path, bytes).
///
/// The project is serialised into a sink that only measures its strings (no copy is kept);
/// the path is worked out only when a text is too long.
pub fn oversized_text(project: &Project) -> Option<(String, usize)> {
    let mut sink = LongestString::default();
    if serde_json::to_writer(&mut sink, project).is_err() || sink.longest <= MAX_TEXT_BYTES {
        return None;
    }
    let value = serde_json::to_value(project).ok()?;
    let mut path = String::new();
    oversized_in_value(&value, &mut path)
}

/// First string of a JSON value longer than [`MAX_TEXT_BYTES`], as (JSON path, bytes).
pub fn oversized_in_value(v: &serde_json::Value, path: &mut String) -> Option<(String, usize)> {
    use serde_json::Value;
    match v {
        Value::String(s) if s.len() > MAX_TEXT_BYTES => Some((path.clone(), s.len())),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let found = oversized_in_value(item, path);
            path.truncate(len);
            found
        }),
        Value::Object(map) => map.iter().find_map(|(k, item)| {
            // A key is text too (a long one would reach the error naming it as unknown).
            if k.len() > MAX_TEXT_BYTES {
                return Some((path.clone(), k.len()));
            }
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(k);
            let found = oversized_in_value(item, path);
            path.truncate(len);
            found
        }),
        _ => None,
    }
}

/// Measures the longest string (map keys included) of the JSON written into it, in bytes of
/// the unescaped text: `\n` counts one byte, `\u001f` one.
#[derive(Default)]
struct LongestString {
    in_string: bool,
    escape: bool,
    hex_left: u8,
    current: usize,
    longest: usize,
}

impl std::io::Write for LongestString {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if !self.in_string {
                if b == b'"' {
                    self.in_string = true;
                    self.current = 0;
                }
            } else if self.hex_left > 0 {
                self.hex_left -= 1;
            } else if self.escape {
                self.escape = false;
                self.current += 1;
                if b == b'u' {
                    self.hex_left = 4;
                }
            } else if b == b'\\' {
                self.escape = true;
            } else if b == b'"' {
                self.in_string = false;
                self.longest = self.longest.max(self.current);
            } else {
                self.current += 1;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every structural problem of the project; empty when it hangs together.
///
/// # Complexity
/// O(n) in the number of objects and references (hash sets).
pub fn check(project: &Project, catalogue: &Catalogue) -> Vec<Problem> {
    let mut c = Checker {
        project,
        catalogue,
        measure_texts: true,
        problems: Vec::new(),
    };
    c.run();
    c.problems
}

/// As [`check`], for a project whose texts are known to be within [`MAX_TEXT_BYTES`]: one
/// that came in through [`check`] and was then changed only by items measured on their way in
/// ([`crate::edit::apply`]). Measuring every text means writing the whole project out, most
/// of the check's time at 10k assets.
pub fn check_measured(project: &Project, catalogue: &Catalogue) -> Vec<Problem> {
    let mut c = Checker {
        project,
        catalogue,
        measure_texts: false,
        problems: Vec::new(),
    };
    c.run();
    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::*;
    use crate::model::*;

    fn base() -> Project {
        let mut p = Project::new("t");
        let z = Zone::new("制御");
        let mut a = ProtectedAsset::new("PLC", "plc");
        a.zone = Some(z.id);
        p.zones.push(z);
        p.assets.push(a);
        p
    }

    #[test]
    fn a_consistent_project_has_no_problems() {
        assert!(check(&base(), Catalogue::builtin()).is_empty());
    }

    #[test]
    fn dangling_references_are_located() {
        let mut p = base();
        p.assets[0].zone = Some(ZoneId::derived("gone"));
        p.assets[0].businesses.push(BusinessId::derived("gone"));
        let z = p.zones[0].id;
        p.conduits.push(Conduit::new(
            "c",
            Endpoint::Zone(z),
            Endpoint::Entry(EntryPointId::derived("x")),
        ));
        let problems = check(&p, Catalogue::builtin());
        let paths: Vec<_> = problems
            .iter()
            .map(|p| p.location.path.clone().unwrap())
            .collect();
        assert_eq!(
            paths,
            [
                "assets[0].zone",
                "assets[0].businesses[0]",
                "conduits[0].to"
            ]
        );
        assert!(problems.iter().all(|p| p.code == "dangling_reference"));
        assert!(problems[0]
            .message
            .contains(&ZoneId::derived("gone").to_string()));
    }

    #[test]
    fn duplicate_ids_self_loops_and_unknown_ids_are_reported() {
        let mut p = base();
        let dup = p.assets[0].clone();
        p.assets.push(dup);
        let z = p.zones[0].id;
        p.conduits
            .push(Conduit::new("loop", Endpoint::Zone(z), Endpoint::Zone(z)));
        p.threats.push(ThreatScenario {
            id: ZoneThreatId::new(),
            zone: z,
            threat: "T99".into(),
            applicable: true,
            reason: String::new(),
            entry_path: String::new(),
            threat_level: None,
            impacts: Default::default(),
            impact_ids: vec!["I77".into()],
            note: String::new(),
        });
        p.custom.measures.push(CustomMeasure {
            id: "C-NW-01".into(),
            ja: "衝突".into(),
            en: "clash".into(),
            category: MeasureCategory::Network,
            lowers: vec![],
            views: vec![],
            fr: vec![],
        });
        let codes: Vec<_> = check(&p, Catalogue::builtin())
            .into_iter()
            .map(|p| p.code)
            .collect();
        assert_eq!(
            codes,
            [
                "duplicate_id",
                "conduit_self_loop",
                "unknown_threat",
                "unknown_impact",
                "custom_id_prefix"
            ]
        );
    }

    #[test]
    fn zone_parent_cycles_are_refused() {
        let mut p = base();
        let mut a = Zone::new("A");
        let mut b = Zone::new("B");
        a.parent = Some(b.id);
        b.parent = Some(a.id);
        p.zones.extend([a, b]);
        let problems = check(&p, Catalogue::builtin());
        assert_eq!(problems.len(), 2);
        assert!(problems.iter().all(|p| p.code == "zone_parent_cycle"));
    }

    #[test]
    fn a_zone_under_a_cycle_is_not_its_own_ancestor_and_self_parent_is() {
        // C → A → B → A: A and B are their own ancestors, C only hangs below the cycle;
        // D is its own parent.
        let mut p = base();
        let mut a = Zone::new("A");
        let mut b = Zone::new("B");
        let mut c = Zone::new("C");
        let mut d = Zone::new("D");
        a.parent = Some(b.id);
        b.parent = Some(a.id);
        c.parent = Some(a.id);
        d.parent = Some(d.id);
        let n = p.zones.len();
        p.zones.extend([c, a, b, d]);
        let cyc: Vec<String> = check(&p, Catalogue::builtin())
            .into_iter()
            .filter(|p| p.code == "zone_parent_cycle")
            .filter_map(|p| p.location.path)
            .collect();
        let at = |i: usize| format!("zones[{}].parent", n + i);
        assert_eq!(cyc, [at(1), at(2), at(3)]);
    }

    #[test]
    fn texts_are_measured_unescaped_and_the_longest_is_located() {
        let mut p = base();
        // Exactly the limit, made of characters JSON escapes (each one byte of text): accepted.
        p.meta.scope = "\n".repeat(MAX_TEXT_BYTES);
        assert!(check(&p, Catalogue::builtin()).is_empty());
        // One byte more anywhere is refused with its model path.
        let mut z = Zone::new("Z");
        z.purpose = "é".repeat(MAX_TEXT_BYTES / 2) + "x";
        p.zones.push(z);
        let n = p.zones.len() - 1;
        let problems = check(&p, Catalogue::builtin());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, "text_too_long");
        assert_eq!(
            problems[0].location.path.as_deref(),
            Some(format!("zones[{n}].purpose").as_str())
        );
    }

    #[test]
    fn an_unknown_format_version_is_refused() {
        let mut p = base();
        p.format_version = 99;
        let problems = check(&p, Catalogue::builtin());
        assert_eq!(problems[0].code, "format_version", "{problems:?}");
    }

    #[test]
    fn a_chain_of_twenty_thousand_zones_is_checked_in_linear_work() {
        // Each zone's parent is the previous one; the old walk from every zone took 55 s.
        // A linear check visits each zone once: well under a second even in a debug build.
        let mut p = base();
        let mut prev: Option<crate::id::ZoneId> = None;
        for i in 0..20_000 {
            let mut z = Zone::new(format!("z{i}"));
            z.parent = prev;
            prev = Some(z.id);
            p.zones.push(z);
        }
        let t = std::time::Instant::now();
        let problems = check(&p, Catalogue::builtin());
        assert!(problems.iter().all(|p| p.code != "zone_parent_cycle"));
        assert!(
            t.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            t.elapsed()
        );
    }
}

#[cfg(test)]
mod version_label_tests {
    use super::*;
    use crate::model::*;

    /// A version is named by its label (plant.otz@1.0): a file recording one label twice (by
    /// hand; recording refuses it) is refused where the second one stands.
    #[test]
    fn a_version_label_recorded_twice_is_refused() {
        let mut p = Project::new("t");
        let rev = |v: &str| Revision {
            id: crate::id::RevisionId::new(),
            version: v.into(),
            date: IsoDate::from_ymd(2026, 12, 1).unwrap(),
            summary: String::new(),
            author: String::new(),
            baseline: "0".repeat(16),
            risks: 0,
            above_tolerable: 0,
            snapshot: Vec::new(),
        };
        p.revisions = vec![rev("1.0"), rev("1.1")];
        assert!(check(&p, Catalogue::builtin()).is_empty());
        p.revisions.push(rev("1.0"));
        let problems = check(&p, Catalogue::builtin());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, "duplicate_version");
        assert_eq!(
            problems[0].location.path.as_deref(),
            Some("revisions[2].version")
        );
    }
}
