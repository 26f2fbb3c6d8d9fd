//! Step 1-7: a per-asset threat decision (applies / does not apply) only means something for
//! a threat recorded as applicable in the asset's zone; otherwise it changes nothing and the
//! analyst should know (the threat was not reviewed for that zone, or the asset moved).
use crate::validate::{Context, Finding, Rule, Severity};
use std::collections::HashSet;

pub const RULE: Rule = Rule {
    id: "threat_decision_without_effect",
    step: "1-7",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let recorded: HashSet<(crate::id::ZoneId, &str)> = ctx
        .project
        .threats
        .iter()
        .filter(|t| t.applicable)
        .map(|t| (t.zone, t.threat.as_str()))
        .collect();
    let mut out = Vec::new();
    for a in &ctx.project.assets {
        let idle: Vec<&str> = a
            .threat_applicability
            .iter()
            .filter(|o| {
                a.zone
                    .is_none_or(|z| !recorded.contains(&(z, o.threat.as_str())))
            })
            .map(|o| o.threat.as_str())
            .collect();
        if !idle.is_empty() {
            out.push(rule.finding("asset", a.id, &a.name, &[("threats", &idle.join(", "))]));
        }
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
    fn a_decision_on_a_threat_not_recorded_for_the_zone_is_reported() {
        let mut d = Drawing::new();
        let z = d.zone("cell", 2);
        let a = d.asset("GW", "iot_gateway", "cell");
        let gw = d.project.assets.iter_mut().find(|x| x.id == a).unwrap();
        gw.threat_applicability.push(ThreatApplicability {
            threat: "T24".into(),
            applies: false,
            reason: "延長サポート".into(),
        });
        let f = findings(&d.project, &RULE);
        assert_eq!(f.len(), 1);
        assert!(f[0].message(Lang::En).contains("T24"));
        d.project.threats.push(threat(z, "T24"));
        assert!(findings(&d.project, &RULE).is_empty());
    }
}
