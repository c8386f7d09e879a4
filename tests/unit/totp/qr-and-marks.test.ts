// The QR reader (src/totp/qr-image.ts) on real QR codes drawn by the qrcode package, and the list's
// two-factor marks (src/totp/marks.ts) over a vault stand-in that counts its reads.
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { createOtpMarks, type MarksVault } from '@/src/totp/marks';
import { decodeQrPixels } from '@/src/totp/qr-image';
import { toOverview } from '@/src/vault/chunks';
import { VaultError } from '@/src/vault/errors';
import { emptyItem } from '@/src/vault/item-schema';
import type { Item } from '@/src/vault/types';

/** RGBA pixels of `text` as a QR code, `scale` pixels a module, with a quiet zone; dark on light or inverted. */
function qrPixels(text: string, scale = 4, inverted = false) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const size = (modules.size + quiet * 2) * scale;
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / scale) - quiet;
      const my = Math.floor(y / scale) - quiet;
      const inside = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size;
      const dark = inside && modules.get(my, mx) === 1;
      const value = dark !== inverted ? 0 : 255;
      rgba.set([value, value, value, 255], (y * size + x) * 4);
    }
  }
  return { rgba, width: size, height: size };
}

describe('decodeQrPixels', () => {
  const uri = 'otpauth://totp/ACME:jo@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME';

  it('reads an otpauth:// QR code', () => {
    const { rgba, width, height } = qrPixels(uri);
    expect(decodeQrPixels(rgba, width, height)).toBe(uri);
  });

  it('reads a light-on-dark QR code', () => {
    const { rgba, width, height } = qrPixels(uri, 4, true);
    expect(decodeQrPixels(rgba, width, height)).toBe(uri);
  });

  it('returns null for a picture without a QR code', () => {
    const blank = new Uint8ClampedArray(200 * 200 * 4).fill(255);
    expect(decodeQrPixels(blank, 200, 200)).toBeNull();
  });
});

describe('createOtpMarks', () => {
  function vault(items: Item[]) {
    const reads = { get: 0, all: 0 };
    const store = new Map(items.map((i) => [i.id, i]));
    const v: MarksVault & { reads: typeof reads; store: typeof store } = {
      reads,
      store,
      list: () => [...store.values()].map(toOverview),
      get: async (id) => {
        reads.get++;
        return store.get(id)!;
      },
      allItems: async () => {
        reads.all++;
        return { items: [...store.values()], damaged: [] };
      },
    };
    return v;
  }
  const item = (id: string, totp = '', updatedAt = 1): Item => ({
    ...emptyItem(),
    id,
    name: id,
    totp,
    createdAt: 1,
    updatedAt,
  });

  it('names exactly the items with a secret, reading every record once for a large vault', async () => {
    const items = Array.from({ length: 100 }, (_, i) =>
      item(`i${i}`, i % 10 === 0 ? 'JBSWY3DPEHPK3PXP' : ''),
    );
    const v = vault(items);
    const marks = createOtpMarks();
    expect(await marks(v)).toEqual(items.filter((_, i) => i % 10 === 0).map((i) => i.id));
    expect(v.reads).toEqual({ get: 0, all: 1 });
    await marks(v);
    expect(v.reads).toEqual({ get: 0, all: 1 });
  });

  it('rereads only an item whose updatedAt moved, and follows its change', async () => {
    const items = Array.from({ length: 40 }, (_, i) => item(`i${i}`));
    const v = vault(items);
    const marks = createOtpMarks();
    expect(await marks(v)).toEqual([]);
    v.store.set('i7', item('i7', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', 2));
    expect(await marks(v)).toEqual(['i7']);
    expect(v.reads).toEqual({ get: 1, all: 1 });
  });

  it('answers an unchanged list (the same array) without a pass over it, and a changed one anew', async () => {
    const items = Array.from({ length: 40 }, (_, i) => item(`i${i}`, i === 3 ? 'JBSWY3DPEHPK3PXP' : ''));
    const v = vault(items);
    let list = [...v.store.values()].map(toOverview);
    let passes = 0;
    // Counts every look at an overview's id: a pass over the list reads each one.
    const watched = () =>
      list.map((o) => {
        const copy = { ...o };
        return Object.defineProperty(copy, 'id', {
          get: () => {
            passes++;
            return o.id;
          },
        });
      });
    let shown = watched();
    v.list = () => shown;
    const marks = createOtpMarks();
    const first = await marks(v);
    expect(first).toEqual(['i3']);
    passes = 0;
    expect(await marks(v)).toBe(first);
    expect(passes).toBe(0);
    // An edit: list() is a new array, and the answer follows it.
    v.store.set('i5', item('i5', 'JBSWY3DPEHPK3PXP', 2));
    list = [...v.store.values()].map(toOverview);
    shown = watched();
    expect(await marks(v)).toEqual(['i3', 'i5']);
    expect(passes).toBeGreaterThan(0);
  });

  it('an item whose record could not be read yet is looked for again, not left out for good', async () => {
    const items = Array.from({ length: 40 }, (_, i) => item(`i${i}`));
    const v = vault(items);
    let shown = v.list();
    v.list = () => shown;
    const marks = createOtpMarks();
    expect(await marks(v)).toEqual([]);
    // A new item listed a moment before its record can be read (the write is still announcing it).
    v.store.set('new', item('new', 'JBSWY3DPEHPK3PXP', 2));
    shown = [...v.store.values()].map(toOverview);
    const get = v.get;
    v.get = async (id) => {
      if (id === 'new') throw new VaultError('not-found', 'not yet');
      return get(id);
    };
    expect(await marks(v)).toEqual([]);
    v.get = get;
    expect(await marks(v)).toEqual(['new']);
  });

  it('starts over for another open vault object (a lock drops the cache with the vault)', async () => {
    const marks = createOtpMarks();
    await marks(vault(Array.from({ length: 40 }, (_, i) => item(`i${i}`))));
    const again = vault(Array.from({ length: 40 }, (_, i) => item(`i${i}`, 'JBSWY3DPEHPK3PXP')));
    expect(await marks(again)).toHaveLength(40);
    expect(again.reads.all).toBe(1);
  });
});
