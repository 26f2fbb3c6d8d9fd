//! The revision history (改訂履歴): each version of the assessment the SIer hands over, with
//! what changed, who and when, the model's baseline hash and the register's figures at that
//! moment, so that the next version shows how the risk moved (構成管理, PDCA).

use super::IsoDate;
use crate::id::RevisionId;
use serde::{Deserialize, Serialize};

/// One recorded version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// Id.
    pub id: RevisionId,
    /// Version label (版数), e.g. `1.2`.
    pub version: String,
    /// Recorded on.
    pub date: IsoDate,
    /// What changed (変更概要).
    #[serde(default)]
    pub summary: String,
    /// Who recorded it (変更者).
    #[serde(default)]
    pub author: String,
    /// The model's baseline hash at this version ([`crate::revision::baseline_hash`]).
    pub baseline: String,
    /// Register rows at this version.
    pub risks: u32,
    /// Residual risks above the tolerable level at this version.
    pub above_tolerable: u32,
    /// The assessed model at this version, compressed ([`crate::revision::snapshot`]), in
    /// base64 pieces that each stay under the text limit; what a later version is compared
    /// with. Empty for versions recorded before snapshots were kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshot: Vec<String>,
}
