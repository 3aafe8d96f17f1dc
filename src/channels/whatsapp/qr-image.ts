import type { QrMatrix } from './qr-code.js';

/** Light modules around the code that scanners need. */
const QUIET_ZONE = 4;

/** The code as an SVG document: one path of dark squares on white, scaled by the viewer. */
export function qrToSvg(qr: QrMatrix, moduleSize = 8): string {
  const dim = qr.size + QUIET_ZONE * 2;
  const parts: string[] = [];
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) if (qr.isDark(x, y)) parts.push(`M${x + QUIET_ZONE},${y + QUIET_ZONE}h1v1h-1z`);
  }
  const px = dim * moduleSize;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${dim} ${dim}" width="${px}" height="${px}" shape-rendering="crispEdges">` +
    `<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="${parts.join('')}"/></svg>`
  );
}

/**
 * The code as text for a terminal, two module rows per line with half blocks. Light modules are
 * printed as blocks, so on the usual dark terminal the code reads dark-on-light as scanners expect.
 */
export function qrToTerminal(qr: QrMatrix): string {
  const light = (x: number, y: number) => x < 0 || y < 0 || x >= qr.size || y >= qr.size || !qr.isDark(x, y);
  const lines: string[] = [];
  for (let y = -QUIET_ZONE; y < qr.size + QUIET_ZONE; y += 2) {
    let line = '';
    for (let x = -QUIET_ZONE; x < qr.size + QUIET_ZONE; x++) {
      const top = light(x, y);
      const bottom = light(x, y + 1);
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(line);
  }
  return lines.join('\n');
}
