/**
 * Chrome's offscreen document (reason CLIPBOARD): its only job is to empty the clipboard after a
 * copied secret's time is up, when the popup that copied it has already closed. It does that as it
 * loads; offscreen.createDocument resolves once the document has loaded (module scripts included),
 * and the background then closes it. No message is needed, so none can be lost in a race with the
 * document's listeners.
 */

import { emptyClipboard } from '../../src/clipboard/clear';

emptyClipboard(document);
