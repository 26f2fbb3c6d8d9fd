//! Step 1-3: a threat's recorded impact (step 1-7) falls on a criterion that none of the
//! asset's businesses scores; the register then uses the asset's own importance for it and
//! flags the row 要確認 ([`crate::risk::impact`]). The business analysis should say how much
//! that criterion matters. One finding per zone (a large factory has thousands of assets),
//! naming how many assets, the criteria and the threats.
use crate::risk::impact::{CriterionSource, ImpactBasis};
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "criterion_not_scored",
    step: "1-3",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    // zone → (assets, criteria, threats); a zone has few criteria and threats, so small
    // vectors (sorted at the end) beat ordered sets over tens of thousands of rows.
    type Open<'a> = (Vec<crate::id::AssetId>, Vec<&'static str>, Vec<&'a str>);
    let mut open: rustc_hash::FxHashMap<crate::id::ZoneId, Open<'_>> = Default::default();
    for r in ctx.register {
        if let ImpactBasis::Limited {
            criterion,
            source: CriterionSource::Unscored,
            ..
        } = r.impact.basis
        {
            let e = open.entry(r.zone).or_default();
            e.0.push(r.asset);
            if !e.1.contains(&criterion.key()) {
                e.1.push(criterion.key());
            }
            if !e.2.contains(&&*r.threat) {
                e.2.push(&r.threat);
            }
        }
    }
    for e in open.values_mut() {
        e.0.sort_unstable();
        e.0.dedup();
        // Criteria in display order, threats by id: deterministic messages.
        e.1.sort_by_key(|k| {
            crate::model::Criterion::ALL
                .iter()
                .position(|c| c.key() == *k)
        });
        e.2.sort_unstable();
    }
    ctx.project
        .zones
        .iter()
        .filter_map(|z| {
            let (assets, criteria, threats) = open.get(&z.id)?;
            let crit = |lang: crate::model::Lang, sep: &str| {
                criteria
                    .iter()
                    .map(|c| crate::i18n::text(lang, &format!("criterion.{c}")))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let threats = threats.join(", ");
            let n = assets.len().to_string();
            let mut f = rule.finding(
                "zone",
                z.id,
                &z.name,
                &[
                    ("n", &n),
                    ("criteria", &crit(crate::model::Lang::Ja, "・")),
                    ("threats", &threats),
                ],
            );
            // The criteria's names in each language.
            f.message_en = crate::i18n::format(
                crate::model::Lang::En,
                "finding.criterion_not_scored",
                &[
                    ("name", &z.name),
                    ("n", &n),
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
