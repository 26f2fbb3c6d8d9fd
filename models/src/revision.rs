//! Recording a version of the assessment (改訂履歴) and the model's baseline hash (基準版).
//!
//! The baseline hash identifies *what was assessed*: every business, asset, zone, conduit,
//! threat, countermeasure, decision and setting — but not where boxes sit on the diagram,
//! the version label, the last-updated date, the customer's answers or the history itself.
//! Two projects with the same baseline were assessed on the same model, so a workbook (whose
//! cover and hidden sheet carry it) tells which model the customer agreed to.

use crate::id::RevisionId;
use crate::model::{IsoDate, Project, Revision};
use crate::risk::Analysis;
use crate::{Error, Location, Problem, Result};
use sha2::{Digest, Sha256};

/// Hex digits of the baseline hash shown and stored (64 bits of SHA-256).
pub const BASELINE_DIGITS: usize = 16;

/// Top-level project fields that are not part of what was assessed.
const NOT_ASSESSED: [&str; 2] = ["customer_responses", "revisions"];
/// Fields of `meta` that label the assessment rather than describe it.
const META_LABELS: [&str; 3] = ["version", "updated", "language"];
/// Collections whose items carry a diagram `position`.
const PLACED: [&str; 3] = ["assets", "zones", "entry_points"];

/// The project's baseline hash: SHA-256 over its assessed content (see the module docs), as
/// the first [`BASELINE_DIGITS`] lowercase hex digits.
pub fn baseline_hash(project: &Project) -> String {
    let mut v = serde_json::to_value(project).expect("a project always serialises to JSON");
    if let Some(root) = v.as_object_mut() {
        for k in NOT_ASSESSED {
            root.remove(k);
        }
        if let Some(meta) = root.get_mut("meta").and_then(|m| m.as_object_mut()) {
            for k in META_LABELS {
                meta.remove(k);
            }
        }
        for coll in PLACED {
            if let Some(items) = root.get_mut(coll).and_then(|c| c.as_array_mut()) {
                for item in items.iter_mut().filter_map(|i| i.as_object_mut()) {
                    item.remove("position");
                }
            }
        }
    }
    let bytes = serde_json::to_vec(&v).expect("a JSON value always serialises");
    let digest = Sha256::digest(&bytes);
    let mut hex = String::with_capacity(BASELINE_DIGITS);
    for b in digest.iter().take(BASELINE_DIGITS / 2) {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// What the user says about a version being recorded.
#[derive(Debug, Clone)]
pub struct RevisionInput {
    /// Version label (版数).
    pub version: String,
    /// Date recorded.
    pub date: IsoDate,
    /// What changed.
    pub summary: String,
    /// Who.
    pub author: String,
}

/// Record the project's current state as a version: appends a [`Revision`] with the baseline
/// hash and the register's figures (from `analysis`, which must be of this project), sets the
/// project's version label and last-updated date.
///
/// # Errors
/// [`Error::InvalidModel`] (nothing changed) when the version is empty or already recorded.
pub fn record<'p>(
    project: &'p mut Project,
    analysis: &Analysis,
    input: RevisionInput,
) -> Result<&'p Revision> {
    let n = project.revisions.len();
    let refuse = |field: &str, code: &str, message: String| Error::InvalidModel {
        location: Location::default(),
        problems: vec![Problem::at(
            code,
            format!("revisions[{n}].{field}"),
            message,
        )],
    };
    let limit = crate::integrity::MAX_TEXT_BYTES;
    for (field, text) in [
        ("version", &input.version),
        ("summary", &input.summary),
        ("author", &input.author),
    ] {
        if text.len() > limit {
            let message = format!(
                "text of {} bytes exceeds the limit of {limit} bytes",
                text.len()
            );
            return Err(refuse(field, "text_too_long", message));
        }
    }
    let version = input.version.trim().to_owned();
    if version.is_empty() {
        let message = "a version needs a label (版数)".into();
        return Err(refuse("version", "empty_version", message));
    }
    if project.revisions.iter().any(|r| r.version == version) {
        let message = format!("version {version} is already recorded");
        return Err(refuse("version", "duplicate_version", message));
    }
    let revision = Revision {
        id: RevisionId::new(),
        version: version.clone(),
        date: input.date.clone(),
        summary: input.summary.trim().to_owned(),
        author: input.author.trim().to_owned(),
        baseline: baseline_hash(project),
        risks: analysis.risks.len() as u32,
        above_tolerable: above_tolerable(analysis),
    };
    project.meta.version = version;
    project.meta.updated = Some(input.date);
    project.revisions.push(revision);
    Ok(project.revisions.last().expect("just pushed"))
}

