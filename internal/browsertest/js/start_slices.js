// Makes the app's start yield to the browser wherever it can
// (window.eventlensStartTest, third_party/go-app/pkg/app/slice_wasm.go)
// and records what the page is like at each yield: whether the prerendered
// page is still in place, what the drawn page holds when it takes its
// place, whether its editors take input before the app is set up, and how
// many yields each frame of the start made.
// Text is typed into the prerendered editor at the first yield, as the
// first drawing begins (the Inspector's Render comes right after it). Run before the page's scripts (runFirst);
// window.eventlensStartTest.report() gives the record.
(() => {
  const typed = '{"typed": "while the page was being drawn"}';
  const seen = {
    yields: 0,
    typedIntoPrerendered: false,
    yieldsBeforeSwap: 0,
    swaps: [],
    readOnlyAfterSwap: [],
    readyAfterSwap: [],
    textAfterSwap: [],
    frames: [], // the yields made before each frame of the start began
  };
  let prerendered = null;
  const mainApp = () => document.querySelector("#app");
  document.addEventListener("DOMContentLoaded", () => {
    prerendered = mainApp();
    new MutationObserver((list) => {
      for (const m of list) {
        for (const n of m.addedNodes) {
          if (n.nodeType === 1 && n.id === "app") {
            seen.swaps.push({
              input: n.querySelector("#input") !== null,
              filter: n.querySelector("#filter-input") !== null,
              tabs: n.querySelector('[role="tablist"]') !== null,
              elements: n.querySelectorAll("*").length,
            });
          }
        }
      }
    }).observe(document.body, { childList: true });
  });
  window.eventlensStartTest = {
    slice: 0,
    yield(n) {
      seen.yields = n;
      const app = mainApp();
      if (app === prerendered) {
        seen.yieldsBeforeSwap = n;
        if (n === 1) {
          const input = app.querySelector("#input");
          input.value = typed;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          seen.typedIntoPrerendered = true;
        }
      } else if (app !== null) {
        seen.readOnlyAfterSwap.push(app.querySelector("#input").readOnly && app.querySelector("#filter-input").readOnly);
        seen.readyAfterSwap.push(app.dataset.wasm === "ready");
        seen.textAfterSwap.push(app.querySelector("#input").value);
      }
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
    frame() {
      seen.frames.push(seen.yields);
    },
    typed,
    report() {
      return seen;
    },
  };
})();
