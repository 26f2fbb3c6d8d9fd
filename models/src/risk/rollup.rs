//! Roll-ups of the register per zone, per business and per responsibility, and heat maps
//! (counts per matrix cell) ready for charts.

use super::coverage::{MeasureIndex, State};
use super::method::likelihood;
use super::register::RiskRow;
use crate::id::{BusinessId, ZoneId};
use crate::model::{MeasureStatus, Project, Responsibility};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::sync::Arc;

/// Counts per risk value, aligned with the method's values (highest first).
pub type ValueCounts = Vec<usize>;

/// Risk counts of one group of rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    fn new(values: usize) -> Self {
        Self {
            rows: 0,
            inherent: vec![0; values],
            planned: vec![0; values],
            residual: vec![0; values],
        }
    }

    fn add(&mut self, r: &RiskRow) {
        self.rows += 1;
        for (counts, state) in [
            (&mut self.inherent, State::Inherent),
            (&mut self.planned, State::Planned),
            (&mut self.residual, State::Residual),
        ] {
            if let Some(slot) = counts.get_mut(usize::from(r.state(state).risk.rank)) {
                *slot += 1;
            }
        }
    }
}

/// Per-zone roll-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ZoneRollup {
    /// Zone.
    pub zone: ZoneId,
    /// Counts.
    #[serde(flatten)]
    pub counts: GroupCounts,
}

/// Per-business roll-up (rows of the assets that support the business).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BusinessRollup {
    /// Business.
    pub business: BusinessId,
    /// Counts.
    #[serde(flatten)]
    pub counts: GroupCounts,
}

/// Per-responsibility roll-up (責任分界).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeatMap {
    /// The state.
    pub state: State,
    /// `grid[importance − 1][likelihood − 1]`.
    pub grid: [[usize; 5]; 3],
    /// The highest risk value (its rank, 0 = highest) among the rows of each cell, which the
    /// cell is coloured by; `None` for an empty cell.
    pub worst: [[Option<u8>; 5]; 3],
}

/// All roll-ups.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    rows: &[Arc<RiskRow>],
    values: usize,
    measures: &MeasureIndex,
) -> Rollups {
    // One pass over the rows, accumulating into groups indexed by position.
    let mut tally = Tally::new(project, values);
    for r in rows {
        tally.add(r);
    }
    let zones = project
        .zones
        .iter()
        .zip(tally.zones)
        .filter(|(_, c)| c.rows > 0)
        .map(|(z, counts)| ZoneRollup { zone: z.id, counts })
        .collect();
    let businesses = project
        .businesses
        .iter()
        .zip(tally.businesses)
        .filter(|(_, c)| c.rows > 0)
        .map(|(b, counts)| BusinessRollup {
            business: b.id,
            counts,
        })
        .collect();
    let heatmaps = State::ALL
        .into_iter()
        .zip(tally.grids)
        .zip(tally.worst)
        .map(|((state, grid), worst)| HeatMap { state, grid, worst })
        .collect();
    Rollups {
        total: tally.total,
        zones,
        businesses,
        parties: party_rollups(tally.parties, measures),
        heatmaps,
    }
}

/// The parties rows are counted for, in the order they are reported (`None`: no party).
const PARTIES: [Option<Responsibility>; 5] = [
    Some(Responsibility::Sier),
    Some(Responsibility::Customer),
    Some(Responsibility::Vendor),
    Some(Responsibility::Shared),
    None,
];

/// The rows counted so far: in all, per zone and business (by position in the project), per
/// party (in [`PARTIES`] order), and per state on the importance × likelihood grid with the
/// worst value in each cell.
struct Tally<'p> {
    zone_index: HashMap<ZoneId, usize>,
    business_index: HashMap<BusinessId, usize>,
    asset_businesses: HashMap<crate::id::AssetId, &'p Vec<BusinessId>>,
    total: GroupCounts,
    zones: Vec<GroupCounts>,
    businesses: Vec<GroupCounts>,
    parties: Vec<GroupCounts>,
    grids: [[[usize; 5]; 3]; 3],
    worst: [[[Option<u8>; 5]; 3]; 3],
}

impl<'p> Tally<'p> {
    fn new(project: &'p Project, values: usize) -> Self {
        Self {
            zone_index: project
                .zones
                .iter()
                .enumerate()
                .map(|(i, z)| (z.id, i))
                .collect(),
            business_index: project
                .businesses
                .iter()
                .enumerate()
                .map(|(i, b)| (b.id, i))
                .collect(),
            asset_businesses: project
                .assets
                .iter()
                .map(|a| (a.id, &a.businesses))
                .collect(),
            total: GroupCounts::new(values),
            zones: vec![GroupCounts::new(values); project.zones.len()],
            businesses: vec![GroupCounts::new(values); project.businesses.len()],
            parties: vec![GroupCounts::new(values); PARTIES.len()],
            grids: [[[0usize; 5]; 3]; 3],
            worst: [[[None::<u8>; 5]; 3]; 3],
        }
    }

    /// Count one row in every group it belongs to.
    fn add(&mut self, r: &RiskRow) {
        self.total.add(r);
        if let Some(&z) = self.zone_index.get(&r.zone) {
            self.zones[z].add(r);
        }
        for b in self
            .asset_businesses
            .get(&r.asset)
            .copied()
            .into_iter()
            .flatten()
        {
            if let Some(&i) = self.business_index.get(b) {
                self.businesses[i].add(r);
            }
        }
        for p in r.parties.iter() {
            if let Some(i) = PARTIES.iter().position(|x| *x == Some(*p)) {
                self.parties[i].add(r);
            }
        }
        for (g, state) in State::ALL.into_iter().enumerate() {
            let a = r.state(state);
            let i = usize::from(a.importance.value()) - 1;
            let l = usize::from(likelihood(a.threat, a.vulnerability)) - 1;
            self.grids[g][i][l] += 1;
            let w = &mut self.worst[g][i][l];
            *w = Some(w.map_or(a.risk.rank, |x| x.min(a.risk.rank)));
        }
    }
}

/// Per party, its rows' counts and its countermeasures by status; parties with neither are
/// left out.
fn party_rollups(counts: Vec<GroupCounts>, measures: &MeasureIndex) -> Vec<PartyRollup> {
    PARTIES
        .into_iter()
        .zip(counts)
        .map(|(party, counts)| {
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
            PartyRollup {
                party,
                measures_by_status: status,
                counts,
            }
        })
        .filter(|p| p.measures_by_status.iter().sum::<usize>() > 0 || p.counts.rows > 0)
        .collect()
}
