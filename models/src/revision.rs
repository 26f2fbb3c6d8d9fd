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

/// The project's assessed content as JSON (see the module docs): what the baseline hash is
/// taken over and what a recorded version keeps.
fn assessed_value(project: &Project) -> serde_json::Value {
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
    v
}

/// The project's baseline hash: SHA-256 over its assessed content (see the module docs), as
/// the first [`BASELINE_DIGITS`] lowercase hex digits.
pub fn baseline_hash(project: &Project) -> String {
    let bytes =
        serde_json::to_vec(&assessed_value(project)).expect("a JSON value always serialises");
    hash_of(&bytes)
}

/// The baseline hash of the assessed content's JSON bytes.
fn hash_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(BASELINE_DIGITS);
    for b in digest.iter().take(BASELINE_DIGITS / 2) {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// Base64 characters per piece of a snapshot (well under the text limit).
pub const SNAPSHOT_PIECE: usize = 256 << 10;

/// The assessed content of `project`, deflated and in base64 pieces of [`SNAPSHOT_PIECE`]
/// characters: what [`record`] keeps with a version so that later states can be compared with
/// it (a tenth of the project's size or less, opaque to the app).
pub fn snapshot(project: &Project) -> Vec<String> {
    use base64::Engine as _;
    use std::io::Write as _;
    let json =
        serde_json::to_vec(&assessed_value(project)).expect("a JSON value always serialises");
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&json).expect("writing to memory cannot fail");
    let packed = z.finish().expect("writing to memory cannot fail");
    let text = base64::engine::general_purpose::STANDARD.encode(packed);
    // Base64 is ASCII, so any byte offset is a character boundary.
    text.as_bytes()
        .chunks(SNAPSHOT_PIECE)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect()
}

/// The model as recorded at `project.revisions[index]`, read back from its snapshot with the
/// same checks as a project file, and checked against the version's baseline hash (a snapshot
/// edited by hand is refused, not compared).
///
/// # Errors
/// [`Error::InvalidModel`] when the version has no snapshot (recorded before they were kept),
/// when the snapshot is not readable, or when it is not the model the baseline names; the
/// location is `revisions[index].snapshot`.
pub fn restore(project: &Project, index: usize) -> Result<Project> {
    use base64::Engine as _;
    let rev = project
        .revisions
        .get(index)
        .ok_or_else(|| Error::InvalidModel {
            location: Location::default(),
            problems: vec![Problem::at(
                "no_such_revision",
                format!("revisions[{index}]"),
                format!("there is no recorded version number {}", index + 1),
            )],
        })?;
    let field = format!("revisions[{index}].snapshot");
    let refuse = |code: &str, message: String| Error::InvalidModel {
        location: Location::default(),
        problems: vec![Problem::at(code, field.clone(), message)],
    };
    if rev.snapshot.is_empty() {
        return Err(refuse(
            "no_snapshot",
            format!(
                "version {} was recorded without a copy of the model, so it cannot be compared",
                rev.version
            ),
        ));
    }
    let text: String = rev.snapshot.concat();
    let packed = base64::engine::general_purpose::STANDARD
        .decode(text.as_bytes())
        .map_err(|e| {
            refuse(
                "snapshot_unreadable",
                format!("version {}: {e}", rev.version),
            )
        })?;
    // A model's JSON deflates to a tenth of its size or so; a copy that would inflate more
    // than a hundred times is not a model (a small hostile file cannot claim gigabytes).
    let limit = (packed.len() as u64)
        .saturating_mul(SNAPSHOT_MAX_RATIO)
        .saturating_add(1 << 20)
        .min(crate::json::MAX_JSON_BYTES);
    let json = inflate(&packed, limit).map_err(|e| {
        refuse(
            "snapshot_unreadable",
            format!("version {}: {e}", rev.version),
        )
    })?;
    // The copy is the very bytes the baseline was taken over.
    if hash_of(&json) != rev.baseline {
        return Err(refuse(
            "snapshot_mismatch",
            format!(
                "the copy kept with version {} is not the model its baseline {} names",
                rev.version, rev.baseline
            ),
        ));
    }
    let origin = Location {
        path: Some(field.clone()),
        ..Location::default()
    };
    let mut old = crate::json::parse(&json, &origin).map_err(|e| in_snapshot(e, &field))?;
    old.meta.version.clone_from(&rev.version);
    old.meta.updated = Some(rev.date.clone());
    Ok(old)
}

/// How many times its packed size a recorded copy may inflate to.
pub const SNAPSHOT_MAX_RATIO: u64 = 100;

