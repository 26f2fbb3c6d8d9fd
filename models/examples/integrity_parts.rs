//! Profiling aid: the whole-project check of the L factory, and its text scan alone; of the
//! generated factory and of the same factory saved and opened again.
//! `cargo run --release -p otzone-models --example integrity_parts`
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use otzone_models::catalogue::Catalogue;
use otzone_models::generate::{generate, Size};
use otzone_models::integrity;
use std::time::Instant;
fn main() {
    let mut p = generate(Size::L);
    otzone_models::model::numbering::assign(&mut p);
    let path = std::env::temp_dir().join("integrity-parts-L.otz");
    otzone_models::store::save(&path, &p).unwrap();
    let opened = otzone_models::store::open(&path).unwrap();
    for (what, mut p) in [("generated", p), ("opened", opened)] {
        for _ in 0..3 {
            let t = Instant::now();
            let n = integrity::check(&p, Catalogue::builtin()).len();
            let whole = t.elapsed();
            let t = Instant::now();
            let m = integrity::check_measured(&p, Catalogue::builtin()).len();
            let measured = t.elapsed();
            let t = Instant::now();
            let again = otzone_models::model::numbering::assign(&mut p);
            let numbering = t.elapsed();
            println!("{what}: check {whole:?} ({n}), without texts {measured:?} ({m}), numbering {numbering:?} ({again})");
        }
    }
}
