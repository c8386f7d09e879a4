// Entry of the bench page: exposes the page-side benchmarks to the Node orchestrator.

import type { BenchPageApi } from './api';
import { importCsv } from './import-csv';
import { kdfPair } from './kdf';
import { vaultOpen } from './vault-open';

const api: BenchPageApi = { kdfPair, vaultOpen, importCsv };
window.tesseraBench = api;
