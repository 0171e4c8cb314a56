import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments, parse } from 'yaml';

/** Validators of HEPData's published schemas 1.1.1 (vendored under fixtures/, see its README). */
const schemaDir = new URL('./fixtures/hepdata-schemas-1.1.1/', import.meta.url);
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, schemaDir), 'utf8')) as Record<string, unknown>;

// strict: false because the schemas carry annotation keywords ajv does not know ("name").
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(load('additional_resources_schema.json'));
const validators = {
  additionalInfo: ajv.compile(load('additional_info_schema.json')),
  submission: ajv.compile(load('submission_schema.json')),
  data: ajv.compile(load('data_schema.json')),
};

function check(validate: ValidateFunction, document: unknown, what: string): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${what}${e.instancePath}: ${e.message ?? ''}`);
}

/**
 * The schema errors of a submission given as its files by name (empty when valid), checked as
 * hepdata-validator does: the first document of submission.yaml against the additional-information
 * schema when it has no data_file, every other one against the submission schema, and each data
 * file it names against the data schema.
 */
export function hepdataErrors(files: ReadonlyMap<string, string>): string[] {
  const submission = files.get('submission.yaml');
  if (submission === undefined) return ['no submission.yaml'];
  const errors: string[] = [];
  parseAllDocuments(submission).forEach((doc, k) => {
    if ('errors' in doc && doc.errors.length > 0) {
      errors.push(`submission.yaml document ${k}: ${doc.errors[0].message}`);
      return;
    }
    const value = (doc as { toJS(): unknown }).toJS() as Record<string, unknown>;
    if (k === 0 && !('data_file' in value)) {
      errors.push(...check(validators.additionalInfo, value, 'submission.yaml[0]'));
      return;
    }
    errors.push(...check(validators.submission, value, `submission.yaml[${k}]`));
    const file = String(value.data_file);
    const text = files.get(file);
    if (text === undefined) errors.push(`submission.yaml[${k}]: data_file ${file} is missing`);
    else errors.push(...check(validators.data, parse(text), file));
  });
  return errors;
}
