//! Step 3 (サプライチェーン管理, SIセキュリティ認定制度 ②構築 Level 1 「仕入れ先との情報
//! セキュリティ合意」): a maker, software vendor or cloud service whose contract the SIer holds
//! (equipment it buys in for the delivery) needs its security conditions agreed and its
//! information-security policy confirmed by the SIer. One whose contract the customer holds
//! is the customer's to agree: reported for information, as the customer's action. One whose
//! contract holder is not recorded is reported too, since then nobody is known to agree it.
//! Subcontractors have their own rule (`subcontractor_without_agreement`).
use crate::model::{ContractHolder, SecurityGap, SupplierKind};
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "supplier_without_security_agreement",
    step: "3",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .suppliers
        .iter()
        .filter(|s| s.kind != SupplierKind::Subcontractor)
        .filter(|s| s.contract_holder != Some(ContractHolder::Customer))
        .filter(|s| {
            s.lacks(&[
                SecurityGap::NoTerms,
                SecurityGap::NoPolicy,
                SecurityGap::NoHolder,
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

    fn supplier(name: &str, holder: Option<&str>) -> Supplier {
        let mut v = serde_json::json!({
            "id": crate::id::SupplierId::new().to_string(),
            "name": name,
            "kind": "equipment",
        });
        if let Some(h) = holder {
            v["contract_holder"] = h.into();
        }
        serde_json::from_value(v).unwrap()
    }

    /// Worked by hand: a gateway maker the SIer buys from is reported until terms are agreed
    /// and its policy confirmed; the same maker under the customer's contract is not the
    /// SIer's to agree; a maker with no recorded contract holder is reported.
    #[test]
    fn a_supplier_under_the_siers_contract_needs_agreed_terms_and_a_policy_check() {
        let mut p = Project::new("t");
        p.suppliers
            .push(supplier("ゲートウェイメーカ", Some("sier")));
        p.suppliers
            .push(supplier("自動倉庫メーカ", Some("customer")));
        p.suppliers.push(supplier("不明の調達先", None));
        let names = |p: &Project| {
            findings(p, &RULE)
                .into_iter()
                .map(|f| f.item.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&p), ["ゲートウェイメーカ", "不明の調達先"]);
        p.suppliers[0].agreement = "脆弱性情報の30日以内の提供、ファーム更新5年".into();
        assert_eq!(names(&p).len(), 2, "terms without a policy check");
        p.suppliers[0].policy_confirmed = IsoDate::parse("2026-10-20");
        assert_eq!(names(&p), ["不明の調達先"]);
    }
}
