//! # OT Zone Studio core (`otzone-models`)
//!
//! Everything that is neither UI nor OS glue: the factory security model that follows the
//! METI 「工場システムにおけるサイバー・フィジカル・セキュリティ対策ガイドライン」 steps 1-1 … 3,
//! the guideline catalogue, the project store (SQLite) and JSON interchange.
//!
//! ## Module map
//! - [`model`] — plain data per guideline step, serde, no I/O; [`model::blank`] — new items
//!   as the app creates them. With the `ts` feature every wire type also describes itself in
//!   TypeScript (ts-rs; the shell's tests write `ui/src/generated/wire.ts`).
//! - [`catalogue`] — embedded, versioned reference data with sources and confidence tags.
//! - [`derive`](mod@derive) — derived values: asset and zone importance with their explanation.
//! - [`integrity`] — references, duplicates and size limits checked on every load.
//! - [`json`] — lossless JSON interchange with located errors.
//! - [`steps`] — how complete each guided step (1-1 … 3) is.
//! - [`edit`] — the app's changes to an open project (a section set, a run of a list
//!   replaced), checked as a file is; removing items with every reference to them, the one
//!   cascade ([`edit::remove`]); the changes between two states ([`edit::difference`]).
//! - [`store`] — one project = one SQLite file; versioned schema, migrations, atomic saves.
//! - [`revision`] — recording versions (改訂履歴) with a copy of the model, and the model's
//!   baseline hash (基準版).
//! - [`diff`] — what changed between two states (a recorded version and now): items field by
//!   field, risks that moved and why; [`diff::lines`] puts it in words (the 変更点 sheet).
//! - [`error`] — errors with stable codes and locations.
//! - [`id`] — typed ids (UUID v4 for new items, v5 for items derived from a name).
//! - [`i18n`] — the one ja/en text table the CLI, the workbook and the app share.
//! - [`risk`] — the analysis: the register (inherent → planned → residual), roll-ups, attack
//!   paths and trees, SL gaps, what-if; its rules are listed below. [`risk::reuse`] — the
//!   analysis after an edit, taking from the one before what the edit did not reach (the
//!   same result as a whole analysis).
//! - [`validate`] — the findings (要修正 / 要確認 / 参考), one rule per file in
//!   `validate/rules/`.
//! - [`excel`] — the evidence workbook ([`excel::export`]), how its tables print
//!   ([`excel::print`]), and reading back what comes from outside: the customer's answers
//!   ([`excel::responses`], [`excel::treatment`]), on-site inspection results, asset ledgers
//!   ([`excel::ledger`]), all through the bounded readers of [`excel::intake`] and read one
//!   way by [`excel::cells`] (text, dates as people type them).
//! - [`chart`] — charts and the zone diagram as PNG; [`fonts`] finds the Japanese font for
//!   them on Windows, macOS and Linux, or uses the one shipped inside the program.
//! - [`generate`] — synthetic factories of any size (benchmarks, tests).
//! - `fuzzing` — entry points for the fuzz targets (`fuzz/`).
//!
//! ## The risk rules, one module each
//! - [`graph`] — reachability by who opens the session (initiator / response hop / one-way
//!   device / boundary control), with the IEC 62443-3-2 reasoning; [`graph::route`] puts a
//!   route in words hop by hop.
//! - [`risk::applicability`] — which assets a zone's threat applies to (classes, traits,
//!   support end against the assessment horizon, the analyst's per-asset decision).
//! - [`risk::impact`] — a row's importance limited by the threat's recorded impacts.
//! - [`risk::exposure`] — the threat level from exposure in the zone graph.
//! - [`risk::coverage`] — which countermeasures count, and the countermeasure level.
//! - [`risk::method`] — the risk-table lookup and each cell's provenance.
//! - [`risk::colour`] — the one colour scale for risk values.
//! - [`model::numbering`] — readable numbers (A-001, M-001, A-012/T03).
//!
//! ## Terminology (ja ↔ en ↔ type)
//!
//! | 日本語 | English | type |
//! |---|---|---|
//! | 業務 | business process | [`model::BusinessProcess`] |
//! | 業務の重要度 | business importance | [`model::BusinessProcess::importance`] |
//! | 保護対象 | protected asset | [`model::ProtectedAsset`] |
//! | 保護対象の重要度 | asset importance (derived) | [`derive::asset_importance`] |
//! | ゾーン | zone | [`model::Zone`] |
//! | コンジット | conduit | [`model::Conduit`] |
//! | 侵入口 | entry point | [`model::EntryPoint`] |
//! | 脅威 | threat | [`catalogue::Threat`] |
//! | 脅威シナリオ (ゾーン×脅威) | threat scenario | [`model::ThreatScenario`] |
//! | 影響 | impact | [`catalogue::Impact`] |
//! | 対策 | countermeasure | [`model::Countermeasure`], [`catalogue::Measure`] |
//! | セキュリティ対策方針 | security policy | [`model::Zone::policy`] |
//! | 責任分界 | responsibility split | [`model::Responsibility`] |
//! | 適用判断 | threat applicability (per asset) | [`model::ThreatApplicability`] |
//! | 評価期間 | assessment horizon | [`model::ProjectSettings::support_horizon_months`] |
//! | 応答経由 | response hop (harder) | [`model::HopKind`] |
//! | 汎用品 | generic (off-the-shelf) product | [`model::ProtectedAsset::generic_product`] |
//! | 調達先 | supplier | [`model::Supplier`] |
//! | 事業被害 | business damage | [`model::BusinessDamage`] |
//! | 脅威レベル / 脆弱性レベル / 対策レベル | threat / vulnerability / countermeasure level | [`model::Level`] |
//! | リスク値 | risk value | [`catalogue::RiskMethod`] |
//! | 目標セキュリティレベル | target security level (SL-T) | [`model::SlVector`] |
//! | 予防保全段階 / 被害発生段階 | preventive / incident phase | [`model::OodaPhase`] |
//! | 完成検査 | completion (acceptance) inspection | — |
//! | 構成管理表 | configuration-management table | — |
//! | 合意 / 要協議 / 不同意 | agreed / to discuss / disagreed | [`model::Agreement`] |
//! | 改訂履歴 / 版数 | revision history / version | [`model::Revision`] |
//! | 基準版 | baseline (hash of the assessed model) | [`revision::baseline_hash`] |
//! | 変更点 | changes since the agreed version | [`diff::ProjectDiff`] |
//! | リスク対応 (低減 / 受容 / 移転 / 回避) | risk treatment (reduce / accept / transfer / avoid) | [`model::Treatment`] |
//! | 再委託先 | subcontractor (the SIer's) | [`model::SupplierKind::Subcontractor`] |
//! | 契約当事者 | contract holder | [`model::ContractHolder`] |
//! | 別紙 | annex sheet | — |

#![deny(missing_docs)]

pub mod catalogue;
pub mod chart;
pub mod derive;
pub mod diff;
pub mod edit;
pub mod error;
pub mod excel;
pub mod fonts;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod graph;
pub mod i18n;
pub mod id;
pub mod integrity;
pub mod json;
pub mod model;
pub mod revision;
pub mod risk;
pub mod steps;
pub mod store;
pub mod validate;

pub use error::{Error, ErrorCode, Location, Problem, Result};
