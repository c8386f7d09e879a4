// Every bench module, in the order `npm run bench` runs them. A new metric is one module under
// bench/metrics/ and one entry here.

import type { MetricModule } from '../lib/types';
import { autofill } from './autofill';
import { changePassword } from './change-password';
import { health } from './health';
import { importCsv } from './import';
import { kdf } from './kdf';
import { passkeys } from './passkeys';
import { popup, popup50k } from './popup';
import { sync } from './sync';
import { totp } from './totp';
import { vault } from './vault';
import { workerStart } from './worker-start';

export const METRICS: readonly MetricModule[] = [
  kdf,
  vault,
  popup,
  popup50k,
  workerStart,
  importCsv,
  changePassword,
  autofill,
  totp,
  health,
  passkeys,
  sync,
];
