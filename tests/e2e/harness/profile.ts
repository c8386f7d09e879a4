// What `npm start` does to its Chromium profile before each launch, so that the browser runs the
// build it just made (also used by tests/e2e/update-same-profile.spec.ts, which shows why).
//
// Measured with Chromium 156: Chrome registers an extension's service worker once per manifest
// version and keeps that script in the profile's "Service Worker" store. A new build loaded with
// the same version, even after a browser restart, runs the previous background script beside the
// new pages; with a new version the previous script keeps answering until the new one is
// installed. (chrome.runtime.reload() is no way out: on an extension loaded with --load-extension
// and developer mode off, Chrome disables it.) Removing that store before the browser starts makes
// Chrome register the worker from the files on disk. The vault (IndexedDB) and the settings
// (extension storage) live elsewhere in the profile and stay; service workers of web sites opened
// in this profile are forgotten too, which a development profile can afford.
import { rm } from 'node:fs/promises';
import path from 'node:path';

export async function forgetRegisteredWorkers(profileDir: string): Promise<void> {
  await rm(path.join(profileDir, 'Default', 'Service Worker'), { recursive: true, force: true });
}
