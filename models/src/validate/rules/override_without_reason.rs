//! Step 1-5: an importance set by hand must say why.
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
}
