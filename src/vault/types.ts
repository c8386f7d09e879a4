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
}

/** What pages list and search (src/messages/list-codec.ts): the overview without its autofill rule, favourite flag or date. */
export type ListEntry = Pick<ItemOverview, 'id' | 'name' | 'username' | 'urls'>;

/** The secret part of an item, stored one record per item. */
export interface ItemDetails {
  password: string;
  notes: string;
  totp: string;
  fields: CustomField[];
  createdAt: number;
}

export type Item = ItemOverview & ItemDetails;

/** What a caller supplies to add (no id) or replace (with id) an item. */
export type ItemInput = Omit<Item, 'id' | 'createdAt' | 'updatedAt'> & { id?: string };
