// End-to-end, issue 15: the agreement loop on the food-plant sample, through the real app.
// The engineer records the version sent to the customer (1.1), exports the workbook; the
// customer changes one risk's treatment in the register's customer columns with another
// program (ExcelJS, not our writer) and sends it back; the engineer reads it back, sees the
// change before it is applied, applies it, renames an asset and records version 1.2. The
// workbook's 変更点 sheet, the app's compare view and `otzone diff plant.otz@1.1 plant.otz@1.2`
// must then list exactly those changes — the decision's changed fields and the asset's name —
// and no risk that moved (neither a treatment nor a name enters the figures).
//
// Run: tests/e2e/run.sh (with the other specs; one app at a time).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { screenshot } from "./screenshot.mjs";

import { root, uiRequire, shots, startApp } from "./session.mjs";
const ExcelJS = uiRequire("exceljs");

const work = join(process.env.E2E_DIR ?? "/tmp/otzone-e2e", "agreement");
const script = join(process.env.E2E_DIR ?? "/tmp/otzone-e2e", "dialogs.txt");
const otzone = join(root, "target/debug/otzone");
let browser;

const answerDialogs = (...paths) => writeFileSync(script, paths.join("\n"));
const shot = async (name) => {
  await browser.pause(300);
  await screenshot(browser, join(shots, `agreement-${name}.png`));
};
const doc = () => browser.execute(() => window.__otzone.state.history.doc);
const analysed = () =>
  browser.waitUntil(
    () =>
      browser.execute(() => {
        const s = window.__otzone.state;
        return (s.history?.revision ?? -1) === (s.analysis?.revision ?? -2);
      }),
    { timeout: 20000, timeoutMsg: "analysis did not catch up" },
  );
const click = async (sel) => {
  const el = await browser.$(sel);
  await el.waitForClickable({ timeout: 15000 });
  await el.click();
};

/** Record the current state as `version` from 1-1's revision history. */
async function record(version, summary) {
  await click("#step-1-1");
  const v = await browser.$("#rev-version");
  await v.waitForExist({ timeout: 10000 });
  await v.setValue(version);
  await (await browser.$("#rev-summary")).setValue(summary);
  await click("#btn-record-revision");
  await browser.waitUntil(
    async () => (await doc()).revisions?.some((r) => r.version === version),
    { timeout: 15000, timeoutMsg: `version ${version} was not recorded` },
  );
}

/** Export the workbook to `file` through the Excel step. */
async function exportTo(file) {
  rmSync(file, { force: true });
  answerDialogs(file);
  await click("#step-excel");
  await click("#btn-export");
  const name = file.split("/").at(-1);
  await browser.waitUntil(
    async () =>
      (await (await browser.$("#export-result")).getText()).includes(name),
    { timeout: 60000, timeoutMsg: "export did not finish" },
  );
  assert.ok(existsSync(file));
}

/** Ids (column A) of a sheet's data rows, read with ExcelJS. */
async function sheetIds(file, name) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(name);
  assert.ok(ws, `sheet ${name}`);
  const ids = [];
  ws.eachRow((row, n) => {
    if (n > 1) ids.push(String(row.getCell(1).value ?? ""));
  });
  return ids;
}

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

