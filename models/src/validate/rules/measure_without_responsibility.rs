//! Step 2-2 (責任分界): every countermeasure that is not rejected says who is responsible; a
//! shared one names the two or more parties that share it.
use crate::model::{MeasureStatus, Responsibility};
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "measure_without_responsibility",
    step: "2-2",
    severity: Severity::Error,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    ctx.project
        .countermeasures
        .iter()
        .filter(|m| {
            m.status != MeasureStatus::Rejected
                && match m.responsibility {
                    None => true,
                    Some(Responsibility::Shared) => m.parties().len() < 2,
                    Some(_) => false,
                }
        })
        .map(|m| {
            let name = ctx
                .catalogue
                .measure(ctx.project, &m.measure)
                .map(|c| c.ja.clone())
                .unwrap_or_default();
            rule.finding(
                "countermeasure",
                m.id,
                &format!("{} {name}", m.measure),
                &[],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn countermeasure_without_party_is_reported() {
        let mut p = Project::new("t");
        p.countermeasures.push(Countermeasure {
            number: 0,
            id: crate::id::MeasureId::new(),
            measure: "C-EQ-02".into(),
            detail: String::new(),
            category: None,
            threats: vec![],
            scope: MeasureScope::default(),
            responsibility: None,
            shared_with: Vec::new(),
            operator: None,
            paid: None,
            status: MeasureStatus::Proposed,
            due: None,
            evidence: String::new(),
            notes: String::new(),
        });
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1);
        assert!(f[0].message_ja.contains("C-EQ-02"), "{}", f[0].message_ja);
        p.countermeasures[0].status = MeasureStatus::Rejected;
        assert!(findings(&p, &RULE).is_empty());
    }

    #[test]
    fn shared_without_its_parties_is_reported() {
        let mut p = Project::new("t");
        let mut m = Countermeasure {
            number: 0,
            id: crate::id::MeasureId::new(),
            measure: "C-NW-01".into(),
            detail: String::new(),
            category: None,
            threats: vec![],
            scope: MeasureScope::default(),
            responsibility: Some(Responsibility::Shared),
            shared_with: vec![Responsibility::Sier],
            operator: None,
            paid: None,
            status: MeasureStatus::Agreed,
            due: None,
            evidence: String::new(),
            notes: String::new(),
        };
        p.countermeasures.push(m.clone());
        assert_eq!(findings(&p, &RULE).len(), 1, "one party does not share");
        m.shared_with.push(Responsibility::Customer);
        p.countermeasures[0] = m;
        assert!(findings(&p, &RULE).is_empty());
    }
}
