"""Helpers for authoring the sample factories as OT Zone Studio project JSON.

Ids are UUID v5 derived from the sample name and a short key, so regenerating a sample
never changes its ids (diffs stay small, risk decisions stay attached).
"""
import json
import uuid

NS = uuid.UUID("6f1c9a52-0d7e-4c43-9b1e-3a0f5c2d8e11")


class Sample:
    def __init__(self, key):
        self.key = key
        self.p = {
            "format_version": 1,
            "id": self.uid("project", key),
            "meta": {},
            "settings": {"risk_method": "ipa-asset-v2", "tolerable_risk": "C", "impact_reduction": False},
            "requirements": {"items": [], "stakeholders": []},
            "businesses": [], "assets": [], "zones": [], "entry_points": [], "conduits": [],
            "threats": [], "countermeasures": [], "ooda_roles": [], "suppliers": [],
            "checklist_answers": [], "damages": [], "risk_decisions": [],
            "customer_responses": [], "custom": {"threats": [], "measures": []},
        }

    def uid(self, kind, key):
        return str(uuid.uuid5(NS, f"{self.key}/{kind}/{key}"))

    # step 1-1
    def requirement(self, key, kind, title, detail, source="", owner="", status=""):
        self.p["requirements"]["items"].append(dict(
            id=self.uid("req", key), kind=kind, title=title, detail=detail, source=source,
            owner=owner, status=status))

    def stakeholder(self, key, name, internal, organisation, role, contact=""):
        self.p["requirements"]["stakeholders"].append(dict(
            id=self.uid("sh", key), name=name, internal=internal, organisation=organisation,
            role=role, contact=contact))

    # steps 1-2/1-3
    def business(self, key, name, department, description, scores, rationale,
                 purpose="", smart_change="none", data=""):
        self.p["businesses"].append(dict(
            id=self.uid("biz", key), name=name, description=description, department=department,
            purpose=purpose, smart_change=smart_change, data_handled=data, scores=scores,
            rationale=rationale))

    # step 1-6
    def zone(self, key, name, purpose, template, sl_t, policy, requirements, basis="",
             accountable="", area="", safety=False, external=False, parent=None, sl_a=None,
             businesses=(), pos=None):
        z = dict(id=self.uid("zone", key), name=name, purpose=purpose, template=template,
                 businesses=[self.uid("biz", b) for b in businesses], sl_t=sl_t,
                 security_requirements=requirements, policy=policy, policy_basis=basis,
                 accountable=accountable, physical_area=area, safety=safety, external=external)
        if parent:
            z["parent"] = self.uid("zone", parent)
        if sl_a is not None:
            z["sl_a"] = sl_a
        if pos:
            z["position"] = {"x": pos[0], "y": pos[1]}
        self.p["zones"].append(z)

    def entry(self, key, name, kind, description, pos=None):
        e = dict(id=self.uid("entry", key), name=name, kind=kind, description=description)
        if pos:
            e["position"] = {"x": pos[0], "y": pos[1]}
        self.p["entry_points"].append(e)

    # steps 1-4/1-5
    def asset(self, key, name, asset_type, zone, businesses, vendor="", model="", firmware="",
              address="", location="", owner="", **extra):
        a = dict(id=self.uid("asset", key), name=name, asset_type=asset_type, vendor=vendor,
                 model=model, firmware=firmware, address=address, location=location, owner=owner,
                 zone=self.uid("zone", zone), businesses=[self.uid("biz", b) for b in businesses])
        if extra.get("supplier"):
            extra["supplier"] = self.uid("supplier", extra["supplier"])
        else:
            extra.pop("supplier", None)
        if "override" in extra:
            level, reason = extra.pop("override")
            a["importance_override"] = {"level": level, "reason": reason}
        a.update(extra)
        self.p["assets"].append(a)

    def end(self, ref):
        kind, key = ref.split(":", 1)
        return {"zone": self.uid("zone", key)} if kind == "zone" else {"entry": self.uid("entry", key)}

    def conduit(self, key, name, frm, to, channels, boundary=(), sl_t=None, owner="", **flags):
        c = dict(id=self.uid("conduit", key), name=name, **{"from": self.end(frm)}, to=self.end(to),
                 channels=[dict(protocol=ch[0], port=ch[1], direction=ch[2], initiator=ch[3],
                                purpose=ch[4], encrypted=ch[5], authenticated=ch[6])
                           for ch in channels],
                 boundary=[dict(kind=b[0], **({"device": self.uid("asset", b[1])} if b[1] else {}),
                                note=b[2] if len(b) > 2 else "") for b in boundary],
                 owner=owner)
        if sl_t is not None:
            c["sl_t"] = sl_t
        c.update(flags)
        self.p["conduits"].append(c)

    # step 1-7
    def threat(self, zone, threat, impacts, entry_path="", impact_ids=(), reason="", level=None,
               applicable=True, note=""):
        t = dict(id=self.uid("threat", f"{zone}/{threat}"), zone=self.uid("zone", zone),
                 threat=threat, applicable=applicable, reason=reason, entry_path=entry_path,
                 impacts=impacts, impact_ids=list(impact_ids), note=note)
        if level:
            t["threat_level"] = level
        self.p["threats"].append(t)

    # step 2-2
    def measure(self, key, measure, detail, threats, responsibility, status, zones=(), conduits=(),
                assets=(), operator=None, paid=None, due=None, evidence="", shared_with=()):
        m = dict(id=self.uid("measure", key), measure=measure, detail=detail, threats=list(threats),
                 scope=dict(zones=[self.uid("zone", z) for z in zones],
                            conduits=[self.uid("conduit", c) for c in conduits],
                            assets=[self.uid("asset", a) for a in assets]),
                 status=status, evidence=evidence, notes="")
        if responsibility:
            m["responsibility"] = responsibility
        if shared_with:
            m["shared_with"] = list(shared_with)
        if operator:
            m["operator"] = operator
        if paid is not None:
            m["paid"] = paid
        if due:
            m["due"] = due
        self.p["countermeasures"].append(m)

    # step 3
    def ooda(self, template, phase, step, department, decision_maker, actions, party, person,
             contact=""):
        self.p["ooda_roles"].append(dict(
            id=self.uid("ooda", template), template=template, phase=phase, step=step,
            department=department, decision_maker=decision_maker, actions=actions, party=party,
            person=person, contact=contact))

    def supplier(self, key, name, kind, provides, certifications="", policy_confirmed=None,
                 agreement="", audit="", contact="", contract_holder=None):
        s = dict(id=self.uid("supplier", key), name=name, kind=kind, provides=provides,
                 certifications=certifications, agreement=agreement, audit=audit, contact=contact)
        if policy_confirmed:
            s["policy_confirmed"] = policy_confirmed
        if contract_holder:
            s["contract_holder"] = contract_holder
        self.p["suppliers"].append(s)

    def answer(self, item, supplier=None, asset=None, answer=None, evidence="", note=""):
        a = dict(id=self.uid("answer", f"{item}/{supplier}/{asset}"), item=item,
                 evidence=evidence, note=note)
        if supplier:
            a["supplier"] = self.uid("supplier", supplier)
        if asset:
            a["asset"] = self.uid("asset", asset)
        if answer:
            a["answer"] = answer
        self.p["checklist_answers"].append(a)

    def decide(self, threat, assets, treatment, justification, owner, date, due=None,
               relies_on=()):
        """One treatment decision (リスク対応) per register row `threat@asset`."""
        for a in assets:
            d = dict(risk_id=f"{threat}@{self.uid('asset', a)}", treatment=treatment,
                     justification=justification, owner=owner, date=date)
            if due:
                d["due"] = due
            if relies_on:
                d["relies_on"] = [self.uid("measure", m) for m in relies_on]
            self.p["risk_decisions"].append(d)

    def revision(self, version, date, summary, author):
        """A recorded version; its baseline and figures are stamped by `otzone record`."""
        self.p.setdefault("pending_revisions", []).append(
            dict(version=version, date=date, summary=summary, author=author))

    def damage(self, key, name, level, target, final_attack, criteria):
        self.p["damages"].append(dict(
            id=self.uid("damage", key), name=name, level=level, target=self.uid("asset", target),
            final_attack=final_attack, pruned=[], criteria=criteria))

    def write(self, path):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.p, f, ensure_ascii=False, indent=2)
            f.write("\n")
