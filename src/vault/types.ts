/**
 * The shapes of vault items as the rest of the extension sees them (plaintext, in memory only).
 *
 * An item is stored in two encrypted parts (see format.ts): its overview, the few fields the popup
 * needs to list and search, kept in chunked records so that 10,000 items open with a handful of
 * decryptions; and its details (password, notes, TOTP, custom fields), one record per item, read
 * only when the item is opened or filled.
 */

export interface CustomField {
  name: string;
  value: string;
  /** Hidden fields are masked in the UI like passwords. */
  hidden: boolean;
}

/** Per-item rule for which pages an item may fill on (see src/autofill later). */
export type UrlMatch = 'domain' | 'host' | 'never';

/** An item's index entry: what the vault decrypts at unlock to list, search and match. Contains no secret. */
export interface ItemOverview {
  id: string;
  name: string;
  username: string;
  urls: string[];
  match: UrlMatch;
  favorite: boolean;
  updatedAt: number;
  /**
   * The RP IDs of the item's passkeys, absent when it has none: lets the background find the items
   * that can answer a passkey request, and pages mark them, without decrypting every item.
   */
  passkeyRpIds?: string[];
}

/**
 * What pages list and search (src/messages/list-codec.ts): the overview without its autofill rule,
 * favourite flag or date, and with only whether the item holds a passkey.
 */
export type ListEntry = Pick<ItemOverview, 'id' | 'name' | 'username' | 'urls'> & { hasPasskey?: boolean };

/**
 * A passkey (WebAuthn discoverable credential) held in a login item. It lives only inside the
 * item's sealed record, like the password: the private key never reaches an overview, a page or
 * disk unencrypted. Byte strings are base64url without padding, as WebAuthn's JSON forms write them.
 * Made and used by src/passkeys/ (authenticator.ts).
 */
export interface StoredPasskey {
  /** The credential id the relying party knows this passkey by (16 to 1023 bytes). */
  credentialId: string;
  /** The relying party id it was made for: a domain, e.g. "example.com". */
  rpId: string;
  /** The relying party's user handle (user.id, up to 64 bytes); empty when an import had none. */
  userHandle: string;
  userName: string;
  userDisplayName: string;
  /** The private key as PKCS#8 (base64url), the same encoding Bitwarden's export uses. */
  privateKey: string;
  /** COSE algorithm: -7 is ES256 (ECDSA P-256 with SHA-256), the only one Tessera makes. */
  algorithm: -7;
  /**
   * The signature counter last reported. Tessera reports 0 (no counter) for every passkey, as
   * synced providers do: see signCount in src/passkeys/authenticator-data.ts for why.
   */
  counter: number;
  createdAt: number;
  /** A discoverable (resident) credential can answer a get() that names no credential ids. */
  discoverable: boolean;
}

/** A passkey as pages see it: everything but the private key, which never leaves the background. */
export type PasskeyView = Omit<StoredPasskey, 'privateKey'>;

/** The secret part of an item, stored one record per item. */
export interface ItemDetails {
  password: string;
  notes: string;
  totp: string;
  fields: CustomField[];
  /** Passkeys of a login item; absent (not empty) on items that never had one. */
  passkeys?: StoredPasskey[];
  createdAt: number;
  /**
   * When the password was last set (ms), for the health report's "unchanged for a year". Absent on
   * items stored before it existed: their updatedAt is then the best bound known (a password is
   * never younger than the item's last change). Kept by vault.put while the password stays the
   * same; an import takes it from the other manager's dates where its format has them.
   */
  passwordChangedAt?: number;
}

/** A whole item as stored: the overview's fields (passkeyRpIds is derived, never stored) and its details. */
export type Item = Omit<ItemOverview, 'passkeyRpIds'> & ItemDetails;

/** What a caller supplies to add (no id) or replace (with id) an item. */
export type ItemInput = Omit<Item, 'id' | 'createdAt' | 'updatedAt'> & { id?: string };

/** An item as pages receive it (vault.get, vault.put): its passkeys without their private keys. */
export type PageItem = Omit<Item, 'passkeys'> & { passkeys?: PasskeyView[] };

/**
 * What a page sends to save an item: its passkeys named by credential id only. The background keeps
 * the stored passkeys the page still lists and drops the others (src/passkeys/item-passkeys.ts); a
 * page can remove a passkey but never add one or change its key.
 */
export type PageItemInput = Omit<ItemInput, 'passkeys'> & { passkeys?: { credentialId: string }[] };
