'use strict';

/*
 * What the rules know about the Caseway project around the models: the forms in forms/, the
 * Spring beans in src/main/java and the records retention in application.yaml. Read once per
 * run. The project root is the nearest folder above this plugin holding forms/ and src/main/java,
 * or the `root` option of a rule, or the CASEWAY_ROOT environment variable.
 */

const fs = require('node:fs');
const path = require('node:path');

const { scanBeans } = require('./java-beans');

const cache = new Map();

function findRoot(start) {
  let dir = fs.realpathSync(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'forms')) && fs.existsSync(path.join(dir, 'src', 'main', 'java'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`bpmnlint-plugin-caseway: no Caseway project (forms/ and src/main/java) above ${start}`);
    }
    dir = parent;
  }
}

function resolveRoot(config) {
  if (config && config.root) {
    return path.resolve(config.root);
  }
  if (process.env.CASEWAY_ROOT) {
    return path.resolve(process.env.CASEWAY_ROOT);
  }
  return findRoot(__dirname);
}

/** Map<formId, relative file> of every *.form (JSON) under forms/. */
function scanForms(root) {
  const forms = new Map();
  const dir = path.join(root, 'forms');
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.form')) {
        try {
          const id = JSON.parse(fs.readFileSync(full, 'utf8')).id;
          if (typeof id === 'string' && id) {
            forms.set(id, path.relative(root, full));
          }
        } catch (e) {
          // an unreadable form defines no id; the form checks of the build report it
        }
      }
    }
  };
  if (fs.existsSync(dir)) {
    walk(dir);
  }
  return forms;
}

/**
 * The configured records retention in days, from caseway.records.history-time-to-live in
 * src/main/resources/application.yaml (Spring duration in days: `2557d`, `2557`, `P2557D`),
 * or null when it cannot be read.
 */
function readRetentionDays(root) {
  const file = path.join(root, 'src', 'main', 'resources', 'application.yaml');
  if (!fs.existsSync(file)) {
    return null;
  }
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  let section = null;
  let records = false;
  for (const line of lines) {
    if (/^---/.test(line)) {
      break;
    }
    const top = /^([\w-]+):/.exec(line);
    if (top) {
      section = top[1];
      records = false;
      continue;
    }
    if (section !== 'caseway') {
      continue;
    }
    const second = /^ {2}([\w-]+):/.exec(line);
    if (second) {
      records = second[1] === 'records';
      continue;
    }
    const ttl = /^ {4}history-time-to-live:\s*(\S+)/.exec(line);
    if (records && ttl) {
      return parseDays(ttl[1].replace(/^\$\{[^:}]*:(.*)\}$/, '$1'));
    }
  }
  return null;
}

/** Days of `2557d`, `2557`, `P2557D` (what both Spring and the engine accept), else null. */
function parseDays(value) {
  const match = /^(?:(\d+)d?|P(\d+)D)$/i.exec(String(value).trim());
  return match ? Number(match[1] || match[2]) : null;
}

function project(config) {
  const root = resolveRoot(config);
  if (!cache.has(root)) {
    cache.set(root, {
      root,
      forms: scanForms(root),
      beans: scanBeans(path.join(root, 'src', 'main', 'java')),
      retentionDays: readRetentionDays(root)
    });
  }
  return cache.get(root);
}

module.exports = {
  project,
  parseDays
};
