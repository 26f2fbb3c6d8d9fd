//! What a list of changes touched, so that an analysis can reuse what they did not reach
//! ([`crate::risk::reuse`]).

use crate::id::AssetId;
use crate::model::{Countermeasure, ProtectedAsset, RiskDecision};
use rustc_hash::FxHashSet;
use std::collections::BTreeSet;

/// What [`super::apply_tracked`] changed. Only real changes count: an item put back as it
/// was, or a section set to its own value, touches nothing.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Touched {
    /// The sections that changed, in any way (`assets`, `settings`…).
    sections: BTreeSet<String>,
    /// Assets replaced in place (the same id at the same position) by a different value.
    assets_in_place: FxHashSet<AssetId>,
    /// The asset list changed otherwise: an asset added, removed or moved, or the list set
    /// whole.
    assets_rearranged: bool,
    /// The row ids (`threat@asset`) of treatment decisions taken out or put in.
    decision_rows: BTreeSet<String>,
    /// The decision list was set whole.
    decisions_replaced: bool,
    /// Countermeasures replaced in place (the same id at the same position) by a different
    /// value: before and after.
    measures_in_place: Vec<(Countermeasure, Countermeasure)>,
    /// The countermeasure list changed otherwise (added, removed, moved, set whole).
    measures_rearranged: bool,
}

impl Touched {
    /// Whether `section` changed.
    pub fn section(&self, section: &str) -> bool {
        self.sections.contains(section)
    }

    /// The sections that changed.
    pub fn sections(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().map(String::as_str)
    }

    /// The assets changed, when every change to the asset list replaced an asset in place;
    /// `None` when an asset was added, removed or moved, or the list was set whole.
    pub fn assets_in_place(&self) -> Option<&FxHashSet<AssetId>> {
        (!self.assets_rearranged).then_some(&self.assets_in_place)
    }

    /// The countermeasures changed (before, after), when every change to the list replaced a
    /// countermeasure in place; `None` when one was added, removed or moved, or the list was
    /// set whole.
    pub fn measures_in_place(&self) -> Option<&[(Countermeasure, Countermeasure)]> {
        (!self.measures_rearranged).then_some(&self.measures_in_place)
    }

    /// The row ids of the treatment decisions taken out or put in; `None` when the list was
    /// set whole.
    pub fn decision_rows(&self) -> Option<&BTreeSet<String>> {
        (!self.decisions_replaced).then_some(&self.decision_rows)
    }

    /// A section set whole, from `before` to `after`.
    pub(super) fn set<T: PartialEq>(&mut self, section: &str, before: &T, after: &T) {
        if before == after {
            return;
        }
        self.sections.insert(section.to_owned());
        match section {
            "assets" => self.assets_rearranged = true,
            "risk_decisions" => self.decisions_replaced = true,
            "countermeasures" => self.measures_rearranged = true,
            _ => {}
        }
    }

    /// A run of a list replaced: `removed` taken out, `inserted` put in their place.
    pub(super) fn splice<T: PartialEq>(&mut self, section: &str, removed: &[T], inserted: &[T]) {
        if removed != inserted {
            self.sections.insert(section.to_owned());
        }
    }

    /// A run of the asset list replaced.
    pub(super) fn splice_assets(
        &mut self,
        section: &str,
        removed: &[ProtectedAsset],
        inserted: &[ProtectedAsset],
    ) {
        self.splice(section, removed, inserted);
        match replaced_in_place(removed, inserted, |a| a.id) {
            Some(changed) => self.assets_in_place.extend(changed.map(|(a, _)| a.id)),
            None => self.assets_rearranged = true,
        }
    }

    /// A run of the countermeasure list replaced.
    pub(super) fn splice_measures(
        &mut self,
        section: &str,
        removed: &[Countermeasure],
        inserted: &[Countermeasure],
    ) {
        self.splice(section, removed, inserted);
        match replaced_in_place(removed, inserted, |m| m.id) {
            Some(changed) => self
                .measures_in_place
                .extend(changed.map(|(a, b)| (a.clone(), b.clone()))),
            None => self.measures_rearranged = true,
        }
    }

    /// A run of the decision list replaced.
    pub(super) fn splice_decisions(
        &mut self,
        section: &str,
        removed: &[RiskDecision],
        inserted: &[RiskDecision],
    ) {
        self.splice(section, removed, inserted);
        if removed != inserted {
            for d in removed.iter().chain(inserted) {
                self.decision_rows.insert(d.risk_id.clone());
            }
        }
    }
}

/// The pairs (before, after) that differ when `inserted` replaced `removed` item by item (the
/// same ids at the same positions); `None` when items were added, removed or moved.
fn replaced_in_place<'x, T: PartialEq, K: PartialEq>(
    removed: &'x [T],
    inserted: &'x [T],
    id: impl Fn(&T) -> K,
) -> Option<impl Iterator<Item = (&'x T, &'x T)>> {
    let in_place = removed.len() == inserted.len()
        && removed.iter().zip(inserted).all(|(a, b)| id(a) == id(b));
    in_place.then(|| removed.iter().zip(inserted).filter(|(a, b)| a != b))
}
