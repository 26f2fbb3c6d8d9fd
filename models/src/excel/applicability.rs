//! Reading the customer's threat decisions back from 脅威の適用判断: a row whose decision
//! (適用 / 対象外) or basis the customer changed becomes the asset's recorded decision
//! ([`crate::model::ThreatApplicability`]) with the customer's basis as its reason.
//!
//! Nothing is guessed: a changed decision without a basis of the customer's own (empty, or
//! the generated sentence left as it was), and a decision that is neither 適用 nor 対象外, are
//! reported with sheet, row and column and not applied. Rows the generic reader refuses
//! (unknown ids, edited locked cells) are reported there.

use super::export::applicability_rows;
use super::responses::cell_text;
use super::sheet::col_letter;
use crate::id::AssetId;
use crate::model::{Lang, Project, ThreatApplicability};
use crate::risk::Analysis;
use crate::{i18n, Location, Problem};
use calamine::{Data, Range};
use serde::Serialize;

/// A threat decision the customer changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicabilityChange {
    /// Sheet.
    pub sheet: String,
    /// Excel row (1-based).
    pub row: u32,
    /// Row id (`applicability:T24@<asset>`).
    pub row_id: String,
    /// The asset.
    pub asset: AssetId,
    /// The decision recorded before on the asset, if any.
    pub before: Option<ThreatApplicability>,
    /// The decision in the workbook.
    pub after: ThreatApplicability,
}

/// What the applicability sheet of a returned workbook holds.
#[derive(Debug, Clone, Default)]
pub struct ApplicabilityRead {
    /// Decisions that change.
    pub changes: Vec<ApplicabilityChange>,
    /// Rows left out, with where and why.
    pub problems: Vec<Problem>,
}

/// `threat`, `asset` of a row id `applicability:T24@<asset uuid>`.
fn parse_id(id: &str) -> Option<(String, AssetId)> {
    let rest = id.strip_prefix("applicability:")?;
    let (threat, asset) = rest.rsplit_once('@')?;
    Some((threat.to_owned(), asset.parse().ok()?))
}

/// Read the applicability sheet `range` (named `sheet`) of a workbook exported in `lang`.
pub fn read(
    project: &Project,
    analysis: &Analysis,
    lang: Lang,
    sheet: &str,
    range: &Range<Data>,
    file: &Location,
) -> ApplicabilityRead {
    let expected = applicability_rows(project, analysis, lang);
    let at = |row: u32, col: usize| Location {
        sheet: Some(sheet.to_owned()),
        row: Some(u64::from(row) + 1),
        column: Some(col_letter(col)),
        ..file.clone()
    };
    let mut out = ApplicabilityRead::default();
    let header: Vec<String> = range
        .rows()
        .next()
        .map(|r| r.iter().map(cell_text).collect())
        .unwrap_or_default();
    let find = |key: &str| header.iter().position(|h| h == i18n::text(lang, key));
    let (Some(dc), Some(bc)) = (
        find("xl.col.applicability"),
        find("xl.col.applicability_reason"),
    ) else {
        return out;
    };
    let applies = i18n::text(lang, "xl.applicability.applies");
    let excluded = i18n::text(lang, "xl.applicability.excluded");
    for (r, row) in range.rows().enumerate().skip(1) {
        let r = r as u32;
        let get = |c: usize| row.get(c).map(cell_text).unwrap_or_default();
        let id = get(0).trim().to_owned();
        // Unknown rows, duplicates and edited locked cells are the generic reader's problems.
        let Some([was_decision, was_basis]) = expected.get(&id) else {
            continue;
        };
        let Some((threat, asset_id)) = parse_id(&id) else {
            continue;
        };
        let (decision, basis) = (get(dc).trim().to_owned(), get(bc).trim().to_owned());
        if decision == was_decision.trim() && basis == was_basis.trim() {
            continue;
        }
        let applies = if decision == applies || decision.eq_ignore_ascii_case("applies") {
            true
        } else if decision == excluded || decision.eq_ignore_ascii_case("not applicable") {
            false
        } else {
            out.problems.push(Problem {
                code: "bad_decision".into(),
                location: at(r, dc),
                message: format!(
                    "{decision:?} is neither {applies:?} nor {excluded:?}; the row is not applied"
                ),
            });
            continue;
        };
        if basis.is_empty() || basis == was_basis.trim() {
            out.problems.push(Problem {
                code: "reason_missing".into(),
                location: at(r, bc),
                message: "a changed decision needs the reason in the basis column (the generated sentence is not a reason); the row is not applied".into(),
            });
            continue;
        }
        let Some(asset) = project.assets.iter().find(|a| a.id == asset_id) else {
            continue;
        };
        out.changes.push(ApplicabilityChange {
            sheet: sheet.to_owned(),
            row: r + 1,
            row_id: id.clone(),
            asset: asset_id,
            before: asset.applicability_of(&threat).cloned(),
            after: ThreatApplicability {
                threat,
                applies,
                reason: basis,
            },
        });
    }
    out
}

/// Apply read decisions to the project: each replaces the asset's decision on that threat.
pub fn apply(project: &mut Project, changes: &[ApplicabilityChange]) {
    for c in changes {
        if let Some(a) = project.assets.iter_mut().find(|a| a.id == c.asset) {
            a.threat_applicability
                .retain(|o| o.threat != c.after.threat);
            a.threat_applicability.push(c.after.clone());
            a.threat_applicability
                .sort_by(|x, y| x.threat.cmp(&y.threat));
        }
    }
}
