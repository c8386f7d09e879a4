/**
 * Reads a QR code from a picture: a capture of the visible tab (in the background) or an image
 * file the person picked (in the popup). jsQR (pure JavaScript, no WebAssembly to bundle) finds
 * and decodes the code; tried on the picture as is and inverted, for light-on-dark codes.
 *
 * Works wherever createImageBitmap and OffscreenCanvas exist: extension pages, Chrome's service
 * worker and Firefox's event page alike. The pixels are dropped as soon as the text is read.
 */

import jsQR from 'jsqr';

/** The text of the QR code in RGBA pixels, or null when there is none. */
export function decodeQrPixels(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  const found = jsQR(rgba, width, height, { inversionAttempts: 'attemptBoth' });
  return found?.data ? found.data : null;
}

/** Decodes the first QR code in an image (PNG, JPEG, WebP, GIF...); null when it shows none. */
export async function decodeQrImage(image: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(image);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(bitmap, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return decodeQrPixels(data, width, height);
  } finally {
    bitmap.close();
  }
}
