// End-to-end: drives the real built app (Tauri + WebKitGTK) through tauri-driver and
// WebKitWebDriver under Xvfb. Native file dialogs are answered by the debug build's dialog
// script (OTZONE_STUDIO_DIALOG_SCRIPT), because WebDriver cannot reach GTK dialogs.
//
// Run: tests/e2e/run.sh (builds the UI and the app, starts Xvfb and tauri-driver).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  mkdirSync,
  writeFileSync,
  existsSync,
  statSync,
  rmSync,
  readFileSync,
  readdirSync,
} from "node:fs";
import { join } from "node:path";
import { screenshot } from "./screenshot.mjs";

import { shots, startApp } from "./session.mjs";

const work = process.env.E2E_DIR ?? "/tmp/otzone-e2e";
const script = join(work, "dialogs.txt");
let browser;

function answerDialogs(...paths) {
  writeFileSync(script, paths.join("\n"));
}
async function shot(name) {
  await browser.pause(400);
  await screenshot(browser, join(shots, `${name}.png`));
}
const state = () =>
  browser.execute(() => {
    const s = window.__otzone.state;
    const d = s.history?.doc;
    return {
      revision: s.history?.revision ?? -1,
      analysed: s.analysis?.revision ?? -2,
      assets: d?.assets.length ?? 0,
      conduits: d?.conduits.length ?? 0,
      dirty: s.history?.isDirty ?? false,
      path: s.path,
    };
  });
async function analysed() {
  await browser
    .waitUntil(
      async () => {
        const s = await state();
        return s.revision === s.analysed;
      },
      { timeout: 20000, timeoutMsg: "analysis did not catch up" },
    )
    .catch(async (e) => {
      // Say why: the analysis's own error, if it has one.
      const why = await browser.execute(
        () => window.__otzone.state.analysisError,
      );
      throw new Error(`${e.message}: ${why ?? "no analysis error"}`);
    });
}
const summary = () =>
  browser.execute(() => {
    const a = window.__otzone.state.analysis;
    return {
      risks: a.risks.map((r) => `${r.id}=${r.values.join("/")}`).join(","),
      paths: a.attack_paths
        .map((p) => `${p.entry}>${p.target_zone}:${p.hops}:${p.simple_paths}`)
        .join(","),
    };
  });

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  mkdirSync(shots, { recursive: true });
  answerDialogs();
  browser = await startApp();
});

after(async () => {
  await browser?.deleteSession();
});

