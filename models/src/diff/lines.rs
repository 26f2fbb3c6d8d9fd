//! The difference in words, one line per changed field, added or removed item and moved risk,
//! as the 変更点 sheet and the app's compare view show it: ids of zones, assets and measures by
//! their names, values in the reader's language, each line with a stable id
//! (`change:<collection>:<item>[:<field>]`, `change:risk:<row>`) so that an answer given on a
//! line stays with that change.

use super::{ItemChange, ProjectDiff};
use crate::catalogue::Catalogue;
use crate::i18n;
use crate::model::{Lang, Project};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// One line of the difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeLine {
    /// Stable id.
    pub id: String,
    /// What kind of item (資産, ゾーン …, リスク).
    pub area: String,
    /// 追加 / 削除 / 変更 / リスク変動.
    pub kind: String,
    /// The item, by its readable name.
    pub item: String,
    /// The field (empty for an addition or removal).
    pub field: String,
    /// Before.
    pub before: String,
    /// After.
    pub after: String,
    /// Why (risks: the countermeasures that made the row move).
    pub reason: String,
}

/// Names for the ids a changed field may hold (zones, assets, businesses …), from both
/// states, so that a moved asset shows its zones' names rather than their ids.
fn names(old: &Project, new: &Project) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for p in [old, new] {
        let mut put = |id: String, name: &str| {
            out.insert(id, name.to_owned());
        };
        p.businesses
            .iter()
            .for_each(|x| put(x.id.to_string(), &x.name));
        p.assets.iter().for_each(|x| put(x.id.to_string(), &x.name));
        p.zones.iter().for_each(|x| put(x.id.to_string(), &x.name));
        p.entry_points
            .iter()
            .for_each(|x| put(x.id.to_string(), &x.name));
        p.conduits
            .iter()
            .for_each(|x| put(x.id.to_string(), &x.name));
        p.suppliers
            .iter()
            .for_each(|x| put(x.id.to_string(), &x.name));
        p.countermeasures.iter().for_each(|m| {
            let label = crate::model::numbering::measure_label(m.number);
            put(m.id.to_string(), &format!("{label} {}", m.measure));
        });
    }
    out
}

/// The reader's language and the names of ids.
struct Words {
    lang: Lang,
    names: HashMap<String, String>,
}

impl Words {
    fn t(&self, key: &str) -> String {
        i18n::text(self.lang, key).to_owned()
    }

    fn pick<'s>(&self, ja: &'s str, en: &'s str) -> &'s str {
        if self.lang == Lang::Ja {
            ja
        } else {
            en
        }
    }

    /// A field's name in the reader's language (the model's name when the table has none).
    fn field(&self, field: &str) -> String {
        let key = format!("xl.field.{field}");
        if i18n::has(&key) {
            self.t(&key)
        } else {
            field.to_owned()
        }
    }

