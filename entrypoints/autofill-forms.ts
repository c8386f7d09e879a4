/**
 * The lazily loaded part of the autofill content script, `autofill-forms.js`: an ES module built
 * from src/autofill/content/autofill-forms.ts (wxt.config.ts, asEsModule), web-accessible, and
 * imported by entrypoints/autofill-content.ts into its isolated world at the first login-like
 * field or background command. Its API is that module's named export; evaluating it does nothing
 * else.
 *
 * This file only gives WXT the entrypoint to build: WXT evaluates every entrypoint in Node to
 * read its options, and the module itself reads DOM globals when evaluated (value.ts), so the
 * build takes its code from the module directly and nothing calls this main.
 */

export default defineUnlistedScript(() => undefined);
