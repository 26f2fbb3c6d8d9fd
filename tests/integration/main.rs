//! Cross-crate tests over every sample in `samples/`:
//! - `roundtrip`: JSON ⇄ project file without loss, canonical sample files;
//! - `importance`: derived importance on the samples' real data.

mod analysis;
mod excel;
mod importance;
mod ledger;
mod roundtrip;
