//! Row mapping for every table: which columns are copied out of the JSON body, and the
//! generic read/write of a collection.

use crate::integrity::MAX_TEXT_BYTES;
use crate::model::{Endpoint, Project};
use crate::{Error, Location, Result};
use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Connection, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn text(s: &str) -> Sql {
    Sql::Text(s.to_owned())
}

fn opt<T: ToString>(v: Option<T>) -> Sql {
    v.map_or(Sql::Null, |v| Sql::Text(v.to_string()))
}

fn endpoint(e: Endpoint) -> String {
    match e {
        Endpoint::Zone(z) => format!("zone:{z}"),
        Endpoint::Entry(x) => format!("entry:{x}"),
    }
}

fn write_rows<T: Serialize>(
    tx: &Transaction<'_>,
    table: &str,
    columns: &[&str],
    items: &[T],
    row: impl Fn(&T) -> (String, Vec<Sql>),
) -> rusqlite::Result<()> {
    let mut names = vec!["id", "ord"];
    names.extend_from_slice(columns);
    names.push("body");
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    let mut stmt = tx.prepare(&sql)?;
    for (ord, item) in items.iter().enumerate() {
        let (id, extra) = row(item);
        let body = serde_json::to_string(item)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let mut values = Vec::with_capacity(extra.len() + 3);
        values.push(Sql::Text(id));
        values.push(Sql::Integer(ord as i64));
        values.extend(extra);
        values.push(Sql::Text(body));
        stmt.execute(params_from_iter(values))?;
    }
    Ok(())
}

fn put(tx: &Transaction<'_>, key: &str, value: &impl Serialize) -> rusqlite::Result<()> {
    let json = serde_json::to_string(value)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    tx.execute(
        "INSERT INTO project (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, json),
    )?;
    Ok(())
}

pub(super) fn write_all(tx: &Transaction<'_>, p: &Project) -> rusqlite::Result<()> {
    put(tx, "id", &p.id)?;
    put(tx, "format_version", &p.format_version)?;
    put(tx, "meta", &p.meta)?;
    put(tx, "settings", &p.settings)?;
    put(tx, "requirements", &p.requirements)?;
    put(tx, "custom", &p.custom)?;
    write_rows(tx, "business", &["name"], &p.businesses, |b| {
        (b.id.to_string(), vec![text(&b.name)])
    })?;
    write_rows(
        tx,
        "asset",
        &["name", "asset_type", "zone_id"],
        &p.assets,
        |a| {
            (
                a.id.to_string(),
                vec![text(&a.name), text(&a.asset_type), opt(a.zone)],
            )
        },
    )?;
    write_rows(tx, "zone", &["name", "parent_id"], &p.zones, |z| {
        (z.id.to_string(), vec![text(&z.name), opt(z.parent)])
    })?;
    write_rows(tx, "entry_point", &["name", "kind"], &p.entry_points, |e| {
        (e.id.to_string(), vec![text(&e.name), text(e.kind.key())])
    })?;
    write_rows(
        tx,
        "conduit",
        &["name", "from_ref", "to_ref"],
        &p.conduits,
        |c| {
            (
                c.id.to_string(),
                vec![
                    text(&c.name),
                    text(&endpoint(c.from)),
                    text(&endpoint(c.to)),
                ],
            )
        },
    )?;
    write_rows(
        tx,
        "threat_scenario",
        &["zone_id", "threat_id"],
        &p.threats,
        |t| {
            (
                t.id.to_string(),
                vec![text(&t.zone.to_string()), text(&t.threat)],
            )
        },
    )?;
    write_rows(
        tx,
        "countermeasure",
        &["measure_id", "status", "responsibility"],
        &p.countermeasures,
        |m| {
            (
                m.id.to_string(),
                vec![
                    text(&m.measure),
                    text(m.status.key()),
                    opt(m.responsibility.map(|r| r.key())),
                ],
            )
        },
    )?;
    write_rows(tx, "ooda_role", &[], &p.ooda_roles, |o| {
        (o.id.to_string(), vec![])
    })?;
    write_rows(tx, "supplier", &["name"], &p.suppliers, |s| {
        (s.id.to_string(), vec![text(&s.name)])
    })?;
    write_rows(
        tx,
        "checklist_answer",
        &["item_id"],
        &p.checklist_answers,
        |c| (c.id.to_string(), vec![text(&c.item)]),
    )?;
    write_rows(
        tx,
        "business_damage",
        &["name", "target_id"],
        &p.damages,
        |d| {
            (
                d.id.to_string(),
                vec![text(&d.name), text(&d.target.to_string())],
            )
        },
    )?;
    write_rows(tx, "risk_decision", &[], &p.risk_decisions, |d| {
        (d.risk_id.clone(), vec![])
    })?;
    write_rows(tx, "customer_response", &[], &p.customer_responses, |r| {
        (r.row_id.clone(), vec![])
    })?;
    write_rows(tx, "revision", &["version"], &p.revisions, |r| {
        (r.id.to_string(), vec![text(&r.version)])
    })?;
    write_rows(tx, "inspection_result", &[], &p.inspection_results, |r| {
        (r.row_id.clone(), vec![])
    })?;
    write_rows(tx, "vulnerability_finding", &[], &p.vulnerabilities, |v| {
        (v.id.to_string(), vec![])
    })?;
    Ok(())
}

fn corrupt(table: &str, row: Option<&str>, detail: String) -> Error {
    let path = match row {
        Some(id) => format!("table {table}, row {id}"),
        None => format!("table {table}"),
    };
    Error::CorruptProject {
        location: Location::path(path),
        detail,
    }
}

