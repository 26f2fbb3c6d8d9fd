//! Step 1-7 (本編 3.1.7): per zone, the threats that apply and their impact on each criterion.

use super::{Criterion, CriterionScores, Level};
use crate::id::{AssetId, DamageId, ZoneId, ZoneThreatId};
use serde::{Deserialize, Serialize};

/// A threat considered for a zone (脅威シナリオ).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ThreatScenario {
    /// Id.
    pub id: ZoneThreatId,
    /// The zone.
    pub zone: ZoneId,
    /// Threat id from the catalogue (`T01`…) or the project's own (`X-…`).
    pub threat: String,
    /// Whether it applies (a reviewed non-applicable threat documents the decision).
    #[serde(default = "yes")]
    pub applicable: bool,
    /// Why it does or does not apply.
    #[serde(default)]
    pub reason: String,
    /// How the threat reaches the zone (侵入経路).
    #[serde(default)]
    pub entry_path: String,
    /// Analyst's threat level; when absent the engine derives one from the catalogue and
    /// the zone's exposure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_level: Option<Level>,
    /// Impact on each criterion if the threat materialises.
    #[serde(default)]
    pub impacts: CriterionScores,
    /// Impact catalogue ids (`I01`…).
    #[serde(default)]
    pub impact_ids: Vec<String>,
    /// Free notes.
    #[serde(default)]
    pub note: String,
}

fn yes() -> bool {
    true
}

impl ThreatScenario {
    /// The highest impact over the criteria, if any was rated.
    pub fn severity(&self) -> Option<Level> {
        self.impacts.max().map(|(l, _)| l)
    }
}

/// A business damage for the scenario-based (事業被害ベース) method, with its target asset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct BusinessDamage {
    /// Id.
    pub id: DamageId,
    /// e.g. 供給停止 (supply stop).
    pub name: String,
    /// Damage level 1..3.
    pub level: Level,
    /// The asset whose compromise causes it (攻撃対象).
    pub target: AssetId,
    /// The final attack (e.g. 改ざんされた設定値で制御器が誤動作).
    #[serde(default)]
    pub final_attack: String,
    /// Attack-tree keys the analyst pruned as not credible.
    #[serde(default)]
    pub pruned: Vec<String>,
    /// Impact criteria touched.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
}

/// How a threat arrives; used with the zone graph to derive the threat level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ThreatVector {
    /// Over the network (through conduits).
    Network,
    /// Over a wireless link.
    Wireless,
    /// Removable media or brought-in devices.
    Media,
    /// Physical presence on site.
    Physical,
    /// People inside (employees, maintenance staff).
    Insider,
    /// Delivered products, software, services.
    SupplyChain,
    /// Failures and capacity, licence or service-end events.
    Operational,
}

/// A threat the project defines beside the catalogue's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CustomThreat {
    /// Id; must start with `X-`.
    pub id: String,
    /// Japanese name.
    pub ja: String,
    /// English name.
    pub en: String,
    /// Threat categories (`TC1`…).
    #[serde(default)]
    pub categories: Vec<String>,
    /// How it arrives.
    pub vector: ThreatVector,
    /// Asset classes it applies to (empty: all).
    #[serde(default)]
    pub applies_to: Vec<super::AssetClass>,
    /// Base threat level before exposure is considered.
    pub base_level: Level,
}
