#!/usr/bin/env node
'use strict';

/*
 * Lints Caseway's BPMN models with bpmnlint and the rules of .bpmnlintrc (bpmnlint:recommended,
 * camunda-compat for Camunda 7.24, Caseway's own plugin). Without arguments it lints
 * processes/*.bpmn; arguments are files or folders (relative to where npm was started).
 * One line per finding: `<file>: <element id>: <error|warning> <rule>: <message>`.
 * Exits 1 when there is an error (warnings are printed, they do not fail).
 *
 *   npm --prefix .ci/models run lint                              # every model
 *   npm --prefix .ci/models run lint -- processes/case-closure.bpmn
 */

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { BpmnModdle } = require('bpmn-moddle');

const HERE = __dirname;
const ROOT = path.resolve(HERE, '..', '..');
const localRequire = createRequire(path.join(HERE, 'package.json'));

function loadConfig() {
  const config = JSON.parse(fs.readFileSync(path.join(HERE, '.bpmnlintrc'), 'utf8'));
  const extensions = {};
  for (const [ prefix, module ] of Object.entries(config.moddleExtensions || {})) {
    extensions[prefix] = localRequire(module);
  }
  return { config, moddle: new BpmnModdle(extensions) };
}

function collectFiles(args) {
  const base = process.env.INIT_CWD || process.cwd();
  const inputs = args.length ? args.map(arg => path.resolve(base, arg)) : [ path.join(ROOT, 'processes') ];
  const files = [];
  for (const input of inputs) {
    if (!fs.existsSync(input)) {
      throw new Error(`no such file or folder: ${input}`);
    }
    if (fs.statSync(input).isDirectory()) {
      files.push(...fs.readdirSync(input).filter(name => name.endsWith('.bpmn')).sort().map(name => path.join(input, name)));
    } else {
      files.push(input);
    }
  }
  return files;
}

/** Lints one file: [{ file, id, category, rule, message }]. */
async function lintFile(file, config, moddle) {
  const findings = [];
  const xml = fs.readFileSync(file, 'utf8');
  let rootElement, warnings;
  try {
    ({ rootElement, warnings } = await moddle.fromXML(xml));
  } catch (error) {
    return [ { id: '', category: 'error', rule: 'parse', message: error.message.split('\n')[0] } ];
  }
  for (const warning of warnings) {
    findings.push({
      id: (warning.element && warning.element.id) || '',
      category: 'error',
      rule: 'import',
      message: warning.message.split('\n')[0]
    });
  }
  // a fresh linter per file: bpmnlint's rules may keep state while they walk one model
  const linter = new Linter({ config, resolver: new NodeResolver({ require: localRequire }) });
  const results = await linter.lint(rootElement);
  for (const [ rule, reports ] of Object.entries(results)) {
    for (const report of reports) {
      findings.push({
        id: report.id || '',
        category: report.category === 'warn' ? 'warning' : report.category,
        rule: report.name || rule,
        message: report.message
      });
    }
  }
  return findings;
}

async function main() {
  const { config, moddle } = loadConfig();
  const files = collectFiles(process.argv.slice(2));
  let errors = 0;
  let warnings = 0;

  for (const file of files) {
    const shown = path.relative(ROOT, file).split(path.sep).join('/');
    for (const finding of await lintFile(file, config, moddle)) {
      if (finding.category === 'error' || finding.category === 'rule-error') {
        errors++;
      } else if (finding.category === 'warning') {
        warnings++;
      }
      console.log(`${shown}: ${finding.id || '-'}: ${finding.category} ${finding.rule}: ${finding.message}`);
    }
  }

  console.log(`bpmnlint: ${files.length} model(s), ${errors} error(s), ${warnings} warning(s)`);
  process.exitCode = errors ? 1 : 0;
}

main().catch(error => {
  console.error(error.stack || error.message);
  process.exitCode = 2;
});
