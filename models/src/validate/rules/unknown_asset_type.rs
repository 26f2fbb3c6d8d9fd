//! Step 1-4: asset types come from the catalogue, so threats know what they apply to.
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "unknown_asset_type",
    step: "1-4",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .assets
        .iter()
        .filter(|a| ctx.catalogue.asset_type(&a.asset_type).is_none())
        .map(|a| rule.finding("asset", a.id, &a.name, &[("type", &a.asset_type)]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn unknown_type_is_reported() {
        let mut p = Project::new("t");
        p.assets.push(ProtectedAsset::new("謎の箱", "mystery_box"));
        p.assets.push(ProtectedAsset::new("PLC", "plc"));
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message_en.contains("mystery_box"),
            "{}",
            f[0].message_en
        );
    }
}
