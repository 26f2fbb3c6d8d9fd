//! The changes that turn one state of a project into another, as [`super::apply`] reads them:
//! what the core answers when it makes an edit for the app (a removal with its cascade), so
//! that the app changes only the items that changed and keeps every other item as it was.

use super::Change;
use crate::model::Project;
use serde::Serialize;
use serde_json::Value;

/// The changes from `before` to `after`: per list, runs of items spliced (in ascending order,
/// each at its position in the list as the runs before it left it); other sections set whole
/// when they differ. Applied in order to `before` they give `after`.
pub fn difference(before: &Project, after: &Project) -> Vec<Change> {
    let mut out = Vec::new();
    macro_rules! sections {
        (set: $($whole:ident),*; lists: $($list:ident by $key:expr),*) => {
            $(if before.$whole != after.$whole {
                out.push(Change::Set {
                    section: stringify!($whole).to_owned(),
                    value: value(&after.$whole),
                });
            })*
            $(list(stringify!($list), &before.$list, &after.$list, $key, &mut out);)*
        };
    }
    sections!(
        set: meta, settings, requirements, custom;
        lists: businesses by |x| x.id.0, assets by |x| x.id.0, zones by |x| x.id.0,
            entry_points by |x| x.id.0, conduits by |x| x.id.0, threats by |x| x.id.0,
            countermeasures by |x| x.id.0, ooda_roles by |x| x.id.0, suppliers by |x| x.id.0,
            checklist_answers by |x| x.id.0, damages by |x| x.id.0,
            risk_decisions by |x| x.risk_id.clone(),
            customer_responses by |x| x.row_id.clone(),
            revisions by |x| x.id.0,
            inspection_results by |x| x.row_id.clone(),
            vulnerabilities by |x| x.id.0
    );
    out
}

fn value<T: Serialize>(x: &T) -> Value {
    serde_json::to_value(x).expect("model values serialise")
}

/// Walk both lists: an equal item ends a run; an item with the same key but other contents is
/// replaced; an item of `before` whose key is not next in `after` is taken out; items left in
/// `after` are put in.
fn list<T: PartialEq + Serialize, K: PartialEq>(
    section: &str,
    before: &[T],
    after: &[T],
    key: impl Fn(&T) -> K,
    out: &mut Vec<Change>,
) {
    let (mut i, mut j) = (0, 0);
    let mut run: Option<(usize, usize, Vec<Value>)> = None;
    let mut flush = |run: &mut Option<(usize, usize, Vec<Value>)>| {
        if let Some((start, remove, insert)) = run.take() {
            out.push(Change::Splice {
                section: section.to_owned(),
                start,
                remove,
                insert,
            });
        }
    };
    while i < before.len() || j < after.len() {
        if i < before.len() && j < after.len() && before[i] == after[j] {
            flush(&mut run);
            i += 1;
            j += 1;
            continue;
        }
        let r = run.get_or_insert_with(|| (j, 0, Vec::new()));
        if i < before.len() && j < after.len() && key(&before[i]) == key(&after[j]) {
            r.1 += 1;
            r.2.push(value(&after[j]));
            i += 1;
            j += 1;
        } else if i < before.len() {
            r.1 += 1;
            i += 1;
        } else {
            r.2.push(value(&after[j]));
            j += 1;
        }
    }
    flush(&mut run);
}
