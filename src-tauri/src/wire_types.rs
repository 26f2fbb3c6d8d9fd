//! The TypeScript description of what the window and the core exchange, generated from the
//! Rust types with ts-rs into `ui/src/generated/wire.ts`: the project document, the commands'
//! requests and answers, and the analysis; and the lists of values the UI offers (every value
//! of an enum, the guided steps). The UI imports its types from there, so a field
//! renamed or added in Rust reaches the TypeScript compiler.
//!
//! Beside it, `blanks.json`: a new item of each kind as the core reads it
//! (`otzone_models::model::blank`), which the app copies when the user adds one.
//!
//! The tests below fail while the files differ from what the types and blanks are;
//! `UPDATE_WIRE_TYPES=1 cargo test -p otzone-studio wire_types` writes them anew.

use crate::commands;
use crate::core::{ExclusionView, ImportanceView, RiskView};
use crate::error::CommandError;
use crate::files::Recovery;
use otzone_models::model as m;
use otzone_models::model::blank::{blanks, Blanks};
use otzone_models::model::Project;
use std::collections::BTreeMap;
use std::path::Path;
use strum::IntoEnumIterator;
use ts_rs::{Config, TypeVisitor, TS};

/// Every declaration `T` needs, by TypeScript name.
struct Declarations {
    cfg: Config,
    found: BTreeMap<String, (String, String)>,
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives and containers have no declaration of their own; a container's
        // items may (`Option<Opened>`, `Vec<Change>`).
        if T::output_path().is_none() {
            T::visit_generics(self);
            return;
        }
        let name = T::ident(&self.cfg);
        let rust = std::any::type_name::<T>().to_owned();
        if let Some((other, known)) = self.found.get(&name) {
            // The same type, or one ts-rs writes for it (serde_json's Value): written once.
            assert!(
                other == &rust || known.ends_with(&format!("export {}\n", T::decl(&self.cfg))),
                "two Rust types are both called {name} in TypeScript: {other} and {rust}; \
                 give one a #[ts(rename = \"…\")]"
            );
            return;
        }
        let decl = T::decl(&self.cfg);
        let docs = T::docs().map(|d| format!("{d}\n")).unwrap_or_default();
        self.found
            .insert(name, (rust, format!("{docs}export {decl}\n")));
        T::visit_dependencies(self);
    }
}

/// The generated file's text.
pub fn typescript() -> String {
    let mut d = Declarations {
        // Revisions and document ids are u64 counters far below 2^53: numbers, not bigints.
        cfg: Config::new().with_large_int("number"),
        found: BTreeMap::new(),
    };
    d.visit::<Project>();
    d.visit::<Blanks>();
    d.visit::<Recovery>();
    d.visit::<CommandError>();
    // Every command's request and answer.
    commands::visit(&mut d);
    // The window expands the register rows and paths it is sent (`sync::RowTuple`,
    // `sync::PathView`) into these.
    d.visit::<otzone_models::graph::attack_path::AttackPath>();
    d.visit::<RiskView>();
    d.visit::<ExclusionView>();
    d.visit::<ImportanceView>();
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/wire_types.rs (ts-rs): do not edit.\n\
         // `UPDATE_WIRE_TYPES=1 cargo test -p otzone-studio wire_types` writes it anew.\n",
    );
    for (_, decl) in d.found.values() {
        out.push('\n');
        out.push_str(decl);
    }
    out.push_str(&commands::typescript(&d.cfg));
    out.push_str(&values(&d.cfg));
    out
}

/// Every value of an enum, as a constant of its generated type, in the enum's order.
fn every<T: TS + serde::Serialize + IntoEnumIterator>(cfg: &Config, name: &str) -> String {
    let all: Vec<T> = T::iter().collect();
    let ty = T::ident(cfg);
    format!(
        "\n/** Every {ty}, in the Rust enum's order. */\nexport const {name}: {ty}[] = {};\n",
        serde_json::to_string(&all).unwrap()
    )
}

