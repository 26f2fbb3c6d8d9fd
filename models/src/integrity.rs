//! Structural integrity of a project, checked on every load (JSON or project file):
//! duplicate ids, dangling references, impossible conduits, unknown catalogue ids and
//! project ids that could clash with the catalogue. All problems are returned, each with the
//! model path it concerns (`assets[3].zone`).
//!
//! This is about whether the data hangs together. Whether the *assessment* is complete
//! (assets without a zone, missing responsibilities…) is validation, which reports findings
//! and never refuses a file.

use crate::catalogue::Catalogue;
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
    problems: Vec<Problem>,
}

fn ids<'a, T, I: Copy + Eq + Hash + 'a>(items: &'a [T], id: impl Fn(&T) -> I) -> HashSet<I> {
    items.iter().map(id).collect()
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
        self.duplicates("inspection_results", &p.inspection_results, |x| {
            x.row_id.as_str()
        });
        self.duplicates("customer_responses", &p.customer_responses, |x| {
            x.row_id.as_str()
        });
        self.duplicates("vulnerabilities", &p.vulnerabilities, |x| x.id);

        let businesses = ids(&p.businesses, |x| x.id);
        let assets = ids(&p.assets, |x| x.id);
        let zones = ids(&p.zones, |x| x.id);
        let entries = ids(&p.entry_points, |x| x.id);
        let conduits = ids(&p.conduits, |x| x.id);
        let suppliers = ids(&p.suppliers, |x| x.id);

        for (i, v) in p.vulnerabilities.iter().enumerate() {
            if let Some(a) = &v.asset {
                self.reference(&assets, a, format!("vulnerabilities[{i}].asset"), "asset");
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
        for (i, a) in p.assets.iter().enumerate() {
            if let Some(z) = &a.zone {
                self.reference(&zones, z, format!("assets[{i}].zone"), "zone");
            }
            for (j, b) in a.businesses.iter().enumerate() {
                self.reference(
                    &businesses,
                    b,
                    format!("assets[{i}].businesses[{j}]"),
                    "business",
                );
            }
            if let Some(s) = &a.supplier {
                self.reference(&suppliers, s, format!("assets[{i}].supplier"), "supplier");
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
        for (i, z) in p.zones.iter().enumerate() {
            if let Some(parent) = &z.parent {
                self.reference(&zones, parent, format!("zones[{i}].parent"), "zone");
            }
            for (j, b) in z.businesses.iter().enumerate() {
                self.reference(
                    &businesses,
                    b,
                    format!("zones[{i}].businesses[{j}]"),
                    "business",
                );
            }
        }
        self.zone_cycles();
        for (i, c) in p.conduits.iter().enumerate() {
            for (end, e) in [("from", c.from), ("to", c.to)] {
                let path = format!("conduits[{i}].{end}");
                match e {
                    Endpoint::Zone(z) => self.reference(&zones, &z, path, "zone"),
                    Endpoint::Entry(x) => self.reference(&entries, &x, path, "entry point"),
                }
            }
            if c.from == c.to {
                self.push(
                    "conduit_self_loop",
                    format!("conduits[{i}]"),
                    format!("conduit {:?} connects an end to itself", c.name),
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
                        &assets,
                        d,
                        format!("conduits[{i}].boundary[{j}].device"),
                        "asset",
                    );
                }
            }
        }
        for (i, t) in p.threats.iter().enumerate() {
            self.reference(&zones, &t.zone, format!("threats[{i}].zone"), "zone");
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
                    &zones,
                    z,
                    format!("countermeasures[{i}].scope.zones[{j}]"),
                    "zone",
                );
            }
            for (j, c) in m.scope.conduits.iter().enumerate() {
                let path = format!("countermeasures[{i}].scope.conduits[{j}]");
                self.reference(&conduits, c, path, "conduit");
            }
            for (j, a) in m.scope.assets.iter().enumerate() {
                let path = format!("countermeasures[{i}].scope.assets[{j}]");
                self.reference(&assets, a, path, "asset");
            }
        }
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
                    &suppliers,
                    s,
                    format!("checklist_answers[{i}].supplier"),
                    "supplier",
                );
            }
            if let Some(a) = &c.asset {
                self.reference(&assets, a, format!("checklist_answers[{i}].asset"), "asset");
            }
        }
        for (i, d) in p.damages.iter().enumerate() {
            self.reference(&assets, &d.target, format!("damages[{i}].target"), "asset");
        }
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

    /// Parent chains must end; a zone that is its own ancestor is refused.
    fn zone_cycles(&mut self) {
        let parents: std::collections::HashMap<_, _> = self
            .project
            .zones
            .iter()
            .map(|z| (z.id, z.parent))
            .collect();
        for (i, z) in self.project.zones.iter().enumerate() {
            let mut cur = z.parent;
            let mut steps = 0;
            while let Some(p) = cur {
                if p == z.id || steps > parents.len() {
                    self.push(
                        "zone_parent_cycle",
                        format!("zones[{i}].parent"),
                        format!("zone {:?} is its own ancestor", z.name),
                    );
                    break;
                }
                cur = parents.get(&p).copied().flatten();
                steps += 1;
            }
        }
    }
}

/// Every structural problem of the project; empty when it hangs together.
///
/// # Complexity
/// O(n) in the number of objects and references (hash sets), plus O(Z·d) for zone nesting
/// depth d.
pub fn check(project: &Project, catalogue: &Catalogue) -> Vec<Problem> {
    let mut c = Checker {
        project,
        catalogue,
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
}
