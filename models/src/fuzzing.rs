//! Entry points for coverage-guided fuzzing (`fuzz/`) and for replaying the inputs it kept
//! (`models/tests/models/fuzz_regressions.rs`, run by CI). Each takes the bytes of a file
//! from outside, runs the reader a user's file reaches, and checks what must hold whatever
//! the input: no panic (the harness reports one), an error that says where, and nothing
//! written next to the input.

use crate::catalogue::Catalogue;
use crate::excel::{ledger, responses};
use crate::model::Project;
use crate::{json, store, Location};
use std::path::Path;

/// The readers a file from outside reaches, one per fuzz target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Project JSON.
    ProjectJson,
    /// A project file (`.otz`, SQLite).
    ProjectFile,
    /// A customer's asset ledger: xlsx, xls, ods or csv (the first byte of the input chooses
    /// the extension the file is given, so one corpus covers every format).
    Ledger,
    /// A returned workbook.
    Responses,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 4] = [
        Target::ProjectJson,
        Target::ProjectFile,
        Target::Ledger,
        Target::Responses,
    ];

    /// The target's name (its folder under `fuzz/regressions`).
    pub fn name(self) -> &'static str {
        match self {
            Target::ProjectJson => "project_json",
            Target::ProjectFile => "project_file",
            Target::Ledger => "ledger",
            Target::Responses => "responses",
        }
    }
}

const LEDGER_EXTENSIONS: [&str; 4] = ["xlsx", "xls", "ods", "csv"];

/// The project a returned workbook is read against: the food-plant sample.
fn sample() -> &'static (Project, crate::risk::Analysis) {
    static S: std::sync::OnceLock<(Project, crate::risk::Analysis)> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let p = json::parse(
            include_bytes!("../../samples/food-plant.json"),
            &Location::default(),
        )
        .expect("the sample parses");
        let a = crate::risk::analyse(&p, Catalogue::builtin());
        (p, a)
    })
}

/// Let a panic inside [`crate::excel::intake::guard`] be caught as the program catches it
/// (the fuzzer's own hook aborts on every panic, caught or not); any other panic still goes
/// to the previous hook. Each place a caught panic comes from is printed once: they are bugs
/// of the spreadsheet library worth reporting (docs/reliability.md).
fn catch_guarded_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        let seen = std::sync::Mutex::new(std::collections::HashSet::<String>::new());
        std::panic::set_hook(Box::new(move |info| {
            if crate::excel::intake::in_guard() {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                if seen.lock().is_ok_and(|mut s| s.insert(at.clone())) {
                    eprintln!("caught in guard: {info}");
                }
                return;
            }
            previous(info);
        }));
    });
}

/// Run `target` on `data` in a fresh temporary folder. Panics (for the fuzzer to report) when
/// an error does not name the file, or when the reader wrote anything next to the input.
pub fn run(target: Target, data: &[u8]) {
    catch_guarded_panics();
    if target == Target::ProjectJson {
        match json::parse(data, &Location::path("input")) {
            Ok(p) => reopens(&p),
            Err(e) => assert!(!e.location().is_empty(), "an error without a location: {e}"),
        }
        return;
    }
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let (name, body) = match target {
        Target::ProjectFile => ("input.otz".to_owned(), data),
        Target::Ledger => {
            let (ext, rest) = match data.split_first() {
                Some((b, rest)) => (LEDGER_EXTENSIONS[usize::from(*b) % 4], rest),
                None => ("csv", data),
            };
            (format!("input.{ext}"), rest)
        }
        _ => ("input.xlsx".to_owned(), data),
    };
    let path = dir.path().join(&name);
    if std::fs::write(&path, body).is_err() {
        return;
    }
    let result = match target {
        Target::ProjectFile => store::open(&path).map(|_| ()),
        Target::Ledger => {
            ledger::preview(&Project::new("fuzz"), &path, &Default::default()).map(|_| ())
        }
        _ => {
            let (p, a) = sample();
            responses::read(p, a, &path).map(|_| ())
        }
    };
    if let Err(e) = result {
        assert!(
            e.location().file.is_some(),
            "an error that does not name the file: {e}"
        );
    }
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        names,
        std::slice::from_ref(&name),
        "reading wrote next to the input"
    );
    assert_eq!(
        std::fs::read(&path).ok().as_deref(),
        Some(body),
        "reading changed the input"
    );
}

/// An accepted project passes the check every save makes, and its JSON reads back equal.
fn reopens(p: &Project) {
    let problems = crate::integrity::check(p, Catalogue::builtin());
    assert!(
        problems.is_empty(),
        "accepted, but a save would refuse it: {problems:?}"
    );
    let text = json::to_string(p);
    let back = json::parse(text.as_bytes(), &Location::path("round trip"))
        .unwrap_or_else(|e| panic!("accepted, but its JSON does not read back: {e}"));
    assert!(back == *p, "accepted, but its JSON reads back different");
}

/// Run every input kept under `dir/<target name>/` (the fuzzer's findings and seeds); the
/// number of inputs run.
pub fn replay(dir: &Path) -> usize {
    let mut n = 0;
    for t in Target::ALL {
        let Ok(entries) = std::fs::read_dir(dir.join(t.name())) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            if let Ok(data) = std::fs::read(&f) {
                // Named on the test's output, so that a failing input is known.
                eprintln!("replaying {}", f.display());
                run(t, &data);
                n += 1;
            }
        }
    }
    n
}
