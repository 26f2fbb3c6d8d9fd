//! The factory security model: plain data with serde, no I/O.
//!
//! [`Project`] is the root aggregate. Its JSON form is the lossless interchange format;
//! the SQLite project file stores the same data.

mod asset;
pub mod blank;
mod business;
mod countermeasure;
mod lifecycle;
pub mod numbering;
mod rating;
mod requirement;
mod revision;
mod threat;
mod vulnerability;
mod zone;

pub use asset::{AssetClass, AssetTrait, ImportanceOverride, ProtectedAsset, ThreatApplicability};
pub use business::{BusinessProcess, SmartChange};
pub use countermeasure::{
    Countermeasure, CustomMeasure, IpaView, Lowers, MeasureCategory, MeasureScope, MeasureStatus,
    Responsibility,
};
pub use lifecycle::{
    ChecklistAnswer, ChecklistAnswerValue, ContractHolder, OodaPhase, OodaRole, OodaStep,
    SecurityGap, Supplier, SupplierKind,
};
pub use rating::{Criterion, CriterionScores, IsoDate, Level, Position, SlVector, DATE_YEARS};
pub use requirement::{Bcp, BcpStatus, Requirement, RequirementKind, Requirements, Stakeholder};
pub use revision::Revision;
pub use threat::{BusinessDamage, CustomThreat, ThreatScenario, ThreatVector};
pub use vulnerability::{FindingStatus, VulnerabilityFinding};
pub use zone::{
    BoundaryControl, BoundaryKind, Channel, Conduit, Direction, Endpoint, EntryKind, EntryPoint,
    HopKind, Initiator, Reach, Zone,
};

use crate::id::ProjectId;
use serde::{Deserialize, Serialize};

/// Version of the JSON interchange format written by this build.
pub const FORMAT_VERSION: u32 = 1;

/// User-facing language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// 日本語 (default).
    #[default]
    Ja,
    /// English.
    En,
}

/// Who, what, when.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct ProjectMeta {
    /// Project (案件) name.
    pub name: String,
    /// Customer company.
    pub customer: String,
    /// Factory / site.
    pub site: String,
    /// System integrator.
    pub sier: String,
    /// Assessor (評価者).
    pub assessor: String,
    /// Scope: the system under consideration (SUC).
    pub scope: String,
    /// Document version (版数).
    pub version: String,
    /// Created on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub created: Option<IsoDate>,
    /// Last updated on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub updated: Option<IsoDate>,
    /// Language of the deliverables.
    pub language: Lang,
}

/// Project-wide analysis settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct ProjectSettings {
    /// Risk method id from the catalogue (`ipa-asset-v2`, `matrix-5x5`…).
    pub risk_method: String,
    /// Highest risk value that is tolerable without treatment (e.g. `C`).
    pub tolerable_risk: String,
    /// Let business-continuity measures lower impact (IPA: only vulnerability changes).
    pub impact_reduction: bool,
    /// Assessment horizon in months after the assessment date: a support-dependent threat
    /// (T24) applies to an asset whose support ends before the horizon (P).
    #[serde(skip_serializing_if = "is_default_horizon")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub support_horizon_months: u32,
}

fn is_default_horizon(m: &u32) -> bool {
    *m == 12
}

impl Default for ProjectSettings {
    fn default() -> Self {
        Self {
            risk_method: "ipa-asset-v2".into(),
            tolerable_risk: "C".into(),
            impact_reduction: false,
            support_horizon_months: 12,
        }
    }
}

/// Risk treatment (対応方針).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    /// 低減.
    Reduce,
    /// 受容.
    Accept,
    /// 回避.
    Avoid,
    /// 移転.
    Transfer,
}

/// A user decision on a risk row, keyed by the row's stable id (`T01@<asset>`), so that it
/// survives recomputation of the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RiskDecision {
    /// Risk row id.
    pub risk_id: String,
    /// Treatment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<Treatment>,
    /// Why.
    #[serde(default)]
    pub justification: String,
    /// Risk owner.
    #[serde(default)]
    pub owner: String,
    /// Decided on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
    /// Due date of the treatment (期限): when a reduction is to be in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<IsoDate>,
    /// The countermeasures the decision relies on (e.g. the customer's measure that a
    /// reduction needs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relies_on: Vec<crate::id::MeasureId>,
}

/// The customer's answer on an exported row (合意 / 要協議 / 不同意).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// 合意.
    Agreed,
    /// 要協議.
    Discuss,
    /// 不同意.
    Disagreed,
}

/// A customer response read back from a returned workbook, keyed by the row's stable id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CustomerResponse {
    /// Row id (a model UUID or a risk id).
    pub row_id: String,
    /// Agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Agreement>,
    /// Comment.
    #[serde(default)]
    pub comment: String,
    /// Date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
}

/// Outcome of one completion-inspection check (完成検査).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InspectionOutcome {
    /// OK.
    Ok,
    /// NG: found not as expected.
    Ng,
    /// N/A: does not apply to this asset.
    NotApplicable,
}

