// The course's front-end bundles, with esbuild's JavaScript API (authoring/frontend.py runs
// this; see there). One argument: a JSON plan, paths relative to the working folder.
//
//   {"widgets": {"entries": ["widgets/static/quiz.js", "widgets/static/course.css", ...],
//                "outdir": "widgets/static/dist"},
//    "host": {"entry": "server/host/main.js", "outfile": ".../motw/static/host.js"},
//    "page": {"entry": "server/host/page.css", "outfile": ".../motw/static/page.css"}}
//
// Widgets: each entry becomes one self-contained file named by its content's hash
// (quiz.AB12CD34.js), and outdir/manifest.json maps each entry's file name to it. The folder
// holds only what this build wrote. Host: one ES module with @jupyterlab/services inside.
// Page: the page's one stylesheet, with the widgets' palette inside.

import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import * as esbuild from "esbuild";

const plan = JSON.parse(process.argv[2]);
const shared = {
  absWorkingDir: process.cwd(),
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2022",
  charset: "utf8",
  logLevel: "warning",
};

async function buildWidgets({ entries, outdir }) {
  mkdirSync(outdir, { recursive: true });
  for (const name of readdirSync(outdir)) rmSync(join(outdir, name));
  const result = await esbuild.build({
    ...shared,
    entryPoints: entries,
    entryNames: "[name].[hash]",
    outdir,
    metafile: true,
    legalComments: "none",
  });
  const manifest = {};
  for (const [output, info] of Object.entries(result.metafile.outputs)) {
    if (info.entryPoint) manifest[basename(info.entryPoint)] = basename(output);
  }
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(join(outdir, "manifest.json"), `${JSON.stringify(sorted, null, 2)}\n`);
}

async function buildHost({ entry, outfile }) {
  await esbuild.build({
    ...shared,
    entryPoints: [entry],
    outfile,
    platform: "browser",
    legalComments: "eof",
  });
}

async function buildPage({ entry, outfile }) {
  await esbuild.build({ ...shared, entryPoints: [entry], outfile, legalComments: "none" });
}

await buildWidgets(plan.widgets);
await buildHost(plan.host);
await buildPage(plan.page);
