// Every bench module, in the order `npm run bench` runs them. A new metric is one module under
// bench/metrics/ and one entry here.

import type { MetricModule } from '../lib/types';
import { autofill } from './autofill';
import { changePassword } from './change-password';
import { importCsv } from './import';
import { kdf } from './kdf';
import { popup } from './popup';
import { sync } from './sync';
import { vault } from './vault';

export const METRICS: readonly MetricModule[] = [
  kdf,
  vault,
  popup,
  importCsv,
  changePassword,
  autofill,
  sync,
];
