use otzone_models::catalogue::Catalogue;
use otzone_models::model::Lang;
use otzone_models::risk::coverage::State;
use otzone_models::risk::{analyse, Analysis};
use otzone_tests::{sample, sample_paths};
use std::fmt::Write;

/// A compact, stable text rendering of an analysis for snapshots.
fn summary(name: &str) -> String {
    let p = sample(name);
    let a: Analysis = analyse(&p, Catalogue::builtin());
    let mut s = String::new();
    let c = |v: &[usize]| {
        a.values
            .iter()
            .zip(v)
            .map(|(k, n)| format!("{k}{n}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let _ = writeln!(s, "method {} tolerable {}", a.method, a.tolerable);
    let _ = writeln!(s, "risks {}", a.risks.len());
    let _ = writeln!(s, "inherent {}", c(&a.rollups.total.inherent));
    let _ = writeln!(s, "planned  {}", c(&a.rollups.total.planned));
    let _ = writeln!(s, "residual {}", c(&a.rollups.total.residual));
    let reachable = a.attack_paths.iter().filter(|x| x.reachable).count();
    let _ = writeln!(
        s,
        "attack paths {} (reachable {reachable})",
        a.attack_paths.len()
    );
    let _ = writeln!(s, "attack trees {}", a.scenarios.len());
    let _ = writeln!(s, "top risks:");
    for r in a.risks.iter().take(5) {
        let asset = p.assets.iter().find(|x| x.id == r.asset).unwrap();
        let _ = writeln!(
            s,
            "  {} {} {}→{}→{}",
            r.threat,
            asset.name,
            r.inherent.risk.value,
            r.planned.risk.value,
            r.residual.risk.value
        );
    }
    let _ = writeln!(s, "findings:");
    for f in &a.findings {
        let _ = writeln!(s, "  {} [{}] {}", f.step, f.rule, f.message_en);
    }
    s
}

#[test]
fn food_plant_analysis() {
    insta::assert_snapshot!(summary("food-plant"));
}

#[test]
fn electronics_line_analysis() {
    insta::assert_snapshot!(summary("electronics-line"));
}

#[test]
fn every_risk_row_explains_every_state_and_ids_are_unique() {
    for path in sample_paths() {
        let p = otzone_models::json::read(&path).unwrap();
        let a = analyse(&p, Catalogue::builtin());
        let mut ids = std::collections::HashSet::new();
        for r in &a.risks {
            assert!(
                ids.insert(r.id.clone()),
                "{}: duplicate risk id {}",
                path.display(),
                r.id
            );
            assert!(r.id.starts_with(&format!("{}@", r.threat)));
            for s in State::ALL {
                let ja = r.explain(s, Lang::Ja, &p);
                let en = r.explain(s, Lang::En, &p);
                assert!(ja.contains(&format!("= {}", r.state(s).risk.value)), "{ja}");
                assert!(en.starts_with("importance "), "{en}");
            }
            // Residual never exceeds planned's countermeasures; planned never worse than residual.
            assert!(
                r.planned.risk.rank >= r.residual.risk.rank,
                "{}: planned must be ≤ residual risk",
                r.id
            );
            assert!(
                r.residual.risk.rank >= r.inherent.risk.rank,
                "{}: residual must be ≤ inherent risk",
                r.id
            );
        }
    }
}

#[test]
fn analysis_is_deterministic() {
    let p = sample("food-plant");
    let a = serde_json::to_string(&analyse(&p, Catalogue::builtin())).unwrap();
    let b = serde_json::to_string(&analyse(&p, Catalogue::builtin())).unwrap();
    assert!(a == b, "two runs give the same analysis");
}

#[test]
fn cli_analyze_json_has_risks_paths_and_findings() {
    let exe = env!("CARGO_MANIFEST_DIR").to_owned() + "/../target/debug/otzone";
    // The binary is built by the workspace test run (models crate); build it if missing.
    if !std::path::Path::new(&exe).exists() {
        let ok = std::process::Command::new(env!("CARGO"))
            .args(["build", "-q", "-p", "otzone-models", "--bin", "otzone"])
            .status()
            .unwrap();
        assert!(ok.success());
    }
    let out = std::process::Command::new(&exe)
        .args(["--lang", "en", "analyze", "--json"])
        .arg(otzone_tests::samples_dir().join("electronics-line.json"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let risks = v["risks"].as_array().unwrap();
    assert!(!risks.is_empty());
    for r in risks {
        assert!(
            r["inherent"]["risk"]["value"].is_string()
                && r["residual"]["risk"]["value"].is_string()
        );
        assert!(r["explanation"]["residual"]
            .as_str()
            .unwrap()
            .starts_with("importance "));
    }
    assert!(!v["attack_paths"].as_array().unwrap().is_empty());
    assert!(!v["findings"].as_array().unwrap().is_empty());
}

/// Issue 13 §1 on the food-plant sample: the SCADA in 監視・操作ゾーン polls the sterilisation
/// PLC over Modbus/TCP (data flows back to SCADA, SCADA opens the session). An attacker holding
/// SCADA can write to the PLC, so 殺菌工程ゾーン is reachable from the internet through that
/// poll, and the worst damage (食中毒) has attack trees. The data diode from 殺菌工程ゾーン to
/// 生産管理ゾーン still lets nothing in the other way.
#[test]
fn food_plant_sterilisation_is_reached_through_the_scada_poll_not_the_diode() {
    use otzone_models::graph::{Node, ZoneGraph};
    use otzone_models::model::{EntryKind, HopKind};
    let p = sample("food-plant");
    let zone = |name: &str| p.zones.iter().find(|z| z.name == name).unwrap().id;
    let conduit = |name: &str| p.conduits.iter().find(|c| c.name == name).unwrap().id;
    let sterile = zone("殺菌工程ゾーン");
    let a = analyse(&p, Catalogue::builtin());
    let internet = p
        .entry_points
        .iter()
        .find(|e| e.kind == EntryKind::Internet)
        .unwrap();
    let path = a
        .attack_paths
        .iter()
        .find(|x| x.entry == internet.id && x.target_zone == sterile)
        .expect("殺菌工程ゾーン holds importance-3 assets");
    assert!(path.reachable);
    let poll = conduit("監視・操作→殺菌工程(監視のみ)");
    let last = path.shortest[0].hops().last().unwrap();
    assert_eq!(last.conduit, poll, "the last hop is the SCADA poll");
    assert_eq!(last.kind, HopKind::Initiate);
    assert!(last.controlled, "its industrial firewall makes it harder");

    let damage = p
        .damages
        .iter()
        .find(|d| d.name.contains("食中毒"))
        .unwrap();
    let trees: Vec<_> = a
        .scenarios
        .iter()
        .filter(|t| t.damage == damage.id)
        .collect();
    assert!(!trees.is_empty(), "the worst damage has attack trees");
    assert!(trees
        .iter()
        .all(|t| t.steps.last().unwrap().zone == sterile));

    // The diode: nothing crosses from 生産管理ゾーン into 殺菌工程ゾーン over it.
    let diode = conduit("殺菌記録→生産管理(一方向)");
    let g = ZoneGraph::build(&p);
    let into_sterile_over_diode = g
        .edges()
        .filter(|(_, to, h)| h.conduit == diode && *to == Node::Zone(sterile))
        .count();
    assert_eq!(into_sterile_over_diode, 0);
    let out_of_sterile = g
        .edges()
        .filter(|(from, _, h)| h.conduit == diode && *from == Node::Zone(sterile))
        .count();
    assert_eq!(out_of_sterile, 1, "the records still flow out");
    for t in &trees {
        assert!(t.steps.iter().all(|s| s.via != diode));
    }
}
