//! Profiling aid: times each phase of the analysis of the L synthetic factory.
//! `cargo run --release -p otzone-models --example phases`
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use otzone_models::catalogue::Catalogue;
use otzone_models::derive::Importances;
use otzone_models::generate::{generate, Size};
use otzone_models::graph::attack_path::{self, PathLimits};
use otzone_models::graph::ZoneGraph;
use otzone_models::risk::{coverage::MeasureIndex, exposure, register, rollup, scenario, sl_gap};
use std::time::Instant;
fn main() {
    let size = std::env::args()
        .nth(1)
        .and_then(|s| Size::parse(&s))
        .unwrap_or(Size::L);
    let p = generate(size);
    let c = Catalogue::builtin();
    let m = c.risk_method("ipa-asset-v2").unwrap();
    for _ in 0..2 {
        let t = Instant::now();
        let imp = Importances::compute(&p);
        println!("importances {:?}", t.elapsed());
        let t = Instant::now();
        let g = ZoneGraph::build(&p);
        println!("graph {:?}", t.elapsed());
        let t = Instant::now();
        let ex = exposure::exposures(&p, &g);
        println!("exposures {:?}", t.elapsed());
        let t = Instant::now();
        let mi = MeasureIndex::build(&p, c);
        println!("measures {:?}", t.elapsed());
        let t = Instant::now();
        let (rows, _excluded) = register::build(&register::RegisterInputs {
            project: &p,
            catalogue: c,
            method: m,
            importances: &imp,
            exposures: &ex,
            measures: &mi,
        });
        println!("register {:?} rows {}", t.elapsed(), rows.len());
        let t = Instant::now();
        let ap = attack_path::analyse(
            &p,
            &g,
            &attack_path::targets(&p, &imp),
            &Default::default(),
            PathLimits::default(),
        );
        println!("paths {:?} {}", t.elapsed(), ap.len());
        let t = Instant::now();
        let sc = scenario::build(&p, &g, &mi, m);
        println!("scenarios {:?} {}", t.elapsed(), sc.len());
        let t = Instant::now();
        let _r = rollup::compute(&p, &rows, 5, &mi);
        println!("rollup {:?}", t.elapsed());
        let t = Instant::now();
        let _s = sl_gap::compute(&p, &mi);
        println!("sl {:?}", t.elapsed());
        let t = Instant::now();
        let protected = mi.protected_conduits(&p);
        let ctx = otzone_models::validate::Context {
            project: &p,
            catalogue: c,
            graph: &g,
            importances: &imp,
            measures: &mi,
            protected: &protected,
            register: &rows,
        };
        let f = otzone_models::validate::run(&ctx);
        println!("validate {:?} {}", t.elapsed(), f.len());
        for r in otzone_models::validate::rules::ALL {
            let t = Instant::now();
            let n = (r.evaluate)(&ctx, r).len();
            let e = t.elapsed();
            if e.as_micros() > 300 {
                println!("  rule {} {e:?} {n}", r.id);
            }
        }
        let t = Instant::now();
        let a = otzone_models::risk::analyse(&p, c);
        println!("full {:?} findings {}", t.elapsed(), a.findings.len());
    }
}
