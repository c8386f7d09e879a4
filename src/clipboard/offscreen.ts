/** The message type the background sends Chrome's offscreen document to copy a text. */
export const OFFSCREEN_COPY = 'tessera.offscreen.copy';