impl InspectionOutcome {
    /// As written in the workbook (the same in both languages).
    pub fn label(self) -> &'static str {
        match self {
            Self::Ok => "OK",
            Self::Ng => "NG",
            Self::NotApplicable => "N/A",
        }
    }

    /// From the workbook's text (`OK`, `NG`, `N/A`, any case; full-width letters too).
    pub fn parse(s: &str) -> Option<Self> {
        let t: String = s
            .trim()
            .chars()
            .map(|c| match c {
                'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '／' => {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                }
                c => c,
            })
            .collect::<String>()
            .to_ascii_uppercase();
        match t.as_str() {
            "OK" => Some(Self::Ok),
            "NG" => Some(Self::Ng),
            "N/A" | "NA" => Some(Self::NotApplicable),
            _ => None,
        }
    }
}

/// A completion-inspection result filled in on site and read back from a workbook, keyed by
/// the check's stable row id (`CHK-…`), so that the next export carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct InspectionResult {
    /// Row id of the check.
    pub row_id: String,
    /// OK / NG / N/A.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<InspectionOutcome>,
    /// Evidence (photo, log, screenshot reference).
    #[serde(default)]
    pub evidence: String,
    /// Who inspected.
    #[serde(default)]
    pub inspector: String,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
}

/// Catalogue entries the project adds beside the built-in catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct CustomCatalogue {
    /// Project threats.
    pub threats: Vec<CustomThreat>,
    /// Project countermeasures.
    pub measures: Vec<CustomMeasure>,
}

/// A whole factory security model (one project).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// JSON format version ([`FORMAT_VERSION`]).
    pub format_version: u32,
    /// Id.
    pub id: ProjectId,
    /// Who, what, when.
    #[serde(default)]
    pub meta: ProjectMeta,
    /// Analysis settings.
    #[serde(default)]
    pub settings: ProjectSettings,
    /// Step 1-1.
    #[serde(default)]
    pub requirements: Requirements,
    /// Steps 1-2 / 1-3.
    #[serde(default)]
    pub businesses: Vec<BusinessProcess>,
    /// Steps 1-4 / 1-5.
    #[serde(default)]
    pub assets: Vec<ProtectedAsset>,
    /// Step 1-6 zones.
    #[serde(default)]
    pub zones: Vec<Zone>,
    /// Step 1-6 entry points.
    #[serde(default)]
    pub entry_points: Vec<EntryPoint>,
    /// Step 1-6 conduits.
    #[serde(default)]
    pub conduits: Vec<Conduit>,
    /// Step 1-7.
    #[serde(default)]
    pub threats: Vec<ThreatScenario>,
    /// Step 2-2.
    #[serde(default)]
    pub countermeasures: Vec<Countermeasure>,
    /// Step 3 OODA roles.
    #[serde(default)]
    pub ooda_roles: Vec<OodaRole>,
    /// Step 3 suppliers.
    #[serde(default)]
    pub suppliers: Vec<Supplier>,
    /// Step 3 supply-chain checklist answers.
    #[serde(default)]
    pub checklist_answers: Vec<ChecklistAnswer>,
    /// Business damages for the scenario-based method.
    #[serde(default)]
    pub damages: Vec<BusinessDamage>,
    /// Decisions on risk rows.
    #[serde(default)]
    pub risk_decisions: Vec<RiskDecision>,
    /// Customer answers read back from workbooks.
    #[serde(default)]
    pub customer_responses: Vec<CustomerResponse>,
    /// Recorded versions (改訂履歴), oldest first. Left out of the JSON while empty, so files
    /// written before it existed stay byte for byte as they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
    /// Completion-inspection results read back from workbooks (left out of the JSON while
    /// empty, as `revisions`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inspection_results: Vec<InspectionResult>,
    /// Vulnerability-inspection findings (脆弱性検査結果; left out of the JSON while empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vulnerabilities: Vec<VulnerabilityFinding>,
    /// Project-defined catalogue entries.
    #[serde(default)]
    pub custom: CustomCatalogue,
}

impl Project {
    /// An empty project.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            id: ProjectId::new(),
            meta: ProjectMeta {
                name: name.into(),
                ..ProjectMeta::default()
            },
            settings: ProjectSettings::default(),
            requirements: Requirements::default(),
            businesses: Vec::new(),
            assets: Vec::new(),
            zones: Vec::new(),
            entry_points: Vec::new(),
            conduits: Vec::new(),
            threats: Vec::new(),
            countermeasures: Vec::new(),
            ooda_roles: Vec::new(),
            suppliers: Vec::new(),
            checklist_answers: Vec::new(),
            damages: Vec::new(),
            risk_decisions: Vec::new(),
            customer_responses: Vec::new(),
            revisions: Vec::new(),
            inspection_results: Vec::new(),
            vulnerabilities: Vec::new(),
            custom: CustomCatalogue::default(),
        }
    }
}
