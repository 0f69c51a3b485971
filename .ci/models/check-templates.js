#!/usr/bin/env node
'use strict';

/*
 * Checks Caseway's Camunda 7 element templates (processes/.camunda/element-templates/*.json, or
 * the files and folders given as arguments):
 *   - each file is a template or an array of templates valid against the JSON schema of
 *     @camunda/element-templates-json-schema (the schema their "$schema" names);
 *   - "$schema" is the unversioned schema address (Camunda Modeler skips templates naming a newer
 *     schema than it knows), every template has an integer version, and id + version is unique;
 *   - a fixed (editable: false) property has a value;
 *   - every bean an expression names (${bean}, ${bean.method(...)}) exists in src/main/java, a
 *     delegate implements what the engine calls, and a history time to live equals the configured
 *     records retention.
 * One line per problem: `<file>: <template id>: <problem>`. Exits 1 when there is one.
 *
 *   npm --prefix .ci/models run check-templates
 */

const fs = require('node:fs');
const path = require('node:path');

const Ajv = require('ajv');
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const { project, parseDays } = require('bpmnlint-plugin-caseway/lib/project');
const { delegateBean, methodExpression, referencedBeans } = require('bpmnlint-plugin-caseway/lib/model');
const { memberAccess, implementsInterface } = require('bpmnlint-plugin-caseway/lib/java-beans');

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_DIR = path.join(ROOT, 'processes', '.camunda', 'element-templates');
const SCHEMA_URL = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(schema, 'element-templates');
const validateTemplate = ajv.getSchema('element-templates#/definitions/template');
const validateDocument = ajv.getSchema('element-templates');

function collectFiles(args) {
  const base = process.env.INIT_CWD || process.cwd();
  const inputs = args.length ? args.map(arg => path.resolve(base, arg)) : [ DEFAULT_DIR ];
  const files = [];
  for (const input of inputs) {
    if (!fs.existsSync(input)) {
      throw new Error(`no such file or folder: ${input}`);
    }
    if (fs.statSync(input).isDirectory()) {
      files.push(...fs.readdirSync(input).filter(name => name.endsWith('.json')).sort().map(name => path.join(input, name)));
    } else {
      files.push(input);
    }
  }
  return files;
}

/** Ajv's errors as short lines, without the wrappers (if/then, oneOf) that only repeat an inner error. */
function schemaProblems(errors) {
  const specific = errors.filter(e => ![ 'if', 'oneOf', 'anyOf', 'allOf' ].includes(e.keyword));
  const shown = specific.length ? specific : errors;
  const lines = shown.map(e => {
    const where = e.instancePath || '/';
    const allowed = e.params && e.params.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : '';
    return `schema: ${where} ${e.message}${allowed}`;
  });
  return [ ...new Set(lines) ];
}

/** Problems of one template beyond the schema: conventions and the beans it names. */
function conventionProblems(template, context) {
  const problems = [];
  const { beans, retentionDays } = context.project;

  if (template.$schema !== SCHEMA_URL) {
    problems.push(`"$schema" must be "${SCHEMA_URL}"`);
  }
  if (!Number.isInteger(template.version)) {
    problems.push('no integer "version": give every template one and raise it when it changes');
  }

  (template.properties || []).forEach((property, index) => {
    const where = `properties[${index}]` + (property.label ? ` "${property.label}"` : '');
    const binding = property.binding || {};
    const value = property.value;

    if (property.editable === false && (value === undefined || value === '')) {
      problems.push(`${where}: fixed (editable: false) but has no value`);
    }
    if (typeof value !== 'string') {
      return;
    }

    const delegate = (binding.type === 'property' && binding.name === 'camunda:delegateExpression')
      ? [ 'JavaDelegate', 'ActivityBehavior' ]
      : (binding.type === 'camunda:executionListener' && binding.implementationType === 'delegateExpression')
        ? [ 'ExecutionListener', 'JavaDelegate' ]
        : null;

    if (delegate) {
      const name = delegateBean(value);
      if (!name) {
        problems.push(`${where}: delegate expression ${value} does not name a bean (\${beanName})`);
        return;
      }
      const bean = beans.get(name);
      if (!bean) {
        problems.push(`${where}: no Spring bean <${name}> in src/main/java for ${value}`);
      } else if (delegate.every(iface => implementsInterface(bean, iface) === false)) {
        problems.push(`${where}: bean <${name}> (${bean.className}) does not implement ${delegate.join(' or ')}`);
      }
      return;
    }

    const refs = binding.implementationType === 'expression' ? [ methodExpression(value) ].filter(Boolean) : referencedBeans(value);
    for (const ref of refs) {
      const bean = beans.get(ref.bean);
      if (!bean) {
        problems.push(`${where}: no Spring bean <${ref.bean}> in src/main/java for ${value}`);
        continue;
      }
      const access = memberAccess(bean, ref.member, ref.isCall);
      if (access === 'missing' || access === 'not-public') {
        problems.push(`${where}: bean <${ref.bean}> (${bean.className}) has no public ${ref.isCall ? 'method' : 'getter for'} <${ref.member}>`);
      }
    }

    if (binding.type === 'property' && binding.name === 'camunda:historyTimeToLive' && retentionDays !== null
        && parseDays(value) !== retentionDays) {
      problems.push(`${where}: history time to live ${value} differs from the records retention (P${retentionDays}D)`);
    }
  });

  const key = `${template.id}@${template.version}`;
  if (context.seen.has(key)) {
    problems.push(`id "${template.id}" version ${template.version} is also defined in ${context.seen.get(key)}`);
  } else {
    context.seen.set(key, context.file);
  }
  return problems;
}

function checkFile(file, context) {
  const problems = [];
  const report = (id, problem) => problems.push({ id, problem });
  let document;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    report('-', `not JSON: ${error.message}`);
    return { problems, count: 0 };
  }
  const templates = Array.isArray(document) ? document : [ document ];
  if (!document || typeof document !== 'object') {
    report('-', 'must hold a template or an array of templates');
    return { problems, count: 0 };
  }

  templates.forEach((template, index) => {
    const id = (template && typeof template.id === 'string' && template.id) || `[${index}]`;
    if (!validateTemplate(template)) {
      schemaProblems(validateTemplate.errors).forEach(problem => report(id, problem));
    }
    if (template && typeof template === 'object') {
      conventionProblems(template, { ...context, file: path.relative(ROOT, file) })
        .forEach(problem => report(id, problem));
    }
  });

  if (!problems.length && !validateDocument(document)) {
    schemaProblems(validateDocument.errors).forEach(problem => report('-', problem));
  }
  return { problems, count: templates.length };
}

function main() {
  const files = collectFiles(process.argv.slice(2));
  const context = { project: project(), seen: new Map() };
  let templates = 0;
  let problemCount = 0;

  for (const file of files) {
    const shown = path.relative(ROOT, file).split(path.sep).join('/');
    const { problems, count } = checkFile(file, context);
    templates += count;
    for (const { id, problem } of problems) {
      console.log(`${shown}: ${id}: ${problem}`);
      problemCount++;
    }
  }

  if (!files.length) {
    console.log('element templates: no template files found');
    process.exitCode = 1;
    return;
  }
  console.log(`element templates: ${templates} template(s) in ${files.length} file(s), ${problemCount} problem(s)`);
  process.exitCode = problemCount ? 1 : 0;
}

try {
  main();
} catch (error) {
  console.error(error.stack || error.message);
  process.exitCode = 2;
}
