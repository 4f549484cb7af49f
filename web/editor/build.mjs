// Bundles main.js and the CodeMirror packages it imports into ../editor.js
// (run by `make editor`; the bundle is committed, so building the app needs
// no npm). Its header names each package bundled, at its version, and
// LICENSES.md gathers their licences.
import {build} from "esbuild";
import {readdirSync, readFileSync, writeFileSync} from "node:fs";

// styleSheets makes style-mod, which mounts CodeMirror's own styles, put
// them in a constructed stylesheet adopted by the document, as it does
// for a shadow root: its default for a document, a <style> element, is
// inline style, which the app's Content-Security-Policy (style-src
// 'self') refuses. The build fails if style-mod no longer has the line.
const styleSheets = {
  name: "style-mod-adopted",
  setup(b) {
    b.onLoad({filter: /style-mod[\\/]src[\\/]style-mod\.js$/}, args => {
      const src = readFileSync(args.path, "utf8");
      const from = "if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet) {";
      if (!src.includes(from)) throw new Error("style-mod changed: its StyleSet no longer chooses the stylesheet with\n  " + from + "\nUpdate build.mjs's patch so that a document adopts a constructed stylesheet.");
      return {contents: src.replace(from, "if (root.adoptedStyleSheets && win.CSSStyleSheet) {"), loader: "js"};
    });
  },
};

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const out = await build({
  plugins: [styleSheets],
  entryPoints: ["main.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  legalComments: "none",
  metafile: true,
  write: false,
  outfile: "../editor.js",
});
const names = new Set();
for (const input of Object.keys(out.metafile.inputs)) {
  const m = input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) names.add(m[1]);
}
const bundled = [...names].sort().map(n => {
  const p = lock.packages["node_modules/" + n];
  return `${n} ${p.version} (${p.license})`;
});
const header = `/* eventlens's code editor for large payloads: web/editor/main.js, bundled with\n   ${bundled.join(",\n   ")}\n   (style-mod patched to adopt a constructed stylesheet: see build.mjs).\n   Their licences are in web/editor/LICENSES.md. Rebuilt by make editor. */\n`;
writeFileSync("../editor.js", header + out.outputFiles[0].text);

const licence = (n) => {
  const dir = "node_modules/" + n;
  const f = readdirSync(dir).find(f => /^licen[cs]e/i.test(f));
  return f ? readFileSync(dir + "/" + f, "utf8").trim() : "(no licence file in the package)";
};
writeFileSync("LICENSES.md", "# Licences of the packages bundled into web/editor.js\n\nWritten by `make editor` (build.mjs).\n" +
  bundled.map((b, i) => `\n## ${b}\n\n\`\`\`\n${licence([...names].sort()[i])}\n\`\`\`\n`).join(""));
