//! Steps 1-2, 1-4, 1-6: two businesses, assets, zones or entry points with the same name
//! (ignoring case, width and surrounding spaces). Names are how items are chosen, pasted and
//! matched on re-import (a ledger row updates the asset of its name), so two alike make each
//! of those a guess, and the workbook's rows cannot be told apart by the customer.
use crate::validate::{Context, Finding, Rule, Severity};
use std::collections::HashMap;

pub const RULE: Rule = Rule {
    id: "duplicate_name",
    step: "1-4",
    severity: Severity::Warning,
    evaluate,
};

/// The name as compared: width-folded, lower case, trimmed.
fn key(name: &str) -> String {
    crate::validate::address::fold_width(name)
        .trim()
        .to_lowercase()
}

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let p = ctx.project;
    let mut out = Vec::new();
    let mut check = |kind: &'static str, step: &'static str, items: Vec<(String, &str)>| {
        let mut count: HashMap<String, usize> = HashMap::new();
        for (_, name) in &items {
            if !name.trim().is_empty() {
                *count.entry(key(name)).or_default() += 1;
            }
        }
        for (id, name) in &items {
            let n = count.get(&key(name)).copied().unwrap_or(0);
            if n > 1 {
                let mut f = rule.finding(kind, id, name, &[("count", &n.to_string())]);
                f.step = step;
                out.push(f);
            }
        }
    };
    check(
        "business",
        "1-2",
        p.businesses
            .iter()
            .map(|x| (x.id.to_string(), x.name.as_str()))
            .collect(),
    );
    check(
        "asset",
        "1-4",
        p.assets
            .iter()
            .map(|x| (x.id.to_string(), x.name.as_str()))
            .collect(),
    );
    check(
        "zone",
        "1-6",
        p.zones
            .iter()
            .map(|x| (x.id.to_string(), x.name.as_str()))
            .collect(),
    );
    check(
        "entry_point",
        "1-6",
        p.entry_points
            .iter()
            .map(|x| (x.id.to_string(), x.name.as_str()))
            .collect(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::{business, findings};

    #[test]
    fn names_alike_but_for_width_case_and_spaces_are_both_reported() {
        let mut p = Project::new("t");
        p.zones.push(Zone::new("制御ゾーン"));
        p.zones.push(Zone::new(" 制御ゾーン"));
        p.zones.push(Zone::new("情報ゾーン"));
        p.assets.push(ProtectedAsset::new("PLC-01", "plc"));
        p.assets.push(ProtectedAsset::new("ＰＬＣ－０１", "plc"));
        let f = findings(&p, &RULE);
        // Two zones and two assets; the 情報ゾーン is alone.
        assert_eq!(f.len(), 4, "{f:?}");
        assert_eq!(f.iter().filter(|x| x.item.kind == "zone").count(), 2);
        assert!(f
            .iter()
            .filter(|x| x.item.kind == "zone")
            .all(|x| x.step == "1-6"));
        assert!(f
            .iter()
            .filter(|x| x.item.kind == "asset")
            .all(|x| x.step == "1-4"));
    }

    #[test]
    fn distinct_names_are_fine_and_blank_ones_are_another_rule() {
        let mut p = Project::new("t");
        p.businesses.push(business("組立"));
        p.businesses.push(business("検査"));
        p.businesses.push(business(""));
        p.businesses.push(business(" "));
        assert!(findings(&p, &RULE).is_empty());
    }
}
