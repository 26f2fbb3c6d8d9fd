//! Step 3 (supply chain): checklist items recorded without an answer, and cloud services,
//! general-purpose products and software with no checklist answered at all.
use crate::model::AssetClass;
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "checklist_unanswered",
    step: "3",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let p = ctx.project;
    let mut out: Vec<Finding> = p
        .checklist_answers
        .iter()
        .filter(|a| a.answer.is_none())
        .map(|a| {
            let text = ctx
                .catalogue
                .checklist_item(&a.item)
                .map(|c| c.ja.as_str())
                .unwrap_or_default();
            rule.finding("checklist_answer", a.id, &format!("{} {text}", a.item), &[])
        })
        .collect();
    let covered_assets: std::collections::HashSet<_> =
        p.checklist_answers.iter().filter_map(|a| a.asset).collect();
    let covered_suppliers: std::collections::HashSet<_> = p
        .checklist_answers
        .iter()
        .filter_map(|a| a.supplier)
        .collect();
    for a in &p.assets {
        let class = ctx.catalogue.class_of(&a.asset_type);
        let needs = a.generic_product || matches!(class, AssetClass::Cloud | AssetClass::Software);
        let covered = covered_assets.contains(&a.id)
            || a.supplier.is_some_and(|s| covered_suppliers.contains(&s));
        if needs && !covered {
            let key = "finding.checklist_missing_for_asset";
            out.push(crate::validate::Finding {
                message_ja: crate::i18n::format(crate::model::Lang::Ja, key, &[("name", &a.name)]),
                message_en: crate::i18n::format(crate::model::Lang::En, key, &[("name", &a.name)]),
                ..rule.finding("asset", a.id, &a.name, &[])
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn unanswered_items_and_unchecked_cloud_assets_are_reported() {
        let mut p = Project::new("t");
        let cloud = ProtectedAsset::new("クラウドMES", "saas");
        let cloud_id = cloud.id;
        p.assets.push(cloud);
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message_ja.contains("クラウドMES"),
            "{}",
            f[0].message_ja
        );
        p.checklist_answers.push(ChecklistAnswer {
            id: crate::id::ChecklistAnswerId::new(),
            item: "SC-CL-P1".into(),
            supplier: None,
            asset: Some(cloud_id),
            answer: None,
            evidence: String::new(),
            note: String::new(),
        });
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1, "now the item is recorded but unanswered");
        assert!(f[0].message_en.contains("SC-CL-P1"), "{}", f[0].message_en);
        p.checklist_answers[0].answer = Some(ChecklistAnswerValue::Done);
        assert!(findings(&p, &RULE).is_empty());
    }
}
