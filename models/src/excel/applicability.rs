//! Reading the customer's threat decisions back from 脅威の適用判断: the decision and its basis
//! as sent stay locked (in the row hash); a row where the customer asks for a decision in the
//! change column (適用 / 対象外) with a reason becomes the asset's recorded decision
//! ([`crate::model::ThreatApplicability`]), the customer's reason as its reason.
//!
//! Nothing is guessed: a change without a reason, and a change that is neither 適用 nor
//! 対象外, are reported with sheet, row and column and not applied; rows the generic reader
//! refused (unknown ids, duplicates, edited locked cells) are left out here too. Nothing is
//! compared with what the model would say now, so a workbook returned untouched changes
//! nothing however the model moved since.

use super::cells::{cell_text, SheetReader};
use crate::id::AssetId;
use crate::model::{Lang, Project, ThreatApplicability};
use crate::risk::Analysis;
use crate::{i18n, Location, Problem};
use calamine::{Data, Range};
use serde::Serialize;

/// A threat decision the customer changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// Read the applicability sheet `range` (named `sheet`) of a workbook exported in `lang`,
/// leaving out the rows in `refused` (the generic reader's problems).
pub fn read(
    project: &Project,
    _analysis: &Analysis,
    lang: Lang,
    sheet: &str,
    range: &Range<Data>,
    file: &Location,
    refused: &std::collections::HashSet<String>,
) -> ApplicabilityRead {
    let sheet_reader = SheetReader::new(sheet, file, range);
    let at = |row: u32, col: usize| sheet_reader.at(row, Some(col));
    let mut out = ApplicabilityRead::default();
    let find = |key: &str| sheet_reader.column(lang, key);
    let (Some(dc), Some(rc)) = (
        find("xl.col.applicability_change"),
        find("xl.col.applicability_change_reason"),
    ) else {
        return out;
    };
    let applies = i18n::text(lang, "xl.applicability.applies");
    let excluded = i18n::text(lang, "xl.applicability.excluded");
    for (r, row) in range.rows().enumerate().skip(1) {
        let r = r as u32;
        let get = |c: usize| row.get(c).map(cell_text).unwrap_or_default();
        let id = get(0).trim().to_owned();
        if id.is_empty() || refused.contains(&id) {
            continue;
        }
        let Some((threat, asset_id)) = parse_id(&id) else {
            continue;
        };
        let (decision, reason) = (get(dc).trim().to_owned(), get(rc).trim().to_owned());
        if decision.is_empty() {
            if !reason.is_empty() {
                out.problems.push(Problem {
                    code: "decision_missing".into(),
                    location: at(r, dc),
                    message: format!(
                        "a reason without a decision: choose {applies:?} or {excluded:?} in this column; the row is not applied"
                    ),
                });
            }
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
        if reason.is_empty() {
            out.problems.push(Problem {
                code: "reason_missing".into(),
                location: at(r, rc),
                message:
                    "a changed decision needs its reason in this column; the row is not applied"
                        .into(),
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
                reason,
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
