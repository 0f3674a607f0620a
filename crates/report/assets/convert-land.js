// Converts Natural Earth land polygons (world-atlas TopoJSON) into the compact ring file the
// report bundles (land-50m.txt). Run once, by hand, when the dataset changes:
//   npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//   node convert-land.js package/land-50m.json 0.05 > land-50m.txt
// Output: one closed ring per line, "lon,lat lon,lat ..." in integer hundredths of a degree,
// consecutive points closer than the tolerance (degrees) dropped, rings of < 4 points dropped.
"use strict";
const fs = require("fs");
const [file, tolArg] = process.argv.slice(2);
const tol = Number(tolArg || "0.05");
const topo = JSON.parse(fs.readFileSync(file, "utf8"));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});
function ring(indices) {
  const pts = [];
  for (const i of indices) {
    const a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    pts.push(...(pts.length ? a.slice(1) : a));
  }
  return pts;
}
const out = [];
for (const g of topo.objects.land.geometries) {
  const polys = g.type === "Polygon" ? [g.arcs] : g.arcs;
  for (const poly of polys) {
    for (const r of poly) {
      const pts = ring(r);
      const kept = [];
      for (const p of pts) {
        const last = kept[kept.length - 1];
        if (!last || Math.abs(p[0] - last[0]) >= tol || Math.abs(p[1] - last[1]) >= tol) {
          kept.push(p);
        }
      }
      if (kept.length < 4) continue;
      out.push(kept.map(([x, y]) => `${Math.round(x * 100)},${Math.round(y * 100)}`).join(" "));
    }
  }
}
process.stdout.write(out.join("\n") + "\n");
