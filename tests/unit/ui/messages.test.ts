// The English message catalogue: well-formed placeholders, and a message for every key the UI
// builds at run time (those cannot be checked by the type-checker the way t('literal') calls are).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import en from '@zxcvbn-ts/language-en';
import { describe, expect, it } from 'vitest';

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

const catalogue = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../public/_locales/en/messages.json'), 'utf8'),
) as Record<string, Message>;

describe('messages.json', () => {
  it('keeps the manifest strings', () => {
    expect(catalogue.extName?.message).toBe('Tessera');
    expect(catalogue.extDescription?.message).toBeTruthy();
  });

  it('uses only key characters Chrome accepts', () => {
    for (const key of Object.keys(catalogue)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('declares every $NAME$ used, and each placeholder maps to $1..$9', () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(entry.message, key).toBeTruthy();
      const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase());
      const declared = Object.keys(entry.placeholders ?? {});
      expect(declared.sort(), key).toEqual([...new Set(used)].sort());
      for (const placeholder of Object.values(entry.placeholders ?? {})) {
        expect(placeholder.content, key).toMatch(/^\$[1-9]$/);
      }
    }
  });

  it('has a message for every zxcvbn warning and suggestion', () => {
    for (const key of Object.keys(en.translations.warnings)) {
      expect(catalogue[`strength_warning_${key}`], key).toBeDefined();
    }
    for (const key of Object.keys(en.translations.suggestions)) {
      expect(catalogue[`strength_suggestion_${key}`], key).toBeDefined();
    }
  });

  it('has a label and a hint for every match rule and a label for every strength score', () => {
    for (const match of ['domain', 'host', 'never']) {
      expect(catalogue[`match_${match}`]).toBeDefined();
      expect(catalogue[`match_${match}_hint`]).toBeDefined();
    }
    for (let score = 0; score <= 4; score++) expect(catalogue[`strength_score_${score}`]).toBeDefined();
  });
});
