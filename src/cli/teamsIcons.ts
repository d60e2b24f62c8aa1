/**
 * Draws the Teams app icons from geometry, so the artwork lives in the repository as code and can be
 * redrawn at any time: `npm run icons:teams` writes manifest/color.png and manifest/outline.png.
 *
 * color.png (192×192): a white speech bubble on Justice blue holding the scales of justice, with a red
 * maple leaf as the finial of the scales. outline.png (32×32): the same scales as a white glyph on a
 * transparent background, as Teams requires for its monochrome surfaces.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Rgba = readonly [number, number, number, number];
/** true when the point (in pixel units, origin top-left) lies inside the shape */
type Shape = (x: number, y: number) => boolean;
interface Layer {
  shape: Shape;
  color: Rgba;
}

export const JUSTICE_BLUE: Rgba = [0x26, 0x37, 0x4a, 255];
export const MAPLE_RED: Rgba = [0xd5, 0x2b, 0x1e, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const roundedRect =
  (left: number, top: number, right: number, bottom: number, r: number): Shape =>
  (x, y) => {
    if (x < left || x > right || y < top || y > bottom) return false;
    const dx = Math.max(left + r - x, 0, x - (right - r));
    const dy = Math.max(top + r - y, 0, y - (bottom - r));
    return dx * dx + dy * dy <= r * r;
  };

/** a line segment drawn with round caps */
const stroke =
  (x1: number, y1: number, x2: number, y2: number, width: number): Shape =>
  (x, y) => {
    const vx = x2 - x1;
    const vy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * vx + (y - y1) * vy) / (vx * vx + vy * vy)));
    return (x - (x1 + t * vx)) ** 2 + (y - (y1 + t * vy)) ** 2 <= (width / 2) ** 2;
  };

const polygon = (points: ReadonlyArray<readonly [number, number]>): Shape => {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return (x, y) => {
    if (x < minX || x > maxX || y < minY || y > maxY) return false;
    let inside = false;
    for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      const xi = xs[i]!,
        yi = ys[i]!,
        xj = xs[j]!,
        yj = ys[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
};

/** the lower half of a disc: the bowl of a pan of the scales */
const bowl =
  (cx: number, top: number, r: number): Shape =>
  (x, y) =>
    y >= top && (x - cx) ** 2 + (y - top) ** 2 <= r * r;

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/**
 * The eleven-point maple leaf of the National Flag, traced as a polygon (arcs of the official outline
 * replaced by their chords), in units where the leaf is about 2 wide; centred on (0, 0).
 */
function mapleLeaf(cx: number, cy: number, size: number): Shape {
  const moves: Array<[number, number]> = [
    [45, -863],
    [-111, -98],
    [-859, 151],
    [116, -320],
    [-20, -73],
    [-941, -762],
    [212, -99],
    [34, -79],
    [-186, -572],
    [542, 115],
    [73, -38],
    [105, -247],
    [423, 454],
    [111, -57],
    [-204, -1052],
    [327, 189],
    [91, -27],
    [332, -652],
    [332, 652],
    [91, 27],
    [327, -189],
    [-204, 1052],
    [111, 57],
    [423, -454],
    [105, 247],
    [73, 38],
    [542, -115],
    [-186, 572],
    [34, 79],
    [212, 99],
    [-941, 762],
    [-20, 73],
    [116, 320],
    [-859, -151],
    [-111, 98],
    [45, 863],
  ];
  const raw: Array<[number, number]> = [[-90, 2030]];
  for (const [dx, dy] of moves) {
    const [px, py] = raw[raw.length - 1]!;
    raw.push([px + dx, py + dy]);
  }
  const xs = raw.map((p) => p[0]);
  const ys = raw.map((p) => p[1]);
  const midX = (Math.min(...xs) + Math.max(...xs)) / 2;
  const midY = (Math.min(...ys) + Math.max(...ys)) / 2;
  const scale = size / (Math.max(...xs) - Math.min(...xs));
  return polygon(raw.map(([x, y]) => [cx + (x - midX) * scale, cy + (y - midY) * scale] as const));
}

/** The scales of justice, drawn in a box of the given size whose top-left corner is (x0, y0). */
function scales(
  x0: number,
  y0: number,
  size: number,
  line: number,
): { frame: Shape; pans: Shape; top: [number, number] } {
  const u = (v: number) => v * size;
  const cx = x0 + u(0.5);
  const beamY = y0 + u(0.24);
  const left = x0 + u(0.16);
  const right = x0 + u(0.84);
  const panTop = y0 + u(0.62);
  const panR = u(0.15);
  const frame = union(
    stroke(cx, y0 + u(0.12), cx, y0 + u(0.9), line * 1.15),
    stroke(left, beamY, right, beamY, line),
    stroke(left, beamY, left - panR * 0.85, panTop, line * 0.55),
    stroke(left, beamY, left + panR * 0.85, panTop, line * 0.55),
    stroke(right, beamY, right - panR * 0.85, panTop, line * 0.55),
    stroke(right, beamY, right + panR * 0.85, panTop, line * 0.55),
    roundedRect(cx - u(0.22), y0 + u(0.86), cx + u(0.22), y0 + u(0.94), u(0.03)),
  );
  const pans = union(bowl(left, panTop, panR), bowl(right, panTop, panR));
  return { frame, pans, top: [cx, y0 + u(0.1)] };
}

/** Renders layers (later ones on top) with 4×4 supersampling so the edges are smooth. */
export function render(width: number, height: number, background: Rgba, layers: Layer[]): PNG {
  const png = new PNG({ width, height, colorType: 6 });
  const n = 4;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = px + (sx + 0.5) / n;
          const y = py + (sy + 0.5) / n;
          let color = background;
          for (const layer of layers) if (layer.shape(x, y)) color = layer.color;
          const alpha = color[3] / 255;
          r += color[0] * alpha;
          g += color[1] * alpha;
          b += color[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * width + px) * 4;
      png.data[i] = a > 0 ? Math.round(r / a) : 0;
      png.data[i + 1] = a > 0 ? Math.round(g / a) : 0;
      png.data[i + 2] = a > 0 ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return png;
}

export function drawColorIcon(): PNG {
  const bubble = union(
    roundedRect(26, 30, 166, 146, 26),
    polygon([
      [52, 138],
      [86, 138],
      [44, 172],
    ]),
  );
  const glyph = scales(50, 38, 92, 7);
  const [leafX, leafY] = glyph.top;
  return render(192, 192, JUSTICE_BLUE, [
    { shape: bubble, color: WHITE },
    { shape: union(glyph.frame, glyph.pans), color: JUSTICE_BLUE },
    { shape: circle(leafX, leafY - 2, 15), color: WHITE },
    { shape: mapleLeaf(leafX, leafY - 3, 26), color: MAPLE_RED },
  ]);
}

export function drawOutlineIcon(): PNG {
  const glyph = scales(2, 1.5, 28, 2.2);
  return render(32, 32, TRANSPARENT, [{ shape: union(glyph.frame, glyph.pans), color: WHITE }]);
}

export const MANIFEST_DIR = join(__dirname, '..', '..', 'manifest');

if (require.main === module) {
  writeFileSync(join(MANIFEST_DIR, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(join(MANIFEST_DIR, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
  console.log(`icons written to ${MANIFEST_DIR}`);
}
