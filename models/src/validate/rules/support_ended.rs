//! Step 3: an asset whose vendor support has ended by the assessment date (the project's
//! `updated` date, else `created`) keeps its known vulnerabilities.
use crate::validate::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    id: "support_ended",
    step: "3",
    severity: Severity::Warning,
    evaluate,
};

fn evaluate(ctx: &Context<'_>, rule: &Rule) -> Vec<Finding> {
    let Some(today) = ctx
        .project
        .meta
        .updated
        .as_ref()
        .or(ctx.project.meta.created.as_ref())
    else {
        return Vec::new();
    };
    ctx.project
        .assets
        .iter()
        .filter(|a| a.support_end.as_ref().is_some_and(|d| d < today))
        .map(|a| {
            let date = a
                .support_end
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            rule.finding("asset", a.id, &a.name, &[("date", &date)])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::validate::testing::findings;

    #[test]
    fn ended_support_is_reported_against_the_assessment_date() {
        let mut p = Project::new("t");
        p.meta.updated = IsoDate::parse("2026-11-20");
        let mut a = ProtectedAsset::new("AOI", "operator_pc");
        a.support_end = IsoDate::parse("2026-10-14");
        p.assets.push(a);
        let f = findings(&p, &RULE);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message_ja.contains("2026-10-14"),
            "{}",
            f[0].message_ja
        );
        p.meta.updated = IsoDate::parse("2026-01-01");
        assert!(findings(&p, &RULE).is_empty());
    }
}
