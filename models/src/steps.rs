//! How complete each guided step of the guideline is (steps 1-1 … 3), from what the project
//! records: shown in the app's step list, by `otzone check` and on the workbook cover.
//!
//! A step's completion is the share of its items that carry what the step asks for (0 when
//! the step has nothing yet):
//! - 1-1: business goals, the smart-factory purpose, at least one requirement (a third each);
//! - 1-2: any business recorded; 1-3: businesses with a scored criterion;
//! - 1-4: any asset recorded; 1-5: assets linked to a business or with an importance set;
//! - 1-6: half for assets placed in a zone, half for any conduit (none without a zone);
//! - 1-7: zones with a threat recorded; 2-1: zones with a policy;
//! - 2-2: applicable threats that a countermeasure names;
//! - 3: OODA roles, suppliers, checklist answers (a third each).

use crate::model::{Criterion, Project};
use serde::Serialize;
use std::collections::HashSet;

/// The guided steps, in order (their ids as the guideline numbers them).
pub const STEPS: [&str; 10] = [
    "1-1", "1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "2-1", "2-2", "3",
];

/// One step and how complete it is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StepCompletion {
    /// Step id (`1-1` … `3`).
    pub step: &'static str,
    /// Share done, 0..=1.
    pub done: f64,
    /// The same in whole percent, rounded half up (as the app, `check` and the cover show it).
    pub percent: u32,
}

fn ratio(done: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    }
}

fn parts(parts: &[bool]) -> f64 {
    ratio(parts.iter().filter(|x| **x).count(), parts.len())
}

fn filled(s: &str) -> bool {
    !s.trim().is_empty()
}

/// Completion of one step (`step` one of [`STEPS`]; another id is 0).
pub fn step_completion(p: &Project, step: &str) -> f64 {
    match step {
        "1-1" => {
            let r = &p.requirements;
            parts(&[
                filled(&r.business_goals),
                filled(&r.smart_factory_purpose),
                !r.items.is_empty(),
            ])
        }
        "1-2" => parts(&[!p.businesses.is_empty()]),
        "1-3" => ratio(
            p.businesses
                .iter()
                .filter(|b| Criterion::ALL.iter().any(|c| b.scores.get(*c).is_some()))
                .count(),
            p.businesses.len(),
        ),
        "1-4" => parts(&[!p.assets.is_empty()]),
        "1-5" => ratio(
            p.assets
                .iter()
                .filter(|a| !a.businesses.is_empty() || a.importance_override.is_some())
                .count(),
            p.assets.len(),
        ),
        "1-6" => {
            if p.zones.is_empty() {
                return 0.0;
            }
            let in_zone = ratio(
                p.assets.iter().filter(|a| a.zone.is_some()).count(),
                p.assets.len(),
            );
            (in_zone + if p.conduits.is_empty() { 0.0 } else { 1.0 }) / 2.0
        }
        "1-7" => {
            let with_threats: HashSet<_> = p.threats.iter().map(|t| t.zone).collect();
            ratio(
                p.zones
                    .iter()
                    .filter(|z| with_threats.contains(&z.id))
                    .count(),
                p.zones.len(),
            )
        }
        "2-1" => ratio(
            p.zones.iter().filter(|z| filled(&z.policy)).count(),
            p.zones.len(),
        ),
        "2-2" => {
            let covered: HashSet<&str> = p
                .countermeasures
                .iter()
                .flat_map(|m| m.threats.iter().map(String::as_str))
                .collect();
            let applicable: Vec<_> = p.threats.iter().filter(|t| t.applicable).collect();
            ratio(
                applicable
                    .iter()
                    .filter(|t| covered.contains(t.threat.as_str()))
                    .count(),
                applicable.len(),
            )
        }
        "3" => parts(&[
            !p.ooda_roles.is_empty(),
            !p.suppliers.is_empty(),
            !p.checklist_answers.is_empty(),
        ]),
        _ => 0.0,
    }
}

/// Every step's completion, in step order.
pub fn completion(p: &Project) -> Vec<StepCompletion> {
    STEPS
        .iter()
        .map(|&step| {
            let done = step_completion(p, step);
            StepCompletion {
                step,
                done,
                percent: (done * 100.0).round() as u32,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Project;

    fn food_plant() -> Project {
        crate::json::parse(
            include_bytes!("../../samples/food-plant.json"),
            &crate::Location::path("food-plant"),
        )
        .unwrap()
    }

    #[test]
    fn an_empty_project_has_done_nothing() {
        let p = Project::new("空");
        assert!(completion(&p).iter().all(|s| s.done == 0.0));
        assert_eq!(completion(&p).len(), 10);
    }

    #[test]
    fn completion_follows_what_the_project_records() {
        let p = food_plant();
        for s in completion(&p) {
            assert!((0.0..=1.0).contains(&s.done), "{s:?}");
        }
        assert_eq!(step_completion(&p, "1-2"), 1.0);
        // One zone's policy blanked: one zone fewer of all has a policy.
        let mut q = p.clone();
        let with_policy = q.zones.iter().filter(|z| filled(&z.policy)).count();
        assert!(filled(&q.zones[0].policy));
        q.zones[0].policy.clear();
        assert_eq!(
            step_completion(&q, "2-1"),
            (with_policy - 1) as f64 / q.zones.len() as f64
        );
        // No asset in a zone: only the conduits' half of 1-6 is done.
        let mut q = p.clone();
        for a in &mut q.assets {
            a.zone = None;
        }
        assert_eq!(step_completion(&q, "1-6"), 0.5);
    }

    #[test]
    fn a_half_percent_rounds_up() {
        // 4 assets, one in a zone, no conduit: 1-6 is (1/4 + 0) / 2 = 12.5 % → 13 %.
        let mut p = Project::new("x");
        let z = crate::model::Zone::new("制御");
        for i in 0..4 {
            let mut a = crate::model::ProtectedAsset::new(format!("PLC{i}"), "plc");
            if i == 0 {
                a.zone = Some(z.id);
            }
            p.assets.push(a);
        }
        p.zones.push(z);
        let c = completion(&p);
        assert_eq!(c[5].step, "1-6");
        assert_eq!(c[5].done, 0.125);
        assert_eq!(c[5].percent, 13);
    }

    #[test]
    fn step_1_1_counts_goals_purpose_and_requirements_a_third_each() {
        let mut p = Project::new("x");
        p.requirements.business_goals = "品質向上".into();
        assert!((step_completion(&p, "1-1") - 1.0 / 3.0).abs() < 1e-12);
        p.requirements.smart_factory_purpose = "   ".into();
        assert!(
            (step_completion(&p, "1-1") - 1.0 / 3.0).abs() < 1e-12,
            "blank text is not filled"
        );
    }
}