test("a user models a factory, exports the workbook, saves and reopens", async () => {
  // Start screen → open the bundled sample.
  await (
    await browser.$("#btn-sample-food-plant")
  ).waitForClickable({ timeout: 30000 });
  await shot("01-start");
  await (await browser.$("#btn-sample-food-plant")).click();
  await analysed();
  assert.match(await browser.getTitle(), /さくら食品/);

  // Walk the steps.
  for (const step of [
    "1-1",
    "1-2",
    "1-3",
    "1-4",
    "1-5",
    "1-7",
    "2-1",
    "2-2",
    "3",
  ]) {
    await (await browser.$(`#step-${step}`)).click();
    const h1 = await browser.$("h1");
    await h1.waitForExist();
    assert.ok((await h1.getText()).startsWith(step), `heading of ${step}`);
    if (["1-1", "1-4", "2-2", "3"].includes(step))
      await shot(`02-step-${step}`);
    if (step === "2-2")
      await (
        await browser.$("#table-vulnerabilities")
      ).waitForExist({ timeout: 10000 });
    if (step === "1-7") {
      const damages = await browser.execute(
        () => window.__otzone.state.history.doc.damages.length,
      );
      await (
        await browser.$("#table-damages .tabulator-row")
      ).waitForExist({ timeout: 10000 });
      assert.equal(
        await browser.execute(
          () =>
            document.querySelectorAll("#table-damages .tabulator-row").length,
        ),
        damages,
        "one row per business damage",
      );
    }
  }

  // Step 1-1: record the sample's state as version 1.1 (改訂履歴), after its agreed 1.0.
  await (await browser.$("#step-1-1")).click();
  const baselineStatus = () =>
    browser.$("#baseline-status").then((e) => e.getText());
  await browser.waitUntil(
    async () =>
      (await baselineStatus()).includes("版 1.0 の記録後に変更があります"),
    { timeout: 10000, timeoutMsg: "no baseline status" },
  );
  assert.equal(
    await (await browser.$("#rev-version")).getValue(),
    "1.1",
    "the next version after the sample's 1.0",
  );
  await (await browser.$("#rev-summary")).setValue("顧客レビュー前の初版");
  await (await browser.$("#btn-record-revision")).click();
  await browser.waitUntil(
    async () =>
      browser.execute(
        () => (window.__otzone.state.history.doc.revisions ?? []).length === 2,
      ),
    { timeout: 10000, timeoutMsg: "the version was not recorded" },
  );
  const recorded = await browser.execute(() => ({
    meta: window.__otzone.state.history.doc.meta.version,
    r: window.__otzone.state.history.doc.revisions[1],
  }));
  assert.equal(recorded.meta, "1.1");
  assert.equal(recorded.r.summary, "顧客レビュー前の初版");
  assert.match(recorded.r.baseline, /^[0-9a-f]{16}$/);
  await analysed();
  assert.ok(
    recorded.r.risks > 0 && recorded.r.above_tolerable <= recorded.r.risks,
  );
  await browser.waitUntil(
    async () => (await baselineStatus()).includes("版 1.1 として記録済み"),
    {
      timeout: 10000,
      timeoutMsg: "the status does not show the recorded version",
    },
  );
  assert.equal(
    await browser.execute(
      () => document.querySelectorAll("#revisions tbody tr").length,
    ),
    2,
  );
  await shot("02-step-1-1-revision");

  // Zone diagram: add an asset, move it into a zone, draw a conduit.
  await (await browser.$("#step-1-6")).click();
  await (await browser.$("#diagram canvas")).waitForExist({ timeout: 10000 });
  await analysed();
  const before = await state();
  const before1 = await summary();
  await (await browser.$("#btn-add-asset")).click();
  await (await browser.$("#panel-zone")).waitForExist();
  assert.equal((await state()).assets, before.assets + 1);
  const ids = await browser.execute(() => {
    const d = window.__otzone.state.history.doc;
    const zone = d.zones.find((z) => z.name.includes("制御")) ?? d.zones[0];
    const entry =
      d.entry_points.find((e) => e.kind === "internet") ?? d.entry_points[0];
    return {
      zone: zone.id,
      zoneName: zone.name,
      entry: entry.id,
      asset: d.assets.at(-1).id,
    };
  });
  const canvasBox = await browser.execute(() => {
    const r = document.querySelector("#diagram").getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
  const point = (id, top) =>
    browser.execute(
      (nid, atTop) => {
        const n = window.__otzoneCy.getElementById(nid);
        const b = n.renderedBoundingBox({ includeLabels: false });
        return atTop
          ? { x: b.x1 + 5, y: (b.y1 + b.y2) / 2 }
          : n.renderedPosition();
      },
      id,
      top,
    );
  const clickAt = async (p) => {
    await browser.performActions([
      {
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [
          {
            type: "pointerMove",
            duration: 0,
            x: Math.round(canvasBox.x + p.x),
            y: Math.round(canvasBox.y + p.y),
            origin: "viewport",
          },
          { type: "pointerDown", button: 0 },
          { type: "pointerUp", button: 0 },
        ],
      },
    ]);
    await browser.releaseActions();
    await browser.pause(250);
  };
  const drag = async (a, b) => {
    const at = (p) => ({
      x: Math.round(canvasBox.x + p.x),
      y: Math.round(canvasBox.y + p.y),
      origin: "viewport",
    });
    const steps = Array.from({ length: 8 }, (_, i) => ({
      type: "pointerMove",
      duration: 30,
      ...at({
        x: a.x + ((b.x - a.x) * (i + 1)) / 8,
        y: a.y + ((b.y - a.y) * (i + 1)) / 8,
      }),
    }));
    await browser.performActions([
      {
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [
          { type: "pointerMove", duration: 0, ...at(a) },
          { type: "pointerDown", button: 0 },
          ...steps,
          { type: "pointerUp", button: 0 },
        ],
      },
    ]);
    await browser.releaseActions();
    await browser.pause(250);
  };
  // Drag the new asset into the zone with the mouse, as a user would.
  const from = await point(`a:${ids.asset}`, false);
  const to = await browser.execute((zid) => {
    const b = window.__otzoneCy
      .getElementById(zid)
      .renderedBoundingBox({ includeLabels: false });
    return { x: (b.x1 + b.x2) / 2, y: b.y2 - 12 };
  }, `z:${ids.zone}`);
  await drag(from, to);
  await browser.waitUntil(
    async () =>
      browser.execute(
        (a, z) =>
          window.__otzone.state.history.doc.assets.find((x) => x.id === a)
            ?.zone === z,
        ids.asset,
        ids.zone,
      ),
    {
      timeout: 10000,
      timeoutMsg: "the dragged asset did not land in the zone",
    },
  );
  await analysed();
  await shot("03-diagram-asset-moved");

  // Draw a conduit with real clicks on the canvas: entry point, then the zone's label.
  await (await browser.$("#btn-connect")).click();
  await clickAt(await point(`e:${ids.entry}`, false));
  const source = await browser.execute(() =>
    window.__otzoneCy.nodes(".connect-source").map((n) => n.id()),
  );
  assert.deepEqual(
    source,
    [`e:${ids.entry}`],
    "the entry point is the conduit's source",
  );
  await clickAt(await point(`z:${ids.zone}`, true));
  await browser.waitUntil(
    async () => (await state()).conduits === before.conduits + 1,
    { timeout: 10000, timeoutMsg: "conduit was not drawn" },
  );
  await analysed();
  const after1 = await summary();
  assert.notEqual(
    after1.paths,
    before1.paths,
    "attack paths change with a new conduit from the Internet",
  );
  assert.notEqual(
    after1.risks,
    before1.risks,
    "the register changes with a new conduit",
  );
  await shot("04-diagram-conduit");

  // Document the new conduit in its panel: one channel (protocol, port, direction) and a
  // firewall; the finding "conduit without protocol" for it goes away.
  const conduitId = await browser.execute(
    () => window.__otzone.state.history.doc.conduits.at(-1).id,
  );
  const conduit = () =>
    browser.execute(
      (id) =>
        window.__otzone.state.history.doc.conduits.find((c) => c.id === id),
      conduitId,
    );
  const protocolFinding = () =>
    browser.execute(
      (id) =>
        (window.__otzone.state.analysis?.findings ?? []).some(
          (f) => f.rule === "conduit_without_protocol" && f.item.id === id,
        ),
      conduitId,
    );
  assert.equal(
    await protocolFinding(),
    true,
    "a new conduit has no channel yet",
  );
  const undocumented = (await state()).revision;
  await (await browser.$("#panel-add-channel")).click();
  await browser.waitUntil(
    async () => ((await conduit()).channels ?? []).length === 1,
    { timeout: 10000, timeoutMsg: "the channel was not added" },
  );
  await (await browser.$("#panel-ch-0-protocol")).setValue("https");
  await browser.keys("Tab");
  await browser.waitUntil(
    async () => (await conduit()).channels[0].protocol === "https",
    { timeout: 10000, timeoutMsg: "the protocol was not set" },
  );
  assert.equal(
    (await conduit()).channels[0].port,
    "443",
    "a catalogue protocol brings its usual port",
  );
  await (await browser.$("#panel-ch-0-port")).setValue("8443");
  await browser.keys("Tab");
  await browser.waitUntil(
    async () => (await conduit()).channels[0].port === "8443",
    { timeout: 10000, timeoutMsg: "the port was not set" },
  );
  await (
    await browser.$("#panel-ch-0-direction")
  ).selectByAttribute("value", "both");
  await browser.waitUntil(
    async () => (await conduit()).channels[0].direction === "both",
    { timeout: 10000, timeoutMsg: "the direction was not set" },
  );
  await (
    await browser.$('#panel-boundary input[data-kind="firewall"]')
  ).click();
  await browser.waitUntil(
    async () =>
      ((await conduit()).boundary ?? []).map((b) => b.kind).join() ===
      "firewall",
    { timeout: 10000, timeoutMsg: "the firewall was not set" },
  );
  await analysed();
  assert.equal(
    await protocolFinding(),
    false,
    "the documented conduit has no protocol finding",
  );
  assert.deepEqual((await conduit()).channels, [
    {
      protocol: "https",
      port: "8443",
      direction: "both",
      initiator: "from",
      purpose: "",
      encrypted: false,
      authenticated: false,
    },
  ]);
  await shot("04b-conduit-channel");
  // Take the documentation back again, one undo per edit it made (WebDriver's setValue clears
  // a filled field first, an edit of its own), so the rest of the test sees the conduit as drawn.
  const edits = (await state()).revision - undocumented;
  assert.ok(edits >= 5, `edits: ${edits}`);
  for (let i = 0; i < edits; i++) {
    const r = (await state()).revision;
    await (await browser.$("#btn-undo")).click();
    await browser.waitUntil(async () => (await state()).revision !== r, {
      timeout: 10000,
      timeoutMsg: `undo ${i + 1} of ${edits} did nothing`,
    });
    await analysed();
  }
  await browser.waitUntil(
    async () =>
      ((await conduit()).channels ?? []).length === 0 &&
      ((await conduit()).boundary ?? []).length === 0,
    { timeout: 10000, timeoutMsg: "undo did not take the channel back" },
  );
  await analysed();

  // Risk views.
  await (await browser.$("#step-risk")).click();
  await (
    await browser.$("#register .slick-row")
  ).waitForExist({ timeout: 10000 });
  await (await browser.$("#register .slick-row")).click();
  await browser.waitUntil(
    async () => (await (await browser.$("#explain")).getText()).length > 40,
    { timeout: 10000 },
  );
  const pathRows = await browser.execute(
    () => document.querySelectorAll("#paths tbody tr").length,
  );
  assert.ok(pathRows > 0, `attack path rows: ${pathRows}`);
  await shot("05-risk");
  // Step 1-7, per asset, from the register's side panel: "does not apply" with a reason takes
  // the row out of the register and lists it below with the reason; taking it back restores it.
  const target = await browser.execute(() => {
    const sec = document.querySelector("#explain section.applicability");
    return { asset: sec.dataset.asset, threat: sec.dataset.threat };
  });
  const rowId = `${target.threat}@${target.asset}`;
  assert.ok(
    await browser.execute(
      (id) => window.__otzone.state.analysis.risks.some((r) => r.id === id),
      rowId,
    ),
    "the picked row is in the register",
  );
  await (
    await browser.$("#applicability-choice")
  ).selectByAttribute("value", "excluded");
  await (await browser.$("#applicability-save")).click();
  assert.ok(
    await browser.execute(
      (id) => window.__otzone.state.analysis.risks.some((r) => r.id === id),
      rowId,
    ),
    "no reason, no decision",
  );
  await (
    await browser.$("#applicability-reason")
  ).setValue("e2e: 閉域網で当該の経路なし");
  await (await browser.$("#applicability-save")).click();
  await browser.waitUntil(
    async () =>
      browser.execute(
        (id) =>
          !window.__otzone.state.analysis.risks.some((r) => r.id === id) &&
          window.__otzone.state.analysis.exclusions.some(
            (x) => x.id === id && x.analyst,
          ),
        rowId,
      ),
    { timeout: 15000, timeoutMsg: "the decision did not take the row out" },
  );
  await browser.waitUntil(
    async () =>
      browser.execute(
        (id) =>
          !!document.querySelector(
            `#exclusions tr[data-id="${CSS.escape(id)}"]`,
          ),
        rowId,
      ),
    { timeout: 10000, timeoutMsg: "the left-out threat is not listed" },
  );
  // The counts above the register follow the analysis while the view stays open (they
  // kept the count the view was drawn with).
  await browser.waitUntil(
    async () =>
      browser.execute(() => {
        const n = window.__otzone.state.analysis.risks.length;
        const pill =
          document.querySelector(".summary .pill")?.textContent ?? "";
        return pill.match(/\d+/)?.[0] === String(n);
      }),
    {
      timeout: 10000,
      timeoutMsg: "the register's count is not the analysis's",
    },
  );
  assert.match(
    await browser.execute(
      (id) =>
        document.querySelector(`#exclusions tr[data-id="${CSS.escape(id)}"]`)
          .textContent,
      rowId,
    ),
    /閉域網/,
  );
  await shot("05a-applicability");
  await browser.execute(
    (id) =>
      document
        .querySelector(
          `#exclusions tr[data-id="${CSS.escape(id)}"] button.undo-exclusion`,
        )
        .click(),
    rowId,
  );
  await browser.waitUntil(
    async () =>
      browser.execute(
        (id) => window.__otzone.state.analysis.risks.some((r) => r.id === id),
        rowId,
      ),
    {
      timeout: 15000,
      timeoutMsg: "taking the decision back did not restore the row",
    },
  );
  // Both edits are on the undo stack: undo them one by one (the decision comes back, then goes).
  for (const present of [false, true]) {
    const r = (await state()).revision;
    await (await browser.$("#btn-undo")).click();
    await browser.waitUntil(async () => (await state()).revision !== r, {
      timeout: 10000,
    });
    await analysed();
    assert.equal(
      await browser.execute(
        (id) => window.__otzone.state.analysis.risks.some((x) => x.id === id),
        rowId,
      ),
      present,
    );
  }
  // リスク対応 from the register's side panel: one row accepted (a reason is required first),
  // then every row the filtered register shows (zone, above tolerable only) set to reduce with
  // an owner and due date in one go.
  // (A cell of another row than the one active before: the side panel follows the active cell.)
  await (
    await browser.$(
      "#register .slick-row:nth-child(2) .slick-cell:nth-child(3)",
    )
  ).waitForExist({ timeout: 10000 });
  await (
    await browser.$(
      "#register .slick-row:nth-child(2) .slick-cell:nth-child(3)",
    )
  ).click();
  await (
    await browser.$("#treatment-choice")
  )
    .waitForExist({ timeout: 10000 })
    .catch(async (e) => {
      await shot("failed-treatment");
      throw new Error(
        `${e.message}: ${await browser.execute(() => document.querySelector("#explain")?.textContent?.slice(0, 300) + " | " + [...document.querySelectorAll("#toasts .toast")].map((x) => x.textContent).join(" / "))}`,
      );
    });
  const treatedRow = await browser.execute(
    () => document.querySelector("#explain section.treatment").dataset.risk,
  );
  await (
    await browser.$("#treatment-choice")
  ).selectByAttribute("value", "accept");
  // The sample's decision on the row (reduce) has its reason: cleared, acceptance is refused.
  await (await browser.$("#treatment-justification")).clearValue();
  await (await browser.$("#treatment-save")).click();
  await browser.waitUntil(
    async () =>
      (await (await browser.$("#explain .treatment .field-error")).getText())
        .length > 0,
    {
      timeout: 5000,
      timeoutMsg: "an acceptance without a reason was not refused",
    },
  );
  assert.equal(
    await browser.execute(
      (id) =>
        (window.__otzone.state.history.doc.risk_decisions ?? []).some(
          (d) => d.risk_id === id && d.treatment === "accept",
        ),
      treatedRow,
    ),
    false,
    "no reason, no acceptance",
  );
  await (
    await browser.$("#treatment-justification")
  ).setValue("e2e: 閉域網で外部経路なし");
  await (await browser.$("#treatment-owner")).setValue("工場長");
  await (await browser.$("#treatment-save")).click();
  await browser.waitUntil(
    async () =>
      browser.execute(
        (id) =>
          (window.__otzone.state.history.doc.risk_decisions ?? []).some(
            (d) =>
              d.risk_id === id &&
              d.treatment === "accept" &&
              d.owner === "工場長",
          ),
        treatedRow,
      ),
    { timeout: 10000, timeoutMsg: "the acceptance was not recorded" },
  );
  await shot("05c-treatment");
  await (await browser.$("#risk-intolerable")).click();
  await browser.pause(300);
  const shownIds = await browser.execute(() =>
    window.__otzone.state.analysis.risks
      .filter((r) => !r.tolerable)
      .map((r) => r.id),
  );
  assert.ok(shownIds.length > 1, "several rows above tolerable");
  await (
    await browser.$(
      "#register .slick-row:nth-child(1) .slick-cell:nth-child(4)",
    )
  ).click();
  await browser
    .waitUntil(
      async () =>
        browser.execute(
          (id) =>
            document.querySelector("#explain section.treatment")?.dataset
              .risk !== id,
          treatedRow,
        ),
      { timeout: 10000, timeoutMsg: "the side panel did not follow the row" },
    )
    .catch(() => {});
  await (await browser.$("#treatment-choice")).waitForExist({ timeout: 10000 });
  await (
    await browser.$("#treatment-choice")
  ).selectByAttribute("value", "reduce");
  await (await browser.$("#treatment-owner")).setValue("生産技術課");
  await browser.execute(() => {
    const d = document.querySelector("#treatment-due");
    d.value = "2027-03-31";
    d.dispatchEvent(new Event("change"));
  });
  await (await browser.$("#treatment-all")).click();
  await (await browser.$("#treatment-save")).click();
  await browser.waitUntil(
    async () =>
      browser.execute(
        (ids) =>
          ids.every((id) =>
            (window.__otzone.state.history.doc.risk_decisions ?? []).some(
              (d) =>
                d.risk_id === id &&
                d.treatment === "reduce" &&
                d.due === "2027-03-31",
            ),
          ),
        shownIds,
      ),
    {
      timeout: 10000,
      timeoutMsg: "the treatment was not set on every row shown",
    },
  );
  await analysed();
  // Both edits are undone one step each.
  for (let i = 0; i < 2; i++) {
    const r = (await state()).revision;
    await (await browser.$("#btn-undo")).click();
    await browser.waitUntil(async () => (await state()).revision !== r, {
      timeout: 10000,
    });
  }
  assert.equal(
    await browser.execute(
      (id) =>
        (window.__otzone.state.history.doc.risk_decisions ?? []).some(
          (d) => d.risk_id === id && d.treatment === "accept",
        ),
      treatedRow,
    ),
    false,
    "undo took the acceptance back",
  );
  await (await browser.$("#risk-intolerable")).click();
  await analysed();

  // Every step of an attack route names its conduit and channel.
  const route = await browser.execute(
    () => document.querySelector("#scenarios td.route")?.textContent ?? "",
  );
  assert.match(
    route,
    /「.+」.+(開始|どちらの側)/,
    `route: ${route.slice(0, 200)}`,
  );
  await (await browser.$("#risk-filter")).setValue(ids.zoneName);
  await browser.pause(400);
  assert.match(await (await browser.$("#register-count")).getText(), /\d/);

  // Attack scenarios (事業被害ベース): prune one tree; it stays listed, marked, and its
  // damage records the key.
  const trees = await browser.execute(() =>
    window.__otzone.state.analysis.scenarios.map((x) => ({
      key: x.key,
      damage: x.damage,
      pruned: x.pruned,
    })),
  );
  assert.ok(trees.length > 0, "the sample has attack scenarios");
  assert.equal(
    await browser.execute(
      () => document.querySelectorAll("#scenarios tbody tr").length,
    ),
    trees.length,
  );
  const tree = trees.find((x) => !x.pruned);
  // The sections above it are laid out only as they come into view (content-visibility), so
  // one scroll may land short: scroll until the row is on screen.
  await browser.waitUntil(
    async () =>
      browser.execute((key) => {
        const row = document.querySelector(
          `#scenarios tr[data-key="${CSS.escape(key)}"]`,
        );
        row.scrollIntoView({ block: "center" });
        const r = row.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }, tree.key),
    {
      timeout: 10000,
      interval: 300,
      timeoutMsg: "the scenario row did not scroll into view",
    },
  );
  await (
    await browser.$(`#scenarios tr[data-key="${tree.key}"] input.prune`)
  ).click();
  await browser.waitUntil(
    async () =>
      browser.execute(
        (d, k) =>
          window.__otzone.state.history.doc.damages
            .find((x) => x.id === d)
            .pruned.includes(k),
        tree.damage,
        tree.key,
      ),
    { timeout: 10000, timeoutMsg: "the tree was not pruned" },
  );
  await analysed();
  assert.equal(
    await browser.execute(
      (k) =>
        window.__otzone.state.analysis.scenarios.find((x) => x.key === k)
          .pruned,
      tree.key,
    ),
    true,
  );
  assert.equal(
    await browser.execute(
      () => window.__otzone.state.analysis.scenarios.length,
    ),
    trees.length,
    "a pruned tree stays listed",
  );
  await shot("05b-scenarios");
  const pruneRev = (await state()).revision;
  await (await browser.$("#btn-undo")).click();
  await browser.waitUntil(async () => (await state()).revision !== pruneRev, {
    timeout: 10000,
  });
  await analysed();

  // Step 2-2: what if an implemented countermeasure also covered a threat in its zones?
  await (await browser.$("#step-2-2")).click();
  await (await browser.$("#matrix")).waitForExist({ timeout: 10000 });
  await analysed();
  const pick = await browser.execute(() => {
    const d = window.__otzone.state.history.doc;
    for (const m of d.countermeasures.filter(
      (x) => x.status === "implemented",
    )) {
      const th = d.threats.find(
        (x) =>
          x.applicable &&
          !m.threats.includes(x.threat) &&
          m.scope.zones.includes(x.zone),
      );
      if (th) return { measure: m.id, threat: th.threat };
    }
    return null;
  });
  assert.ok(
    pick,
    "the sample has an implemented countermeasure with an uncovered threat in scope",
  );
  const risksBefore = (await summary()).risks;
  await (
    await browser.$(
      `#matrix td[data-measure="${pick.measure}"][data-threat="${pick.threat}"]`,
    )
  ).click();
  await (await browser.$("#whatif-summary")).waitForExist({ timeout: 10000 });
  assert.match(
    await (await browser.$("#whatif-summary")).getText(),
    /変わるリスク [1-9]\d*件（残留リスクが下がる [1-9]\d*件/,
  );
  assert.equal(
    (await summary()).risks,
    risksBefore,
    "a preview changes nothing",
  );
  await shot("06-whatif-measure");
  await (await browser.$("#btn-whatif-apply")).click();
  const covers = () =>
    browser.execute(
      (m, th) =>
        window.__otzone.state.history.doc.countermeasures
          .find((x) => x.id === m)
          .threats.includes(th),
      pick.measure,
      pick.threat,
    );
  await browser.waitUntil(covers, {
    timeout: 10000,
    timeoutMsg: "the what-if was not applied",
  });
  await analysed();
  assert.notEqual(
    (await summary()).risks,
    risksBefore,
    "applying the what-if changes the register",
  );
  await (await browser.$("#btn-undo")).click();
  await browser.waitUntil(async () => !(await covers()), {
    timeout: 10000,
    timeoutMsg: "undo did not take the what-if back",
  });
  await analysed();
  assert.equal((await summary()).risks, risksBefore);

  // Delete a countermeasure that reductions rely on alone (its row's ✕ in the 2-2 table).
  // The core's cascade takes it out of those decisions: the notice names them, and a finding
  // stays on each of their rows until the delete is undone.
  const relied = await browser.execute(() => {
    const d = window.__otzone.state.history.doc;
    for (const [index, m] of d.countermeasures.entries()) {
      if (index > 6) break;
      const rows = d.risk_decisions.filter(
        (x) =>
          x.treatment === "reduce" &&
          x.relies_on?.length === 1 &&
          x.relies_on[0] === m.id,
      );
      if (rows.length)
        return {
          id: m.id,
          index,
          number: m.number,
          rows: rows.map((x) => x.risk_id),
        };
    }
    return null;
  });
  assert.ok(relied, "the sample has a measure that reductions rely on alone");
  // The decisions' rows that carry a finding (in the sample the measure is each row's only
  // one: once it is gone the rows are high_residual_without_measure's; with another
  // measure left they would be reduction_without_measure's).
  const rowsFlagged = () =>
    browser.execute(
      (ids) =>
        ids.filter((id) =>
          window.__otzone.state.analysis.findings.some(
            (f) =>
              f.item.id === id &&
              [
                "high_residual_without_measure",
                "reduction_without_measure",
              ].includes(f.rule),
          ),
        ).length,
      relied.rows,
    );
  assert.equal(await rowsFlagged(), 0);
  const measureThere = () =>
    browser.execute(
      (id) =>
        window.__otzone.state.history.doc.countermeasures.some(
          (m) => m.id === id,
        ),
      relied.id,
    );
  // The ✕ column is the table's last, scrolled out of view to the right. WebKitWebDriver
  // calls that cell "not interactable" even scrolled into view (Tabulator's scrolling table
  // body), so the click is dispatched on the cell itself: the app's own delete path runs.
  const cross = `#table-measures .tabulator-row:nth-child(${relied.index + 1}) .tabulator-cell.delete`;
  await (await browser.$(cross)).waitForExist({ timeout: 10000 });
  await browser.execute(() => {
    window.__toastLog = [];
    new MutationObserver((ms) =>
      ms.forEach((m) =>
        m.addedNodes.forEach((n) => window.__toastLog.push(n.textContent)),
      ),
    ).observe(document.getElementById("toasts"), { childList: true });
  });
  const clickedRow = await browser.execute((sel) => {
    const cell = document.querySelector(sel);
    cell.scrollIntoView({ block: "center", inline: "center" });
    cell.click();
    return cell.closest(".tabulator-row").textContent;
  }, cross);
  assert.ok(
    clickedRow.startsWith(`M-${String(relied.number).padStart(3, "0")}`),
    `the row clicked is that countermeasure's: ${clickedRow}`,
  );
  await browser.waitUntil(async () => !(await measureThere()), {
    timeout: 10000,
    timeoutMsg: "the countermeasure was not deleted",
  });
  // The notice (which goes after a few seconds) names the decisions to review.
  const relyNotice = `削除した対策に依存していたリスク対応の判断 ${relied.rows.length} 件`;
  await browser
    .waitUntil(
      () =>
        browser.execute(
          (text) => window.__toastLog.some((x) => x.includes(text)),
          relyNotice,
        ),
      { timeout: 10000 },
    )
    .catch(async () => {
      const log = await browser.execute(() => window.__toastLog);
      throw new Error(`no notice "${relyNotice}": ${JSON.stringify(log)}`);
    });
  await analysed();
  assert.equal(await rowsFlagged(), relied.rows.length);
  await shot("06b-delete-relied-measure");
  // A risk finding's link opens the register at its row, the treatment form beside it, where
  // the decision is reviewed (not the 2-2 table, where a risk row cannot be shown).
  const linked = await browser.execute((ids) => {
    const f = window.__otzone.state.analysis.findings.find((x) =>
      ids.includes(x.item.id),
    );
    return { text: `${f.step} ${f.item.name}`, id: f.item.id };
  }, relied.rows);
  await (await browser.$("#btn-findings")).click();
  const nth = await browser.waitUntil(
    () =>
      browser.execute((text) => {
        const links = [...document.querySelectorAll(".finding-list li a")];
        return links.findIndex((a) => a.textContent === text) + 1;
      }, linked.text),
    { timeout: 10000, timeoutMsg: `no finding link "${linked.text}"` },
  );
  await (await browser.$(`.finding-list li:nth-child(${nth}) a`)).click();
  await browser.waitUntil(
    async () =>
      (await browser.execute(() => window.__otzone.state.view)) === "risk" &&
      (await (await browser.$("#treatment-choice")).isExisting()),
    { timeout: 10000, timeoutMsg: "the link did not open the risk's row" },
  );
  const [threat] = linked.id.split("@");
  assert.ok(
    (await (await browser.$("#explain h3")).getText()).startsWith(threat),
    "the explanation is the finding's risk",
  );
  assert.equal(
    await (await browser.$("#treatment-choice")).getValue(),
    "reduce",
    "its decision (低減) is shown for review",
  );
  await shot("06c-finding-opens-risk-row");
  await (await browser.$("#btn-undo")).click();
  await browser.waitUntil(measureThere, {
    timeout: 10000,
    timeoutMsg: "undo did not bring the countermeasure back",
  });
  await analysed();
  assert.equal(await rowsFlagged(), 0);
  assert.equal((await summary()).risks, risksBefore);

  // Export the workbook, then read it back through the response import.
  const xlsx = join(work, "assessment.xlsx");
  answerDialogs(xlsx);
  await (await browser.$("#step-excel")).click();
  await (await browser.$("#btn-export")).click();
  await browser.waitUntil(
    async () =>
      (await (await browser.$("#export-result")).getText()).includes(
        "assessment.xlsx",
      ),
    { timeout: 60000, timeoutMsg: "export did not finish" },
  );
  assert.ok(existsSync(xlsx) && statSync(xlsx).size > 20000);
  assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), "PK");
  answerDialogs(xlsx);
  await (await browser.$("#btn-pick-responses")).click();
  await (
    await browser.$("#responses-summary")
  ).waitForExist({ timeout: 20000 });
  const readBack = await (await browser.$("#responses-summary")).getText();
  assert.match(readBack, /変更 0件、変更なし [1-9]\d*件、問題 0件/);
  await shot("07-excel");

  // Undo the conduit, redo it, undo again.
  // A click's handler may run after WebDriver has answered: wait for each step to show.
  const n = (await state()).conduits;
  const step = async (button, want) => {
    await (await browser.$(button)).click();
    await browser.waitUntil(async () => (await state()).conduits === want, {
      timeout: 10000,
      timeoutMsg: `${button} did not leave ${want} conduits`,
    });
  };
  await step("#btn-undo", n - 1);
  await step("#btn-redo", n);
  await step("#btn-undo", n - 1);

  // Save, start over, reopen.
  const otz = join(work, "plant.otz");
  answerDialogs(otz);
  await (await browser.$("#btn-save")).click();
  await browser.waitUntil(
    async () => (await state()).path === otz && !(await state()).dirty,
    { timeout: 20000, timeoutMsg: "save did not finish" },
  );
  assert.ok(existsSync(otz));
  const saved = await state();
  await (await browser.$("#btn-home")).click();
  answerDialogs(otz);
  await (await browser.$("#btn-open")).click();
  // The path was already this file's: wait for the reopened project to replace the start
  // screen (leaving earlier raced the open, which then switched the view back to 1-1).
  await browser.waitUntil(
    async () =>
      (await state()).path === otz &&
      (await browser.execute(() => window.__otzone.state.view)) !== "start",
    { timeout: 20000 },
  );
  const reopened = await state();
  assert.equal(reopened.assets, saved.assets);
  assert.equal(reopened.conduits, saved.conduits);
  assert.equal(reopened.dirty, false);
  const zoneOfNew = await browser.execute(
    (a) =>
      window.__otzone.state.history.doc.assets.find((x) => x.id === a)?.zone,
    ids.asset,
  );
  assert.equal(zoneOfNew, ids.zone);

  // A zone named with markup, typed in the diagram's side panel, is shown as text: the asset
  // table's zone column (a list column) neither renders it nor lets it restyle the page.
  await (await browser.$("#step-1-6")).click();
  await (await browser.$("#diagram canvas")).waitForExist({ timeout: 10000 });
  await analysed();
  await clickAt(await point(`z:${ids.zone}`, true));
  const nameInput = await browser.$("#panel-name");
  await nameInput.waitForExist({ timeout: 10000 });
  const hostile = '<b id="injected">制御</b><style>body{display:none}</style>';
  // Typed over the selected name (WebDriver's setValue clears the field first, a blank
  // name the field refuses and puts back).
  await nameInput.click();
  await browser.keys(["Control", "a"]);
  for (const c of hostile) await browser.keys([c]);
  await browser.keys(["Tab"]);
  await browser.waitUntil(
    async () =>
      browser
        .execute(
          (z) =>
            window.__otzone.state.history.doc.zones.find((x) => x.id === z)
              ?.name,
          ids.zone,
        )
        .then((n) => n === hostile),
    { timeout: 10000, timeoutMsg: "the zone was not renamed" },
  );
  await (await browser.$("#step-1-4")).click();
  await (
    await browser.$("#table-assets .tabulator-row")
  ).waitForExist({ timeout: 10000 });
  const shown = await browser.execute((a) => {
    const row = [
      ...document.querySelectorAll("#table-assets .tabulator-row"),
    ].find((r) => r.textContent.includes("制御"));
    return {
      injected: !!document.querySelector("#injected"),
      styles: document.querySelectorAll("#table-assets style").length,
      text: row?.textContent ?? "",
      visible: getComputedStyle(document.body).display !== "none",
    };
  }, ids.asset);
  assert.equal(shown.injected, false, "markup in a name became an element");
  assert.equal(shown.styles, 0);
  assert.ok(shown.visible);
  assert.ok(
    shown.text.includes('<b id="injected">'),
    `the name is shown as typed: ${shown.text.slice(0, 200)}`,
  );
  await shot("08a-markup-as-text");
  // Leaving the diagram right after an edit left no error behind.
  const errors = await browser.execute(() =>
    [...document.querySelectorAll("#toasts .toast.error")].map(
      (e) => e.textContent,
    ),
  );
  assert.deepEqual(errors, []);

  // Another program saves the same file meanwhile: the next save asks instead of overwriting,
  // and "save as" keeps both.
  await new Promise((r) => setTimeout(r, 50));
  writeFileSync(otz, readFileSync(otz));
  const theirs = readFileSync(otz);
  await (await browser.$("#btn-save")).click();
  await (await browser.$("#conflict-dialog")).waitForExist({ timeout: 20000 });
  assert.match(
    await (await browser.$("#conflict-dialog")).getText(),
    /別の担当者/,
  );
  await shot("08b-save-conflict");
  const otz2 = join(work, "plant-mine.otz");
  answerDialogs(otz2);
  await (await browser.$("#btn-conflict-save-as")).click();
  await browser.waitUntil(
    async () => (await state()).path === otz2 && !(await state()).dirty,
    { timeout: 20000, timeoutMsg: "save as after the conflict did not finish" },
  );
  assert.ok(
    readFileSync(otz).equals(theirs),
    "the other program's file was not overwritten",
  );

  // Unsaved changes are never thrown away: replacing the project asks first; cancel keeps
  // it, "continue without saving" replaces it, and its recovery copy stays for later.
  await (await browser.$("#step-1-6")).click();
  await (await browser.$("#diagram canvas")).waitForExist({ timeout: 10000 });
  await (await browser.$("#btn-add-asset")).click();
  await browser.waitUntil(async () => (await state()).dirty, {
    timeout: 10000,
    timeoutMsg: "the edit did not mark the project unsaved",
  });
  const mine = await browser.execute(() => ({
    id: window.__otzone.state.history.doc.id,
    assets: window.__otzone.state.history.doc.assets.length,
  }));
  await browser.pause(2500); // the recovery copy is written 1.5 s after an edit
  await (await browser.$("#btn-home")).click();
  await (await browser.$("#btn-sample-electronics-line")).click();
  await (await browser.$("#unsaved-dialog")).waitForExist({ timeout: 10000 });
  await shot("08c-unsaved-prompt");
  await (await browser.$("#btn-unsaved-cancel")).click();
  await browser.pause(300);
  assert.equal(
    await browser.execute(() => window.__otzone.state.history.doc.id),
    mine.id,
    "cancel kept the project",
  );
  assert.equal((await state()).dirty, true);
  await (await browser.$("#btn-sample-electronics-line")).click();
  await (
    await browser.$("#btn-unsaved-discard")
  ).waitForExist({ timeout: 10000 });
  await (await browser.$("#btn-unsaved-discard")).click();
  await browser.waitUntil(
    async () =>
      browser.execute(
        (id) => window.__otzone.state.history.doc.id !== id,
        mine.id,
      ),
    { timeout: 10000, timeoutMsg: "discard did not open the sample" },
  );
  await browser.pause(2500);
  const copies = readdirSync(join(work, "data/jp.otzone.studio/recovery")).map(
    (f) =>
      JSON.parse(
        readFileSync(join(work, "data/jp.otzone.studio/recovery", f), "utf8"),
      ),
  );
  const kept = copies.find((c) => c.project.id === mine.id);
  assert.ok(
    kept,
    `the discarded project's recovery copy is kept (copies: ${copies.map((c) => c.project.meta.name).join(", ")})`,
  );
  assert.equal(kept.project.assets.length, mine.assets);

  // Every other path that replaces or closes the project asks too: a new empty project, open,
  // a recent file, closing the window. Cancel keeps the unsaved edit each time, and its
  // recovery copy is written meanwhile.
  await (await browser.$("#step-1-1")).click();
  const customer = await browser.$("#meta-customer");
  await customer.waitForExist({ timeout: 10000 });
  await customer.setValue("未保存の顧客名");
  await browser.keys("Tab");
  await browser.waitUntil(async () => (await state()).dirty, {
    timeout: 10000,
    timeoutMsg: "the edit did not mark the project unsaved",
  });
  const dirtyId = await browser.execute(
    () => window.__otzone.state.history.doc.id,
  );
  const asks = async (what, trigger) => {
    await trigger();
    await (
      await browser.$("#unsaved-dialog")
    ).waitForExist({
      timeout: 10000,
      timeoutMsg: `${what}: no unsaved-changes prompt`,
    });
    await (await browser.$("#btn-unsaved-cancel")).click();
    await browser.pause(300);
    assert.equal(
      await browser.execute(() => window.__otzone.state.history.doc.id),
      dirtyId,
      `${what}: cancel kept the project`,
    );
    assert.equal(
      await browser.execute(
        () => window.__otzone.state.history.doc.meta.customer,
      ),
      "未保存の顧客名",
      `${what}: cancel kept the edit`,
    );
  };
  await asks("window close", () =>
    browser.execute(() => window.__otzone.closeWindow()),
  );
  await (await browser.$("#btn-home")).click();
  await (
    await browser.$("#btn-new-empty")
  ).waitForClickable({ timeout: 10000 });
  await asks("new empty project", () =>
    browser.$("#btn-new-empty").then((b) => b.click()),
  );
  answerDialogs(otz);
  await asks("open", () => browser.$("#btn-open").then((b) => b.click()));
  await asks("recent file", () =>
    browser.$("ul.recent a").then((a) => a.click()),
  );
  await browser.pause(2500); // the recovery copy is written 1.5 s after an edit
  const recovered = readdirSync(
    join(work, "data/jp.otzone.studio/recovery"),
  ).map((f) =>
    JSON.parse(
      readFileSync(join(work, "data/jp.otzone.studio/recovery", f), "utf8"),
    ),
  );
  assert.ok(
    recovered.some(
      (c) =>
        c.project.id === dirtyId &&
        c.project.meta.customer === "未保存の顧客名",
    ),
    "the unsaved edit has its recovery copy",
  );
  await shot("08d-unsaved-every-path");
  await (await browser.$("#btn-sample-food-plant")).click();
  await (
    await browser.$("#btn-unsaved-discard")
  ).waitForExist({ timeout: 10000 });
  await (await browser.$("#btn-unsaved-discard")).click();
  await browser.waitUntil(
    async () =>
      browser.execute(
        (id) => window.__otzone.state.history.doc.id !== id,
        dirtyId,
      ),
    { timeout: 10000, timeoutMsg: "discard did not open the sample" },
  );

  // Language switch at run time.
  await (await browser.$("#lang")).selectByAttribute("value", "en");
  await browser.waitUntil(async () =>
    (await (await browser.$("#step-1-1")).getText()).includes("Requirements"),
  );
  await (await browser.$("#step-risk")).click();
  await shot("08-risk-en");
});