test("the customer's treatment comes back from another program, and the changes since the agreed version are listed exactly", async () => {
  await click("#btn-sample-food-plant");
  await analysed();
  const p0 = await doc();
  assert.deepEqual(
    p0.revisions.map((r) => r.version),
    ["1.0"],
    "the sample carries its agreed version 1.0",
  );
  const otz = join(work, "plant.otz");
  answerDialogs(otz);
  await click("#btn-save");
  await browser.waitUntil(
    () => browser.execute((f) => window.__otzone.state.path === f, otz),
    { timeout: 20000, timeoutMsg: "save did not finish" },
  );
  await record("1.1", "顧客へ送付する版");

  // The version sent: every risk above tolerable carries a treatment.
  const sent = join(work, "sent-1.1.xlsx");
  await exportTo(sent);

  // The customer, in another program: one row reduced by the SIer's plan is accepted instead,
  // with its reason, owner and a due date typed as a date.
  const a = await browser.execute(() =>
    window.__otzone.state.analysis.risks.map((r) => ({
      id: r.id,
      tolerable: r.tolerable,
    })),
  );
  const decisions = (await doc()).risk_decisions;
  const chosen = decisions.find(
    (d) =>
      d.treatment === "reduce" &&
      a.some((r) => r.id === d.risk_id && !r.tolerable),
  );
  assert.ok(chosen, "a reduced risk above tolerable");
  const returned = join(work, "returned-1.1.xlsx");
  {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sent);
    const ws = wb.getWorksheet("リスク評価");
    const header = ws.getRow(1).values.map((v) => String(v ?? ""));
    const col = (name) => {
      const i = header.indexOf(name);
      assert.ok(i > 0, `column ${name} in ${header}`);
      return i;
    };
    let found = 0;
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === chosen.risk_id) {
        row.getCell(col("対応方針")).value = "受容";
        row.getCell(col("理由")).value =
          "e2e: 顧客判断で受容。代替の手動運転手順で対応する";
        row.getCell(col("リスク責任者")).value = "工場長";
        row.getCell(col("期限")).value = new Date(Date.UTC(2027, 5, 30));
        found = n;
      }
    });
    assert.ok(found > 1, `row ${chosen.risk_id} in the register`);
    await wb.xlsx.writeFile(returned);
  }

  // Read back: the change is shown before it is applied, then applied.
  answerDialogs(returned);
  await click("#btn-pick-responses");
  await (
    await browser.$("#responses-summary")
  ).waitForExist({ timeout: 20000 });
  assert.match(
    await (await browser.$("#responses-summary")).getText(),
    /変更 1件、変更なし [1-9]\d*件、問題 0件/,
  );
  const diffRow = await browser.execute(() =>
    [...document.querySelectorAll("#responses-diff tbody tr")].map(
      (r) => r.textContent,
    ),
  );
  assert.equal(diffRow.length, 1, JSON.stringify(diffRow));
  // The row is named as the register numbers it (A-0nn/Tnn and the asset), not by its id.
  const rowAsset = (await doc()).assets.find((x) =>
    chosen.risk_id.endsWith(`@${x.id}`),
  );
  const rowRef = `A-${String(rowAsset.number).padStart(3, "0")}/${chosen.risk_id.split("@")[0]}`;
  assert.ok(
    diffRow[0].includes(`${rowRef} ${rowAsset.name}`) &&
      diffRow[0].includes("低減") &&
      diffRow[0].includes("受容") &&
      diffRow[0].includes("2027-06-30"),
    diffRow[0],
  );
  await shot("01-returned-diff");
  await click("#btn-responses-apply");
  await browser.waitUntil(
    async () =>
      (await doc()).risk_decisions.some(
        (d) => d.risk_id === chosen.risk_id && d.treatment === "accept",
      ),
    { timeout: 10000, timeoutMsg: "the returned treatment was not applied" },
  );
  const after = (await doc()).risk_decisions.find(
    (d) => d.risk_id === chosen.risk_id,
  );
  assert.equal(after.owner, "工場長");
  assert.equal(after.due, "2027-06-30");
  assert.deepEqual(
    after.relies_on ?? [],
    chosen.relies_on ?? [],
    "what the decision relies on is kept",
  );

  // One more change by the engineer: an asset renamed in its table.
  await click("#step-1-4");
  const nameCell =
    '#table-assets .tabulator-row:nth-child(1) .tabulator-cell[tabulator-field="name"]';
  await (await browser.$(nameCell)).waitForExist({ timeout: 10000 });
  const shownName = await browser.execute(
    (s) => document.querySelector(s)?.textContent?.trim(),
    nameCell,
  );
  const asset = (await doc()).assets.find((x) => x.name === shownName);
  assert.ok(asset, `the first row's asset: ${shownName}`);
  // (No ASCII parenthesis: WebKitWebDriver sends "(" with the key code of ArrowDown, 40,
  // which moves the table to the next row.)
  const renamed = `${asset.name}・更新`;
  await click(nameCell);
  await browser.waitUntil(
    () =>
      browser.execute(
        () =>
          document.activeElement?.tagName === "INPUT" &&
          !!document.activeElement.closest(".tabulator-cell"),
      ),
    { timeout: 5000, timeoutMsg: "the name editor has no focus" },
  );
  await browser.keys(["Control", "a"]);
  for (const c of renamed) await browser.keys([c]);
  await browser.keys("Enter");
  await browser
    .waitUntil(
      async () =>
        (await doc()).assets.find((x) => x.id === asset.id)?.name === renamed,
      { timeout: 10000, timeoutMsg: "the asset was not renamed" },
    )
    .catch(async (e) => {
      await shot("failed-rename");
      const now = (await doc()).assets.find((x) => x.id === asset.id)?.name;
      const toasts = await browser.execute(() =>
        [...document.querySelectorAll("#toasts .toast")].map(
          (x) => x.textContent,
        ),
      );
      throw new Error(
        `${e.message}: ${JSON.stringify(now)} (wanted ${renamed}); toasts ${JSON.stringify(toasts)}`,
      );
    });
  await analysed();
  await record("1.2", "顧客回答の反映と名称変更");
  await click("#btn-save");
  await browser.waitUntil(
    () => browser.execute(() => !window.__otzone.state.history.isDirty),
    { timeout: 20000, timeoutMsg: "save did not finish" },
  );

  // Exactly the changes made: the decision's fields that differ, and the asset's name.
  const fields = Object.keys({ ...chosen, ...after })
    .filter(
      (k) =>
        JSON.stringify(chosen[k] ?? null) !== JSON.stringify(after[k] ?? null),
    )
    .sort();
  assert.deepEqual(
    fields,
    ["due", "justification", "owner", "treatment"],
    "what the customer changed",
  );
  const expected = [
    ...fields.map((f) => `change:risk_decisions:${chosen.risk_id}:${f}`),
    `change:assets:${asset.id}:name`,
  ].sort();

  // The workbook's 変更点 (against 1.1, the last version whose model differs).
  const book = join(work, "plant-1.2.xlsx");
  await exportTo(book);
  const lines = await sheetIds(book, "変更点");
  assert.equal(lines[0], "change:base");
  assert.deepEqual(
    lines.slice(1).sort(),
    expected,
    "the 変更点 sheet lists exactly the changes made",
  );

  // The app's compare view, from the revision history.
  await click("#step-1-1");
  await click('.btn-compare[data-version="1.1"]');
  await (
    await browser.$("#compare-lines")
  )
    .waitForExist({ timeout: 10000 })
    .catch(async (e) => {
      await shot("failed-compare");
      throw new Error(
        `${e.message}: ${await browser.execute(() => document.querySelector("#revision-compare")?.textContent ?? "no #revision-compare")}`,
      );
    });
  const shown = await browser.execute(() =>
    [...document.querySelectorAll("#compare-lines tbody tr")].map(
      (r) => r.dataset.id,
    ),
  );
  assert.deepEqual(shown.sort(), expected, "the compare view lists the same");
  await shot("02-compare-view");

  // otzone diff between the two recorded versions of the saved file.
  let out = "";
  let code = 0;
  try {
    out = execFileSync(otzone, ["diff", "--json", `${otz}@1.1`, `${otz}@1.2`], {
      encoding: "utf8",
    });
  } catch (e) {
    code = e.status;
    out = e.stdout;
  }
  assert.equal(code, 1, "exit 1: changed");
  const d = JSON.parse(out);
  const ids = Object.entries(d.items).flatMap(([coll, list]) =>
    list.flatMap((c) =>
      c.change === "changed"
        ? c.fields.map((f) => `change:${coll}:${c.id}:${f.field}`)
        : [`change:${coll}:${c.id}`],
    ),
  );
  assert.deepEqual(
    ids.sort(),
    expected,
    "otzone diff lists exactly the changes made",
  );
  assert.deepEqual(d.risks, [], "no risk moved");
});
