//! Step 1-7: every applicable threat of a zone has its impact recorded on at least one
//! criterion. Without it the register cannot limit the importance to what the threat can do
//! ([`crate::risk::impact`]) and uses the asset's importance as it is. One finding per zone,
//! naming its threats.
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "threat_without_impact",
    step: "1-7",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    // One pass over the threats, grouped by zone (linear in zones + threats).
    let mut by_zone: std::collections::HashMap<crate::id::ZoneId, Vec<&str>> =
        std::collections::HashMap::new();
    for t in &ctx.project.threats {
        if t.applicable && t.severity().is_none() {
            by_zone.entry(t.zone).or_default().push(t.threat.as_str());
        }
    }
    let mut out = Vec::new();
    for z in &ctx.project.zones {
        let Some(threats) = by_zone.get_mut(&z.id) else {
            continue;
        };
        threats.dedup();
        out.push(rule.finding("zone", z.id, &z.name, &[("threats", &threats.join(", "))]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::*;
    use crate::validate::testing::{findings, threat};

    #[test]
    fn applicable_threats_without_impact_are_named_per_zone() {
        let mut d = Drawing::new();
        let z = d.zone("ctl", 3);
        d.asset("PLC", "plc", "ctl");
        d.project.threats.push(threat(z, "T03"));
        d.project.threats.push(threat(z, "T21"));
        let mut rated = threat(z, "T24");
        rated.impacts.set(Criterion::Delivery, Some(Level::Medium));
        d.project.threats.push(rated);
        let mut not_applicable = threat(z, "T19");
        not_applicable.applicable = false;
        d.project.threats.push(not_applicable);
        let f = findings(&d.project, &RULE);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message(Lang::Ja).contains("T03, T21"),
            "{}",
            f[0].message(Lang::Ja)
        );
        for t in &mut d.project.threats {
            t.impacts.set(Criterion::Quality, Some(Level::Low));
        }
        assert!(findings(&d.project, &RULE).is_empty());
    }
}
