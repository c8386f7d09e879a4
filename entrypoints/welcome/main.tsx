/**
 * Welcome page entry (opened once, at install: entrypoints/background/welcome.ts). Renders the
 * page; the page asks the background for the vault's state itself.
 */

import { render } from 'preact';
import { t } from '../../src/ui/i18n';
import { App } from './App';
import './style.css';

document.documentElement.lang = t('lang');
document.title = t('welcome_page_title');

render(<App />, document.getElementById('app')!);
