/**
 * Passkeys in login items: what pages may see of them, how a page's save keeps them, and where a
 * new passkey goes. Pure functions over items; the writes themselves run on the session's queue
 * (session.withVault), where the caller reads the stored item and puts the result.
 *
 * Safety fact: a passkey's private key stays in the background. Pages get PasskeyView (no key)
 * and save with credential ids only; keepStoredPasskeys takes the keys from the stored item, so a
 * page can delete a passkey but cannot add one, swap its key or move it to another site.
 */

import { emptyItem } from '../vault/item-schema';
import type { Item, ItemInput, PageItem, PageItemInput, PasskeyView, StoredPasskey } from '../vault/types';

/** The item as pages receive it: passkeys without their private keys. */
export function withoutPrivateKeys(item: Item): PageItem {
  if (!item.passkeys) return item as PageItem;
  const passkeys: PasskeyView[] = item.passkeys.map(({ privateKey: _key, ...view }) => view);
  return { ...item, passkeys };
}

/**
 * A page's save, with the stored passkeys it still lists (by credential id), in stored order.
 * A new item (no stored one) gets none: passkeys are only made by the authenticator or imported.
 */
export function keepStoredPasskeys(
  input: PageItemInput,
  stored: Pick<Item, 'passkeys'> | undefined,
): ItemInput {
  const { passkeys: listed, ...rest } = input;
  const keep = new Set((listed ?? []).map((p) => p.credentialId));
  const passkeys = (stored?.passkeys ?? []).filter((p) => keep.has(p.credentialId));
  return passkeys.length > 0 ? { ...rest, passkeys } : rest;
}

/**
 * The item with `passkey` added. A passkey it holds for the same site and user handle is replaced,
 * as WebAuthn §6.3.2 step 7 asks of an authenticator: the site made a new one for that account.
 */
export function addPasskey(item: ItemInput, passkey: StoredPasskey): ItemInput {
  const others = (item.passkeys ?? []).filter(
    (p) => !(p.rpId === passkey.rpId && p.userHandle !== '' && p.userHandle === passkey.userHandle),
  );
  return { ...item, passkeys: [...others, passkey] };
}

/** A new login item for a passkey made on `origin`: named after the site, with the account's user name. */
export function newPasskeyLogin(passkey: StoredPasskey, origin: string): ItemInput {
  return {
    ...emptyItem(),
    name: passkey.rpId,
    username: passkey.userName,
    urls: [origin],
    passkeys: [passkey],
  };
}

/** Every stored passkey of `items`, for excludeCredentials (createPasskey's `held`). */
export function heldPasskeys(items: readonly Pick<Item, 'passkeys'>[]): StoredPasskey[] {
  return items.flatMap((i) => i.passkeys ?? []);
}
