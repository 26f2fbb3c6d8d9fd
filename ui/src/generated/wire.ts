// Generated from the Rust types by src-tauri/src/wire_types.rs (ts-rs): do not edit.
// `UPDATE_WIRE_TYPES=1 cargo test -p otzone-studio wire_types` writes it anew.

/**
 * Whether the achieved level was recorded or estimated.
 */

export type Achieved = "recorded" | "estimated";

/**
 * Whether a row adds or updates an asset.
 */

export type Action = { "kind": "add" } | { "kind": "update", 
/**
 * The asset.
 */
id: AssetId, };

/**
 * The customer's answer on an exported row (合意 / 要協議 / 不同意).
 */

export type Agreement = "agreed" | "discuss" | "disagreed";

/**
 * The window's analysis request.
 */

export type AnalyzeRequest = { 
/**
 * The window's revision of its document (answers carry it back).
 */
revision: number, 
/**
 * The held document the changes apply to; absent: `project` is the whole document.
 */
base?: number, 
/**
 * Changes since `base`.
 */
changes?: Array<Change>, 
/**
 * The whole document.
 */
project?: Project, 
/**
 * The revision of the analysis the window has, for an answer relative to it.
 */
known?: number, 
/**
 * The whole document as well, to check against (builds with debug assertions).
 */
check?: Project, };

/**
 * What the web view needs at start.
 */

export type AppInfo = { version: string, samples: Array<string>, recent: Array<string>, initial: Opened | null, initial_error: CommandError | null, recoveries: Array<Recovery>, recovery_errors: Array<CommandError>, catalogue: CatalogueView, 
/**
 * The fields a ledger column can be mapped to (for the mapping drop-downs).
 */
ledger_fields: Array<Field>, 
/**
 * Every analysis request also carries the whole document, checked against the one held
 * (builds with debug assertions, as the end-to-end test's).
 */
check_sync: boolean, };

/**
 * A threat decision the customer changed.
 */

export type ApplicabilityChange = { 
/**
 * Sheet.
 */
sheet: string, 
/**
 * Excel row (1-based).
 */
row: number, 
/**
 * Row id (`applicability:T24@<asset>`).
 */
row_id: string, 
/**
 * The asset.
 */
asset: AssetId, 
/**
 * The decision recorded before on the asset, if any.
 */
before: ThreatApplicability | null, 
/**
 * The decision in the workbook.
 */
after: ThreatApplicability, };

/**
 * Broad class of an asset type; threats state which classes they apply to.
 */

export type AssetClass = "controller" | "safety" | "workstation" | "server" | "network" | "field" | "cloud" | "data" | "software" | "facility";

/**
 * A protected asset (保護対象).
 */

export type AssetId = string;

/**
 * An attribute of an asset that decides whether some threats apply to it.
 */

export type AssetTrait = "general_purpose_os" | "removable_media" | "wireless";

/**
 * An asset type.
 */

export type AssetType = { 
/**
 * `plc`…
 */
id: string, 
/**
 * Japanese.
 */
ja: string, 
/**
 * English.
 */
en: string, 
/**
 * Class.
 */
class: AssetClass, 
/**
 * Protocols it commonly speaks.
 */
protocols: Array<string>, 
/**
 * IPA worked-example importance (M), where known.
 */
ipa_example: number | null, 
/**
 * Attributes every asset of the type has (P), e.g. a general-purpose OS.
 */
traits: Array<AssetTrait>, };

/**
 * The attack-path view of one (entry point, target zone) pair.
 */

export type AttackPath = { 
/**
 * Entry point.
 */
entry: EntryPointId, 
/**
 * Its kind.
 */
entry_kind: EntryKind, 
/**
 * The zone holding high-importance assets.
 */
target_zone: ZoneId, 
/**
 * The high-importance assets in it (shared by every entry point's row for the zone).
 */
targets: Array<AssetId>, 
/**
 * Whether any path exists.
 */
reachable: boolean, 
/**
 * Length of the shortest path (hops), when reachable.
 */
hops: number | null, 
/**
 * Shortest paths (at most `max_shortest`).
 */
shortest: Array<PathSteps>, 
/**
 * Distinct simple paths of at most `max_hops` hops (capped at `count_cap`).
 */
simple_paths: number, 
/**
 * False when the count is a lower bound (budget or cap reached).
 */
complete: boolean, 
/**
 * Conduits on the shortest paths without a blocking boundary or counted countermeasure.
 */
unprotected_conduits: Array<ConduitId>, 
/**
 * Zones crossed on the shortest paths before the target.
 */
zones_crossed: Array<ZoneId>, };

/**
 * A candidate attack tree.
 */

export type AttackTree = { 
/**
 * Stable key `damage/entry/zone>zone>…`, used to prune.
 */
key: string, 
/**
 * The damage.
 */
damage: DamageId, 
/**
 * Entry point.
 */
entry: EntryPointId, 
/**
 * Its kind.
 */
entry_kind: EntryKind, 
/**
 * Threat level of the tree.
 */
threat: Level, 
/**
 * The threat level was lowered by one because a step between zones rides a response.
 */
response_hop: boolean, 
/**
 * Steps.
 */
steps: Array<TreeStep>, 
/**
 * Pruned by the analyst.
 */
pruned: boolean, 
/**
 * Without countermeasures.
 */
inherent: TreeAssessment, 
/**
 * With planned countermeasures.
 */
planned: TreeAssessment, 
/**
 * With agreed and implemented countermeasures.
 */
residual: TreeAssessment, };

/**
 * Keep the crash-recovery copy.
 */

export type AutosaveRequest = { project: Project, 
/**
 * The project's file, if any.
 */
path: string | null, 
/**
 * A copy of its own (changes set aside before a reload), which the project's own copy
 * never replaces.
 */
keep?: string, };

export type Baseline = { hash: string, changed: boolean, };

/**
 * BCP status and notes.
 */

export type Bcp = { 
/**
 * Does a BCP exist?
 */
status: BcpStatus, 
/**
 * What it covers; whether cyber incidents are in it.
 */
notes: string, };

/**
 * BCP existence.
 */

export type BcpStatus = "unknown" | "covers_cyber" | "exists_without_cyber" | "in_preparation" | "none";

/**
 * One new item of each kind the app adds, with the nil id.
 */

export type Blanks = { 
/**
 * 保護対象 (step 1-4).
 */
asset: ProtectedAsset, 
/**
 * ゾーン (step 1-5).
 */
zone: Zone, 
/**
 * An entry point (step 1-6).
 */
entry_point: EntryPoint, 
/**
 * コンジット (step 1-6).
 */
conduit: Conduit, 
/**
 * A channel a conduit carries.
 */
channel: Channel, 
/**
 * 業務 (step 1-3).
 */
business: BusinessProcess, 
/**
 * A threat to a zone (step 1-7).
 */
threat: ThreatScenario, 
/**
 * 対策 (step 2).
 */
measure: Countermeasure, 
/**
 * 事業被害 (IPA damage-based view).
 */
damage: BusinessDamage, 
/**
 * 脆弱性検査結果.
 */
finding: VulnerabilityFinding, 
/**
 * An OODA role (step 3).
 */
ooda_role: OodaRole, 
/**
 * A supplier (step 3).
 */
supplier: Supplier, 
/**
 * A supply-chain checklist answer (step 3).
 */
checklist_answer: ChecklistAnswer, 
/**
 * A requirement (step 1-1).
 */
requirement: Requirement, 
/**
 * A risk row's treatment decision (リスク対応).
 */
risk_decision: RiskDecision, };

/**
 * A boundary control on a conduit, optionally the asset that implements it.
 */

export type BoundaryControl = { 
/**
 * Kind.
 */
kind: BoundaryKind, 
/**
 * The device, if it is a modelled asset.
 */
device?: AssetId | null, 
/**
 * Notes (rule set, product).
 */
note: string, };

/**
 * Kinds of boundary control on a conduit.
 */

export type BoundaryKind = "firewall" | "industrial_firewall" | "data_diode" | "vpn_gateway" | "jump_host" | "proxy" | "router_acl" | "nac" | "ids";

/**
 * A business damage for the scenario-based (事業被害ベース) method, with its target asset.
 */

export type BusinessDamage = { 
/**
 * Id.
 */
id: DamageId, 
/**
 * e.g. 供給停止 (supply stop).
 */
name: string, 
/**
 * Damage level 1..3.
 */
level: Level, 
/**
 * The asset whose compromise causes it (攻撃対象).
 */
target: AssetId, 
/**
 * The final attack (e.g. 改ざんされた設定値で制御器が誤動作).
 */
final_attack: string, 
/**
 * Attack-tree keys the analyst pruned as not credible.
 */
pruned: Array<string>, 
/**
 * Impact criteria touched.
 */
criteria: Array<Criterion>, };

/**
 * A business process (業務).
 */

export type BusinessId = string;

/**
 * A business process (業務).
 */

export type BusinessProcess = { 
/**
 * Id.
 */
id: BusinessId, 
/**
 * Name.
 */
name: string, 
/**
 * What is done.
 */
description: string, 
/**
 * Department in charge.
 */
department: string, 
/**
 * Purpose of the smart-factory change for this business.
 */
purpose: string, 
/**
 * New / expanded by smart-factory change.
 */
smart_change: SmartChange, 
/**
 * Data the business handles.
 */
data_handled: string, 
/**
 * Worst credible outcome per criterion if the business is stopped or corrupted.
 */
scores: CriterionScores, 
/**
 * Why these scores.
 */
rationale: string, };

/**
 * Per-business roll-up (rows of the assets that support the business).
 */

export type BusinessRollup = { 
/**
 * Business.
 */
business: BusinessId, 
/**
 * Rows in the group.
 */
rows: number, 
/**
 * Inherent counts per value.
 */
inherent: Array<number>, 
/**
 * Planned counts per value.
 */
planned: Array<number>, 
/**
 * Residual counts per value.
 */
residual: Array<number>, };

