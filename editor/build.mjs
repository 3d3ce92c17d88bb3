// Builds dist/editor.js and dist/editor.css from src/ (run by `make editor-assets`).
// The bundle's first line records the SHA-256 of its sources, so that a test can tell when the
// committed bundle no longer matches them.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";

export function sourcesHash() {
  const files = ["build.mjs", "package.json", "package-lock.json", ...readdirSync("src").sort().map((f) => `src/${f}`)];
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file + "\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

mkdirSync("dist", { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "esm",
  target: "chrome100",
  legalComments: "eof",
  outfile: "dist/editor.js",
  banner: { js: `/* teikit edit; sources sha256: ${sourcesHash()} */` },
});
copyFileSync("src/editor.css", "dist/editor.css");