    /// A field's value as a reader reads it: ids by their names, the model's words (a status,
    /// a party, a kind of boundary device) in the reader's language, lists joined, yes/no in
    /// words. `field` is the field the value belongs to.
    fn show(&self, field: &str, v: &Value) -> String {
        match v {
            Value::Null => "—".into(),
            Value::Bool(b) => self.t(if *b { "xl.change.yes" } else { "xl.change.no" }),
            Value::Number(n) => n.to_string(),
            Value::String(s) => self
                .names
                .get(s)
                .cloned()
                .or_else(|| self.word(field, s))
                .unwrap_or_else(|| s.clone()),
            Value::Array(items) if items.is_empty() => "—".into(),
            Value::Array(items) => items
                .iter()
                .map(|x| self.show(field, x))
                .collect::<Vec<_>>()
                .join(self.pick("、", ", ")),
            Value::Object(map) => map
                .iter()
                .filter(|(_, x)| !x.is_null() && x.as_array().is_none_or(|a| !a.is_empty()))
                .map(|(k, x)| format!("{}: {}", self.field(k), self.show(k, x)))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// A model word (an enum's value) in the reader's language, by the field it is in.
    fn word(&self, field: &str, value: &str) -> Option<String> {
        let prefixes: &[&str] = match field {
            "responsibility" | "shared_with" | "operator" | "party" => &["responsibility"],
            "status" => &["status", "xl.finding_status"],
            "treatment" => &["xl.treatment"],
            "kind" => &["xl.boundary", "xl.supplier", "entry", "xl.reqkind"],
            "contract_holder" => &["xl.contract_holder"],
            "initiator" => &["xl.init"],
            "smart_change" => &["xl.smart"],
            "answer" => &["xl.answer"],
            "phase" | "step" => &["xl.ooda"],
            "criteria" => &["criterion"],
            _ => &[],
        };
        prefixes
            .iter()
            .map(|p| format!("{p}.{value}"))
            .find(|k| i18n::has(k))
            .map(|k| self.t(&k))
    }

    /// What an added item is, in a few of its fields (a decision's treatment and reason, a
    /// measure's detail and party): empty for items whose name says it all.
    fn summary(&self, coll: &str, item: Option<&Value>) -> String {
        let fields: &[&str] = match coll {
            "risk_decisions" => &["treatment", "owner", "due", "justification"],
            "countermeasures" => &["status", "responsibility", "due", "detail"],
            "suppliers" => &["kind", "contract_holder", "provides"],
            _ => &[],
        };
        let Some(item) = item else {
            return String::new();
        };
        fields
            .iter()
            .filter_map(|f| {
                let v = item.get(*f)?;
                let text = self.show(f, v);
                (!text.is_empty() && text != "—").then(|| format!("{}: {text}", self.field(f)))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The item `id` of collection `coll` in a project's JSON (decisions are keyed by their row).
fn item_of<'v>(p: &'v Value, coll: &str, id: &str) -> Option<&'v Value> {
    let key = if coll == "risk_decisions" {
        "risk_id"
    } else {
        "id"
    };
    p.get(coll)?
        .as_array()?
        .iter()
        .find(|x| x.get(key).and_then(Value::as_str) == Some(id))
}

/// The lines of `d`, the difference from `old` to `new`.
pub fn lines(
    old: &Project,
    new: &Project,
    d: &ProjectDiff,
    catalogue: &Catalogue,
    lang: Lang,
) -> Vec<ChangeLine> {
    let w = Words {
        lang,
        names: names(old, new),
    };
    let (a, b) = (
        serde_json::to_value(old).unwrap_or_default(),
        serde_json::to_value(new).unwrap_or_default(),
    );
    let mut out = Vec::new();
    let kind = |k: &str| w.t(&format!("xl.change.{k}"));
    for (coll, list) in &d.items {
        let area = w.t(&format!("xl.coll.{coll}"));
        for c in list {
            match c {
                ItemChange::Added { id, name } | ItemChange::Removed { id, name } => {
                    let added = matches!(c, ItemChange::Added { .. });
                    // The item as it is in the state that has it.
                    let summary = w.summary(coll, item_of(if added { &b } else { &a }, coll, id));
                    let (before, after) = if added {
                        (String::new(), summary)
                    } else {
                        (summary, String::new())
                    };
                    out.push(ChangeLine {
                        id: format!("change:{coll}:{id}"),
                        area: area.clone(),
                        kind: kind(if added { "added" } else { "removed" }),
                        item: name.clone(),
                        field: String::new(),
                        before,
                        after,
                        reason: String::new(),
                    });
                }
                ItemChange::Changed { id, name, fields } => {
                    let item = if coll == "project" {
                        w.t(&format!("xl.section.{name}"))
                    } else {
                        name.clone()
                    };
                    for f in fields {
                        out.push(ChangeLine {
                            id: format!("change:{coll}:{id}:{}", f.field),
                            area: area.clone(),
                            kind: kind("changed"),
                            item: item.clone(),
                            field: w.field(&f.field),
                            before: w.show(&f.field, &f.before),
                            after: w.show(&f.field, &f.after),
                            reason: String::new(),
                        });
                    }
                }
            }
        }
    }
    let state = |v: &Option<[String; 3]>| {
        v.as_ref()
            .map_or_else(|| "—".to_owned(), |[i, p, r]| format!("{i} → {p} → {r}"))
    };
    for r in &d.risks {
        let threat = catalogue
            .threat(new, &r.threat)
            .or_else(|| catalogue.threat(old, &r.threat))
            .map(|t| format!("{} {}", r.threat, w.pick(&t.ja, &t.en)))
            .unwrap_or_else(|| r.threat.clone());
        out.push(ChangeLine {
            id: format!("change:risk:{}", r.id),
            area: w.t("xl.coll.risks"),
            kind: kind("risk_moved"),
            item: format!("{} {} — {threat}", r.number, r.asset),
            field: w.t("xl.change.risk_states"),
            before: state(&r.before),
            after: state(&r.after),
            reason: r
                .because
                .iter()
                .map(|b| b.text(lang))
                .collect::<Vec<_>>()
                .join(w.pick("。", ". ")),
        });
    }
    out
}
