//! A sheet's columns described once: each column's header, width and the cell an item gives
//! it, so that a sheet's headers and the cells of its rows cannot drift apart; and the
//! project's items by id, looked up the same way by every sheet.

use super::Ctx;
use crate::excel::sheet::{Cell, Col};
use crate::id::{AssetId, BusinessId, ConduitId, EntryPointId, MeasureId, SupplierId, ZoneId};
use crate::model::{Countermeasure, Project, ProtectedAsset};
use std::collections::HashMap;

/// One column: its header and width, the cell each item gives it, and whether the reader
/// fills it in on the protected sheet (with a list to choose from, or free).
pub(super) struct Column<'c, T: ?Sized> {
    col: Col,
    cell: Box<dyn Fn(&T) -> Cell + 'c>,
    editable: Option<Option<Vec<String>>>,
}

impl<'c, T: ?Sized> Column<'c, T> {
    /// A column headed with the text of `key`.
    pub(super) fn new(
        ctx: &Ctx<'_>,
        key: &str,
        width: f64,
        cell: impl Fn(&T) -> Cell + 'c,
    ) -> Self {
        Self::headed(ctx.t(key), width, cell)
    }

    /// A column with a header of its own.
    pub(super) fn headed(header: String, width: f64, cell: impl Fn(&T) -> Cell + 'c) -> Self {
        Self {
            col: Col::new(header, width),
            cell: Box::new(cell),
            editable: None,
        }
    }

    /// Its header.
    pub(super) fn header(&self) -> &str {
        &self.col.header
    }

    /// Its cell for `item`.
    pub(super) fn cell(&self, item: &T) -> Cell {
        (self.cell)(item)
    }

    /// The reader fills this column in, choosing from `choices` when given.
    pub(super) fn editable(mut self, choices: Option<Vec<String>>) -> Self {
        self.editable = Some(choices);
        self
    }
}

/// The columns the reader fills in (their positions, and their choices).
pub(super) fn editable<T: ?Sized>(columns: &[Column<'_, T>]) -> Vec<(usize, Option<Vec<String>>)> {
    columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.editable.clone().map(|choices| (i, choices)))
        .collect()
}

/// The headers of `columns` and, for each item (its row id and itself), its cells in the
/// columns' order.
pub(super) fn tabulate<'i, T: ?Sized + 'i>(
    columns: Vec<Column<'_, T>>,
    items: impl IntoIterator<Item = (String, &'i T)>,
) -> (Vec<Col>, Vec<(String, Vec<Cell>)>) {
    let rows = items
        .into_iter()
        .map(|(id, item)| (id, columns.iter().map(|c| (c.cell)(item)).collect()))
        .collect();
    (columns.into_iter().map(|c| c.col).collect(), rows)
}

/// The project's items by id, built once per export.
pub(crate) struct Lookups<'a> {
    pub zone_names: HashMap<ZoneId, &'a str>,
    pub entry_names: HashMap<EntryPointId, &'a str>,
    pub business_names: HashMap<BusinessId, &'a str>,
    pub supplier_names: HashMap<SupplierId, &'a str>,
    pub conduit_names: HashMap<ConduitId, &'a str>,
    pub assets: HashMap<AssetId, &'a ProtectedAsset>,
    pub measures: HashMap<MeasureId, &'a Countermeasure>,
    /// The assets in each zone, in project order.
    pub assets_in_zone: HashMap<ZoneId, Vec<&'a ProtectedAsset>>,
}

impl<'a> Lookups<'a> {
    pub(super) fn new(p: &'a Project) -> Self {
        let mut assets_in_zone: HashMap<ZoneId, Vec<&ProtectedAsset>> = HashMap::new();
        for a in &p.assets {
            if let Some(z) = a.zone {
                assets_in_zone.entry(z).or_default().push(a);
            }
        }
        Self {
            zone_names: p.zones.iter().map(|z| (z.id, z.name.as_str())).collect(),
            entry_names: p
                .entry_points
                .iter()
                .map(|e| (e.id, e.name.as_str()))
                .collect(),
            business_names: p
                .businesses
                .iter()
                .map(|b| (b.id, b.name.as_str()))
                .collect(),
            supplier_names: p
                .suppliers
                .iter()
                .map(|s| (s.id, s.name.as_str()))
                .collect(),
            conduit_names: p.conduits.iter().map(|c| (c.id, c.name.as_str())).collect(),
            assets: p.assets.iter().map(|a| (a.id, a)).collect(),
            measures: p.countermeasures.iter().map(|m| (m.id, m)).collect(),
            assets_in_zone,
        }
    }
}
