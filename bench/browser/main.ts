// Entry of the bench page: exposes the page-side benchmarks to the Node orchestrator.

import type { BenchPageApi } from './api';
import { changePassword } from './change-password';
import { healthReport } from './health';
import { importCsv } from './import-csv';
import { kdfPair } from './kdf';
import { vaultOpen } from './vault-open';

const api: BenchPageApi = { kdfPair, vaultOpen, importCsv, changePassword, healthReport };
window.tesseraBench = api;
