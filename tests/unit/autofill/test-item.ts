// A whole vault item for the fill-service and menu tests: named by its id, with a username and
// password derived from it, for https://example.com/ unless `extra` says otherwise.
import type { Item } from '@/src/vault/types';

export function testItem(id: string, extra: Partial<Item> = {}): Item {
  return {
    id,
    name: id,
    username: `${id}@example.com`,
    password: `pw-${id}`,
    urls: ['https://example.com/'],
    match: 'domain',
    favorite: false,
    updatedAt: 1,
    notes: '',
    totp: '',
    fields: [],
    createdAt: 1,
    ...extra,
  };
}