/**
 * The catalogue parts the UI offers as suggestions.
 */

export type CatalogueView = { version: string, categories: Array<ThreatCategory>, threats: Array<Threat>, impacts: Array<Impact>, measures: Array<Measure>, checklist: Array<ChecklistItem>, ooda: Array<OodaTemplate>, asset_types: Array<AssetType>, protocols: Array<Protocol>, zone_templates: Array<ZoneTemplate>, entry_kinds: Array<EntryKindInfo>, criteria: Array<CriterionInfo>, risk_methods: Array<RiskMethodView>, sources: Array<Source>, };

/**
 * Where a risk-table cell comes from. Three labels, never more certain than the evidence:
 * IPA's own publication, third-party material that reproduces the method (naming it), or a
 * reconstruction from the method's rule.
 */

export type CellProvenance = "published" | "third_party" | "reconstructed";

/**
 * The table cell a risk value came from.
 */

export type CellRef = { 
/**
 * Method id.
 */
method: string, 
/**
 * First axis (importance, or consequence for 5×5).
 */
i: number, 
/**
 * Second axis (threat, or likelihood for 5×5).
 */
t: number, 
/**
 * Third axis (vulnerability; 0 for 5×5).
 */
v: number, 
/**
 * Whether the cell is verified or reconstructed.
 */
provenance: CellProvenance, };

/**
 * One change to a project section.
 */

export type Change = { "op": "set", 
/**
 * Section name, as in the project file.
 */
section: string, 
/**
 * Its new value.
 */
value: JsonValue, } | { "op": "splice", 
/**
 * List name, as in the project file (`assets`, `conduits`…).
 */
section: string, 
/**
 * Position of the first item replaced.
 */
start: number, 
/**
 * How many items are taken out.
 */
remove: number, 
/**
 * The items put in.
 */
insert: Array<JsonValue>, };

/**
 * One line of the difference.
 */

export type ChangeLine = { 
/**
 * Stable id.
 */
id: string, 
/**
 * What kind of item (資産, ゾーン …, リスク).
 */
area: string, 
/**
 * 追加 / 削除 / 変更 / リスク変動.
 */
kind: string, 
/**
 * The item, by its readable name.
 */
item: string, 
/**
 * The field (empty for an addition or removal).
 */
field: string, 
/**
 * Before.
 */
before: string, 
/**
 * After.
 */
after: string, 
/**
 * Why (risks: the countermeasures that made the row move).
 */
reason: string, };

/**
 * A communication channel carried by a conduit.
 */

export type Channel = { 
/**
 * Protocol: a catalogue id (e.g. `opc_ua`) or free text.
 */
protocol: string, 
/**
 * Port(s), e.g. `4840` or `49152-65535`.
 */
port: string, 
/**
 * Direction of data flow.
 */
direction?: Direction | null, 
/**
 * Which end initiates.
 */
initiator?: Initiator | null, 
/**
 * What flows.
 */
purpose: string, 
/**
 * Encrypted on the wire.
 */
encrypted: boolean, 
/**
 * Authenticated.
 */
authenticated: boolean, };

/**
 * A supply-chain checklist answer, for a supplier or an asset.
 */

export type ChecklistAnswer = { 
/**
 * Id.
 */
id: ChecklistAnswerId, 
/**
 * Checklist item (`SC-CL-P1`…).
 */
item: string, 
/**
 * The supplier answered for.
 */
supplier?: SupplierId | null, 
/**
 * The asset answered for.
 */
asset?: AssetId | null, 
/**
 * The answer; `None` is unanswered.
 */
answer?: ChecklistAnswerValue | null, 
/**
 * Evidence notes.
 */
evidence: string, 
/**
 * Free notes.
 */
note: string, };

/**
 * A supply-chain checklist answer (step 3).
 */

export type ChecklistAnswerId = string;

/**
 * Answer to a supply-chain checklist item.
 */

export type ChecklistAnswerValue = "done" | "partial" | "not_done" | "not_applicable";

/**
 * A supply-chain checklist item.
 */

export type ChecklistItem = { 
/**
 * `SC-CL-P1`…
 */
id: string, 
/**
 * Subject.
 */
subject: ScSubject, 
/**
 * Phase.
 */
phase: ScPhase, 
/**
 * Japanese.
 */
ja: string, 
/**
 * English.
 */
en: string, };

/**
 * The lists whose items the app removes, by their names in the project file.
 */

export type Collection = "businesses" | "assets" | "zones" | "entry_points" | "conduits" | "threats" | "countermeasures" | "ooda_roles" | "suppliers" | "checklist_answers" | "damages" | "vulnerabilities";

/**
 * How the columns were understood.
 */

export type ColumnMapping = { 
/**
 * Column letter (or number for CSV).
 */
column: string, 
/**
 * Header text.
 */
header: string, 
/**
 * Field, when mapped.
 */
field: Field | null, 
/**
 * Why this field (absent when unmapped).
 */
reason?: MatchReason, };

/**
 * A command error as the UI receives it.
 */

export type CommandError = { 
/**
 * Stable code (`invalid_model`, `io`, … or `no_file`, `stale`).
 */
code: string, 
/**
 * One-line message.
 */
message: string, 
/**
 * Where, when known.
 */
location?: Location, 
/**
 * Every problem, for errors that collect several.
 */
problems?: Array<Problem>, };

/**
 * Compare the project with one of its revisions.
 */

export type CompareRevisionRequest = { project: Project, 
/**
 * The revision's position in the project's list.
 */
index: number, lang: Lang, };

/**
 * A recorded version compared with the model now (改訂履歴 → 比較).
 */

export type Comparison = { 
/**
 * The version compared with.
 */
version: string, 
/**
 * When it was recorded.
 */
date: IsoDate, 
/**
 * Its baseline hash.
 */
baseline: string, 
/**
 * The model's baseline now.
 */
now: string, 
/**
 * What changed, one line per field, item or moved risk.
 */
lines: Array<ChangeLine>, };

/**
 * A conduit (コンジット): the channels between two zones, or between an entry point and a zone.
 */

export type Conduit = { 
/**
 * Id.
 */
id: ConduitId, 
/**
 * Name.
 */
name: string, 
/**
 * One end.
 */
from: Endpoint, 
/**
 * The other end.
 */
to: Endpoint, 
/**
 * Channels (protocol, port, direction).
 */
channels: Array<Channel>, 
/**
 * Boundary controls (firewall, diode …).
 */
boundary: Array<BoundaryControl>, 
/**
 * Target security level.
 */
sl_t?: SlVector | null, 
/**
 * Achieved security level.
 */
sl_a?: SlVector | null, 
/**
 * Owning organisation.
 */
owner: string, 
/**
 * Only connected at times (maintenance).
 */
temporary: boolean, 
/**
 * Carried over a wireless link.
 */
wireless: boolean, 
/**
 * Added by the system being delivered (顧客NWへの影響確認).
 */
introduced_by_delivery: boolean, 
/**
 * Free notes.
 */
notes: string, };

/**
 * A conduit (コンジット).
 */

export type ConduitId = string;

/**
 * How far a fact is confirmed (domain brief, "Confidence tags").
 */

export type Confidence = "H" | "M" | "L" | "P";

/**
 * The party that holds a supplier's contract (契約当事者).
 */

export type ContractHolder = "sier" | "customer";

/**
 * A countermeasure applied in this project: one catalogue (or project) countermeasure,
 * the threats it answers and where, who does it, and its status.
 */

export type Countermeasure = { 
/**
 * Id.
 */
id: MeasureId, 
/**
 * Readable number (M-001), given once and kept ([`super::numbering`]); 0 = none yet.
 */
number?: number, 
/**
 * Catalogue id (`C-NW-01`…) or project id (`X-…`).
 */
measure: string, 
/**
 * Project-specific wording of what will be done.
 */
detail: string, 
/**
 * Category; defaults to the catalogue's.
 */
category?: MeasureCategory | null, 
/**
 * Threats it answers (catalogue or project ids).
 */
threats: Array<string>, 
/**
 * Where it applies.
 */
scope: MeasureScope, 
/**
 * Who implements it (責任分界); `None` is a validation finding.
 */
responsibility?: Responsibility | null, 
/**
 * With `responsibility: shared`, the parties that share it (two or more of SIer,
 * customer, vendor); the responsibility split marks exactly these.
 */
shared_with?: Array<Responsibility>, 
/**
 * Who operates it after delivery, when different.
 */
operator?: Responsibility | null, 
/**
 * Paid (有償) within the contract, or not.
 */
paid?: boolean | null, 
/**
 * Status.
 */
status: MeasureStatus, 
/**
 * Due date.
 */
due?: IsoDate | null, 
/**
 * Evidence reference (inspection record, document).
 */
evidence: string, 
/**
 * Free notes.
 */
notes: string, };

/**
 * The criteria by which a business's importance is judged (step 1-3) and a threat's impact
 * is rated (step 1-7): the factory values S, Q, D, C plus environment and information.
 */

export type Criterion = "safety" | "environment" | "quality" | "delivery" | "cost" | "information";

/**
 * An importance criterion with per-level guidance.
 */

export type CriterionInfo = { 
/**
 * The criterion.
 */
id: Criterion, 
/**
 * Japanese.
 */
ja: string, 
/**
 * English.
 */
en: string, 
/**
 * Level 3 guidance (ja).
 */
high_ja: string, 
/**
 * Level 3 guidance (en).
 */
high_en: string, 
/**
 * Level 2 guidance (ja).
 */
medium_ja: string, 
/**
 * Level 2 guidance (en).
 */
medium_en: string, 
/**
 * Level 1 guidance (ja).
 */
low_ja: string, 
/**
 * Level 1 guidance (en).
 */
low_en: string, 
/**
 * Source key.
 */
source: string, 
/**
 * Confidence.
 */
confidence: Confidence, };

