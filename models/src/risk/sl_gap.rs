//! SL gap matrix: per zone and conduit, the target security level (SL-T) against the level its
//! countermeasures achieve, per foundational requirement FR1…FR7.
//!
//! Where the analyst recorded SL-A it is used as is. Otherwise the achieved level is an
//! estimate (P, labelled as such): per FR, the number of agreed or implemented countermeasures
//! in scope that address that FR, capped at 4; for conduits each blocking boundary control
//! adds one to FR5 (restricted data flow). It is a coverage indicator, not a 62443-3-3
//! conformance claim.

use super::coverage::{MeasureIndex, State};
use crate::model::{Project, SlVector};
use serde::Serialize;

/// Whether the achieved level was recorded or estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Achieved {
    /// SL-A recorded by the analyst.
    Recorded,
    /// Estimated from countermeasure coverage (P).
    Estimated,
}

/// One row of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SlGap {
    /// `zone` or `conduit`.
    pub kind: &'static str,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// SL-T (conduits may have none).
    pub target: Option<SlVector>,
    /// Achieved level.
    pub achieved: SlVector,
    /// Recorded or estimated.
    pub source: Achieved,
    /// SL-T − achieved per FR (0 where met).
    pub gap: [u8; 7],
}

fn estimate<'a>(
    measures: impl Iterator<Item = &'a super::coverage::ResolvedMeasure>,
    extra_fr5: u8,
) -> SlVector {
    let mut v = [0u8; 7];
    for m in measures {
        for fr in &m.fr {
            if let Some(i) = fr
                .strip_prefix("FR")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|i| (1..=7).contains(i))
            {
                v[i - 1] = (v[i - 1] + 1).min(4);
            }
        }
    }
    v[4] = (v[4] + extra_fr5).min(4);
    SlVector(v)
}

/// The matrix, zones first then conduits, in project order.
pub fn compute(project: &Project, measures: &MeasureIndex) -> Vec<SlGap> {
    let mut out = Vec::new();
    for z in &project.zones {
        let covering = measures.for_zone(z.id);
        let (achieved, source) = match z.sl_a {
            Some(a) => (a, Achieved::Recorded),
            None => (
                estimate(measures.counted(&covering, State::Residual), 0),
                Achieved::Estimated,
            ),
        };
        out.push(SlGap {
            kind: "zone",
            id: z.id.to_string(),
            name: z.name.clone(),
            target: Some(z.sl_t),
            gap: z.sl_t.gap(&achieved),
            achieved,
            source,
        });
    }
    for c in &project.conduits {
        let covering = measures.for_conduit(c.id);
        let blocking = c.boundary.iter().filter(|b| b.kind.blocks()).count() as u8;
        let (achieved, source) = match c.sl_a {
            Some(a) => (a, Achieved::Recorded),
            None => (
                estimate(measures.counted(&covering, State::Residual), blocking),
                Achieved::Estimated,
            ),
        };
        out.push(SlGap {
            kind: "conduit",
            id: c.id.to_string(),
            name: c.name.clone(),
            target: c.sl_t,
            gap: c.sl_t.map_or([0; 7], |t| t.gap(&achieved)),
            achieved,
            source,
        });
    }
    out
}
