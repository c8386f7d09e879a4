/**
 * Popup entry: renders the app, asks the background for the vault's state and list (both at once),
 * and wires the page to the session: activity reports for auto-lock, and the lock broadcast.
 *
 * Keep this module's imports light: everything here is on the path from click to usable list.
 */

import { render } from 'preact';

import { startActivityReporting } from '../../src/ui/activity';
import { t } from '../../src/ui/i18n';
import { listenForLock, listenForProblems } from '../../src/ui/lock-events';
import { ask, enterLocked, loadInitial, onLock, refreshProblems } from '../../src/ui/state';
import { App } from './App';
import { go, reset } from './route';
import './style.css';

const loaded = loadInitial();

document.documentElement.lang = t('lang');
document.title = t('extName');

onLock(reset);
listenForLock(enterLocked);
listenForProblems(() => void refreshProblems());

// popup.html?edit=<id> (the options page's health links, opened in a tab): that item's editor. The
// id only picks an item to ask the background for; an unknown one gets the editor's own error.
const editId = new URLSearchParams(location.search).get('edit');
if (editId) go({ name: 'edit', id: editId });

render(<App />, document.getElementById('app')!);

// Once the first screen is up: the opening report (a person opened the popup) sent earlier would
// only compete with the list request, and reading the list is not activity in the background.
void loaded.finally(() => {
  startActivityReporting({
    send: () => void ask({ type: 'session.activity' }).catch(() => undefined),
    now: () => Date.now(),
    target: document,
  });
});
