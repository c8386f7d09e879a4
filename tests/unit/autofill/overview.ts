// An item overview for the matching tests: a login with these URLs, 'domain' matching unless told.
import type { ItemOverview } from '@/src/vault/types';

export const overview = (id: string, urls: string[], extra: Partial<ItemOverview> = {}): ItemOverview => ({
  id,
  name: id,
  username: '',
  urls,
  match: 'domain',
  favorite: false,
  updatedAt: 0,
  ...extra,
});