fn sql_err(table: &str, e: rusqlite::Error) -> Error {
    corrupt(table, None, e.to_string())
}

fn read_rows<T: DeserializeOwned>(
    conn: &Connection,
    table: &str,
    key: impl Fn(&T) -> String,
) -> Result<Vec<T>> {
    let mut stmt = conn
        .prepare(&format!("SELECT id, body FROM {table} ORDER BY ord"))
        .map_err(|e| sql_err(table, e))?;
    let mut rows = stmt.query([]).map_err(|e| sql_err(table, e))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(|e| sql_err(table, e))? {
        let id: String = row.get(0).map_err(|e| sql_err(table, e))?;
        let body: String = row
            .get(1)
            .map_err(|e| corrupt(table, Some(&id), e.to_string()))?;
        if body.len() > MAX_TEXT_BYTES {
            check_text_limits(table, &id, &body)?;
        }
        let item: T = parse_body(table, &id, &body)?;
        if key(&item) != id {
            return Err(corrupt(
                table,
                Some(&id),
                format!("row id and body id differ ({})", key(&item)),
            ));
        }
        out.push(item);
    }
    Ok(out)
}

fn parse_body<T: DeserializeOwned>(table: &str, id: &str, body: &str) -> Result<T> {
    let de = &mut serde_json::Deserializer::from_str(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let at = e.path().to_string();
        corrupt(table, Some(id), format!("field `{at}`: {}", e.into_inner()))
    })
}

fn check_text_limits(table: &str, id: &str, body: &str) -> Result<()> {
    let value: serde_json::Value =
        serde_json::from_str(body).map_err(|e| corrupt(table, Some(id), e.to_string()))?;
    fn walk(v: &serde_json::Value) -> Option<usize> {
        match v {
            serde_json::Value::String(s) if s.len() > MAX_TEXT_BYTES => Some(s.len()),
            serde_json::Value::Array(a) => a.iter().find_map(walk),
            serde_json::Value::Object(o) => o.values().find_map(walk),
            _ => None,
        }
    }
    match walk(&value) {
        Some(len) => Err(corrupt(
            table,
            Some(id),
            format!("text of {len} bytes exceeds the limit of {MAX_TEXT_BYTES} bytes"),
        )),
        None => Ok(()),
    }
}

fn get<T: DeserializeOwned + Default>(conn: &Connection, key: &str, required: bool) -> Result<T> {
    let value: Option<String> = conn
        .query_row("SELECT value FROM project WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })
        .map_err(|e| sql_err("project", e))?;
    match value {
        Some(v) => parse_body("project", key, &v),
        None if required => Err(corrupt("project", Some(key), "missing".into())),
        None => Ok(T::default()),
    }
}

pub(super) fn read_all(conn: &Connection) -> Result<Project> {
    let id: Option<crate::id::ProjectId> = get(conn, "id", true)?;
    let format_version: u32 = get(conn, "format_version", true)?;
    Ok(Project {
        format_version,
        id: id.ok_or_else(|| corrupt("project", Some("id"), "missing".into()))?,
        meta: get(conn, "meta", true)?,
        settings: get(conn, "settings", false)?,
        requirements: get(conn, "requirements", false)?,
        custom: get(conn, "custom", false)?,
        businesses: read_rows(conn, "business", |x: &crate::model::BusinessProcess| {
            x.id.to_string()
        })?,
        assets: read_rows(conn, "asset", |x: &crate::model::ProtectedAsset| {
            x.id.to_string()
        })?,
        zones: read_rows(conn, "zone", |x: &crate::model::Zone| x.id.to_string())?,
        entry_points: read_rows(conn, "entry_point", |x: &crate::model::EntryPoint| {
            x.id.to_string()
        })?,
        conduits: read_rows(conn, "conduit", |x: &crate::model::Conduit| {
            x.id.to_string()
        })?,
        threats: read_rows(
            conn,
            "threat_scenario",
            |x: &crate::model::ThreatScenario| x.id.to_string(),
        )?,
        countermeasures: read_rows(
            conn,
            "countermeasure",
            |x: &crate::model::Countermeasure| x.id.to_string(),
        )?,
        ooda_roles: read_rows(conn, "ooda_role", |x: &crate::model::OodaRole| {
            x.id.to_string()
        })?,
        suppliers: read_rows(conn, "supplier", |x: &crate::model::Supplier| {
            x.id.to_string()
        })?,
        checklist_answers: read_rows(
            conn,
            "checklist_answer",
            |x: &crate::model::ChecklistAnswer| x.id.to_string(),
        )?,
        damages: read_rows(
            conn,
            "business_damage",
            |x: &crate::model::BusinessDamage| x.id.to_string(),
        )?,
        risk_decisions: read_rows(conn, "risk_decision", |x: &crate::model::RiskDecision| {
            x.risk_id.clone()
        })?,
        customer_responses: read_rows(
            conn,
            "customer_response",
            |x: &crate::model::CustomerResponse| x.row_id.clone(),
        )?,
        revisions: read_rows(conn, "revision", |x: &crate::model::Revision| {
            x.id.to_string()
        })?,
        inspection_results: read_rows(
            conn,
            "inspection_result",
            |x: &crate::model::InspectionResult| x.row_id.clone(),
        )?,
        vulnerabilities: read_rows(
            conn,
            "vulnerability_finding",
            |x: &crate::model::VulnerabilityFinding| x.id.to_string(),
        )?,
    })
}
