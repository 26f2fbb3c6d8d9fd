// Screenshots through WebKitWebDriver. It answers a screenshot request at the page's next
// rendering update; without GPU acceleration (the app turns WebKit's DMA-BUF renderer off when
// the machine has no GPU render node, as under Xvfb here) a still page has none, and the
// request would wait for ever. So while the request is pending, a one-pixel, almost
// transparent mark in the window's corner changes every 100 ms.
export async function screenshot(browser, path) {
  await browser.execute(() => {
    let mark = document.getElementById("e2e-repaint");
    if (!mark) {
      mark = document.createElement("div");
      mark.id = "e2e-repaint";
      mark.style.cssText =
        "position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;background:#000;opacity:0.01";
      document.body.append(mark);
    }
    window.__e2eRepaint = setInterval(() => {
      mark.style.opacity = mark.style.opacity === "0.01" ? "0.02" : "0.01";
    }, 100);
  });
  try {
    await browser.saveScreenshot(path);
  } finally {
    await browser.execute(() => {
      clearInterval(window.__e2eRepaint);
      document.getElementById("e2e-repaint")?.remove();
    });
  }
}
