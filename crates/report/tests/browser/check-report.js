// Opens a report.html in headless Debian chromium (playwright-core, no browser download) and
// checks that the map and every chart rendered. Usage:
//   node check-report.js REPORT.html SCREENSHOT.png EXPECT.json
// EXPECT.json: {"land_min": N, "assets": N, "truth": N, "tracks": N, "intercepts": N,
//               "impacts": N, "coverage": N, "charts_min": N}
// Prints one JSON line with what it counted; exits 1 on any failure (console errors included).
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

async function main() {
  const [html, shot, expectFile] = process.argv.slice(2);
  const expect = JSON.parse(fs.readFileSync(expectFile, "utf8"));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const failures = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    page.on("console", (m) => {
      if (m.type() === "error") failures.push(`console error: ${m.text()}`);
    });
    page.on("pageerror", (e) => failures.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) failures.push(`network request: ${r.url()}`);
    });
    await page.goto("file://" + path.resolve(html), { waitUntil: "load" });
    const counts = await page.evaluate(() => {
      const n = (sel) => document.querySelectorAll(sel).length;
      const map = document.querySelector("svg.map");
      const box = map ? map.getBoundingClientRect() : { width: 0, height: 0 };
      const charts = [...document.querySelectorAll("svg.chart")].map((c) => {
        const r = c.getBoundingClientRect();
        const series = [...c.querySelectorAll(".series")];
        return {
          axes: c.querySelectorAll(".axis-x").length === 1 && c.querySelectorAll(".axis-y").length === 1,
          ticks: c.querySelectorAll(".axis-x text").length,
          series: series.filter((s) => s.childElementCount > 0).length,
          width: r.width,
          height: r.height,
        };
      });
      return {
        map_width: box.width,
        map_height: box.height,
        land: n("svg.map g.land polygon"),
        assets: n("svg.map g.assets circle"),
        truth: n("svg.map g.truth polyline"),
        tracks: n("svg.map g.tracks polyline"),
        intercepts: n("svg.map g.intercepts path"),
        impacts: n("svg.map g.impacts circle"),
        coverage: n("svg.map g.coverage .coverage"),
        legend: n("svg.map g.legend text"),
        charts,
      };
    });
    const want = (ok, what) => { if (!ok) failures.push(what); };
    want(counts.map_width > 300 && counts.map_height > 150, `map size ${counts.map_width}x${counts.map_height}`);
    want(counts.land >= expect.land_min, `land polygons ${counts.land} < ${expect.land_min}`);
    for (const k of ["assets", "truth", "tracks", "intercepts", "impacts", "coverage"]) {
      want(counts[k] === expect[k], `${k}: ${counts[k]} drawn, ${expect[k]} expected`);
    }
    want(counts.legend >= 8, `map legend entries ${counts.legend}`);
    want(counts.charts.length >= expect.charts_min, `charts ${counts.charts.length} < ${expect.charts_min}`);
    counts.charts.forEach((c, i) => {
      want(c.axes && c.ticks >= 2, `chart ${i} has no axes`);
      want(c.series >= 1, `chart ${i} has no series`);
      want(c.width > 100 && c.height > 50, `chart ${i} size ${c.width}x${c.height}`);
    });
    await page.screenshot({ path: shot, fullPage: true });
    const size = fs.statSync(shot).size;
    want(size > 30000, `screenshot only ${size} bytes`);
    counts.screenshot_bytes = size;
    counts.charts = counts.charts.length;
    console.log(JSON.stringify(counts));
  } finally {
    await browser.close();
  }
  if (failures.length) {
    for (const f of failures) console.error("FAIL: " + f);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error("FAIL: " + (e && e.stack ? e.stack : e));
  process.exit(1);
});
