import QRCode from 'qrcode';

// The WhatsApp pairing code as pictures, drawn by the maintained `qrcode` package with its defaults
// (error correction level M, which phone scanners read well at this size).

/** An SVG document for the admin route: dark modules on white with a quiet zone of 4 modules, scaled by the viewer. */
export function qrToSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg' });
}

/**
 * Text for a terminal: half-block characters, two module rows per line, black on a white ANSI
 * background with a one-module white border, so the code reads dark-on-light on any terminal theme.
 */
export function qrToTerminal(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true });
}
