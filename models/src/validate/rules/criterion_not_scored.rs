//! Step 1-3: a threat's recorded impact (step 1-7) falls on a criterion that none of the
//! asset's businesses scores; the register then uses the asset's own importance for it and
//! flags the row 要確認 ([`crate::risk::impact`]). The business analysis should say how much
//! that criterion matters. One finding per asset, naming the criteria and threats.
use crate::risk::impact::{CriterionSource, ImpactBasis};
use crate::validate::{Context, Finding, Rule, Severity};
use std::collections::{BTreeMap, BTreeSet};

pub const RULE: Rule = Rule {
    id: "criterion_not_scored",
    step: "1-3",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    // asset → (criteria, threats), in register order collected, reported in project order.
    let mut open: BTreeMap<crate::id::AssetId, (BTreeSet<&'static str>, BTreeSet<&str>)> =
        BTreeMap::new();
    for r in ctx.register {
        if let ImpactBasis::Limited {
            criterion,
            source: CriterionSource::Unscored,
            ..
        } = r.impact.basis
        {
            let e = open.entry(r.asset).or_default();
            e.0.insert(criterion.key());
            e.1.insert(&r.threat);
        }
    }
    ctx.project
        .assets
        .iter()
        .filter_map(|a| {
            let (criteria, threats) = open.get(&a.id)?;
            let crit = |lang: crate::model::Lang, sep: &str| {
                criteria
                    .iter()
                    .map(|c| crate::i18n::text(lang, &format!("criterion.{c}")))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let threats = threats.iter().copied().collect::<Vec<_>>().join(", ");
            let mut f = rule.finding(
                "asset",
                a.id,
                &a.name,
                &[
                    ("criteria", &crit(crate::model::Lang::Ja, "・")),
                    ("threats", &threats),
                ],
            );
            // The criteria's names in each language.
            f.message_en = crate::i18n::format(
                crate::model::Lang::En,
                "finding.criterion_not_scored",
                &[
                    ("name", &a.name),
                    ("criteria", &crit(crate::model::Lang::En, ", ")),
                    ("threats", &threats),
                ],
            );
            Some(f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixtures::Drawing;
    use crate::model::*;
    use crate::validate::testing::{findings, threat};

    /// A PLC whose business scores only 品質; T03 recorded with an impact on 情報: one finding
    /// naming 情報 and T03. Scoring 情報 on the business clears it.
    #[test]
    fn an_impact_on_a_criterion_no_business_scores_is_reported() {
        let mut d = Drawing::new();
        let z = d.zone("ctl", 3);
        let plc = d.asset("PLC", "plc", "ctl");
        let mut b = BusinessProcess {
            id: crate::id::BusinessId::derived("調合"),
            name: "調合".into(),
            description: String::new(),
            department: String::new(),
            purpose: String::new(),
            smart_change: SmartChange::None,
            data_handled: String::new(),
            scores: CriterionScores::default(),
            rationale: String::new(),
        };
        b.scores.set(Criterion::Quality, Some(Level::High));
        d.project.businesses.push(b);
        d.project
            .assets
            .iter_mut()
            .find(|a| a.id == plc)
            .unwrap()
            .businesses = vec![crate::id::BusinessId::derived("調合")];
        let mut t = threat(z, "T03");
        t.impacts.set(Criterion::Information, Some(Level::High));
        d.project.threats.push(t);
        let f = findings(&d.project, &RULE);
        assert_eq!(f.len(), 1);
        let m = f[0].message(Lang::Ja);
        assert!(m.contains("情報") && m.contains("T03"), "{m}");
        d.project.businesses[0]
            .scores
            .set(Criterion::Information, Some(Level::Medium));
        assert!(findings(&d.project, &RULE).is_empty());
    }
}
