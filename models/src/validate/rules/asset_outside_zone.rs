//! Step 1-6: each asset belongs to exactly one zone.
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "asset_outside_zone",
    step: "1-6",
    severity: Severity::Error,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .assets
        .iter()
        .filter(|a| a.zone.is_none())
        .map(|a| rule.finding("asset", a.id, &a.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn asset_without_zone_is_reported() {
        let mut p = Project::new("t");
        p.assets.push(ProtectedAsset::new("HMI", "hmi"));
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].message_ja,
            "保護対象「HMI」がどのゾーンにも属していません"
        );
        assert_eq!(f[0].step, "1-6");
    }
}
