//! Changes to an open project, as the app sends them after each edit.
//!
//! The app keeps its own copy of the project and sends, after each edit, only what changed
//! since the copy the core holds: a whole section replaced ([`Change::Set`]), or one run of a
//! list replaced ([`Change::Splice`]: items taken out at a position and others put in their
//! place, which covers an edited item, an added one, a removed one and a moved run). Every
//! item put in is checked exactly as a project file is ([`crate::json::parse`]): text limits,
//! types and unknown fields with the item's path (`assets[42].zone`), then the structure of
//! the whole project. A project changed this way is the one the whole document would have
//! given; where it could not be (readable numbers the core would have to give), [`apply`]
//! says so and the app sends the whole document instead.

mod difference;
mod remove;
mod touched;

pub use difference::difference;
pub use remove::{remove, repeated, Collection};
pub use touched::Touched;

use crate::catalogue::Catalogue;
use crate::integrity::{self, MAX_TEXT_BYTES};
use crate::model::{numbering, Project};
use crate::{Error, Location, Result};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

/// One change to a project section.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// The whole section replaced (`meta`, `settings`, `requirements`, `custom` or a list).
    Set {
        /// Section name, as in the project file.
        section: String,
        /// Its new value.
        value: Value,
    },
    /// `remove` items of a list taken out from `start`, and `insert` put in their place.
    Splice {
        /// List name, as in the project file (`assets`, `conduits`…).
        section: String,
        /// Position of the first item replaced.
        start: usize,
        /// How many items are taken out.
        remove: usize,
        /// The items put in.
        insert: Vec<Value>,
    },
}

impl Change {
    /// Item `at` of list `section` replaced by `item`: what the app sends for an edit of
    /// one item.
    pub fn replace_item(section: &str, at: usize, item: Value) -> Self {
        Self::Splice {
            section: section.to_owned(),
            start: at,
            remove: 1,
            insert: vec![item],
        }
    }

    /// Item `at` of list `section` taken out.
    pub fn remove_item(section: &str, at: usize) -> Self {
        Self::Splice {
            section: section.to_owned(),
            start: at,
            remove: 1,
            insert: Vec::new(),
        }
    }
}

/// What became of the changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The project now is what the app has.
    Done,
    /// Items arrived without their readable number (or with one taken): numbering them here
    /// could differ from numbering the whole document, so the app must send it whole.
    WholeDocumentNeeded,
}

fn invalid(origin: &Location, path: String, detail: impl Into<String>) -> Error {
    Error::InvalidJson {
        location: Location {
            path: Some(path),
            ..origin.clone()
        },
        detail: detail.into(),
    }
}

/// A value from the app, checked as a project file's value at `path` is.
fn read<T: DeserializeOwned>(value: Value, path: &str, origin: &Location) -> Result<T> {
    let mut at = path.to_owned();
    if let Some((at, len)) = integrity::oversized_in_value(&value, &mut at) {
        return Err(invalid(
            origin,
            at,
            format!("text of {len} bytes exceeds the limit of {MAX_TEXT_BYTES} bytes"),
        ));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let at = if inner == "." || inner.is_empty() {
            path.to_owned()
        } else if inner.starts_with('[') {
            format!("{path}{inner}")
        } else {
            format!("{path}.{inner}")
        };
        invalid(origin, at, e.into_inner().to_string())
    })
}

/// Replace `remove` items of `list` from `start` by the items `insert`; the items taken out.
fn splice<T: DeserializeOwned>(
    list: &mut Vec<T>,
    section: &str,
    start: usize,
    remove: usize,
    insert: Vec<Value>,
    origin: &Location,
) -> Result<Vec<T>> {
    let end = start
        .checked_add(remove)
        .filter(|end| *end <= list.len())
        .ok_or_else(|| {
            invalid(
                origin,
                section.to_owned(),
                format!(
                    "items {start}..{start}+{remove} are outside the list of {}",
                    list.len()
                ),
            )
        })?;
    let items = insert
        .into_iter()
        .enumerate()
        .map(|(i, v)| read(v, &format!("{section}[{}]", start + i), origin))
        .collect::<Result<Vec<T>>>()?;
    Ok(list.splice(start..end, items).collect())
}

