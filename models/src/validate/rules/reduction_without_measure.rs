//! Step 2-2 (リスク対応): a decision to reduce a risk still above the tolerable level is a
//! promise the customer signs, often with a due date, and it says how: the countermeasures
//! the reduction relies on, listed with the decision on the cover's agreement block. A
//! reduction that names none (none chosen, only rejected ones, or the last one deleted: the
//! delete takes it out of every decision) promises a lower risk without saying by what. A row
//! with no countermeasure at all is already the error of
//! [`super::high_residual_without_measure`], and a tolerable row needs no promise.
use crate::model::{MeasureStatus, Treatment};
use crate::risk::register::RiskRow;
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "reduction_without_measure",
    step: "2-2",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let live: std::collections::HashSet<_> = ctx
        .project
        .countermeasures
        .iter()
        .filter(|m| m.status != MeasureStatus::Rejected)
        .map(|m| m.id)
        .collect();
    let names_none = |r: &RiskRow| {
        !r.tolerable
            && !r.planned.measures.is_empty()
            && r.decision.as_ref().is_some_and(|d| {
                d.treatment == Some(Treatment::Reduce)
                    && !d.relies_on.iter().any(|m| live.contains(m))
            })
    };
    ctx.risk_findings(rule, names_none, |_| Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{remove, Collection};
    use crate::graph::fixtures::Drawing;
    use crate::id::MeasureId;
    use crate::model::*;
    use crate::validate::testing::findings;

    /// The smallest factory with a risk above the tolerable level (internet → ctl, a PLC of
    /// importance 3, threat T01; one implemented firewall counts, residual B above C), plus a
    /// proposed second measure (VLANs, M-002) — decided "reduce", relying on `relies_on`.
    fn reduced(relies_on: Vec<MeasureId>) -> (Project, String, MeasureId) {
        let (mut d, z, a) = Drawing::exposed_plc();
        let fw = Drawing::implemented_firewall(z);
        let mut vlan = fw.clone();
        vlan.id = MeasureId::derived("vlan");
        vlan.number = 2;
        vlan.status = MeasureStatus::Proposed;
        let vlan_id = vlan.id;
        d.project.countermeasures.extend([fw, vlan]);
        let id = format!("T01@{a}");
        d.project.risk_decisions.push(RiskDecision {
            risk_id: id.clone(),
            treatment: Some(Treatment::Reduce),
            justification: "VLAN分離を追加".into(),
            owner: "生産技術課長".into(),
            date: None,
            due: IsoDate::parse("2027-03-31"),
            relies_on,
        });
        (d.project, id, vlan_id)
    }

    fn row_is_above_tolerable_and_covered(p: &Project, id: &str) {
        let a = crate::risk::analyse(p, crate::catalogue::Catalogue::builtin());
        let row = a.risks.iter().find(|r| r.id == id).expect("the row");
        assert!(
            !row.tolerable,
            "precondition: {} above C",
            row.residual.risk.value
        );
        assert!(!row.planned.measures.is_empty(), "precondition: covered");
    }

    #[test]
    fn a_reduction_naming_no_measure_is_flagged_on_its_row() {
        let (p, id, _) = reduced(Vec::new());
        row_is_above_tolerable_and_covered(&p, &id);
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].item.id, id);
        assert_eq!(f[0].step, "2-2");
    }

    #[test]
    fn a_reduction_relying_on_a_measure_is_not_unless_that_measure_was_rejected() {
        let (mut p, _, vlan) = reduced(Vec::new());
        p.risk_decisions[0].relies_on = vec![vlan];
        assert!(findings(&p, &RULE).is_empty());
        // A rejected measure (却下) reduces nothing: relying on it alone names none.
        p.countermeasures[1].status = MeasureStatus::Rejected;
        assert_eq!(findings(&p, &RULE).len(), 1);
    }

    /// Deleting the countermeasure a reduction relied on takes it out of the decision (the
    /// delete's cascade): the decision stays, and this finding says it now rests on nothing —
    /// lasting, unlike the notice shown at the delete.
    #[test]
    fn deleting_the_measure_a_reduction_relied_on_leaves_a_finding() {
        let (mut p, id, vlan) = reduced(Vec::new());
        p.risk_decisions[0].relies_on = vec![vlan];
        assert!(findings(&p, &RULE).is_empty());
        remove(&mut p, Collection::Countermeasures, &[vlan.0]);
        assert!(p.risk_decisions[0].relies_on.is_empty(), "the cascade");
        row_is_above_tolerable_and_covered(&p, &id);
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].item.id, id);
    }

    /// Not this rule's row: a tolerable risk needs no promise, and a row no countermeasure
    /// covers is already high_residual_without_measure's error (one finding, not two).
    #[test]
    fn tolerable_rows_and_rows_without_any_measure_are_left_to_others() {
        let (mut p, _, _) = reduced(Vec::new());
        p.settings.tolerable_risk = "A".into();
        assert!(
            findings(&p, &RULE).is_empty(),
            "every risk is tolerable at A"
        );
        let (mut p, _, _) = reduced(Vec::new());
        p.countermeasures.clear();
        assert!(findings(&p, &RULE).is_empty());
        let error_rule = crate::validate::rules::ALL
            .iter()
            .find(|r| r.id == "high_residual_without_measure")
            .expect("the rule");
        let errors = findings(&p, error_rule);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].rule, "high_residual_without_measure");
    }

    #[test]
    fn other_treatments_need_no_measure_here() {
        for t in [Treatment::Accept, Treatment::Transfer, Treatment::Avoid] {
            let (mut p, _, _) = reduced(Vec::new());
            p.risk_decisions[0].treatment = Some(t);
            assert!(findings(&p, &RULE).is_empty(), "{t:?}");
        }
    }
}
