//! Step 3 (本編 3.3): operations (OODA roles for early recognition and response) and the
//! supply-chain checklists (cloud / general-purpose products / software).

use super::{IsoDate, Responsibility};
use crate::id::{AssetId, ChecklistAnswerId, OodaRoleId, SupplierId};
use serde::{Deserialize, Serialize};

/// OODA phase (別冊 table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum OodaPhase {
    /// 予防保全段階.
    Preventive,
    /// 被害発生段階.
    Incident,
}

/// OODA step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum OodaStep {
    /// Observe 監視.
    Observe,
    /// Orient 分析.
    Orient,
    /// Decide 決定.
    Decide,
    /// Act 行動.
    Act,
}

/// One row of the OODA role table, pre-filled from the catalogue and completed with names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct OodaRole {
    /// Id.
    pub id: OodaRoleId,
    /// Catalogue row it came from (`OODA-P-OBS`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Phase.
    pub phase: OodaPhase,
    /// Step.
    pub step: OodaStep,
    /// Main department.
    #[serde(default)]
    pub department: String,
    /// Decision maker(s).
    #[serde(default)]
    pub decision_maker: String,
    /// Actions.
    #[serde(default)]
    pub actions: String,
    /// Which party holds the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<Responsibility>,
    /// Person(s) named.
    #[serde(default)]
    pub person: String,
    /// Contact.
    #[serde(default)]
    pub contact: String,
}

/// Kind of supplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum SupplierKind {
    /// Equipment / device maker.
    Equipment,
    /// Software vendor.
    Software,
    /// Cloud service provider.
    Cloud,
    /// Subcontractor (再委託先).
    Subcontractor,
}

/// A supplier of equipment, software, cloud service or work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    /// Id.
    pub id: SupplierId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: SupplierKind,
    /// What it provides.
    #[serde(default)]
    pub provides: String,
    /// Certifications (ISMS, IEC 62443-2-4 / 4-1 …).
    #[serde(default)]
    pub certifications: String,
    /// When its security policy was confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_confirmed: Option<IsoDate>,
    /// Agreed terms (confidentiality, vulnerability and incident notice, support period, SBOM).
    #[serde(default)]
    pub agreement: String,
    /// Audit date and result.
    #[serde(default)]
    pub audit: String,
    /// Contact.
    #[serde(default)]
    pub contact: String,
    /// Who holds the contract with this supplier, so who the security agreement is between
    /// (a subcontractor's is always the SIer); `None` until recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_holder: Option<ContractHolder>,
}

/// What a supplier's security agreement still lacks (see [`Supplier::security_gaps`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SecurityGap {
    /// No security conditions agreed as contract terms.
    NoTerms,
    /// The supplier's information-security policy was never confirmed.
    NoPolicy,
    /// A subcontractor's management system (ISMS, its rules) is not recorded.
    NoManagementSystem,
    /// Who holds the contract is not recorded.
    NoHolder,
    /// The agreed conditions were never checked (desirable for important subcontractors).
    NoCheck,
}

impl Supplier {
    /// What its security agreement still lacks. Seed 000 (②構築 サプライチェーン管理): the SIer
    /// confirms each subcontractor's information-security policy and management system and
    /// agrees the security conditions as contract terms (a check such as an audit is
    /// desirable); with a supplier it agrees the information-security conditions (Level 1
    /// 「仕入れ先との情報セキュリティ合意」), which is the contract holder's to do.
    pub fn security_gaps(&self) -> Vec<SecurityGap> {
        let mut out = Vec::new();
        if self.kind != SupplierKind::Subcontractor && self.contract_holder.is_none() {
            out.push(SecurityGap::NoHolder);
        }
        if self.agreement.trim().is_empty() {
            out.push(SecurityGap::NoTerms);
        }
        if self.policy_confirmed.is_none() {
            out.push(SecurityGap::NoPolicy);
        }
        if self.kind == SupplierKind::Subcontractor {
            if self.certifications.trim().is_empty() {
                out.push(SecurityGap::NoManagementSystem);
            }
            if self.audit.trim().is_empty() {
                out.push(SecurityGap::NoCheck);
            }
        }
        out
    }

    /// Whether its agreement lacks any of `gaps`.
    pub fn lacks(&self, gaps: &[SecurityGap]) -> bool {
        self.security_gaps().iter().any(|g| gaps.contains(g))
    }
}

/// The party that holds a supplier's contract (契約当事者).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum ContractHolder {
    /// The system integrator (e.g. equipment it buys in for the delivery).
    Sier,
    /// The customer (asset owner).
    Customer,
}

/// Answer to a supply-chain checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum ChecklistAnswerValue {
    /// 済 — done.
    Done,
    /// 一部 — partly.
    Partial,
    /// 未 — not done.
    NotDone,
    /// 対象外 — not applicable.
    NotApplicable,
}

/// A supply-chain checklist answer, for a supplier or an asset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ChecklistAnswer {
    /// Id.
    pub id: ChecklistAnswerId,
    /// Checklist item (`SC-CL-P1`…).
    pub item: String,
    /// The supplier answered for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<SupplierId>,
    /// The asset answered for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<AssetId>,
    /// The answer; `None` is unanswered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<ChecklistAnswerValue>,
    /// Evidence notes.
    #[serde(default)]
    pub evidence: String,
    /// Free notes.
    #[serde(default)]
    pub note: String,
}
