// Benchmark (not a test run in CI): the edit loop of the desktop app with a generated factory
// (L: 10,000 assets, 49,218 register rows) open, in the real app under Xvfb. Prints one JSON
// object; docs/benchmarks.md records the figures and the command:
//
//   tests/e2e/run.sh edit-bench                          (the release app, see run.sh)
//   E2E_APP=/tmp/otzone-studio-old tests/e2e/run.sh edit-bench   (another build)
//
// Measured in the page with performance.now():
// - open: the open command (Ctrl+O, answered by the dialog script) until the first analysis
//   of the opened file is shown (its "analysis" event handled and two frames drawn);
// - edits: with the risk view (register) shown, one field edit made as a table cell makes it
//   (`commit(next, label, false)`) until the new analysis is shown, for four kinds of edit:
//   an asset renamed, a countermeasure's status changed (residual risks move), an asset's
//   business changed (importances move), a treatment recorded on a register row. The edits
//   are two seconds apart, so each one also meets the autosave of the one before, as a user
//   typing at a steady pace would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root, startApp, stats } from "./session.mjs";

const work = process.env.E2E_DIR ?? "/tmp/otzone-edit-bench";
const app = process.env.E2E_APP ?? join(root, "target/release/otzone-studio");
const cli = process.env.E2E_CLI ?? join(root, "target/release/otzone");
const size = process.env.BENCH_SIZE ?? "L";
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const file = join(work, `factory-${size}.otz`);
const script =
  process.env.OTZONE_STUDIO_DIALOG_SCRIPT ?? join(work, "dialogs.txt");
const results = { size, app };
let browser;

const page = (f, ...args) => browser.execute(f, ...args);

before(async () => {
  mkdirSync(work, { recursive: true });
  execFileSync(cli, ["generate", "--size", size, "-o", file], {
    stdio: "inherit",
  });
  browser = await startApp({ application: app });
  await browser.waitUntil(() => page(() => !!window.__otzone?.state.info), {
    timeout: 60000,
    interval: 50,
  });
});

after(async () => {
  await browser?.deleteSession();
});

test(`the edit loop with the ${size} factory`, async () => {
  // Open through the app's own command, as Ctrl+O does; the dialog script answers the dialog.
  writeFileSync(script, `${file}\n`);
  const opened = await page(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const analysed = new Promise((r) =>
      document.addEventListener("analysis", r, { once: true }),
    );
    const t0 = performance.now();
    document.body.dispatchEvent(
      new KeyboardEvent("keydown", { key: "o", ctrlKey: true, bubbles: true }),
    );
    await analysed;
    await frame();
    await frame();
    const shown = performance.now() - t0;
    // Where it went: the file opened and the request sent, the core's three steps, the answer
    // carried and parsed, merged (older apps report less: null).
    const t = window.__otzone.lastAnalysisTimings?.() ?? [];
    const ms = (x) => (x === undefined ? null : Math.round(x * 10) / 10);
    return {
      shown: Math.round(shown),
      parts: {
        request_sent: t.length > 4 ? ms(t[4] - t0) : null,
        core: t.slice(0, 3).map(ms),
        round_trip: ms(t[3]),
        answer_merged: t.length > 5 ? ms(t[5] - t0) : null,
      },
    };
  });
  results.open_to_first_analysis_ms = opened.shown;
  results.open_parts_ms = opened.parts;
  const facts = await page(() => ({
    assets: window.__otzone.state.history.doc.assets.length,
    risks: window.__otzone.state.analysis.risks.length,
  }));
  Object.assign(results, facts);
  assert.ok(size !== "L" || facts.assets === 10000, "the L factory is open");

  await (await browser.$("#step-risk")).click();
  await (
    await browser.$("#register .slick-row")
  ).waitForExist({ timeout: 60000, interval: 20 });
  await browser.pause(2000);

  const kinds = [
    "rename_asset",
    "measure_status",
    "asset_business",
    "treatment",
  ];
  const times = Object.fromEntries(kinds.map((k) => [k, []]));
  const core = []; // [changes applied, analysis, answer built] in the core, ms
  for (let round = 0; round < rounds; round++) {
    for (const kind of kinds) {
      const r = await page(
        async (kind, round) => {
          const { state, commit } = window.__otzone;
          const frame = () =>
            new Promise((r) => requestAnimationFrame(() => r()));
          const p = state.history.doc;
          const at = (list, i) => list.map((x, j) => (j === i ? { ...x } : x));
          let next;
          let check;
          if (kind === "rename_asset") {
            const assets = at(p.assets, 17 + round);
            assets[17 + round].name = `${assets[17 + round].name}′`;
            next = { ...p, assets };
            check = () => true;
          } else if (kind === "measure_status") {
            const i = 40 + round;
            const countermeasures = at(p.countermeasures, i);
            const m = countermeasures[i];
            m.status = m.status === "implemented" ? "proposed" : "implemented";
            next = { ...p, countermeasures };
            check = () => true;
          } else if (kind === "asset_business") {
            const i = 300 + round * 7;
            const assets = at(p.assets, i);
            const others = p.businesses.filter(
              (b) => !assets[i].businesses.includes(b.id),
            );
            assets[i].businesses = [others[round % others.length].id];
            next = { ...p, assets };
            check = () => true;
          } else {
            const row = state.analysis.risks[500 + round * 11];
            const risk_decisions = [
              ...p.risk_decisions.filter((d) => d.risk_id !== row.id),
              {
                risk_id: row.id,
                treatment: "accept",
                justification: `bench ${round}`,
                owner: "",
              },
            ];
            next = { ...p, risk_decisions };
            check = (a) =>
              a.risks.find((x) => x.id === row.id)?.treatment === "accept";
          }
          const before = state.analysis;
          const analysed = new Promise((r) =>
            document.addEventListener("analysis", r, { once: true }),
          );
          const t0 = performance.now();
          commit(next, "bench", false);
          await analysed;
          // The views have handled the new analysis (their listeners ran before this one).
          const handled = performance.now() - t0;
          await frame();
          await frame();
          const ms = performance.now() - t0;
          const timings = window.__otzone.lastAnalysisTimings?.();
          return {
            ms,
            // The core's three steps and the round trip, then (from the edit) the request
            // sent, the answer merged, and the views updated.
            core: timings
              ? [
                  ...timings.slice(0, 4),
                  // (An older app reports neither moment: null.)
                  timings.length > 4 ? timings[4] - t0 : null,
                  timings.length > 5 ? timings[5] - t0 : null,
                  handled,
                ]
              : null,
            fresh: state.analysis !== before,
            ok: check(state.analysis),
          };
        },
        kind,
        round,
      );
      assert.ok(r.fresh && r.ok, `${kind}: the register shows the edit`);
      times[kind].push(r.ms);
      if (r.core) core.push(r.core);
      await browser.pause(2000);
    }
  }
  results.edit = stats(Object.values(times).flat());
  if (core.length)
    results.core_ms = Object.fromEntries(
      [
        "applied",
        "analysed",
        "answer_built",
        "round_trip",
        "request_sent",
        "answer_merged",
        "views_updated",
      ]
        .map((name, i) => [
          name,
          core.map((c) => c[i]).filter((x) => x !== null),
        ])
        .filter(([, xs]) => xs.length)
        .map(([name, xs]) => [name, stats(xs)]),
    );
  results.edit_by_kind = Object.fromEntries(
    kinds.map((k) => [k, stats(times[k])]),
  );
  writeFileSync(
    join(work, "edit-bench.json"),
    JSON.stringify(results, null, 2),
  );
  console.log(`EDIT-BENCH ${JSON.stringify(results)}`);
});
