//! Step 3 (別冊: 汎用品): a general-purpose product needs its end-of-support date, so that a
//! replacement can be planned before it becomes an unpatchable risk.
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "generic_without_support_end",
    step: "3",
    severity: Severity::Info,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .assets
        .iter()
        .filter(|a| a.generic_product && a.support_end.is_none())
        .map(|a| rule.finding("asset", a.id, &a.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn generic_product_without_date_is_reported() {
        let mut p = Project::new("t");
        let mut a = ProtectedAsset::new("IoT GW", "iot_gateway");
        a.generic_product = true;
        p.assets.push(a);
        assert_eq!(findings(&p, &RULE).len(), 1);
        p.assets[0].support_end = IsoDate::parse("2030-03-31");
        assert!(findings(&p, &RULE).is_empty());
    }
}
