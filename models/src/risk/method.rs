//! Risk-value lookup in a catalogue method table, with the cell's provenance.

use crate::catalogue::{CellProvenance, MethodKind, RiskMethod};
use crate::model::Level;
use serde::Serialize;
use std::sync::Arc;

/// The table cell a risk value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CellRef {
    /// Method id.
    pub method: Arc<str>,
    /// First axis (importance, or consequence for 5×5).
    pub i: u8,
    /// Second axis (threat, or likelihood for 5×5).
    pub t: u8,
    /// Third axis (vulnerability; 0 for 5×5).
    pub v: u8,
    /// Whether the cell is verified or reconstructed.
    pub provenance: CellProvenance,
}

/// A risk value: its name, its rank (0 = highest risk) and its cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RiskValue {
    /// Value (`A`…`E`, or `VH`…`VL`).
    pub value: Arc<str>,
    /// Rank in the method's values, 0 = highest risk.
    pub rank: u8,
    /// The cell.
    pub cell: CellRef,
}

/// Likelihood on 1..=5 from threat and vulnerability levels (used by 5×5 matrices and heat maps).
pub fn likelihood(threat: Level, vulnerability: Level) -> u8 {
    threat.value() + vulnerability.value() - 1
}

/// A method's table prepared for fast lookups: every cell resolved once.
#[derive(Debug, Clone)]
pub struct Table {
    method: Arc<str>,
    kind: MethodKind,
    // Indexed by (i, t, v) with i, t in 0..=5 and v in 0..=3.
    cells: Vec<Option<(Arc<str>, u8, CellProvenance)>>,
    highest: (Arc<str>, u8),
}

impl Table {
    /// Prepare `method`.
    pub fn new(method: &RiskMethod) -> Self {
        let values: Vec<Arc<str>> = method
            .values
            .iter()
            .map(|v| Arc::from(v.as_str()))
            .collect();
        let mut cells = vec![None; 6 * 6 * 4];
        for c in &method.cells {
            if let (Some(rank), true) = (method.rank(&c.value), c.i < 6 && c.t < 6 && c.v < 4) {
                cells[Self::slot(c.i, c.t, c.v)] =
                    Some((values[rank].clone(), rank as u8, c.provenance));
            }
        }
        Self {
            method: Arc::from(method.id.as_str()),
            kind: method.kind,
            cells,
            highest: (values[0].clone(), 0),
        }
    }

    fn slot(i: u8, t: u8, v: u8) -> usize {
        (usize::from(i) * 6 + usize::from(t)) * 4 + usize::from(v)
    }

    /// Look up (importance, threat, vulnerability); see [`lookup`].
    pub fn lookup(&self, importance: Level, threat: Level, vulnerability: Level) -> RiskValue {
        let (i, t, v) = match self.kind {
            MethodKind::Ipa3 => (importance.value(), threat.value(), vulnerability.value()),
            MethodKind::Matrix5 => (
                2 * importance.value() - 1,
                likelihood(threat, vulnerability),
                0,
            ),
        };
        let (value, rank, provenance) =
            self.cells[Self::slot(i, t, v)].clone().unwrap_or_else(|| {
                (
                    self.highest.0.clone(),
                    self.highest.1,
                    CellProvenance::Reconstructed,
                )
            });
        RiskValue {
            value,
            rank,
            cell: CellRef {
                method: self.method.clone(),
                i,
                t,
                v,
                provenance,
            },
        }
    }
}

/// Look up the risk value for (importance, threat, vulnerability).
///
/// For `ipa3` methods the three levels index the table directly; for `matrix5` methods
/// likelihood = threat + vulnerability − 1 and consequence = 2·importance − 1.
/// A table without the cell (a catalogue defect, caught by the catalogue tests) yields the
/// highest value, so that a gap can never make a risk look smaller.
pub fn lookup(
    method: &RiskMethod,
    importance: Level,
    threat: Level,
    vulnerability: Level,
) -> RiskValue {
    Table::new(method).lookup(importance, threat, vulnerability)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use Level::{High, Low, Medium};

    #[test]
    fn ipa_lookup_returns_cells_with_their_provenance() {
        // (3,2,1) = C is confirmed in third-party material for the business-damage method;
        // the asset method's same cell follows the rule (reconstructed).
        let m = Catalogue::builtin().risk_method("ipa-scenario-v2").unwrap();
        let r = lookup(m, High, Medium, Low);
        assert_eq!((&*r.value, r.rank), ("C", 2));
        assert_eq!(r.cell.provenance, CellProvenance::ThirdParty);
        let m = Catalogue::builtin().risk_method("ipa-asset-v2").unwrap();
        let r = lookup(m, High, Medium, Low);
        assert_eq!((&*r.value, r.rank), ("C", 2));
        assert_eq!(r.cell.provenance, CellProvenance::Reconstructed);
        let r = lookup(m, Medium, Medium, Medium);
        assert_eq!(&*r.value, "C");
        assert_eq!(r.cell.provenance, CellProvenance::Reconstructed);
    }

    #[test]
    fn matrix_lookup_maps_levels_to_five_point_axes() {
        let m = Catalogue::builtin().risk_method("matrix-5x5").unwrap();
        let r = lookup(m, High, High, High);
        assert_eq!((r.cell.i, r.cell.t), (5, 5));
        assert_eq!(&*r.value, "VH");
        let r = lookup(m, Low, Low, Low);
        assert_eq!((r.cell.i, r.cell.t, &*r.value), (1, 1, "VL"));
    }
}
