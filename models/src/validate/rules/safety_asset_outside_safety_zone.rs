//! Step 1-6 (IEC 62443-3-2 ZCR 3.3): safety-related assets are kept in a zone marked as a
//! safety zone.
use crate::model::AssetClass;
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "safety_asset_outside_safety_zone",
    step: "1-6",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let safety_zones: std::collections::HashSet<_> = ctx
        .project
        .zones
        .iter()
        .filter(|z| z.safety)
        .map(|z| z.id)
        .collect();
    ctx.project
        .assets
        .iter()
        .filter(|a| ctx.catalogue.class_of(&a.asset_type) == AssetClass::Safety)
        .filter(|a| a.zone.is_some_and(|z| !safety_zones.contains(&z)))
        .map(|a| rule.finding("asset", a.id, &a.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::validate::testing::findings;

    #[test]
    fn sis_in_a_control_zone_is_reported() {
        let mut d = Drawing::new();
        d.zone("ctl", 3);
        d.asset("SIS", "sis", "ctl");
        assert_eq!(findings(&d.project, &RULE).len(), 1);
        d.project.zones[0].safety = true;
        assert!(findings(&d.project, &RULE).is_empty());
    }
}
