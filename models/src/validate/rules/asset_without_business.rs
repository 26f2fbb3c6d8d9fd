//! Step 1-4: an asset must support at least one business, or its importance cannot be derived.
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "asset_without_business",
    step: "1-4",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .assets
        .iter()
        .filter(|a| a.businesses.is_empty() && a.importance_override.is_none())
        .map(|a| rule.finding("asset", a.id, &a.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn asset_without_business_is_reported_unless_overridden() {
        let mut p = Project::new("t");
        p.assets.push(ProtectedAsset::new("PLC", "plc"));
        assert_eq!(findings(&p, &RULE).len(), 1);
        p.assets[0].importance_override = Some(ImportanceOverride {
            level: Level::High,
            reason: "SIS".into(),
        });
        assert!(findings(&p, &RULE).is_empty());
    }
}