/// Apply the app's changes to `project`, then check the whole project as a file is checked.
/// Texts are measured as each item is read; the rest of `project` is taken as checked when it
/// came in (every way into the model checks it, [`integrity::check`]).
///
/// On an error `project` may be partly changed: the caller drops it and asks for the whole
/// document.
///
/// # Errors
/// [`Error::InvalidJson`] for an unknown section, a run outside its list, or an item that
/// does not fit the model (located at its path); [`Error::InvalidModel`] for dangling
/// references and other structural problems of the result.
pub fn apply(project: &mut Project, changes: Vec<Change>, origin: &Location) -> Result<Applied> {
    apply_tracked(project, changes, origin).map(|(applied, _)| applied)
}

/// [`apply`], saying also what the changes touched.
///
/// # Errors
/// As [`apply`].
pub fn apply_tracked(
    project: &mut Project,
    changes: Vec<Change>,
    origin: &Location,
) -> Result<(Applied, Touched)> {
    let mut touched = Touched::default();
    macro_rules! sections {
        ($change:expr; set: $($whole:ident),*; lists: $($list:ident => $note:ident),*) => {
            match $change {
                $(Change::Set { section, value } if section == stringify!($whole) => {
                    let value = read(value, &section, origin)?;
                    touched.set(&section, &project.$whole, &value);
                    project.$whole = value;
                })*
                $(Change::Set { section, value } if section == stringify!($list) => {
                    let value = read(value, &section, origin)?;
                    touched.set(&section, &project.$list, &value);
                    project.$list = value;
                })*
                $(Change::Splice { section, start, remove, insert } if section == stringify!($list) => {
                    let put = insert.len();
                    let removed = splice(&mut project.$list, &section, start, remove, insert, origin)?;
                    touched.$note(&section, &removed, &project.$list[start..start + put]);
                })*
                Change::Set { section, .. } | Change::Splice { section, .. } => {
                    return Err(invalid(origin, section, "not a section the app can change"));
                }
            }
        };
    }
    for change in changes {
        sections!(change;
            set: meta, settings, requirements, custom;
            lists: businesses => splice, assets => splice_assets, zones => splice,
                entry_points => splice, conduits => splice, threats => splice,
                countermeasures => splice_measures, ooda_roles => splice, suppliers => splice,
                checklist_answers => splice, damages => splice, risk_decisions => splice_decisions,
                customer_responses => splice, revisions => splice,
                inspection_results => splice, vulnerabilities => splice);
    }
    if numbering::assign(project) {
        return Ok((Applied::WholeDocumentNeeded, touched));
    }
    // Every item put in was measured by `read`; the rest of the project was when it came in.
    let problems = integrity::check_measured(project, Catalogue::builtin());
    if !problems.is_empty() {
        return Err(Error::InvalidModel {
            location: origin.clone(),
            problems,
        });
    }
    Ok((Applied::Done, touched))
}

