//! Step 2-2 (本編 3.2.2): threats mapped to countermeasures, with who is responsible
//! (責任分界: SIer / customer / vendor) and how far each has got.
//! Step 2-1 policies live on the zone ([`super::Zone::policy`]).

use super::IsoDate;
use crate::id::{AssetId, ConduitId, MeasureId, ZoneId};
use serde::{Deserialize, Serialize};

/// Guideline countermeasure categories: (1)① network, (1)② equipment, (1)③ programs and
/// services, (2) physical, plus step 3 operations, maintenance and supply chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MeasureCategory {
    /// (1)① ネットワーク.
    Network,
    /// (1)② 機器.
    Equipment,
    /// (1)③ 業務プログラム・利用サービス.
    Programs,
    /// (2) 物理.
    Physical,
    /// 運用・管理 (step 3 (1) ①).
    Operational,
    /// 維持・改善 (step 3 (1) ②).
    Maintenance,
    /// サプライチェーン (step 3 (2)).
    SupplyChain,
}

impl MeasureCategory {
    /// All, in guideline order.
    pub const ALL: [MeasureCategory; 7] = [
        Self::Network,
        Self::Equipment,
        Self::Programs,
        Self::Physical,
        Self::Operational,
        Self::Maintenance,
        Self::SupplyChain,
    ];
    /// Wire name.
    pub fn key(self) -> &'static str {
        match self {
            Self::Network => "network",
            Self::Equipment => "equipment",
            Self::Programs => "programs",
            Self::Physical => "physical",
            Self::Operational => "operational",
            Self::Maintenance => "maintenance",
            Self::SupplyChain => "supply_chain",
        }
    }
}

/// Who is responsible (責任分界).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum Responsibility {
    /// The system integrator.
    Sier,
    /// The customer (asset owner).
    Customer,
    /// An equipment or software vendor.
    Vendor,
    /// Shared between the parties listed in [`Countermeasure::shared_with`].
    Shared,
}

impl Countermeasure {
    /// Whether its scope takes in the asset: project-wide, the asset named, or the asset's
    /// zone named (conduit scopes protect zones against what arrives through them, not an
    /// asset's own settings).
    pub fn covers_asset(&self, asset: &super::ProtectedAsset) -> bool {
        self.scope.is_everywhere()
            || self.scope.assets.contains(&asset.id)
            || asset.zone.is_some_and(|z| self.scope.zones.contains(&z))
    }

    /// The parties that carry it: the one responsible, or the parties sharing it.
    pub fn parties(&self) -> Vec<Responsibility> {
        match self.responsibility {
            Some(Responsibility::Shared) => self
                .shared_with
                .iter()
                .copied()
                .filter(|r| *r != Responsibility::Shared)
                .collect(),
            Some(r) => vec![r],
            None => Vec::new(),
        }
    }
}

impl Responsibility {
    /// All parties.
    pub const ALL: [Responsibility; 4] = [Self::Sier, Self::Customer, Self::Vendor, Self::Shared];
    /// Wire name.
    pub fn key(self) -> &'static str {
        match self {
            Self::Sier => "sier",
            Self::Customer => "customer",
            Self::Vendor => "vendor",
            Self::Shared => "shared",
        }
    }
    /// Its label in `lang` (the i18n key `responsibility.<wire name>`).
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::i18n::text(
            lang,
            match self {
                Self::Sier => "responsibility.sier",
                Self::Customer => "responsibility.customer",
                Self::Vendor => "responsibility.vendor",
                Self::Shared => "responsibility.shared",
            },
        )
    }
}

/// Progress of a countermeasure. Only `Agreed` and `Implemented` count for residual risk.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS, strum::EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    /// Proposed by the SIer, not yet agreed.
    #[default]
    Proposed,
    /// Agreed with the customer.
    Agreed,
    /// In place.
    Implemented,
    /// Rejected; kept for the record.
    Rejected,
}

