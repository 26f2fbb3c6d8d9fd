//! Step 3 (サプライチェーン管理, SIセキュリティ認定制度 ②構築): the SIer confirms each
//! subcontractor's (再委託先) information-security policy and management system and agrees the
//! security conditions as terms of the contract (seed 000: 「委託先における情報セキュリティ
//! ポリシー及びマネジメントシステムを確認し、契約の条件として合意する」). A subcontractor with
//! no recorded confirmation date, no recorded management system (ISMS or its own rules) or no
//! agreed terms is reported. (An audit is "desirable" for
//! important subcontractors in the seed, so it is not required here.)
use crate::model::{SecurityGap, SupplierKind};
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "subcontractor_without_agreement",
    step: "3",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .suppliers
        .iter()
        .filter(|s| s.kind == SupplierKind::Subcontractor)
        .filter(|s| {
            s.lacks(&[
                SecurityGap::NoTerms,
                SecurityGap::NoPolicy,
                SecurityGap::NoManagementSystem,
            ])
        })
        .map(|s| rule.finding("supplier", s.id, &s.name, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    fn supplier(name: &str, kind: SupplierKind) -> Supplier {
        serde_json::from_value(serde_json::json!({
            "id": crate::id::SupplierId::new().to_string(),
            "name": name,
            "kind": kind,
        }))
        .unwrap()
    }

    #[test]
    fn a_subcontractor_needs_its_confirmed_policy_and_agreed_terms() {
        let mut p = Project::new("t");
        // The customer's equipment vendor is not the SIer's subcontractor: not this rule.
        p.suppliers
            .push(supplier("PLCメーカ", SupplierKind::Equipment));
        p.suppliers
            .push(supplier("配線工事の協力会社", SupplierKind::Subcontractor));
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].item.name, "配線工事の協力会社");
        // Terms agreed but the policy never confirmed: still reported.
        p.suppliers[1].agreement = "秘密保持、脆弱性・事故の通知(24時間以内)".into();
        assert_eq!(findings(&p, &RULE).len(), 1);
        p.suppliers[1].policy_confirmed = IsoDate::parse("2026-10-01");
        assert_eq!(
            findings(&p, &RULE).len(),
            1,
            "no management system recorded"
        );
        p.suppliers[1].certifications = "情報セキュリティ基本方針・社内規程(2025年版)".into();
        assert!(findings(&p, &RULE).is_empty());
    }
}
