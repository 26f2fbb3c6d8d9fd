//! Step 1-5 / 1-7: an importance set by hand, and a per-asset decision that a threat does or
//! does not apply, must say why.
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "override_without_reason",
    step: "1-5",
    severity: Severity::Error,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .assets
        .iter()
        .filter(|a| {
            a.importance_override
                .as_ref()
                .is_some_and(|o| o.reason.trim().is_empty())
                || a.threat_applicability
                    .iter()
                    .any(|o| o.reason.trim().is_empty())
        })
        .map(|a| rule.finding("asset", a.id, &a.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn blank_reason_is_reported() {
        let mut p = Project::new("t");
        let mut a = ProtectedAsset::new("FW", "firewall");
        a.importance_override = Some(ImportanceOverride {
            level: Level::High,
            reason: "  ".into(),
        });
        p.assets.push(a);
        assert_eq!(findings(&p, &RULE).len(), 1);
    }

    #[test]
    fn a_threat_decision_without_reason_is_reported() {
        let mut p = Project::new("t");
        let mut a = ProtectedAsset::new("GW", "iot_gateway");
        a.threat_applicability.push(ThreatApplicability {
            threat: "T24".into(),
            applies: false,
            reason: String::new(),
        });
        p.assets.push(a);
        assert_eq!(findings(&p, &RULE).len(), 1);
        p.assets[0].threat_applicability[0].reason = "延長サポート契約 2031年まで".into();
        assert!(findings(&p, &RULE).is_empty());
    }
}