/// The lists the UI offers as choices, from the Rust enums and the core's step list.
fn values(cfg: &Config) -> String {
    let steps = serde_json::to_string(&otzone_models::steps::STEPS).unwrap();
    let mut out = format!(
        "\n/** The guided steps of the guideline, in order (otzone_models::steps::STEPS). */\n\
         export const STEPS = {steps} as const;\n\
         export type StepId = (typeof STEPS)[number];\n"
    );
    out += &every::<m::Criterion>(cfg, "CRITERIA");
    out += &every::<m::RequirementKind>(cfg, "REQUIREMENT_KINDS");
    out += &every::<m::SmartChange>(cfg, "SMART_CHANGES");
    out += &every::<m::Responsibility>(cfg, "RESPONSIBILITIES");
    out += &every::<m::MeasureStatus>(cfg, "MEASURE_STATUSES");
    out += &every::<m::FindingStatus>(cfg, "FINDING_STATUSES");
    out += &every::<m::Treatment>(cfg, "TREATMENTS");
    out += &every::<m::OodaPhase>(cfg, "OODA_PHASES");
    out += &every::<m::OodaStep>(cfg, "OODA_STEPS");
    out += &every::<m::SupplierKind>(cfg, "SUPPLIER_KINDS");
    out += &every::<m::ContractHolder>(cfg, "CONTRACT_HOLDERS");
    out += &every::<m::ChecklistAnswerValue>(cfg, "CHECKLIST_ANSWERS");
    out += &every::<m::Direction>(cfg, "DIRECTIONS");
    out += &every::<m::Initiator>(cfg, "INITIATORS");
    out += &every::<m::BoundaryKind>(cfg, "BOUNDARY_KINDS");
    out
}

/// Compare `now` with the generated file `name`, or write it when asked to.
fn check_generated(name: &str, now: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/generated");
    check_file(&dir.join(name), now);
}

/// Compare `now` with the generated file at `path`, or write it when asked to.
fn check_file(path: &Path, now: &str) {
    if std::env::var_os("UPDATE_WIRE_TYPES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, now).unwrap();
        return;
    }
    let written = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        written == now,
        "{} is stale: the Rust types or commands changed. Run \
         `UPDATE_WIRE_TYPES=1 cargo test -p otzone-studio wire_types`, build again and commit \
         the file.",
        path.display()
    );
}

#[test]
fn wire_types_generated_typescript_is_current() {
    check_generated("wire.ts", &typescript());
}

/// The command list `build.rs` registers and grants: the names of `commands.rs`.
#[test]
fn wire_types_command_list_is_current() {
    let mut text = String::from(
        "# The commands of src/commands.rs, written by the wire_types test: do not edit.\n",
    );
    for name in commands::NAMES {
        text += name;
        text.push('\n');
    }
    check_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("commands.txt"),
        &text,
    );
}

#[test]
fn wire_types_blank_items_are_current() {
    let json = serde_json::to_string_pretty(&blanks()).unwrap() + "\n";
    check_generated("blanks.json", &json);
}

/// The types whose serialisation is written by hand declare their TypeScript by hand too
/// (`ts(type = …)`): their JSON must be what the declaration says.
#[test]
fn wire_types_hand_declared_forms_match_their_json() {
    use otzone_models::model::{IsoDate, Level, SlVector};
    let cfg = Config::new();
    assert_eq!(Level::inline(&cfg), "1 | 2 | 3");
    for l in Level::ALL {
        let v = serde_json::to_value(l).unwrap();
        assert!(matches!(v.as_u64(), Some(1..=3)), "{v}");
    }
    assert_eq!(IsoDate::inline(&cfg), "string");
    let d = IsoDate::parse("2026-12-02").unwrap();
    assert_eq!(
        serde_json::to_value(d).unwrap(),
        serde_json::json!("2026-12-02")
    );
    assert_eq!(SlVector::inline(&cfg), "number | number[]");
    let uniform = serde_json::to_value(SlVector::uniform(2)).unwrap();
    assert!(uniform.is_u64(), "{uniform}");
    let mixed = serde_json::to_value(SlVector([1, 2, 3, 1, 2, 3, 1])).unwrap();
    assert!(
        mixed
            .as_array()
            .is_some_and(|a| a.len() == 7 && a.iter().all(serde_json::Value::is_u64)),
        "{mixed}"
    );
}