impl MeasureStatus {
    /// All statuses.
    pub const ALL: [MeasureStatus; 4] = [
        Self::Proposed,
        Self::Agreed,
        Self::Implemented,
        Self::Rejected,
    ];
    /// Wire name.
    pub fn key(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Agreed => "agreed",
            Self::Implemented => "implemented",
            Self::Rejected => "rejected",
        }
    }
    /// Its label in `lang` (the i18n key `status.<wire name>`).
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        crate::i18n::text(
            lang,
            match self {
                Self::Proposed => "status.proposed",
                Self::Agreed => "status.agreed",
                Self::Implemented => "status.implemented",
                Self::Rejected => "status.rejected",
            },
        )
    }
    /// Counts for residual risk.
    pub fn counts_for_residual(self) -> bool {
        matches!(self, Self::Agreed | Self::Implemented)
    }
    /// Counts for planned risk (residual plus proposed).
    pub fn counts_for_planned(self) -> bool {
        !matches!(self, Self::Rejected)
    }
}

/// What the applied measure covers. Empty everywhere means the whole project.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct MeasureScope {
    /// Zones (all their assets).
    pub zones: Vec<ZoneId>,
    /// Conduits (protects the zones at both ends against threats arriving through them).
    pub conduits: Vec<ConduitId>,
    /// Individual assets.
    pub assets: Vec<AssetId>,
}

impl MeasureScope {
    /// True when nothing is named (project-wide).
    pub fn is_everywhere(&self) -> bool {
        self.zones.is_empty() && self.conduits.is_empty() && self.assets.is_empty()
    }
}

/// A countermeasure applied in this project: one catalogue (or project) countermeasure,
/// the threats it answers and where, who does it, and its status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Countermeasure {
    /// Id.
    pub id: MeasureId,
    /// Readable number (M-001), given once and kept ([`super::numbering`]); 0 = none yet.
    #[serde(default, skip_serializing_if = "super::numbering::is_zero")]
    pub number: u32,
    /// Catalogue id (`C-NW-01`…) or project id (`X-…`).
    pub measure: String,
    /// Project-specific wording of what will be done.
    #[serde(default)]
    pub detail: String,
    /// Category; defaults to the catalogue's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<MeasureCategory>,
    /// Threats it answers (catalogue or project ids).
    #[serde(default)]
    pub threats: Vec<String>,
    /// Where it applies.
    #[serde(default)]
    pub scope: MeasureScope,
    /// Who implements it (責任分界); `None` is a validation finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibility: Option<Responsibility>,
    /// With `responsibility: shared`, the parties that share it (two or more of SIer,
    /// customer, vendor); the responsibility split marks exactly these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_with: Vec<Responsibility>,
    /// Who operates it after delivery, when different.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<Responsibility>,
    /// Paid (有償) within the contract, or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid: Option<bool>,
    /// Status.
    #[serde(default)]
    pub status: MeasureStatus,
    /// Due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<IsoDate>,
    /// Evidence reference (inspection record, document).
    #[serde(default)]
    pub evidence: String,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
}

/// What a countermeasure lowers in the risk calculation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Lowers {
    /// The threat level (exposure / likelihood).
    Threat,
    /// The vulnerability level (through the countermeasure level).
    Vulnerability,
    /// The impact (business-continuity measures, when the project enables it).
    Impact,
}

/// IPA viewpoint of a countermeasure: prevent, detect, continue business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum IpaView {
    /// 防御.
    Protect,
    /// 検知・被害把握.
    Detect,
    /// 事業継続.
    Continue,
}

/// A countermeasure the project defines beside the catalogue's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CustomMeasure {
    /// Id; must start with `X-`.
    pub id: String,
    /// Japanese name.
    pub ja: String,
    /// English name.
    pub en: String,
    /// Category.
    pub category: MeasureCategory,
    /// What it lowers.
    #[serde(default)]
    pub lowers: Vec<Lowers>,
    /// IPA viewpoints.
    #[serde(default)]
    pub views: Vec<IpaView>,
    /// IEC 62443-3-3 foundational requirements (`FR1`…).
    #[serde(default)]
    pub fr: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn parties_and_statuses_have_labels_in_both_languages() {
        let labels = |f: &dyn Fn(Lang) -> &'static str| (f(Lang::Ja), f(Lang::En));
        for r in Responsibility::ALL {
            let (ja, en) = labels(&|l| r.label(l));
            assert!(!ja.starts_with("responsibility.") && !en.starts_with("responsibility."));
            assert_ne!(ja, en, "{r:?}");
        }
        for s in MeasureStatus::ALL {
            let (ja, en) = labels(&|l| s.label(l));
            assert!(!ja.starts_with("status.") && !en.starts_with("status."));
            assert_ne!(ja, en, "{s:?}");
        }
    }
}