/// Inflate at most `limit` bytes: a small hostile snapshot cannot expand without bound.
fn inflate(packed: &[u8], limit: u64) -> std::result::Result<Vec<u8>, String> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(packed)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() as u64 > limit {
        return Err(format!("the copy exceeds {limit} bytes"));
    }
    Ok(out)
}

/// An error found in a recorded copy, placed in it: every problem's path is prefixed with
/// `revisions[i].snapshot` (the copy is bad, not the model now).
fn in_snapshot(e: Error, field: &str) -> Error {
    let place = |path: Option<String>| {
        Some(match path {
            Some(p) if p.starts_with(field) => p,
            Some(p) => format!("{field} → {p}"),
            None => field.to_owned(),
        })
    };
    match e {
        Error::InvalidModel {
            mut location,
            mut problems,
        } => {
            location.path = place(location.path.take());
            for p in &mut problems {
                p.location.path = place(p.location.path.take());
            }
            Error::InvalidModel { location, problems }
        }
        other => {
            let detail = other.to_string();
            Error::InvalidModel {
                location: Location::default(),
                problems: vec![Problem::at(
                    "snapshot_unreadable",
                    field.to_owned(),
                    format!("the recorded copy is not a readable model: {detail}"),
                )],
            }
        }
    }
}

/// The recorded version a new edition of the workbook is compared with (its 変更点): the last
/// version whose model differs from the current one. When the current model is itself the
/// last recorded version, that is the version before it; `None` when there is none.
/// `baseline` is the project's [`baseline_hash`] (worked out once by the caller).
pub fn compare_base(project: &Project, baseline: &str) -> Option<usize> {
    project
        .revisions
        .iter()
        .rposition(|r| r.baseline != baseline)
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
    // A label names a version on the command line (plant.otz@1.0) and in print: no '@', no
    // control characters.
    if version.contains('@') || version.chars().any(char::is_control) {
        let message = format!("a version label has no '@' or control characters: {version:?}");
        return Err(refuse("version", "bad_version_label", message));
    }
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
        snapshot: snapshot(project),
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

    /// The food-plant sample without its recorded history (the tests record their own).
    fn sample() -> Project {
        let text = include_bytes!("../../samples/food-plant.json");
        let mut p = crate::json::parse(text, &Location::default()).expect("the sample loads");
        p.revisions.clear();
        p
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

    /// A recorded version keeps the model: read back, it is the model as it was (same
    /// baseline), so the changes made since are exactly what the comparison lists; the
    /// workbook's 変更点 compare with the last version whose model differs.
    #[test]
    fn a_recorded_version_keeps_its_model_for_later_comparison() {
        let mut p = sample();
        let analysis = crate::risk::analyse(&p, Catalogue::builtin());
        record(&mut p, &analysis, input("1.0", 1)).expect("recorded");
        assert!(!p.revisions[0].snapshot.is_empty());
        let total: usize = p.revisions[0].snapshot.iter().map(String::len).sum();
        let plain = serde_json::to_vec(&p).unwrap().len();
        assert!(total * 3 < plain, "compressed: {total} of {plain} bytes");
        assert!(p.revisions[0]
            .snapshot
            .iter()
            .all(|s| s.len() <= SNAPSHOT_PIECE));
        let old = restore(&p, 0).expect("restored");
        assert_eq!(
            baseline_hash(&old),
            p.revisions[0].baseline,
            "the sample is numbered"
        );
        assert_eq!(old.meta.version, "1.0");
        assert!(crate::diff::since(&p, 0).unwrap().is_empty());
        // The current model is version 1.0 itself: nothing earlier to compare with.
        assert_eq!(compare_base(&p, &baseline_hash(&p)), None);

        p.assets[0].name = "改名した資産".into();
        assert_eq!(
            compare_base(&p, &baseline_hash(&p)),
            Some(0),
            "a change since 1.0"
        );
        let d = crate::diff::since(&p, 0).unwrap();
        assert_eq!(d.items.len(), 1);
        assert_eq!(d.items["assets"].len(), 1);
        let analysis = crate::risk::analyse(&p, Catalogue::builtin());
        record(&mut p, &analysis, input("1.1", 2)).expect("recorded");
        assert_eq!(
            compare_base(&p, &baseline_hash(&p)),
            Some(0),
            "1.1 is now; it is compared with 1.0"
        );
        // Saved and opened again (both formats), the copies still compare.
        let dir = tempfile::tempdir().unwrap();
        for name in ["p.otz", "p.json"] {
            let path = dir.path().join(name);
            crate::store::save_any(&path, &p).unwrap();
            let q = crate::store::load_any(&path).unwrap();
            assert_eq!(crate::diff::since(&q, 0).unwrap(), d);
            let at = crate::diff::load_state(&dir.path().join(format!("{name}@1.0"))).unwrap();
            assert_eq!(baseline_hash(&at), p.revisions[0].baseline);
            let err = crate::diff::load_state(&dir.path().join(format!("{name}@9.9")))
                .unwrap_err()
                .to_string();
            assert!(err.contains("9.9") && err.contains("1.0, 1.1"), "{err}");
        }
    }

    #[test]
    fn a_missing_edited_or_hostile_copy_is_refused_with_its_place() {
        use base64::Engine as _;
        use std::io::Write as _;
        let mut p = sample();
        let analysis = crate::risk::analyse(&p, Catalogue::builtin());
        record(&mut p, &analysis, input("1.0", 1)).expect("recorded");
        let code = |p: &Project| match restore(p, 0) {
            Err(Error::InvalidModel { problems, .. }) => {
                assert_eq!(
                    problems[0].location.path.as_deref(),
                    Some("revisions[0].snapshot")
                );
                problems[0].code.clone()
            }
            Err(other) => format!("{other}"),
            Ok(_) => "restored".into(),
        };
        let good = p.revisions[0].snapshot.clone();
        // Recorded by an older build: no copy.
        p.revisions[0].snapshot.clear();
        assert_eq!(code(&p), "no_snapshot");
        p.revisions[0].snapshot = vec!["@@not base64@@".into()];
        assert_eq!(code(&p), "snapshot_unreadable");
        // A copy of another model under this version's baseline (edited by hand).
        let mut other = sample();
        other.assets[0].name = "すり替え".into();
        p.revisions[0].snapshot = snapshot(&other);
        assert_eq!(code(&p), "snapshot_mismatch");
        // Deflated text that is not a project: located like a bad project file.
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"{\"assets\": 5}").unwrap();
        let bad = base64::engine::general_purpose::STANDARD.encode(z.finish().unwrap());
        p.revisions[0].snapshot = vec![bad];
        assert!(restore(&p, 0).is_err());
        p.revisions[0].snapshot = good;
        assert_eq!(code(&p), "restored");
        // Inflation stops at its limit: 10 MB of zeros in a few kB.
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0u8; 10 << 20]).unwrap();
        let bomb = z.finish().unwrap();
        assert!(bomb.len() < 100_000);
        let err = inflate(&bomb, 1 << 20).unwrap_err();
        assert!(err.contains("exceeds"), "{err}");
        assert_eq!(inflate(&bomb, 10 << 20).unwrap().len(), 10 << 20);
    }

    /// What the hostile review found: a small copy that would inflate to hundreds of
    /// megabytes is refused at a hundred times its packed size; a copy whose model is bad is
    /// reported inside the copy (`revisions[0].snapshot → assets[0].zone`), not as the model
    /// now; a label with '@' or a control character is refused.
    #[test]
    fn a_hostile_copy_is_refused_early_and_placed_in_the_copy() {
        use base64::Engine as _;
        use std::io::Write as _;
        let pack = |json: &[u8]| {
            let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
            z.write_all(json).unwrap();
            vec![base64::engine::general_purpose::STANDARD.encode(z.finish().unwrap())]
        };
        let mut p = sample();
        let analysis = crate::risk::analyse(&p, Catalogue::builtin());
        record(&mut p, &analysis, input("1.0", 1)).expect("recorded");
        // 20 MB of spaces around a real model, its baseline recomputed to match.
        let mut json = serde_json::to_vec(&assessed_value(&p)).unwrap();
        json.extend(std::iter::repeat_n(b' ', 20 << 20));
        p.revisions[0].snapshot = pack(&json);
        p.revisions[0].baseline = hash_of(&json);
        let e = restore(&p, 0).unwrap_err().to_string();
        assert!(
            e.contains("exceeds") && e.contains("snapshot_unreadable"),
            "{e}"
        );

        let mut bad = sample();
        bad.assets[0].zone = Some(crate::id::ZoneId::new());
        let json = serde_json::to_vec(&assessed_value(&bad)).unwrap();
        p.revisions[0].snapshot = pack(&json);
        p.revisions[0].baseline = hash_of(&json);
        match restore(&p, 0) {
            Err(Error::InvalidModel { problems, .. }) => {
                let path = problems[0].location.path.clone().unwrap_or_default();
                assert_eq!(path, "revisions[0].snapshot → assets[0].zone");
            }
            other => panic!("{other:?}"),
        }

        for label in ["2@3", "3.0\u{1b}[2J"] {
            let a = crate::risk::analyse(&p, Catalogue::builtin());
            let e = record(&mut p, &a, input(label, 2)).unwrap_err().to_string();
            assert!(e.contains("bad_version_label"), "{e}");
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