#[cfg(test)]
mod tests_remove;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, Size};
    use crate::json;
    use serde_json::json;

    fn origin() -> Location {
        Location::path("project")
    }

    /// A generated factory with its readable numbers, as a project the app holds has them.
    fn factory() -> Project {
        let mut p = generate(Size::S);
        numbering::assign(&mut p);
        p
    }

    /// The rule the app relies on: the held project changed by a splice is the project the
    /// whole edited document gives when read as a file.
    #[test]
    fn a_splice_gives_what_the_whole_document_gives() {
        let before = factory();
        let mut doc = serde_json::to_value(&before).unwrap();
        // The app renames asset 3, removes asset 5, and adds a decision at the end.
        doc["assets"][3]["name"] = json!("改名したPLC");
        let removed = doc["assets"].as_array_mut().unwrap().remove(5);
        let risk_id = format!("T01@{}", doc["assets"][0]["id"].as_str().unwrap());
        let decision = json!({"risk_id": risk_id, "treatment": "accept", "justification": "低い", "owner": ""});
        doc["risk_decisions"]
            .as_array_mut()
            .unwrap()
            .push(decision.clone());
        // Remove what referred to the removed asset, as the app's delete does.
        let removed_id = removed["id"].as_str().unwrap().to_owned();
        for c in doc["conduits"].as_array_mut().unwrap() {
            assert_ne!(c["from"]["asset"].as_str(), Some(removed_id.as_str()));
        }
        let whole = json::parse(&serde_json::to_vec(&doc).unwrap(), &origin()).unwrap();

        let mut held = before.clone();
        let n = before.risk_decisions.len();
        let changes = vec![
            Change::Splice {
                section: "assets".into(),
                start: 3,
                remove: 3,
                insert: vec![doc["assets"][3].clone(), doc["assets"][4].clone()],
            },
            Change::Splice {
                section: "risk_decisions".into(),
                start: n,
                remove: 0,
                insert: vec![decision],
            },
        ];
        assert_eq!(apply(&mut held, changes, &origin()).unwrap(), Applied::Done);
        assert_eq!(held, whole);
    }

    #[test]
    fn a_whole_section_can_be_replaced() {
        let mut p = factory();
        let mut settings = serde_json::to_value(&p.settings).unwrap();
        settings["tolerable_risk"] = json!("B");
        let changes = vec![Change::Set {
            section: "settings".into(),
            value: settings,
        }];
        assert_eq!(apply(&mut p, changes, &origin()).unwrap(), Applied::Done);
        assert_eq!(p.settings.tolerable_risk, "B");
    }

    #[test]
    fn a_bad_item_is_refused_at_its_path() {
        let mut p = factory();
        let mut asset = serde_json::to_value(&p.assets[2]).unwrap();
        asset["kind"] = json!(42);
        let changes = vec![Change::replace_item("assets", 2, asset)];
        let e = apply(&mut p, changes, &origin()).unwrap_err();
        assert_eq!(e.location().path.as_deref(), Some("assets[2].kind"), "{e}");
    }

    #[test]
    fn an_over_long_text_is_refused_at_its_path() {
        let mut p = factory();
        let mut asset = serde_json::to_value(&p.assets[0]).unwrap();
        asset["name"] = json!("x".repeat(MAX_TEXT_BYTES + 1));
        let changes = vec![Change::replace_item("assets", 0, asset)];
        let e = apply(&mut p, changes, &origin()).unwrap_err();
        assert_eq!(e.location().path.as_deref(), Some("assets[0].name"), "{e}");
    }

    #[test]
    fn an_over_long_text_in_a_whole_section_or_a_key_is_refused() {
        // The whole-project check after a change does not measure texts again (the held
        // project's were measured when it came in): every way in through a change must.
        let mut p = factory();
        let mut meta = serde_json::to_value(&p.meta).unwrap();
        meta["customer"] = json!("顧".repeat(MAX_TEXT_BYTES / 3 + 1));
        let set = vec![Change::Set {
            section: "meta".into(),
            value: meta,
        }];
        let e = apply(&mut p, set, &origin()).unwrap_err();
        assert_eq!(e.location().path.as_deref(), Some("meta.customer"), "{e}");
        let mut asset = serde_json::to_value(&p.assets[1]).unwrap();
        asset["x".repeat(MAX_TEXT_BYTES + 1)] = json!(1);
        let splice = vec![Change::replace_item("assets", 1, asset)];
        let e = apply(&mut p, splice, &origin()).unwrap_err();
        assert_eq!(e.location().path.as_deref(), Some("assets[1]"), "{e}");
        assert!(
            e.to_string().len() < 1000,
            "the key is not repeated in the error"
        );
    }

    #[test]
    fn a_dangling_reference_is_refused() {
        let mut p = factory();
        let zone = p.zones[0].id.to_string();
        // The zone goes; the assets in it still name it.
        let changes = vec![Change::remove_item("zones", 0)];
        let e = apply(&mut p, changes, &origin()).unwrap_err();
        assert_eq!(e.code().as_str(), "invalid_model");
        let Error::InvalidModel { problems, .. } = e else {
            unreachable!()
        };
        assert!(
            problems.iter().any(|x| x.message.contains(&zone)),
            "{problems:?}"
        );
    }

    #[test]
    fn runs_outside_a_list_and_unknown_sections_are_refused() {
        let mut p = factory();
        let n = p.assets.len();
        for change in [
            Change::remove_item("assets", n),
            Change::Splice {
                section: "assets".into(),
                start: usize::MAX,
                remove: 2,
                insert: vec![],
            },
            Change::Set {
                section: "id".into(),
                value: json!("x"),
            },
            Change::Splice {
                section: "meta".into(),
                start: 0,
                remove: 0,
                insert: vec![],
            },
        ] {
            let e = apply(&mut p, vec![change.clone()], &origin()).unwrap_err();
            assert_eq!(e.code().as_str(), "invalid_json", "{change:?}");
        }
    }

    #[test]
    fn an_item_without_its_number_asks_for_the_whole_document() {
        let mut p = factory();
        let mut asset = serde_json::to_value(&p.assets[0]).unwrap();
        asset["number"] = json!(0);
        let changes = vec![Change::replace_item("assets", 0, asset)];
        assert_eq!(
            apply(&mut p, changes, &origin()).unwrap(),
            Applied::WholeDocumentNeeded
        );
    }
}
