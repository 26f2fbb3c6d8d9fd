//! Roll-ups of the register per zone, per business and per responsibility, and heat maps
//! (counts per matrix cell) ready for charts.

use super::coverage::{MeasureIndex, State};
use super::method::likelihood;
use super::register::RiskRow;
use crate::id::{BusinessId, ZoneId};
use crate::model::{MeasureStatus, Project, Responsibility};
use serde::Serialize;
use std::collections::HashMap;

/// Counts per risk value, aligned with the method's values (highest first).
pub type ValueCounts = Vec<usize>;

fn counts(values: usize, rows: &[&RiskRow], state: State) -> ValueCounts {
    let mut c = vec![0; values];
    for r in rows {
        if let Some(slot) = c.get_mut(usize::from(r.state(state).risk.rank)) {
            *slot += 1;
        }
    }
    c
}

/// Risk counts of one group of rows.
#[derive(Debug, Clone, Serialize)]
pub struct GroupCounts {
    /// Rows in the group.
    pub rows: usize,
    /// Inherent counts per value.
    pub inherent: ValueCounts,
    /// Planned counts per value.
    pub planned: ValueCounts,
    /// Residual counts per value.
    pub residual: ValueCounts,
}

impl GroupCounts {
    fn of(values: usize, rows: &[&RiskRow]) -> Self {
        Self {
            rows: rows.len(),
            inherent: counts(values, rows, State::Inherent),
            planned: counts(values, rows, State::Planned),
            residual: counts(values, rows, State::Residual),
        }
    }
}

/// Per-zone roll-up.
#[derive(Debug, Clone, Serialize)]
pub struct ZoneRollup {
    /// Zone.
    pub zone: ZoneId,
    /// Counts.
    #[serde(flatten)]
    pub counts: GroupCounts,
}

/// Per-business roll-up (rows of the assets that support the business).
#[derive(Debug, Clone, Serialize)]
pub struct BusinessRollup {
    /// Business.
    pub business: BusinessId,
    /// Counts.
    #[serde(flatten)]
    pub counts: GroupCounts,
}

/// Per-responsibility roll-up (責任分界).
#[derive(Debug, Clone, Serialize)]
pub struct PartyRollup {
    /// Party; `None` collects countermeasures nobody is responsible for yet.
    pub party: Option<Responsibility>,
    /// Countermeasures by status: proposed, agreed, implemented, rejected.
    pub measures_by_status: [usize; 4],
    /// Rows covered by this party's planned countermeasures.
    #[serde(flatten)]
    pub counts: GroupCounts,
}

/// A heat map: counts per (importance 1..3, likelihood 1..5) cell, likelihood = threat +
/// vulnerability − 1, for one state.
#[derive(Debug, Clone, Serialize)]
pub struct HeatMap {
    /// The state.
    pub state: State,
    /// `grid[importance − 1][likelihood − 1]`.
    pub grid: [[usize; 5]; 3],
}

/// All roll-ups.
#[derive(Debug, Clone, Serialize)]
pub struct Rollups {
    /// Whole register.
    pub total: GroupCounts,
    /// Per zone, in project order (zones without rows omitted).
    pub zones: Vec<ZoneRollup>,
    /// Per business, in project order.
    pub businesses: Vec<BusinessRollup>,
    /// Per party.
    pub parties: Vec<PartyRollup>,
    /// Heat maps for inherent, planned and residual risk.
    pub heatmaps: Vec<HeatMap>,
}

/// Compute the roll-ups.
///
/// # Complexity
/// O(R·b) for R rows whose assets support b businesses.
pub fn compute(
    project: &Project,
    rows: &[RiskRow],
    values: usize,
    measures: &MeasureIndex,
) -> Rollups {
    let all: Vec<&RiskRow> = rows.iter().collect();
    let mut by_zone: HashMap<ZoneId, Vec<&RiskRow>> = HashMap::new();
    let mut by_business: HashMap<BusinessId, Vec<&RiskRow>> = HashMap::new();
    let mut by_party: HashMap<Option<Responsibility>, Vec<&RiskRow>> = HashMap::new();
    let asset_businesses: HashMap<_, &Vec<BusinessId>> = project
        .assets
        .iter()
        .map(|a| (a.id, &a.businesses))
        .collect();
    for r in rows {
        by_zone.entry(r.zone).or_default().push(r);
        for b in asset_businesses
            .get(&r.asset)
            .copied()
            .into_iter()
            .flatten()
        {
            by_business.entry(*b).or_default().push(r);
        }
        for p in &r.parties {
            by_party.entry(Some(*p)).or_default().push(r);
        }
    }
    let zones = project
        .zones
        .iter()
        .filter_map(|z| {
            by_zone.get(&z.id).map(|rs| ZoneRollup {
                zone: z.id,
                counts: GroupCounts::of(values, rs),
            })
        })
        .collect();
    let businesses = project
        .businesses
        .iter()
        .filter_map(|b| {
            by_business.get(&b.id).map(|rs| BusinessRollup {
                business: b.id,
                counts: GroupCounts::of(values, rs),
            })
        })
        .collect();
    let parties_order = [
        Some(Responsibility::Sier),
        Some(Responsibility::Customer),
        Some(Responsibility::Vendor),
        Some(Responsibility::Shared),
        None,
    ];
    let parties = parties_order
        .into_iter()
        .map(|party| {
            let mut status = [0usize; 4];
            for m in measures
                .measures
                .iter()
                .filter(|m| m.responsibility == party)
            {
                let i = match m.status {
                    MeasureStatus::Proposed => 0,
                    MeasureStatus::Agreed => 1,
                    MeasureStatus::Implemented => 2,
                    MeasureStatus::Rejected => 3,
                };
                status[i] += 1;
            }
            let rs = by_party.get(&party).map(Vec::as_slice).unwrap_or_default();
            PartyRollup {
                party,
                measures_by_status: status,
                counts: GroupCounts::of(values, rs),
            }
        })
        .filter(|p| p.measures_by_status.iter().sum::<usize>() > 0 || p.counts.rows > 0)
        .collect();
    let heatmaps = State::ALL
        .into_iter()
        .map(|state| {
            let mut grid = [[0usize; 5]; 3];
            for r in rows {
                let a = r.state(state);
                let i = usize::from(a.importance.value()) - 1;
                let l = usize::from(likelihood(a.threat, a.vulnerability)) - 1;
                grid[i][l] += 1;
            }
            HeatMap { state, grid }
        })
        .collect();
    Rollups {
        total: GroupCounts::of(values, &all),
        zones,
        businesses,
        parties,
        heatmaps,
    }
}