/**
 * A level per criterion (業務の重要度 per criterion, or a threat's impact per criterion).
 * Unrated criteria are absent.
 */

export type CriterionScores = { 
/**
 * 安全.
 */
safety?: Level, 
/**
 * 環境.
 */
environment?: Level, 
/**
 * 品質.
 */
quality?: Level, 
/**
 * 納期.
 */
delivery?: Level, 
/**
 * コスト.
 */
cost?: Level, 
/**
 * 情報.
 */
information?: Level, };

/**
 * Catalogue entries the project adds beside the built-in catalogue.
 */

export type CustomCatalogue = { 
/**
 * Project threats.
 */
threats: Array<CustomThreat>, 
/**
 * Project countermeasures.
 */
measures: Array<CustomMeasure>, };

/**
 * A countermeasure the project defines beside the catalogue's.
 */

export type CustomMeasure = { 
/**
 * Id; must start with `X-`.
 */
id: string, 
/**
 * Japanese name.
 */
ja: string, 
/**
 * English name.
 */
en: string, 
/**
 * Category.
 */
category: MeasureCategory, 
/**
 * What it lowers.
 */
lowers: Array<Lowers>, 
/**
 * IPA viewpoints.
 */
views: Array<IpaView>, 
/**
 * IEC 62443-3-3 foundational requirements (`FR1`…).
 */
fr: Array<string>, };

/**
 * A threat the project defines beside the catalogue's.
 */

export type CustomThreat = { 
/**
 * Id; must start with `X-`.
 */
id: string, 
/**
 * Japanese name.
 */
ja: string, 
/**
 * English name.
 */
en: string, 
/**
 * Threat categories (`TC1`…).
 */
categories: Array<string>, 
/**
 * How it arrives.
 */
vector: ThreatVector, 
/**
 * Asset classes it applies to (empty: all).
 */
applies_to: Array<AssetClass>, 
/**
 * Base threat level before exposure is considered.
 */
base_level: Level, };

/**
 * A customer response read back from a returned workbook, keyed by the row's stable id.
 */

export type CustomerResponse = { 
/**
 * Row id (a model UUID or a risk id).
 */
row_id: string, 
/**
 * Agreement.
 */
agreement?: Agreement | null, 
/**
 * Comment.
 */
comment: string, 
/**
 * Date.
 */
date?: IsoDate | null, };

/**
 * A business damage for the scenario-based method.
 */

export type DamageId = string;

/**
 * Traffic direction of a channel relative to the conduit's `from` → `to`.
 */

export type Direction = "forward" | "reverse" | "both";

/**
 * One end of a conduit.
 */

export type Endpoint = { "zone": ZoneId } | { "entry": EntryPointId };

/**
 * Kinds of external entry point (侵入口).
 */

export type EntryKind = "internet" | "cloud" | "remote_maintenance" | "removable_media" | "vendor_pc" | "wireless" | "corporate_network" | "physical";

/**
 * Display names of an entry kind.
 */

export type EntryKindInfo = { 
/**
 * The kind.
 */
id: EntryKind, 
/**
 * Japanese.
 */
ja: string, 
/**
 * English.
 */
en: string, };

/**
 * An entry point outside every zone.
 */

export type EntryPoint = { 
/**
 * Id.
 */
id: EntryPointId, 
/**
 * Name.
 */
name: string, 
/**
 * Kind.
 */
kind: EntryKind, 
/**
 * Description.
 */
description: string, 
/**
 * Place on the zone diagram.
 */
position?: Position | null, };

/**
 * An external entry point (侵入口).
 */

export type EntryPointId = string;

/**
 * A (threat, asset) pair without a register row, and why (both languages: the UI switches).
 */

export type ExclusionView = { 
/**
 * The row id it would have.
 */
id: string, 
/**
 * Threat id.
 */
threat: string, 
/**
 * Asset id.
 */
asset: string, 
/**
 * Zone id.
 */
zone: string, 
/**
 * The analyst decided it (can be taken back); otherwise a rule (support end).
 */
analyst: boolean, 
/**
 * Why, in Japanese.
 */
reason_ja: string, 
/**
 * Why, in English.
 */
reason_en: string, };

/**
 * Explain one register row of the last analysis.
 */

export type ExplainRequest = { 
/**
 * The window's revision the analysis is of.
 */
revision: number, risk_id: string, lang: Lang, };

/**
 * The explanation of one register row, per state, plus its importance basis.
 */

export type Explanation = { 
/**
 * Row id.
 */
id: string, 
/**
 * Why the asset has its importance.
 */
importance: string, 
/**
 * Inherent, planned, residual.
 */
states: [string, string, string], 
/**
 * What the residual risk stays at if the customer's and vendors' measures are not
 * carried out (none counts: `None`).
 */
unless_others: string | null, };

/**
 * What an export wrote.
 */

export type ExportReport = { 
/**
 * File written.
 */
path: string, 
/**
 * Size in bytes.
 */
bytes: number, 
/**
 * Register rows.
 */
risks: number, };

/**
 * Export the workbook.
 */

export type ExportRequest = { project: Project, 
/**
 * The workbook's language.
 */
lang: Lang, };

/**
 * A field of [`ProtectedAsset`] a ledger column can fill.
 */

export type Field = "name" | "asset_type" | "vendor" | "model" | "firmware" | "address" | "location" | "owner" | "install_date" | "support_end" | "zone" | "businesses" | "supplier" | "protocols" | "software" | "notes" | "ignore";

/**
 * A validation finding.
 */

export type Finding = { 
/**
 * Rule id.
 */
rule: string, 
/**
 * Guideline step (`1-6`…).
 */
step: string, 
/**
 * Severity.
 */
severity: Severity, 
/**
 * The item.
 */
item: ItemRef, 
/**
 * Japanese message.
 */
message_ja: string, 
/**
 * English message.
 */
message_en: string, };

/**
 * Where a finding stands.
 */

export type FindingStatus = "open" | "fixed" | "mitigated" | "accepted";

/**
 * Risk counts of one group of rows.
 */

export type GroupCounts = { 
/**
 * Rows in the group.
 */
rows: number, 
/**
 * Inherent counts per value.
 */
inherent: Array<number>, 
/**
 * Planned counts per value.
 */
planned: Array<number>, 
/**
 * Residual counts per value.
 */
residual: Array<number>, };

/**
 * A heat map: counts per (importance 1..3, likelihood 1..5) cell, likelihood = threat +
 * vulnerability − 1, for one state.
 */

export type HeatMap = { 
/**
 * The state.
 */
state: State, 
/**
 * `grid[importance − 1][likelihood − 1]`.
 */
grid: [[number, number, number, number, number], [number, number, number, number, number], [number, number, number, number, number]], 
/**
 * The highest risk value (its rank, 0 = highest) among the rows of each cell, which the
 * cell is coloured by; `None` for an empty cell.
 */
worst: [[number | null, number | null, number | null, number | null, number | null], [number | null, number | null, number | null, number | null, number | null], [number | null, number | null, number | null, number | null, number | null]], };

/**
 * An edge: one conduit in one direction, with the channel that carries it and how.
 */

export type Hop = { 
/**
 * The conduit.
 */
conduit: ConduitId, 
/**
 * True when the edge runs `to → from`.
 */
reverse: boolean, 
/**
 * Index of the channel in the conduit's `channels` (none recorded: `None`).
 */
channel: number | null, 
/**
 * Initiated or response-only (harder).
 */
kind: HopKind, 
/**
 * A blocking boundary control sits on the conduit (harder; the edge stays).
 */
controlled: boolean, };

/**
 * How an attacker holding one end of a conduit gets to the other end.
 */

export type HopKind = "initiate" | "data" | "response";

/**
 * How one hop of a path crossed its conduit, without the conduit id (a path keeps those
 * apart): compact, since a large factory's attack paths hold hundreds of thousands of hops.
 */

export type HopVia = { 
/**
 * True when the hop runs `to → from`.
 */
reverse: boolean, 
/**
 * Index of the channel in the conduit's `channels`.
 */
channel: number | null, 
/**
 * Initiated, data or response-only.
 */
kind: HopKind, 
/**
 * A blocking boundary control sits on the conduit.
 */
controlled: boolean, };

/**
 * The kinds of image the zone diagram is saved as.
 */

export type ImageKind = "png" | "svg";

/**
 * An impact (影響).
 */

export type Impact = { 
/**
 * `I01`…
 */
id: string, 
/**
 * Japanese.
 */
ja: string, 
/**
 * English.
 */
en: string, 
/**
 * The importance criterion it falls under.
 */
criterion: Criterion, 
/**
 * Source key.
 */
source: string, 
/**
 * Confidence.
 */
confidence: Confidence, };

/**
 * A manual importance with its justification.
 */

export type ImportanceOverride = { 
/**
 * The level to use instead of the derived one.
 */
level: Level, 
/**
 * Why (required; an empty reason is a validation finding).
 */
reason: string, };

/**
 * Derived importances as the window shows them: asset, business and zone id → level (ids
 * in the order of their text, as the window's JSON object has them).
 */

export type ImportanceView = { 
/**
 * Asset id → level.
 */
assets: { [key in AssetId]: number }, 
/**
 * Business id → level.
 */
businesses: { [key in BusinessId]: number }, 
/**
 * Zone id → level.
 */
zones: { [key in ZoneId]: number }, };

/**
 * A project changed by an import.
 */

export type Imported = { project: Project, added: number, updated: number, };

/**
 * Which end opens the connection.
 */

export type Initiator = "from" | "to" | "either";

/**
 * One check whose recorded result changes.
 */

export type InspectionChange = { 
/**
 * Sheet.
 */
sheet: string, 
/**
 * Excel row (1-based).
 */
row: number, 
/**
 * Row id of the check.
 */
row_id: string, 
/**
 * The result recorded before, if any.
 */
before: InspectionResult | null, 
/**
 * The result in the workbook.
 */
after: InspectionResult, };

