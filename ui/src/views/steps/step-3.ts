// Step 3: OODA roles, suppliers and the supply-chain checklist, as tables.
import { CHECKLIST_ANSWERS, CONTRACT_HOLDERS, OODA_PHASES, OODA_STEPS, RESPONSIBILITIES, SUPPLIER_KINDS } from "../../generated/wire";
import { catalogue, doc } from "../../app";
import { t } from "../../i18n";
import { addItem, newChecklistAnswer, newOodaRole, newSupplier } from "../../model";
import { catChoices, itemChoices, enumChoices, listColumn, text, type Spec, collectionSpec } from "../columns";

/** The tables of step 3. */
export function specs(): Spec[] {
  const parties = () => enumChoices("responsibility", RESPONSIBILITIES);
  return [
    collectionSpec(
      "ooda",
      "ooda_roles",
      t("xl.sheet.ooda"),
      () => [
        listColumn(t("xl.col.phase"), "phase", () => enumChoices("xl.ooda", OODA_PHASES), false, false),
        listColumn(t("xl.col.ooda_step"), "step", () => enumChoices("xl.ooda", OODA_STEPS), false, false),
        text(t("xl.col.department"), "department"),
        text(t("xl.col.decider"), "decision_maker"),
        text(t("xl.col.actions"), "actions", 280, true),
        listColumn(t("xl.col.party"), "party", parties),
        text(t("xl.col.person"), "person"),
      ],
      () => addItem(doc(), "ooda_roles", newOodaRole()),
    ),
    collectionSpec(
      "suppliers",
      "suppliers",
      t("xl.sheet.suppliers"),
      () => [
        text(t("xl.col.supplier"), "name", 200, false, "required"),
        listColumn(t("xl.col.kind"), "kind", () => enumChoices("xl.supplier", SUPPLIER_KINDS), false, false),
        text(t("xl.col.provides"), "provides", 200),
        // Who the security agreement is between (a subcontractor's is always the SIer's).
        listColumn(t("xl.col.contract_holder"), "contract_holder", () => enumChoices("xl.contract_holder", CONTRACT_HOLDERS)),
        text(t("xl.col.certifications"), "certifications"),
        // ②構築 サプライチェーン管理: the subcontractor's policy confirmed (when) and the
        // security conditions agreed as contract terms.
        text(t("xl.col.policy_confirmed"), "policy_confirmed", 110, false, "date"),
        text(t("xl.col.agreement_terms"), "agreement", 260, true),
        text(t("xl.col.check_result"), "audit", 200),
      ],
      () => addItem(doc(), "suppliers", newSupplier(t("ui.new_supplier"))),
    ),
    collectionSpec(
      "checklist",
      "checklist_answers",
      t("xl.sheet.checklists"),
      () => [
        listColumn(t("xl.col.item"), "item", () => catChoices("checklist"), false, false),
        listColumn(t("xl.col.supplier"), "supplier", () => itemChoices(doc().suppliers as Array<{ id: string; name?: unknown }>)),
        listColumn(t("xl.col.answer"), "answer", () => enumChoices("xl.answer", CHECKLIST_ANSWERS), false, false),
        text(t("xl.col.evidence"), "evidence", 220),
        text(t("xl.col.notes"), "note", 200),
      ],
      () => addItem(doc(), "checklist_answers", { ...newChecklistAnswer(String(catalogue().checklist[0]?.id ?? "")), answer: "not_done" }),
    ),
  ];
}
