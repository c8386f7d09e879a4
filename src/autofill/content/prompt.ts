/**
 * The save prompt's side in the content script: on the background's 'tessera.prompt' command, open
 * save-prompt.html (entrypoints/save-prompt) in the top-right corner of the top frame, replacing
 * one already open; the command without a token closes it.
 *
 * Safety fact: the one-time token rides in the frame URL's fragment, inside a closed shadow root:
 * the page cannot read it, and only the frame presenting it gets the offer from the background.
 */

import { type ExtensionFrame, openExtensionFrame } from './extension-frame';

/** Where the prompt sits: the top-right corner of the viewport, like the browser's own. */
const PROMPT_SIZE = { width: 360, height: 176 };
const promptBox = (view: Window) => ({
  ...PROMPT_SIZE,
  top: 8,
  left: Math.max(8, view.innerWidth - PROMPT_SIZE.width - 8),
});

export function createSavePrompt(doc: Document, getURL: (path: string) => string) {
  let prompt: ExtensionFrame | undefined;
  let resizing = false;
  return {
    /** Handles a prompt command (true) or says it is not one (undefined). */
    command(message: { type?: unknown; token?: unknown; title?: unknown }): true | undefined {
      const view = doc.defaultView;
      if (message.type !== 'tessera.prompt' || !view || view.top !== view) return undefined;
      prompt?.remove();
      prompt = undefined;
      if (typeof message.token === 'string') {
        prompt = openExtensionFrame(
          doc,
          `${getURL('/save-prompt.html')}#${message.token}`,
          promptBox(view),
          String(message.title),
        );
        // Kept in the corner when the window narrows (off screen, the prompt refuses clicks).
        if (!resizing) view.addEventListener('resize', () => prompt?.move(promptBox(view)));
        resizing = true;
      }
      return true;
    },
  };
}
