// Renders the toolbar and store icons (assets/icons/*.svg) to PNG at every size both stores ask
// for (16, 32, 48, 128) into public/icons/, with Debian's Chromium (the browser the e2e tests use),
// so the rasteriser is a browser's and no image tool is needed. The PNGs are checked in; run this
// again after changing an SVG:  npx tsx scripts/render-icons.ts
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../tests/e2e/harness/chromium-executable';

export const ICON_SIZES = [16, 32, 48, 128] as const;
const VARIANTS = ['tessera', 'tessera-locked'] as const;
const root = join(import.meta.dirname, '..');

const executablePath = findChromium().path;
if (!executablePath) throw new Error('render-icons: no Chromium found (sudo apt-get install -y chromium)');
const browser = await chromium.launch({ executablePath, headless: true });
try {
  const page = await browser.newPage();
  for (const variant of VARIANTS) {
    const svg = await readFile(join(root, 'assets/icons', `${variant}.svg`), 'utf8');
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
      );
      const png = await page.screenshot({
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      });
      await writeFile(join(root, 'public/icons', `${variant}-${size}.png`), png);
    }
  }
} finally {
  await browser.close();
}