/// Residual risks above the tolerable level.
pub fn above_tolerable(analysis: &Analysis) -> u32 {
    analysis.risks.iter().filter(|r| !r.tolerable).count() as u32
}

/// Whether the model changed since the last recorded version (true when none is recorded).
pub fn changed_since_last(project: &Project, baseline: &str) -> bool {
    project
        .revisions
        .last()
        .is_none_or(|r| r.baseline != baseline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::model::{CustomerResponse, Position};

    fn sample() -> Project {
        let text = include_bytes!("../../samples/food-plant.json");
        crate::json::parse(text, &Location::default()).expect("the sample loads")
    }

    fn day(d: u8) -> IsoDate {
        IsoDate::from_ymd(2026, 12, d).expect("a date")
    }

    fn input(version: &str, d: u8) -> RevisionInput {
        RevisionInput {
            version: version.into(),
            date: day(d),
            summary: format!("  {version} の変更  "),
            author: "佐藤".into(),
        }
    }

    #[test]
    fn the_baseline_ignores_layout_labels_answers_and_history_but_not_content() {
        let p = sample();
        let base = baseline_hash(&p);
        assert_eq!(base.len(), BASELINE_DIGITS);
        assert!(base
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(baseline_hash(&p.clone()), base, "deterministic");

        let mut q = p.clone();
        q.assets[0].position = Some(Position { x: 1.0, y: 2.0 });
        q.zones[0].position = Some(Position { x: -5.0, y: 9.0 });
        q.meta.version = "9.9".into();
        q.meta.updated = Some(day(24));
        q.customer_responses.push(CustomerResponse {
            row_id: "x".into(),
            agreement: None,
            comment: "ok".into(),
            date: None,
        });
        let analysis = crate::risk::analyse(&q, Catalogue::builtin());
        record(&mut q, &analysis, input("2.0", 2)).expect("recorded");
        assert_eq!(baseline_hash(&q), base, "layout, labels, answers, history");

        for change in [
            |p: &mut Project| p.assets[0].name.push('X'),
            |p: &mut Project| p.zones[0].name.push('X'),
            |p: &mut Project| p.meta.scope.push('X'),
            |p: &mut Project| p.settings.tolerable_risk = "B".into(),
            |p: &mut Project| {
                p.conduits.pop();
            },
        ] {
            let mut r = p.clone();
            change(&mut r);
            assert_ne!(baseline_hash(&r), base);
        }
    }

    #[test]
    fn recording_stamps_the_figures_and_sets_the_version() {
        let mut p = sample();
        let analysis = crate::risk::analyse(&p, Catalogue::builtin());
        let base = baseline_hash(&p);
        let r = record(&mut p, &analysis, input("1.3", 1))
            .expect("recorded")
            .clone();
        assert_eq!(r.version, "1.3");
        assert_eq!(r.summary, "1.3 の変更", "trimmed");
        assert_eq!(r.baseline, base);
        assert_eq!(r.risks as usize, analysis.risks.len());
        assert_eq!(
            r.above_tolerable as usize,
            analysis.risks.iter().filter(|x| !x.tolerable).count()
        );
        assert!(r.above_tolerable > 0 && r.above_tolerable < r.risks);
        assert_eq!(p.meta.version, "1.3");
        assert_eq!(p.meta.updated, Some(day(1)));
        assert!(!changed_since_last(&p, &baseline_hash(&p)));
        p.assets[0].name.push('X');
        assert!(changed_since_last(&p, &baseline_hash(&p)));
    }

    #[test]
    fn an_empty_or_repeated_version_is_refused_and_changes_nothing() {
        let mut p = sample();
        let analysis = crate::risk::analyse(&p, Catalogue::builtin());
        record(&mut p, &analysis, input("1.3", 1)).expect("recorded");
        let before = p.clone();
        for (v, code) in [("  ", "empty_version"), (" 1.3 ", "duplicate_version")] {
            let e = record(&mut p, &analysis, input(v, 2)).expect_err("refused");
            let text = e.to_string();
            assert!(
                text.contains(code) && text.contains("revisions[1].version"),
                "{text}"
            );
            assert_eq!(p, before);
        }
        let mut huge = input("1.4", 2);
        huge.summary = "あ".repeat(crate::integrity::MAX_TEXT_BYTES / 3 + 1);
        let text = record(&mut p, &analysis, huge)
            .expect_err("refused")
            .to_string();
        assert!(
            text.contains("revisions[1].summary") && text.contains("text_too_long"),
            "{text}"
        );
        assert_eq!(p, before);
    }
}
