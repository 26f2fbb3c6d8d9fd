//! Profiling aid: where the app's analyse round trip spends its time on the L factory.
//! `cargo run --release -p otzone-models --example wire_phases`
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use otzone_models::catalogue::Catalogue;
use otzone_models::generate::{generate, Size};
use otzone_models::{integrity, json, risk, Location};
use std::time::Instant;
fn main() {
    let p = generate(Size::L);
    let bytes = serde_json::to_vec(&p).unwrap();
    println!("project json {} bytes", bytes.len());
    for _ in 0..3 {
        let t = Instant::now();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        println!("value {:?}", t.elapsed());
        let t = Instant::now();
        let _p2: otzone_models::model::Project = serde_json::from_value(v).unwrap();
        println!("from_value {:?}", t.elapsed());
        let t = Instant::now();
        let p3: otzone_models::model::Project = serde_json::from_slice(&bytes).unwrap();
        println!("from_slice {:?}", t.elapsed());
        let t = Instant::now();
        let _ = json::parse(&bytes, &Location::path("p")).unwrap();
        println!("json::parse total {:?}", t.elapsed());
        let t = Instant::now();
        let pr = integrity::check(&p3, Catalogue::builtin());
        println!("integrity {:?} {}", t.elapsed(), pr.len());
        let t = Instant::now();
        let a = risk::analyse(&p3, Catalogue::builtin());
        println!("analyse {:?}", t.elapsed());
        let t = Instant::now();
        let r = serde_json::to_vec(&a.risks).unwrap();
        println!("risks json {:?} {} bytes", t.elapsed(), r.len());
        let t = Instant::now();
        let r = serde_json::to_vec(&a.attack_paths).unwrap();
        println!("paths json {:?} {} bytes", t.elapsed(), r.len());
        let t = Instant::now();
        let r = serde_json::to_vec(&a.findings).unwrap();
        println!("findings json {:?} {} bytes", t.elapsed(), r.len());
        let t = Instant::now();
        let r = serde_json::to_vec(&a.scenarios).unwrap();
        println!("scen json {:?} {} bytes", t.elapsed(), r.len());
        let t = Instant::now();
        let r = serde_json::to_vec(&a.rollups).unwrap();
        println!("rollups json {:?} {} bytes", t.elapsed(), r.len());
    }
}
