// Benchmark (not a test run in CI): the desktop app with a 10k-asset generated factory open.
// Measures, in the real app under Xvfb: opening the file, the diagram's automatic layout,
// and the risk register's first render, scrolling (frame times), filtering and sorting.
// Prints one JSON object; docs/benchmarks.md records the figures and this command:
//
//   tests/e2e/run.sh bench        (release build of the app; see run.sh)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { screenshot } from "./screenshot.mjs";
import { root, startApp, stats } from "./session.mjs";

const work = process.env.E2E_DIR ?? "/tmp/otzone-bench";
// The debug build, as the end-to-end test uses: layout, scrolling and filtering are JavaScript
// in WebKit and do not depend on it; only opening (parse + analysis in Rust) would be faster.
const app = process.env.E2E_APP ?? join(root, "target/debug/otzone-studio");
const cli = process.env.E2E_CLI ?? join(root, "target/debug/otzone");
const size = process.env.BENCH_SIZE ?? "L";
const file = join(work, `factory-${size}.otz`);
const results = { size };
let browser;

/** Run `f` in the page and return its result (promises are awaited by WebDriver). */
const page = (f, ...args) => browser.execute(f, ...args);

before(async () => {
  mkdirSync(work, { recursive: true });
  execFileSync(cli, ["generate", "--size", size, "-o", file], {
    stdio: "inherit",
  });
  const t0 = Date.now();
  browser = await startApp({ application: app, args: [file] });
  await browser.waitUntil(() => page(() => !!window.__otzone?.state.analysis), {
    timeout: 120000,
    interval: 50,
  });
  results.open_to_analysed_ms = Date.now() - t0;
});

after(async () => {
  await browser?.deleteSession();
});

test(`the app with the ${size} factory: diagram layout and register fluency`, async () => {
  const facts = await page(() => {
    const s = window.__otzone.state;
    return {
      assets: s.history.doc.assets.length,
      zones: s.history.doc.zones.length,
      conduits: s.history.doc.conduits.length,
      risks: s.analysis.risks.length,
    };
  });
  Object.assign(results, facts);
  assert.ok(facts.assets >= 10000 || size !== "L");

  // Diagram: first open lays out (no saved positions), then the automatic-layout button.
  let t0 = Date.now();
  await (await browser.$("#step-1-6")).click();
  await browser.waitUntil(
    () => page(() => typeof window.__lastLayoutMs === "number"),
    { timeout: 120000, interval: 20 },
  );
  results.diagram_open_to_laid_out_ms = Date.now() - t0;
  results.diagram_nodes = await page(() => window.__otzoneCy.nodes().length);
  results.layout_ms = [await page(() => window.__lastLayoutMs)];
  for (let i = 0; i < 2; i++) {
    await page(() => void (window.__lastLayoutMs = undefined));
    await (await browser.$("#btn-layout")).click();
    await browser.waitUntil(
      () => page(() => typeof window.__lastLayoutMs === "number"),
      { timeout: 120000, interval: 20 },
    );
    results.layout_ms.push(await page(() => window.__lastLayoutMs));
  }
  results.layout_ms = results.layout_ms.map((x) => Math.round(x));
  // Pan and zoom: frame times while the view moves.
  results.diagram_pan_zoom = stats(
    await page(async () => {
      const cy = window.__otzoneCy;
      const out = [];
      let last = performance.now();
      for (let i = 0; i < 60; i++) {
        if (i % 2) cy.panBy({ x: 15, y: 8 });
        else
          cy.zoom({
            level: cy.zoom() * (i < 30 ? 1.04 : 0.96),
            renderedPosition: { x: 300, y: 300 },
          });
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        out.push(now - last);
        last = now;
      }
      return out;
    }),
  );
  await screenshot(
    browser,
    join(root, `target/e2e-shots/bench-${size}-diagram.png`),
  );

  // Baseline of this machine's WebKit: a plain div of text rows scrolled the same way.
  results.baseline_plain_div_scroll = stats(
    await page(async () => {
      const d = document.createElement("div");
      d.style.cssText =
        "position:fixed;left:250px;top:200px;width:900px;height:460px;overflow:auto;background:#fff;z-index:5000;font-size:12px";
      for (let i = 0; i < 3000; i++) {
        const row = document.createElement("div");
        row.style.cssText =
          "height:26px;border-bottom:1px solid #ddd;white-space:nowrap";
        row.textContent = `${i} 生産管理ゾーン ヒストリアンサーバ T07 データベース容量不足によるデータ欠損 B C D SIer`;
        d.append(row);
      }
      document.body.append(d);
      await new Promise((r) => requestAnimationFrame(r));
      const out = [];
      let last = performance.now();
      for (let i = 0; i < 100; i++) {
        d.scrollTop += 600;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        out.push(now - last);
        last = now;
      }
      d.remove();
      return out;
    }),
  );

  // Register: first render, scrolling, filtering, sorting.
  t0 = Date.now();
  await (await browser.$("#step-risk")).click();
  await (
    await browser.$("#register .slick-row")
  ).waitForExist({ timeout: 60000, interval: 20 });
  results.register_open_ms = Date.now() - t0;
  results.register_scroll = stats(
    await page(async () => {
      const holder = document.querySelector("#register .slick-viewport");
      const out = [];
      let last = performance.now();
      for (let i = 0; i < 150; i++) {
        holder.scrollTop =
          i < 100
            ? holder.scrollTop + 600
            : Math.floor(Math.random() * holder.scrollHeight);
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        out.push(now - last);
        last = now;
      }
      return out;
    }),
  );
  const filterTimes = await page(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const zone = document.querySelector("#risk-zone");
    const residual = document.querySelector("#risk-residual");
    const count = document.querySelector("#register-count");
    const out = {};
    const time = async (name, change) => {
      const t = performance.now();
      change();
      await frame();
      await frame();
      out[name] = {
        ms: Math.round(performance.now() - t),
        shown: count.textContent,
      };
    };
    await time("by_zone", () => {
      zone.value = zone.options[2].value;
      zone.dispatchEvent(new Event("change"));
    });
    await time("by_residual", () => {
      residual.value = residual.options[1].value;
      residual.dispatchEvent(new Event("change"));
    });
    await time("clear", () => {
      zone.value = "";
      zone.dispatchEvent(new Event("change"));
      residual.value = "";
      residual.dispatchEvent(new Event("change"));
    });
    // Text search: the box waits 120 ms after the last key before filtering.
    const text = document.querySelector("#risk-filter");
    const before = count.textContent;
    const t = performance.now();
    text.value = "PLC";
    text.dispatchEvent(new Event("input"));
    while (count.textContent === before && performance.now() - t < 30000)
      await frame();
    await frame();
    out.text_incl_120ms_debounce = {
      ms: Math.round(performance.now() - t),
      shown: count.textContent,
    };
    text.value = "";
    text.dispatchEvent(new Event("input"));
    return out;
  });
  results.register_filter = filterTimes;
  for (const v of Object.values(filterTimes)) assert.match(v.shown, /\d/);
  await browser.pause(300);
  t0 = Date.now();
  const header = await browser.$(
    "#register .slick-header-column[data-id='residual']",
  );
  await header.click();
  await page(
    () =>
      new Promise((r) =>
        requestAnimationFrame(() => requestAnimationFrame(() => r())),
      ),
  );
  results.register_sort_ms = Date.now() - t0;
  await screenshot(
    browser,
    join(root, `target/e2e-shots/bench-${size}-register.png`),
  );

  writeFileSync(join(work, "bench.json"), JSON.stringify(results, null, 2));
  console.log(`BENCH ${JSON.stringify(results)}`);
});
