//! New items as the app creates them: each read from the fewest fields a project file needs,
//! so every other field takes the default the file reader gives it. The app copies these
//! (`ui/src/generated/blanks.json`, written by the shell's tests) and sets the id and the
//! name, so a new item in the window is the item the core would read, field for field.

use super::{
    BusinessDamage, BusinessProcess, Channel, ChecklistAnswer, Conduit, Countermeasure, EntryPoint,
    OodaRole, ProtectedAsset, Requirement, RiskDecision, Supplier, ThreatScenario,
    VulnerabilityFinding, Zone,
};
use serde::Serialize;
use serde_json::json;

/// One new item of each kind the app adds, with the nil id.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Blanks {
    /// 保護対象 (step 1-4).
    pub asset: ProtectedAsset,
    /// ゾーン (step 1-5).
    pub zone: Zone,
    /// An entry point (step 1-6).
    pub entry_point: EntryPoint,
    /// コンジット (step 1-6).
    pub conduit: Conduit,
    /// A channel a conduit carries.
    pub channel: Channel,
    /// 業務 (step 1-3).
    pub business: BusinessProcess,
    /// A threat to a zone (step 1-7).
    pub threat: ThreatScenario,
    /// 対策 (step 2).
    pub measure: Countermeasure,
    /// 事業被害 (IPA damage-based view).
    pub damage: BusinessDamage,
    /// 脆弱性検査結果.
    pub finding: VulnerabilityFinding,
    /// An OODA role (step 3).
    pub ooda_role: OodaRole,
    /// A supplier (step 3).
    pub supplier: Supplier,
    /// A supply-chain checklist answer (step 3).
    pub checklist_answer: ChecklistAnswer,
    /// A requirement (step 1-1).
    pub requirement: Requirement,
    /// A risk row's treatment decision (リスク対応).
    pub risk_decision: RiskDecision,
}

/// `value` read as a project file's item is read.
fn read<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("a blank item is a valid item")
}

/// The blank items. Fields a file must have get the value a new item starts with in the app
/// (an internal entry point, a conduit carrying nothing, a proposed measure, …).
pub fn blanks() -> Blanks {
    let nil = uuid::Uuid::nil().to_string();
    let zone = json!({ "zone": nil });
    Blanks {
        asset: read(json!({ "id": nil, "name": "", "asset_type": "" })),
        zone: read(json!({ "id": nil, "name": "" })),
        entry_point: read(json!({ "id": nil, "name": "", "kind": "internet" })),
        conduit: read(json!({ "id": nil, "name": "", "from": zone, "to": zone })),
        channel: read(json!({
            "protocol": "", "direction": "forward", "initiator": "from"
        })),
        business: read(json!({ "id": nil, "name": "" })),
        threat: read(json!({ "id": nil, "zone": nil, "threat": "", "applicable": true })),
        measure: read(json!({ "id": nil, "measure": "", "status": "proposed" })),
        damage: read(json!({ "id": nil, "name": "", "level": 2, "target": nil })),
        finding: read(json!({ "id": nil, "title": "" })),
        ooda_role: read(json!({ "id": nil, "phase": "preventive", "step": "observe" })),
        supplier: read(json!({ "id": nil, "name": "", "kind": "equipment" })),
        checklist_answer: read(json!({ "id": nil, "item": "" })),
        requirement: read(json!({ "id": nil, "kind": "internal", "title": "" })),
        risk_decision: read(json!({ "risk_id": "" })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_blank_is_read_with_the_file_readers_defaults() {
        let b = blanks();
        // Fields the file left out take the reader's defaults: nothing decided yet.
        assert_eq!(b.asset.vendor, "");
        assert!(b.asset.zone.is_none());
        assert!(b.conduit.channels.is_empty());
        assert_eq!(b.measure.status, super::super::MeasureStatus::Proposed);
        assert!(b.measure.responsibility.is_none());
        assert!(b.threat.applicable);
        assert!(b.risk_decision.treatment.is_none());
    }
}
