//! Typed identifiers over UUIDs.
//!
//! Every model object has a UUID so projects merge, diff and round-trip without renumbering.
//! Catalogue entries use short stable text ids instead (`T01`, `C-NW-04`).

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
            /// A deterministic id derived from a name (UUID v5), for samples and generators.
            pub fn derived(name: &str) -> Self {
                Self(Uuid::new_v5(&Uuid::NAMESPACE_OID, name.as_bytes()))
            }
            /// The first 8 hex digits, for compact display.
            pub fn short(&self) -> String {
                self.0.simple().to_string()[..8].to_owned()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// A project.
    ProjectId
);
id_type!(
    /// A step 1-1 requirement.
    RequirementId
);
id_type!(
    /// A step 1-1 stakeholder.
    StakeholderId
);
id_type!(
    /// A business process (業務).
    BusinessId
);
id_type!(
    /// A protected asset (保護対象).
    AssetId
);
id_type!(
    /// A zone (ゾーン).
    ZoneId
);
id_type!(
    /// An external entry point (侵入口).
    EntryPointId
);
id_type!(
    /// A conduit (コンジット).
    ConduitId
);
id_type!(
    /// A threat scenario recorded for a zone (step 1-7).
    ZoneThreatId
);
id_type!(
    /// A countermeasure applied in the project (step 2-2).
    MeasureId
);
id_type!(
    /// A supplier (調達先).
    SupplierId
);
id_type!(
    /// An OODA role row (step 3).
    OodaRoleId
);
id_type!(
    /// A supply-chain checklist answer (step 3).
    ChecklistAnswerId
);
id_type!(
    /// A business damage for the scenario-based method.
    DamageId
);
id_type!(
    /// A recorded version of the assessment (改訂履歴).
    RevisionId
);
id_type!(
    /// A vulnerability-inspection finding (脆弱性検査の指摘).
    VulnerabilityId
);
