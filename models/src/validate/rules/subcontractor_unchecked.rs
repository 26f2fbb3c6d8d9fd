//! Step 3 (サプライチェーン管理): the security conditions agreed with a subcontractor (再委託先)
//! are only worth what their check shows. Seed 000 asks the SIer to agree them as contract terms
//! and calls an audit of important subcontractors desirable, so a subcontractor whose
//! conditions are agreed but never checked (no date and result recorded) is noted for
//! information, not as a defect. One with no agreement at all is the Warning of
//! `subcontractor_without_agreement`, not this rule.
use crate::model::SupplierKind;
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "subcontractor_unchecked",
    step: "3",
    severity: Severity::Info,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .suppliers
        .iter()
        .filter(|s| s.kind == SupplierKind::Subcontractor)
        .filter(|s| !s.agreement.trim().is_empty() && s.audit.trim().is_empty())
        .map(|s| rule.finding("supplier", s.id, &s.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    fn subcontractor(name: &str) -> Supplier {
        serde_json::from_value(serde_json::json!({
            "id": crate::id::SupplierId::new().to_string(),
            "name": name,
            "kind": "subcontractor",
        }))
        .unwrap()
    }

    #[test]
    fn agreed_conditions_without_a_recorded_check_are_noted() {
        let mut p = Project::new("t");
        p.suppliers.push(subcontractor("配線工事の協力会社"));
        // Nothing agreed yet: the other rule's Warning, not this note.
        assert!(findings(&p, &RULE).is_empty());
        p.suppliers[0].agreement = "秘密保持、持込み媒体のウイルスチェック".into();
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].item.name, "配線工事の協力会社");
        p.suppliers[0].audit = "2026-11-10 現地確認 適合".into();
        assert!(findings(&p, &RULE).is_empty());
    }
}
