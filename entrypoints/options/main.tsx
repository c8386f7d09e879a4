/**
 * Options page entry: renders the app, loads the vault's state, and keeps it current: the lock
 * broadcast (auto-lock, another window's "Lock now", a reset) and showing the tab again reload it,
 * and input on this page postpones auto-lock like input in the popup does (src/ui/activity.ts).
 */

import { render } from 'preact';
import { startActivityReporting } from '../../src/ui/activity';
import { onUnavailableChanged } from '../../src/ui/biometric-marks';
import { t } from '../../src/ui/i18n';
import { listenForLock } from '../../src/ui/lock-events';
import { App } from './App';
import { followFragment } from './fragment';
import { ask, refresh } from './state';
import './style.css';

document.documentElement.lang = t('lang');
document.title = t('options_page_title');

followFragment();
listenForLock(() => void refresh());
// Another options tab or window found a biometric enrolment dead (or replaced it): show it here too.
onUnavailableChanged(() => void refresh());
void refresh();
// Unlocking (or resetting) from the popup sends no broadcast: look again when this tab is shown.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refresh();
});

render(<App />, document.getElementById('app')!);

startActivityReporting({
  send: () => void ask({ type: 'session.activity' }).catch(() => undefined),
  now: () => Date.now(),
  target: document,
});
