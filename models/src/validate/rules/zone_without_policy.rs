//! Step 2-1: every zone has a security policy.
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "zone_without_policy",
    step: "2-1",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .zones
        .iter()
        .filter(|z| !z.external && z.policy.trim().is_empty())
        .map(|z| rule.finding("zone", z.id, &z.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::validate::testing::findings;

    #[test]
    fn zone_without_policy_is_reported() {
        let mut d = Drawing::new();
        d.zone("ctl", 3);
        assert_eq!(findings(&d.project, &RULE).len(), 1);
        d.project.zones[0].policy = "外部からの直接接続を禁止".into();
        assert!(findings(&d.project, &RULE).is_empty());
    }
}
