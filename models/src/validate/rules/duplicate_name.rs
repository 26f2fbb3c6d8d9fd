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
    let mut check = |kind, step, names: Vec<&str>, id: &dyn Fn(usize) -> String| {
        alike(&mut out, rule, (kind, step), &names, id);
    };
    check(
        "business",
        "1-2",
        p.businesses.iter().map(|x| x.name.as_str()).collect(),
        &|i| p.businesses[i].id.to_string(),
    );
    check(
        "asset",
        "1-4",
        p.assets.iter().map(|x| x.name.as_str()).collect(),
        &|i| p.assets[i].id.to_string(),
    );
    check(
        "zone",
        "1-6",
        p.zones.iter().map(|x| x.name.as_str()).collect(),
        &|i| p.zones[i].id.to_string(),
    );
    check(
        "entry_point",
        "1-6",
        p.entry_points.iter().map(|x| x.name.as_str()).collect(),
        &|i| p.entry_points[i].id.to_string(),
    );
    out
}

/// A finding for each name of `names` shared with another, about the item `id(i)`. Each name
/// is folded once and ids are written out only for the findings: 10k assets are checked on
/// every edit.
fn alike(
    out: &mut Vec<Finding>,
    rule: &Rule,
    (kind, step): (&'static str, &'static str),
    names: &[&str],
    id: &dyn Fn(usize) -> String,
) {
    let keys: Vec<Option<String>> = names
        .iter()
        .map(|name| (!name.trim().is_empty()).then(|| key(name)))
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::with_capacity(names.len());
    for k in keys.iter().flatten() {
        *count.entry(k).or_default() += 1;
    }
    for (i, k) in keys.iter().enumerate() {
        let n = k
            .as_deref()
            .and_then(|k| count.get(k))
            .copied()
            .unwrap_or(0);
        if n > 1 {
            let mut f = rule.finding(kind, id(i), names[i], &[("count", &n.to_string())]);
            f.step = step;
            out.push(f);
        }
    }
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