/**
 * Outcome of one completion-inspection check (完成検査).
 */

export type InspectionOutcome = "ok" | "ng" | "not_applicable";

/**
 * A completion-inspection result filled in on site and read back from a workbook, keyed by
 * the check's stable row id (`CHK-…`), so that the next export carries it.
 */

export type InspectionResult = { 
/**
 * Row id of the check.
 */
row_id: string, 
/**
 * OK / NG / N/A.
 */
outcome?: InspectionOutcome | null, 
/**
 * Evidence (photo, log, screenshot reference).
 */
evidence: string, 
/**
 * Who inspected.
 */
inspector: string, 
/**
 * When.
 */
date?: IsoDate | null, };

/**
 * IPA viewpoint of a countermeasure: prevent, detect, continue business.
 */

export type IpaView = "protect" | "detect" | "continue";

/**
 * A calendar date `YYYY-MM-DD`, validated on input.
 */

export type IsoDate = string;

/**
 * The model item a finding concerns.
 */

export type ItemRef = { 
/**
 * `asset`, `business`, `zone`, `conduit`, `countermeasure`, `risk`, `checklist_answer`…
 */
kind: string, 
/**
 * Its id (UUID or risk id).
 */
id: string, 
/**
 * Its display name.
 */
name: string, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

/**
 * User-facing language.
 */

export type Lang = "ja" | "en";

/**
 * Import the chosen ledger.
 */

export type LedgerApplyRequest = { project: Project, ledger: LedgerRequest, 
/**
 * Import the good rows and leave the rows with errors out.
 */
skip_error_rows: boolean, };

/**
 * Preview importing the chosen ledger.
 */

export type LedgerPreviewRequest = { project: Project, ledger: LedgerRequest, };

/**
 * Ledger import options from the UI.
 */

export type LedgerRequest = { 
/**
 * Sheet, or automatic.
 */
sheet: string | null, 
/**
 * Column (header text or letter) → field key.
 */
mapping: Array<[string, string]>, };

/**
 * A three-level ordinal (重要度, 脅威レベル, 脆弱性レベル, 対策レベル): 1 低 / 2 中 / 3 高.
 *
 * Serialized as the integer 1, 2 or 3 so that JSON stays readable and diffable.
 */

export type Level = 1 | 2 | 3;

/**
 * A list's changes relative to the one the window has (the register's rows, the attack
 * paths, the findings, the SL gaps): items that changed in place (with their position in the
 * new list), items that are new, and, when items moved or some went, the new order as
 * positions (a position past the old items is an entry of `added`). Items are matched by a
 * key; the window needs none, it puts the changed items at their positions.
 */

export type ListChanges<T> = { changed: Array<[number, T]>, added: Array<T>, order: Array<number> | null, };

/**
 * Where an error or problem is, as precisely as it is known.
 */

export type Location = { 
/**
 * The file concerned.
 */
file?: string, 
/**
 * Worksheet name (Excel input).
 */
sheet?: string, 
/**
 * 1-based row (Excel) or line (text).
 */
row?: number, 
/**
 * Column: a spreadsheet letter (`C`) or a 1-based text column.
 */
column?: string, 
/**
 * Field path inside the model, e.g. `assets[3].zone` or `asset 5f0c….zone`.
 */
path?: string, };

/**
 * What a countermeasure lowers in the risk calculation.
 */

export type Lowers = "threat" | "vulnerability" | "impact";

/**
 * A map's changes relative to the one the window has: entries new or changed, and keys gone.
 * (In TypeScript its keys are strings: ids.)
 */

export type MapChanges<V> = { set: { [key in string]: V }, removed: Array<string>, };

/**
 * How a header was matched to a field.
 */

export type MatchReason = { "kind": "exact", 
/**
 * The word.
 */
word: string, } | { "kind": "contains", 
/**
 * The word.
 */
word: string, } | { "kind": "mapped" } | { "kind": "guessed_name" };

/**
 * A countermeasure (対策).
 */

export type Measure = { 
/**
 * `C-NW-01`… (project measures: `X-…`).
 */
id: string, 
/**
 * Japanese.
 */
ja: string, 
/**
 * English.
 */
en: string, 
/**
 * Category.
 */
category: MeasureCategory, 
/**
 * FRs.
 */
fr: Array<string>, 
/**
 * What it lowers.
 */
lowers: Array<Lowers>, 
/**
 * IPA viewpoints.
 */
views: Array<IpaView>, 
/**
 * Source key.
 */
source: string, 
/**
 * Section or item it is grounded in.
 */
section: string, 
/**
 * Confidence.
 */
confidence: Confidence, };

/**
 * Guideline countermeasure categories: (1)① network, (1)② equipment, (1)③ programs and
 * services, (2) physical, plus step 3 operations, maintenance and supply chain.
 */

export type MeasureCategory = "network" | "equipment" | "programs" | "physical" | "operational" | "maintenance" | "supply_chain";

/**
 * A countermeasure applied in the project (step 2-2).
 */

export type MeasureId = string;

/**
 * What the applied measure covers. Empty everywhere means the whole project.
 */

export type MeasureScope = { 
/**
 * Zones (all their assets).
 */
zones: Array<ZoneId>, 
/**
 * Conduits (protects the zones at both ends against threats arriving through them).
 */
conduits: Array<ConduitId>, 
/**
 * Individual assets.
 */
assets: Array<AssetId>, };

/**
 * Progress of a countermeasure. Only `Agreed` and `Implemented` count for residual risk.
 */

export type MeasureStatus = "proposed" | "agreed" | "implemented" | "rejected";

/**
 * The model state a returned workbook was made from, beside the project's current one.
 */

export type ModelChanged = { 
/**
 * Baseline hash written into the workbook.
 */
workbook_baseline: string, 
/**
 * Version label written into the workbook.
 */
workbook_version: string, 
/**
 * The project's baseline now.
 */
project_baseline: string, };

/**
 * A new project.
 */

export type NewProjectRequest = { 
/**
 * A sample's name; none: an empty project.
 */
sample: string | null, 
/**
 * The language of its first texts.
 */
lang: Lang, };

/**
 * OODA phase (別冊 table).
 */

export type OodaPhase = "preventive" | "incident";

/**
 * One row of the OODA role table, pre-filled from the catalogue and completed with names.
 */

export type OodaRole = { 
/**
 * Id.
 */
id: OodaRoleId, 
/**
 * Catalogue row it came from (`OODA-P-OBS`…).
 */
template?: string | null, 
/**
 * Phase.
 */
phase: OodaPhase, 
/**
 * Step.
 */
step: OodaStep, 
/**
 * Main department.
 */
department: string, 
/**
 * Decision maker(s).
 */
decision_maker: string, 
/**
 * Actions.
 */
actions: string, 
/**
 * Which party holds the role.
 */
party?: Responsibility | null, 
/**
 * Person(s) named.
 */
person: string, 
/**
 * Contact.
 */
contact: string, };

/**
 * An OODA role row (step 3).
 */

export type OodaRoleId = string;

/**
 * OODA step.
 */

export type OodaStep = "observe" | "orient" | "decide" | "act";

/**
 * A row of the 別冊 OODA role table.
 */

export type OodaTemplate = { 
/**
 * `OODA-P-OBS`…
 */
id: string, 
/**
 * Phase.
 */
phase: OodaPhase, 
/**
 * Step.
 */
step: OodaStep, 
/**
 * Main department (ja).
 */
department_ja: string, 
/**
 * Main department (en).
 */
department_en: string, 
/**
 * Decision makers (ja).
 */
decider_ja: string, 
/**
 * Decision makers (en).
 */
decider_en: string, 
/**
 * Example actions (ja).
 */
actions_ja: string, 
/**
 * Example actions (en).
 */
actions_en: string, };

/**
 * A project as the web view receives it.
 */

export type Opened = { 
/**
 * The project.
 */
project: Project, 
/**
 * The id under which it is held for the window's changes (see [`sync`]).
 */
doc: number, 
/**
 * Its file, if any.
 */
path: string | null, 
/**
 * Recent files after opening.
 */
recent: Array<string>, };

/**
 * Per-responsibility roll-up (責任分界).
 */

export type PartyRollup = { 
/**
 * Party; `None` collects countermeasures nobody is responsible for yet.
 */
party: Responsibility | null, 
/**
 * Countermeasures by status: proposed, agreed, implemented, rejected.
 */
measures_by_status: [number, number, number, number], 
/**
 * Rows in the group.
 */
rows: number, 
/**
 * Inherent counts per value.
 */
inherent: Array<number>, 
/**
 * Planned counts per value.
 */
planned: Array<number>, 
/**
 * Residual counts per value.
 */
residual: Array<number>, };

/**
 * Add pasted rows.
 */

export type PasteApplyRequest = { project: Project, rows: PastedRows, 
/**
 * Add the good rows and leave the rows with errors out.
 */
skip_error_rows: boolean, };

/**
 * Preview adding pasted rows.
 */

export type PastePreviewRequest = { project: Project, rows: PastedRows, };

/**
 * Rows pasted into the asset table: the text and the table's columns from where it was pasted.
 */

export type PastedRows = { 
/**
 * Tab-separated text, as a spreadsheet copies cells.
 */
text: string, 
/**
 * Field keys of the table's columns, left to right, for rows pasted without a header.
 */
columns: Array<string>, };

/**
 * An attack path whose reachability, length or count changes.
 */

export type PathChange = { 
/**
 * Entry point.
 */
entry: EntryPointId, 
/**
 * Target zone.
 */
target_zone: ZoneId, 
/**
 * Shortest hops before.
 */
hops_before: number | null, 
/**
 * Shortest hops after.
 */
hops_after: number | null, 
/**
 * Simple paths before.
 */
paths_before: number, 
/**
 * Simple paths after.
 */
paths_after: number, };

/**
 * One path: the zones entered, in order, and the conduits used to enter them.
 */

export type PathSteps = { 
/**
 * Zones entered (the last is the target).
 */
zones: Array<ZoneId>, 
/**
 * Conduits used, `conduits[i]` leads into `zones[i]`.
 */
conduits: Array<ConduitId>, 
/**
 * How each conduit was crossed (`via[i]` goes with `conduits[i]`): channel, initiated,
 * data or response-only, boundary control.
 */
via: Array<HopVia>, };

/**
 * An attack path as the window is sent it: its assets, zones and conduits as positions in
 * the project's lists (which the window has), and each crossing as one number, so that the
 * 6,000 paths of a large factory are under two megabytes instead of seventeen. The window
 * expands it to [`AttackPath`] (`ui/src/sync.ts`, `expandPath`).
 */

export type PathView = { entry: EntryPointId, entry_kind: EntryKind, target_zone: ZoneId, 
/**
 * The target zone's assets of importance 3, as positions in the project's asset list.
 */
targets: Array<number>, reachable: boolean, hops: number | null, 
/**
 * Each shortest path: zone positions, conduit positions, crossings.
 */
shortest: Array<StepsView>, simple_paths: number, complete: boolean, 
/**
 * As positions in the project's conduit list.
 */
unprotected_conduits: Array<number>, 
/**
 * As positions in the project's zone list.
 */
zones_crossed: Array<number>, };

/**
 * A ledger row as it will be applied.
 */

export type PlannedRow = { 
/**
 * Row in the ledger (1-based, as the spreadsheet shows it).
 */
row: number, 
/**
 * Add or update.
 */
action: Action, 
/**
 * The asset as it will be after the import.
 */
asset: ProtectedAsset, 
/**
 * The row has an error (it is applied only when error rows are skipped… i.e. never).
 */
has_error: boolean, };

/**
 * A point on the zone diagram (diagram units), saved with the object it places.
 */

export type Position = { 
/**
 * Left.
 */
x: number, 
/**
 * Top.
 */
y: number, };

/**
 * The preview of an import.
 */

export type Preview = { 
/**
 * File read.
 */
file: string, 
/**
 * Sheet read (empty for CSV).
 */
sheet: string, 
/**
 * Header row (1-based).
 */
header_row: number, 
/**
 * Columns.
 */
columns: Array<ColumnMapping>, 
/**
 * Rows to apply.
 */
rows: Array<PlannedRow>, 
/**
 * Problems, each located.
 */
problems: Array<[ProblemLevel, Problem]>, };

/**
 * One located problem; validation and imports return all of them, not the first.
 */

export type Problem = { 
/**
 * Stable machine code, e.g. `dangling_reference`.
 */
code: string, 
/**
 * Where it is.
 */
location: Location, 
/**
 * English description with the offending value.
 */
message: string, };

/**
 * Severity of an import problem.
 */

export type ProblemLevel = "error" | "warning";

/**
 * A whole factory security model (one project).
 */

export type Project = { 
/**
 * JSON format version ([`FORMAT_VERSION`]).
 */
format_version: number, 
/**
 * Id.
 */
id: ProjectId, 
/**
 * Who, what, when.
 */
meta: ProjectMeta, 
/**
 * Analysis settings.
 */
settings: ProjectSettings, 
/**
 * Step 1-1.
 */
requirements: Requirements, 
/**
 * Steps 1-2 / 1-3.
 */
businesses: Array<BusinessProcess>, 
/**
 * Steps 1-4 / 1-5.
 */
assets: Array<ProtectedAsset>, 
/**
 * Step 1-6 zones.
 */
zones: Array<Zone>, 
/**
 * Step 1-6 entry points.
 */
entry_points: Array<EntryPoint>, 
/**
 * Step 1-6 conduits.
 */
conduits: Array<Conduit>, 
/**
 * Step 1-7.
 */
threats: Array<ThreatScenario>, 
/**
 * Step 2-2.
 */
countermeasures: Array<Countermeasure>, 
/**
 * Step 3 OODA roles.
 */
ooda_roles: Array<OodaRole>, 
/**
 * Step 3 suppliers.
 */
suppliers: Array<Supplier>, 
/**
 * Step 3 supply-chain checklist answers.
 */
checklist_answers: Array<ChecklistAnswer>, 
/**
 * Business damages for the scenario-based method.
 */
damages: Array<BusinessDamage>, 
/**
 * Decisions on risk rows.
 */
risk_decisions: Array<RiskDecision>, 
/**
 * Customer answers read back from workbooks.
 */
customer_responses: Array<CustomerResponse>, 
/**
 * Recorded versions (改訂履歴), oldest first. Left out of the JSON while empty, so files
 * written before it existed stay byte for byte as they were.
 */
revisions?: Array<Revision>, 
/**
 * Completion-inspection results read back from workbooks (left out of the JSON while
 * empty, as `revisions`).
 */
inspection_results?: Array<InspectionResult>, 
/**
 * Vulnerability-inspection findings (脆弱性検査結果; left out of the JSON while empty).
 */
vulnerabilities?: Array<VulnerabilityFinding>, 
/**
 * Project-defined catalogue entries.
 */
custom: CustomCatalogue, };

/**
 * A project.
 */

export type ProjectId = string;

/**
 * Who, what, when.
 */

export type ProjectMeta = { 
/**
 * Project (案件) name.
 */
name: string, 
/**
 * Customer company.
 */
customer: string, 
/**
 * Factory / site.
 */
site: string, 
/**
 * System integrator.
 */
sier: string, 
/**
 * Assessor (評価者).
 */
assessor: string, 
/**
 * Scope: the system under consideration (SUC).
 */
scope: string, 
/**
 * Document version (版数).
 */
version: string, 
/**
 * Created on.
 */
created?: IsoDate, 
/**
 * Last updated on.
 */
updated?: IsoDate, 
/**
 * Language of the deliverables.
 */
language: Lang, };

/**
 * The window's project, and nothing else.
 */

export type ProjectRequest = { project: Project, };

/**
 * Project-wide analysis settings.
 */

export type ProjectSettings = { 
/**
 * Risk method id from the catalogue (`ipa-asset-v2`, `matrix-5x5`…).
 */
risk_method: string, 
/**
 * Highest risk value that is tolerable without treatment (e.g. `C`).
 */
tolerable_risk: string, 
/**
 * Let business-continuity measures lower impact (IPA: only vulnerability changes).
 */
impact_reduction: boolean, 
/**
 * Assessment horizon in months after the assessment date: a support-dependent threat
 * (T24) applies to an asset whose support ends before the horizon (P).
 */
support_horizon_months?: number, };

/**
 * A protected asset: equipment, data, or a system/service.
 */

export type ProtectedAsset = { 
/**
 * Id.
 */
id: AssetId, 
/**
 * Readable number, given once and kept ([`super::numbering`]); 0 = none yet.
 */
number?: number, 
/**
 * Name or tag (e.g. `PLC-L1-01`).
 */
name: string, 
/**
 * Asset type: a catalogue id from `asset_types` (e.g. `plc`, `historian`, `cloud_service`).
 */
asset_type: string, 
/**
 * Manufacturer.
 */
vendor: string, 
/**
 * Model / 型式.
 */
model: string, 
/**
 * Firmware or OS and version.
 */
firmware: string, 
/**
 * Network address(es): IPv4/IPv6, optionally with a prefix; several separated by `;`.
 */
address: string, 
/**
 * Physical location (building, room, panel).
 */
location: string, 
/**
 * Owning department or person.
 */
owner: string, 
/**
 * Installed on.
 */
install_date?: IsoDate | null, 
/**
 * Vendor support ends on (サポート終了日).
 */
support_end?: IsoDate | null, 
/**
 * The zone the asset belongs to (each asset is in exactly one zone).
 */
zone?: ZoneId | null, 
/**
 * Businesses the asset supports (importance derives from them).
 */
businesses: Array<BusinessId>, 
/**
 * A deliberate importance different from the derived one.
 */
importance_override?: ImportanceOverride | null, 
/**
 * A general-purpose, off-the-shelf product (汎用品).
 */
generic_product: boolean, 
/**
 * Delivered as part of this SI project (it appears in the 構成管理表).
 */
delivered: boolean, 
/**
 * Who supplied it.
 */
supplier?: SupplierId | null, 
/**
 * Industrial protocols it speaks (catalogue ids, e.g. `modbus_tcp`).
 */
protocols: Array<string>, 
/**
 * Installed software, licences, SBOM reference.
 */
software: string, 
/**
 * Free notes.
 */
notes: string, 
/**
 * The analyst's decisions that a catalogue threat does or does not apply to this asset,
 * each with its written reason (they win over the catalogue's rules).
 */
threat_applicability?: Array<ThreatApplicability>, 
/**
 * Place on the zone diagram, relative to its zone.
 */
position?: Position | null, };

/**
 * An industrial or IT protocol.
 */

export type Protocol = { 
/**
 * `modbus_tcp`…
 */
id: string, 
/**
 * Display name.
 */
name: string, 
/**
 * Default ports.
 */
ports: string, 
/**
 * An OT protocol (as opposed to IT).
 */
ot: boolean, 
/**
 * Answers the sessions it carries (false for one-way datagram pushes: syslog, an LPWA
 * uplink); a responding end can reach back only over a protocol that answers.
 */
responds: boolean, };

/**
 * Record a revision.
 */

export type RecordRevisionRequest = { project: Project, revision: RevisionRequest, };

/**
 * A crash-recovery copy of an open project: written a moment after every edit, removed
 * once that project is saved. Each window's project has its own copy, so that two windows
 * (or two projects) never overwrite each other's, and saving one clears only its own.
 */

export type Recovery = { 
/**
 * Which window and project the copy belongs to (its file name in the store).
 */
key: string, 
/**
 * The file the project belongs to, if it was saved before.
 */
path: string | null, 
/**
 * When the copy was written (seconds since the epoch).
 */
saved_at: number, 
/**
 * The project as the UI held it.
 */
project: Project, };

/**
 * The window's request to remove items: its document, named as for [`analyze`], and what
 * to remove. The answer is the changes that make the window's document the one without them
 * (and without what referred to them, [`edit::remove`]).
 */

export type RemoveRequest = { 
/**
 * The held document the changes apply to; absent: `project` is the whole document.
 */
base?: number, 
/**
 * The window's changes since `base`.
 */
changes?: Array<Change>, 
/**
 * The whole document.
 */
project?: Project, 
/**
 * The list the items are in.
 */
collection: Collection, 
/**
 * Their ids.
 */
ids: Array<string>, };

/**
 * One requirement.
 */

export type Requirement = { 
/**
 * Id.
 */
id: RequirementId, 
/**
 * Kind.
 */
kind: RequirementKind, 
/**
 * Short title.
 */
title: string, 
/**
 * What it demands of the factory system.
 */
detail: string, 
/**
 * Where it comes from (document, clause).
 */
source: string, 
/**
 * Who owns it.
 */
owner: string, 
/**
 * Current state (e.g. 対応済 / 検討中).
 */
status: string, 
/**
 * Date it was confirmed.
 */
confirmed?: IsoDate | null, };

/**
 * A step 1-1 requirement.
 */

export type RequirementId = string;

/**
 * The kind of a requirement (1-1 (1)–(3)).
 */

export type RequirementKind = "business_goal" | "law" | "standard" | "industry_guideline" | "customer_demand" | "internal";

/**
 * Everything recorded in step 1-1.
 */

export type Requirements = { 
/**
 * 経営目標: what the business wants from the factory.
 */
business_goals: string, 
/**
 * Purpose of smart-factory change (スマート化の目的).
 */
smart_factory_purpose: string, 
/**
 * Whether a BCP exists and what it covers.
 */
bcp: Bcp, 
/**
 * Laws, standards, guidelines, customer demands and internal rules.
 */
items: Array<Requirement>, 
/**
 * Internal and external stakeholders.
 */
stakeholders: Array<Stakeholder>, 
/**
 * How far an incident would spread (影響範囲): customers, partners, society.
 */
incident_impact: string, 
/**
 * Related departments and governance (関係部門・ガバナンス).
 */
governance: string, };

/**
 * One row whose answer changes.
 */

export type ResponseChange = { 
/**
 * Sheet.
 */
sheet: string, 
/**
 * Excel row (1-based).
 */
row: number, 
/**
 * Row id.
 */
row_id: string, 
/**
 * The answer recorded before, if any.
 */
before: CustomerResponse | null, 
/**
 * The answer in the workbook.
 */
after: CustomerResponse, };

/**
 * What a returned workbook holds.
 */

export type ResponseReport = { 
/**
 * Rows whose answer differs from the project's.
 */
changes: Array<ResponseChange>, 
/**
 * Rows left out, with where and why.
 */
problems: Array<Problem>, 
/**
 * Rows read whose answer is unchanged.
 */
unchanged: number, 
/**
 * Set when the workbook was made from another state of the model than the project's
 * current one: the customer answered about that state. Answers still apply by row id;
 * this is for the user to see, not a reason to refuse. (Workbooks written before the
 * baseline existed carry none and are not compared.)
 */
model_changed?: ModelChanged, 
/**
 * Completion-inspection results filled in on site that change (see
 * [`super::inspection`]); their problems are in `problems`, unchanged rows in `unchanged`.
 */
inspections: Array<InspectionChange>, 
/**
 * Threat decisions per asset the customer changed on 脅威の適用判断 (see
 * [`super::applicability`]); their problems are in `problems`.
 */
applicability: Array<ApplicabilityChange>, 
/**
 * Risk treatment decisions (リスク対応) the customer changed on the register (see
 * [`super::treatment`]); their problems are in `problems`.
 */
treatments: Array<TreatmentChange>, };

/**
 * Who is responsible (責任分界).
 */

export type Responsibility = "sier" | "customer" | "vendor" | "shared";

/**
 * One recorded version.
 */

export type Revision = { 
/**
 * Id.
 */
id: RevisionId, 
/**
 * Version label (版数), e.g. `1.2`.
 */
version: string, 
/**
 * Recorded on.
 */
date: IsoDate, 
/**
 * What changed (変更概要).
 */
summary: string, 
/**
 * Who recorded it (変更者).
 */
author: string, 
/**
 * The model's baseline hash at this version ([`crate::revision::baseline_hash`]).
 */
baseline: string, 
/**
 * Register rows at this version.
 */
risks: number, 
/**
 * Residual risks above the tolerable level at this version.
 */
above_tolerable: number, 
/**
 * The assessed model at this version, compressed ([`crate::revision::snapshot`]), in
 * base64 pieces that each stay under the text limit; what a later version is compared
 * with. Empty for versions recorded before snapshots were kept.
 */
snapshot?: Array<string>, };

/**
 * A recorded version of the assessment (改訂履歴).
 */

export type RevisionId = string;

/**
 * What the UI asks to record as a version.
 */

export type RevisionRequest = { 
/**
 * Version label (版数).
 */
version: string, 
/**
 * What changed.
 */
summary: string, 
/**
 * Who.
 */
author: string, };

/**
 * A register row whose figures change.
 */

export type RiskChange = { 
/**
 * Risk id.
 */
id: string, 
/**
 * Before; `None` when the row is new.
 */
before: RiskFigures | null, 
/**
 * After; `None` when the row disappears.
 */
after: RiskFigures | null, };

/**
 * A user decision on a risk row, keyed by the row's stable id (`T01@<asset>`), so that it
 * survives recomputation of the register.
 */

export type RiskDecision = { 
/**
 * Risk row id.
 */
risk_id: string, 
/**
 * Treatment.
 */
treatment?: Treatment | null, 
/**
 * Why.
 */
justification: string, 
/**
 * Risk owner.
 */
owner: string, 
/**
 * Decided on.
 */
date?: IsoDate | null, 
/**
 * Due date of the treatment (期限): when a reduction is to be in place.
 */
due?: IsoDate | null, 
/**
 * The countermeasures the decision relies on (e.g. the customer's measure that a
 * reduction needs).
 */
relies_on?: Array<MeasureId>, };

/**
 * The figures of a register row that a change can move.
 */

export type RiskFigures = { 
/**
 * Threat level used.
 */
threat: number, 
/**
 * Inherent risk value.
 */
inherent: string, 
/**
 * Planned risk value.
 */
planned: string, 
/**
 * Residual risk value.
 */
residual: string, };

/**
 * A risk method as the UI lists it: its id and its values, lowest first.
 */

export type RiskMethodView = { id: string, values: Array<string>, };

/**
 * A risk value: its name, its rank (0 = highest risk) and its cell.
 */

export type RiskValue = { 
/**
 * Value (`A`…`E`, or `VH`…`VL`).
 */
value: string, 
/**
 * Rank in the method's values, 0 = highest risk.
 */
rank: number, 
/**
 * The cell.
 */
cell: CellRef, };

/**
 * A register row as the UI table needs it: ids and figures; names are resolved in the UI
 * from the project and the catalogue it already holds. It borrows from the row, so that the
 * 49k rows of a large factory can be compared with the window's after each edit without
 * being copied.
 */

export type RiskView = { 
/**
 * Stable row id.
 */
id: string, 
/**
 * Threat id.
 */
threat: string, 
/**
 * Asset id.
 */
asset: AssetId, 
/**
 * Zone id.
 */
zone: ZoneId, 
/**
 * Asset importance (1..3).
 */
importance: number, 
/**
 * Threat level, inherent.
 */
threat_level: number, 
/**
 * Risk value: inherent, planned, residual.
 */
values: [string, string, string], 
/**
 * Rank (0 = highest risk): inherent, planned, residual.
 */
ranks: [number, number, number], 
/**
 * Countermeasure level: inherent, planned, residual.
 */
countermeasure: [number, number, number], 
/**
 * Counted measures: planned, residual.
 */
measures: [number, number], 
/**
 * Residual within tolerance.
 */
tolerable: boolean, 
/**
 * Responsible parties of the planned measures.
 */
parties: Array<Responsibility>, 
/**
 * Treatment decided, if any.
 */
treatment: Treatment | null, 
/**
 * A figure uses a reconstructed table cell.
 */
reconstructed: boolean, };

/**
 * All roll-ups.
 */

export type Rollups = { 
/**
 * Whole register.
 */
total: GroupCounts, 
/**
 * Per zone, in project order (zones without rows omitted).
 */
zones: Array<ZoneRollup>, 
/**
 * Per business, in project order.
 */
businesses: Array<BusinessRollup>, 
/**
 * Per party.
 */
parties: Array<PartyRollup>, 
/**
 * Heat maps for inherent, planned and residual risk.
 */
heatmaps: Array<HeatMap>, };

/**
 * A register row as the window is sent it: its [`RiskView`] as an array, without the row id
 * (always `threat@asset`) and with its asset and zone as positions in the project's lists,
 * so that the 49k rows of a large factory are about 5 MB instead of 18. The window makes it
 * a `RiskView` again (`ui/src/sync.ts`, `expandRow`) and keeps it with ids, so rows are
 * compared as views: a row kept stays right when positions move.
 */

export type RowTuple = [threat: string, asset: number, zone: number, importance: number, threat_level: number, values: [string, string, string], ranks: [number, number, number], countermeasure: [number, number, number], measures: [number, number], tolerable: boolean, parties: Array<Responsibility>, treatment: Treatment | null, reconstructed: boolean];

/**
 * Save the zone diagram as an image.
 */

export type SaveImageRequest = { kind: ImageKind, 
/**
 * The image's bytes.
 */
data: Array<number>, };

/**
 * Save the window's project.
 */

export type SaveProjectRequest = { project: Project, 
/**
 * The file it came from, if any.
 */
path: string | null, 
/**
 * Ask where to save even when it has a file.
 */
save_as: boolean, 
/**
 * Save over the file even if another program changed it since (the user's answer to
 * the `conflict` error).
 */
overwrite?: boolean, };

/**
 * Where a project was saved.
 */

export type Saved = { path: string, recent: Array<string>, };

/**
 * Supply-chain checklist phase.
 */

export type ScPhase = "procurement" | "contract" | "development" | "operation";

/**
 * Supply-chain checklist subject.
 */

export type ScSubject = "cloud" | "generic" | "software";

/**
 * How serious a finding is.
 */

export type Severity = "error" | "warning" | "info";

/**
 * One row of the matrix.
 */

export type SlGap = { 
/**
 * `zone` or `conduit`.
 */
kind: string, 
/**
 * Its id.
 */
id: string, 
/**
 * Its name.
 */
name: string, 
/**
 * SL-T (conduits may have none).
 */
target: SlVector | null, 
/**
 * Achieved level.
 */
achieved: SlVector, 
/**
 * Recorded or estimated.
 */
source: Achieved, 
/**
 * SL-T − achieved per FR (0 where met).
 */
gap: [number, number, number, number, number, number, number], };

/**
 * A security level vector over the seven foundational requirements FR1…FR7 (IEC 62443-3-3).
 *
 * Serialized as a single integer when all seven are equal (the usual shorthand), otherwise
 * as an array of seven integers 0..=4.
 */

export type SlVector = number | number[];

/**
 * How smart-factory change touches a business (別冊: re-check new/expanded businesses).
 */

export type SmartChange = "none" | "new" | "expanded";

/**
 * A cited source.
 */

export type Source = { 
/**
 * Key.
 */
id: string, 
/**
 * Japanese title.
 */
ja: string, 
/**
 * English title.
 */
en: string, };

/**
 * A stakeholder (社内外の関係者).
 */

export type Stakeholder = { 
/**
 * Id.
 */
id: StakeholderId, 
/**
 * Name of the person or organisation.
 */
name: string, 
/**
 * Inside the customer company?
 */
internal: boolean, 
/**
 * Department or company.
 */
organisation: string, 
/**
 * Role in the project.
 */
role: string, 
/**
 * Contact.
 */
contact: string, };

/**
 * A step 1-1 stakeholder.
 */

export type StakeholderId = string;

/**
 * Which countermeasures count.
 */

export type State = "inherent" | "planned" | "residual";

/**
 * One step and how complete it is.
 */

export type StepCompletion = { 
/**
 * Step id (`1-1` … `3`).
 */
step: string, 
/**
 * Share done, 0..=1.
 */
done: number, 
/**
 * The same in whole percent, rounded half up (as the app, `check` and the cover show it).
 */
percent: number, };

/**
 * One shortest path of a [`PathView`].
 */

export type StepsView = { 
/**
 * Zones entered, as positions in the project's zone list.
 */
z: Array<number>, 
/**
 * Conduits used, as positions in the project's conduit list.
 */
c: Array<number>, 
/**
 * How each conduit was crossed: `(channel + 1) << 4 | kind << 2 | reverse << 1 |
 * controlled`, with channel 0 for none and kind 0 initiate, 1 data, 2 response.
 */
v: Array<number>, };

/**
 * A supplier of equipment, software, cloud service or work.
 */

export type Supplier = { 
/**
 * Id.
 */
id: SupplierId, 
/**
 * Name.
 */
name: string, 
/**
 * Kind.
 */
kind: SupplierKind, 
/**
 * What it provides.
 */
provides: string, 
/**
 * Certifications (ISMS, IEC 62443-2-4 / 4-1 …).
 */
certifications: string, 
/**
 * When its security policy was confirmed.
 */
policy_confirmed?: IsoDate | null, 
/**
 * Agreed terms (confidentiality, vulnerability and incident notice, support period, SBOM).
 */
agreement: string, 
/**
 * Audit date and result.
 */
audit: string, 
/**
 * Contact.
 */
contact: string, 
/**
 * Who holds the contract with this supplier, so who the security agreement is between
 * (a subcontractor's is always the SIer); `None` until recorded.
 */
contract_holder?: ContractHolder | null, };

/**
 * A supplier (調達先).
 */

export type SupplierId = string;

/**
 * Kind of supplier.
 */

export type SupplierKind = "equipment" | "software" | "cloud" | "subcontractor";

/**
 * A threat (脅威).
 */

export type Threat = { 
/**
 * `T01`… (project threats: `X-…`).
 */
id: string, 
/**
 * Japanese.
 */
ja: string, 
/**
 * English.
 */
en: string, 
/**
 * Threat categories.
 */
categories: Array<string>, 
/**
 * Guideline countermeasure categories that answer it.
 */
measure_categories: Array<MeasureCategory>, 
/**
 * IPA attack techniques.
 */
techniques: Array<string>, 
/**
 * IEC 62443-3-3 FRs most concerned.
 */
fr: Array<string>, 
/**
 * How it arrives.
 */
vector: ThreatVector, 
/**
 * Entry kinds that must reach the zone for the threat to be credible (empty: none).
 */
requires_entry: Array<EntryKind>, 
/**
 * Asset classes it applies to (empty: all).
 */
applies_to: Array<AssetClass>, 
/**
 * Asset attributes it needs, all of them (e.g. removable-media ports for T13); an asset
 * has a trait when its type lists it ([`AssetType::traits`]) or, for wireless, when it
 * speaks a wireless protocol.
 */
asset_traits: Array<AssetTrait>, 
/**
 * It exploits the end of vendor support (T24, T27): whether it applies depends on the
 * asset's support end and the project's assessment horizon
 * ([`crate::risk::applicability`]).
 */
support_dependent: boolean, 
/**
 * Confidence of `applies_to`, `asset_traits` and `support_dependent` (the brief gives
 * none of them: P, the product's proposal).
 */
applicability_confidence: Confidence, 
/**
 * Base threat level before exposure.
 */
base_level: Level, 
/**
 * Countermeasures suggested for it (P: the product's mapping).
 */
suggested: Array<string>, 
/**
 * Source key.
 */
source: string, 
/**
 * Confidence.
 */
confidence: Confidence, };

/**
 * The analyst's decision that a threat does (or does not) apply to one asset, overriding the
 * catalogue's applicability rules.
 */

export type ThreatApplicability = { 
/**
 * Threat id (`T24`, `X-…`).
 */
threat: string, 
/**
 * Applies (true) or does not apply (false).
 */
applies: boolean, 
/**
 * Why (required; an empty reason is a validation finding).
 */
reason: string, };

/**
 * A threat category (脅威種別).
 */

export type ThreatCategory = { 
/**
 * `TC1`…
 */
id: string, 
/**
 * Japanese.
 */
ja: string, 
/**
 * English.
 */
en: string, 
/**
 * Source key.
 */
source: string, 
/**
 * Confidence.
 */
confidence: Confidence, };

/**
 * A threat considered for a zone (脅威シナリオ).
 */

export type ThreatScenario = { 
/**
 * Id.
 */
id: ZoneThreatId, 
/**
 * The zone.
 */
zone: ZoneId, 
/**
 * Threat id from the catalogue (`T01`…) or the project's own (`X-…`).
 */
threat: string, 
/**
 * Whether it applies (a reviewed non-applicable threat documents the decision).
 */
applicable: boolean, 
/**
 * Why it does or does not apply.
 */
reason: string, 
/**
 * How the threat reaches the zone (侵入経路).
 */
entry_path: string, 
/**
 * Analyst's threat level; when absent the engine derives one from the catalogue and
 * the zone's exposure.
 */
threat_level?: Level | null, 
/**
 * Impact on each criterion if the threat materialises.
 */
impacts: CriterionScores, 
/**
 * Impact catalogue ids (`I01`…).
 */
impact_ids: Array<string>, 
/**
 * Free notes.
 */
note: string, };

/**
 * How a threat arrives; used with the zone graph to derive the threat level.
 */

export type ThreatVector = "network" | "wireless" | "media" | "physical" | "insider" | "supply_chain" | "operational";

/**
 * Risk treatment (対応方針).
 */

export type Treatment = "reduce" | "accept" | "avoid" | "transfer";

/**
 * A treatment decision the returned workbook changes.
 */

export type TreatmentChange = { 
/**
 * Sheet.
 */
sheet: string, 
/**
 * Excel row (1-based).
 */
row: number, 
/**
 * Risk row id (`T01@<asset>`).
 */
row_id: string, 
/**
 * The decision recorded before, if any.
 */
before: RiskDecision | null, 
/**
 * The decision in the workbook.
 */
after: RiskDecision, };

/**
 * A tree's figures in one state.
 */

export type TreeAssessment = { 
/**
 * Strongest step.
 */
countermeasure: Level, 
/**
 * 4 − countermeasure.
 */
vulnerability: Level, 
/**
 * Risk value.
 */
risk: RiskValue, };

/**
 * One step: a zone entered through a conduit.
 */

export type TreeStep = { 
/**
 * Zone entered.
 */
zone: ZoneId, 
/**
 * Conduit used.
 */
via: ConduitId, 
/**
 * How the conduit was crossed (channel, initiated or response-only, boundary control).
 */
hop: Hop, 
/**
 * Countermeasure level in the inherent, planned and residual states.
 */
levels: [Level, Level, Level], };

/**
 * The answer: every section when `relative_to` is absent, otherwise only those that changed
 * since the analysis of that revision (an absent section is unchanged).
 */

export type Update = { revision: number, 
/**
 * The document held now, for the window's next changes.
 */
doc: number, relative_to: number | null, method: string, values: Array<string>, tolerable: string, risks?: Array<RowTuple>, risk_changes?: ListChanges<RowTuple>, attack_paths?: Array<PathView>, attack_path_changes?: ListChanges<PathView>, scenarios?: Array<AttackTree>, exclusions?: Array<ExclusionView>, rollups?: Rollups, sl_gaps?: Array<SlGap>, sl_gap_changes?: ListChanges<SlGap>, findings?: Array<Finding>, finding_changes?: ListChanges<Finding>, asset_importance?: { [key in AssetId]: number }, asset_importance_changes?: MapChanges<number>, business_importance?: { [key in BusinessId]: number }, business_importance_changes?: MapChanges<number>, zone_importance?: { [key in ZoneId]: number }, zone_importance_changes?: MapChanges<number>, 
/**
 * How complete each guided step is.
 */
completion?: Array<StepCompletion>, 
/**
 * Where the time went (ms): changes applied, analysis, answer built.
 */
timings_ms: [number, number, number], 
/**
 * The whole answer as well, for the window to check that what it merged is the same
 * (builds with debug assertions, when the request asks for a check).
 */
whole?: Update, };

/**
 * One finding.
 */

export type VulnerabilityFinding = { 
/**
 * Id.
 */
id: VulnerabilityId, 
/**
 * The asset it was found on, if one.
 */
asset?: AssetId | null, 
/**
 * The inspection's standard or tool (基準・ツール), e.g. `IEC 62443-4-2 / Nessus 10`.
 */
method: string, 
/**
 * Inspected on.
 */
inspected?: IsoDate | null, 
/**
 * The tool's finding id or the CVE (指摘ID / CVE).
 */
reference: string, 
/**
 * CVSS base score (0.0–10.0).
 */
cvss?: number | null, 
/**
 * What was found.
 */
title: string, 
/**
 * What was done (対応).
 */
action: string, 
/**
 * Status.
 */
status: FindingStatus, 
/**
 * Re-inspection result (再検査結果).
 */
retest: string, };

/**
 * A vulnerability-inspection finding (脆弱性検査の指摘).
 */

export type VulnerabilityId = string;

/**
 * The difference a change makes.
 */

export type WhatIf = { 
/**
 * Changed risks, in register order of the result.
 */
risks: Array<RiskChange>, 
/**
 * Changed attack paths.
 */
paths: Array<PathChange>, };

/**
 * One change to try, as the app sends it (`{"kind": "add_conduit", "conduit": {…}}`).
 */

export type WhatIfChange = { "kind": "add_conduit", 
/**
 * The conduit.
 */
conduit: Conduit, } | { "kind": "remove_conduit", 
/**
 * Its id.
 */
id: ConduitId, } | { "kind": "add_measure", 
/**
 * The countermeasure.
 */
measure: Countermeasure, } | { "kind": "remove_measure", 
/**
 * Its id.
 */
id: MeasureId, } | { "kind": "set_measure_status", 
/**
 * Its id.
 */
id: MeasureId, 
/**
 * The new status.
 */
status: MeasureStatus, } | { "kind": "replace_measure", 
/**
 * The edited countermeasure.
 */
measure: Countermeasure, };

/**
 * Try one change out.
 */

export type WhatIfRequest = { project: Project, change: WhatIfChange, };

/**
 * A zone (ゾーン): assets and businesses of equivalent content and importance that share
 * security requirements.
 */

export type Zone = { 
/**
 * Id.
 */
id: ZoneId, 
/**
 * Name.
 */
name: string, 
/**
 * Purpose.
 */
purpose: string, 
/**
 * Catalogue zone template it was made from (e.g. `Z-CTL`).
 */
template?: string | null, 
/**
 * Enclosing zone, for sub-zones.
 */
parent?: ZoneId | null, 
/**
 * Businesses linked explicitly (those of member assets are linked implicitly).
 */
businesses: Array<BusinessId>, 
/**
 * Target security level SL-T (ZCR 5.6).
 */
sl_t: SlVector, 
/**
 * Achieved security level SL-A, once assessed.
 */
sl_a?: SlVector | null, 
/**
 * Security requirements set for the zone (step 1-7, 別冊).
 */
security_requirements: string, 
/**
 * Step 2-1: the zone's security policy.
 */
policy: string, 
/**
 * What the policy is based on (importance, requirements).
 */
policy_basis: string, 
/**
 * Organisation accountable for the zone.
 */
accountable: string, 
/**
 * Physical area (building, floor, panel).
 */
physical_area: string, 
/**
 * Holds safety-related assets (ZCR 3.3).
 */
safety: boolean, 
/**
 * Outside the plant (cloud, another site, vendor).
 */
external: boolean, 
/**
 * Place on the zone diagram.
 */
position?: Position | null, };

/**
 * A zone (ゾーン).
 */

export type ZoneId = string;

/**
 * Per-zone roll-up.
 */

export type ZoneRollup = { 
/**
 * Zone.
 */
zone: ZoneId, 
/**
 * Rows in the group.
 */
rows: number, 
/**
 * Inherent counts per value.
 */
inherent: Array<number>, 
/**
 * Planned counts per value.
 */
planned: Array<number>, 
/**
 * Residual counts per value.
 */
residual: Array<number>, };

/**
 * A zone template.
 */

export type ZoneTemplate = { 
/**
 * `Z-CTL`…
 */
id: string, 
/**
 * Japanese.
 */
ja: string, 
/**
 * English.
 */
en: string, 
/**
 * Typical asset types.
 */
typical: Array<string>, 
/**
 * Default importance.
 */
importance: Level, 
/**
 * Default SL-T.
 */
sl_t: number, };

/**
 * A threat scenario recorded for a zone (step 1-7).
 */

export type ZoneThreatId = string;

/** The commands the window may call: what each takes as its `request` and what it answers (src-tauri/src/commands.rs). */
export interface Commands {
  app_info: { request: null; answer: AppInfo };
  new_project: { request: NewProjectRequest; answer: Opened };
  open_project: { request: null; answer: Opened | null };
  open_recent: { request: string; answer: Opened };
  save_project: { request: SaveProjectRequest; answer: Saved | null };
  analyze: { request: AnalyzeRequest; answer: Update };
  remove_items: { request: RemoveRequest; answer: Array<Change> };
  explain: { request: ExplainRequest; answer: Explanation | null };
  what_if: { request: WhatIfRequest; answer: WhatIf };
  record_revision: { request: RecordRevisionRequest; answer: Project };
  compare_revision: { request: CompareRevisionRequest; answer: Comparison };
  baseline: { request: ProjectRequest; answer: Baseline };
  export_workbook: { request: ExportRequest; answer: ExportReport | null };
  pick_ledger: { request: null; answer: string | null };
  ledger_preview: { request: LedgerPreviewRequest; answer: Preview };
  ledger_apply: { request: LedgerApplyRequest; answer: Imported };
  paste_preview: { request: PastePreviewRequest; answer: Preview };
  paste_apply: { request: PasteApplyRequest; answer: Imported };
  pick_responses: { request: null; answer: string | null };
  responses_preview: { request: ProjectRequest; answer: ResponseReport };
  responses_apply: { request: ProjectRequest; answer: Imported };
  autosave: { request: AutosaveRequest; answer: null };
  recovery_clear: { request: string; answer: null };
  save_image: { request: SaveImageRequest; answer: string | null };
  set_title: { request: string; answer: null };
}

/** The guided steps of the guideline, in order (otzone_models::steps::STEPS). */
export const STEPS = ["1-1","1-2","1-3","1-4","1-5","1-6","1-7","2-1","2-2","3"] as const;
export type StepId = (typeof STEPS)[number];

/** Every Criterion, in the Rust enum's order. */
export const CRITERIA: Criterion[] = ["safety","environment","quality","delivery","cost","information"];

/** Every RequirementKind, in the Rust enum's order. */
export const REQUIREMENT_KINDS: RequirementKind[] = ["business_goal","law","standard","industry_guideline","customer_demand","internal"];

/** Every SmartChange, in the Rust enum's order. */
export const SMART_CHANGES: SmartChange[] = ["none","new","expanded"];

/** Every Responsibility, in the Rust enum's order. */
export const RESPONSIBILITIES: Responsibility[] = ["sier","customer","vendor","shared"];

/** Every MeasureStatus, in the Rust enum's order. */
export const MEASURE_STATUSES: MeasureStatus[] = ["proposed","agreed","implemented","rejected"];

/** Every FindingStatus, in the Rust enum's order. */
export const FINDING_STATUSES: FindingStatus[] = ["open","fixed","mitigated","accepted"];

/** Every Treatment, in the Rust enum's order. */
export const TREATMENTS: Treatment[] = ["reduce","accept","avoid","transfer"];

/** Every OodaPhase, in the Rust enum's order. */
export const OODA_PHASES: OodaPhase[] = ["preventive","incident"];

/** Every OodaStep, in the Rust enum's order. */
export const OODA_STEPS: OodaStep[] = ["observe","orient","decide","act"];

/** Every SupplierKind, in the Rust enum's order. */
export const SUPPLIER_KINDS: SupplierKind[] = ["equipment","software","cloud","subcontractor"];

/** Every ContractHolder, in the Rust enum's order. */
export const CONTRACT_HOLDERS: ContractHolder[] = ["sier","customer"];

/** Every ChecklistAnswerValue, in the Rust enum's order. */
export const CHECKLIST_ANSWERS: ChecklistAnswerValue[] = ["done","partial","not_done","not_applicable"];

/** Every Direction, in the Rust enum's order. */
export const DIRECTIONS: Direction[] = ["forward","reverse","both"];

/** Every Initiator, in the Rust enum's order. */
export const INITIATORS: Initiator[] = ["from","to","either"];

/** Every BoundaryKind, in the Rust enum's order. */
export const BOUNDARY_KINDS: BoundaryKind[] = ["firewall","industrial_firewall","data_diode","vpn_gateway","jump_host","proxy","router_acl","nac","ids"];
