//! Step 1-7: every zone that holds assets has had its threats reviewed (at least one threat
//! recorded, applicable or not).
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "zone_without_threat_review",
    step: "1-7",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let reviewed: std::collections::HashSet<_> =
        ctx.project.threats.iter().map(|t| t.zone).collect();
    let populated: std::collections::HashSet<_> =
        ctx.project.assets.iter().filter_map(|a| a.zone).collect();
    ctx.project
        .zones
        .iter()
        .filter(|z| populated.contains(&z.id) && !reviewed.contains(&z.id))
        .map(|z| rule.finding("zone", z.id, &z.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn populated_zone_without_threats_is_reported() {
        let mut d = Drawing::new();
        let z = d.zone("ctl", 3);
        d.zone("empty", 1);
        d.asset("PLC", "plc", "ctl");
        assert_eq!(
            findings(&d.project, &RULE).len(),
            1,
            "the empty zone is not reported"
        );
        d.project.threats.push(ThreatScenario {
            id: crate::id::ZoneThreatId::new(),
            zone: z,
            threat: "T19".into(),
            applicable: false,
            reason: "暗号化済み".into(),
            entry_path: String::new(),
            threat_level: None,
            impacts: CriterionScores::default(),
            impact_ids: vec![],
            note: String::new(),
        });
        assert!(
            findings(&d.project, &RULE).is_empty(),
            "a reviewed non-applicable threat counts"
        );
    }
}
