//! Step 1-1 (本編 3.1.1): the requirements a security plan must serve — business goals
//! (経営目標) incl. the purpose of smart-factory change, BCP, external requirements (laws,
//! standards, industry guidelines, customer/supply-chain demands) and internal requirements,
//! stakeholders and how far an incident would spread.

use super::IsoDate;
use crate::id::{RequirementId, StakeholderId};
use serde::{Deserialize, Serialize};

/// Everything recorded in step 1-1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct Requirements {
    /// 経営目標: what the business wants from the factory.
    pub business_goals: String,
    /// Purpose of smart-factory change (スマート化の目的).
    pub smart_factory_purpose: String,
    /// Whether a BCP exists and what it covers.
    pub bcp: Bcp,
    /// Laws, standards, guidelines, customer demands and internal rules.
    pub items: Vec<Requirement>,
    /// Internal and external stakeholders.
    pub stakeholders: Vec<Stakeholder>,
    /// How far an incident would spread (影響範囲): customers, partners, society.
    pub incident_impact: String,
    /// Related departments and governance (関係部門・ガバナンス).
    pub governance: String,
}

/// BCP status and notes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct Bcp {
    /// Does a BCP exist?
    pub status: BcpStatus,
    /// What it covers; whether cyber incidents are in it.
    pub notes: String,
}

/// BCP existence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BcpStatus {
    /// Not yet asked.
    #[default]
    Unknown,
    /// A BCP exists and covers cyber incidents.
    CoversCyber,
    /// A BCP exists but not for cyber incidents.
    ExistsWithoutCyber,
    /// Being written.
    InPreparation,
    /// No BCP.
    None,
}

/// The kind of a requirement (1-1 (1)–(3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    /// 経営目標等.
    BusinessGoal,
    /// Domestic or foreign law / regulation.
    Law,
    /// Standard (IEC 62443, ISO/IEC 27001 …) or the METI guideline itself.
    Standard,
    /// Industry guideline.
    IndustryGuideline,
    /// Customer or supply-chain demand.
    CustomerDemand,
    /// Internal rule or current state (内部要件/状況).
    Internal,
}

/// One requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Id.
    pub id: RequirementId,
    /// Kind.
    pub kind: RequirementKind,
    /// Short title.
    pub title: String,
    /// What it demands of the factory system.
    #[serde(default)]
    pub detail: String,
    /// Where it comes from (document, clause).
    #[serde(default)]
    pub source: String,
    /// Who owns it.
    #[serde(default)]
    pub owner: String,
    /// Current state (e.g. 対応済 / 検討中).
    #[serde(default)]
    pub status: String,
    /// Date it was confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<IsoDate>,
}

/// A stakeholder (社内外の関係者).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    /// Id.
    pub id: StakeholderId,
    /// Name of the person or organisation.
    pub name: String,
    /// Inside the customer company?
    #[serde(default)]
    pub internal: bool,
    /// Department or company.
    #[serde(default)]
    pub organisation: String,
    /// Role in the project.
    #[serde(default)]
    pub role: String,
    /// Contact.
    #[serde(default)]
    pub contact: String,
}
