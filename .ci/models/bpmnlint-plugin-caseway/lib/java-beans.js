'use strict';

/*
 * The Spring beans of src/main/java, found by reading the sources (no compilation): classes
 * annotated with a stereotype (@Component, @Service, @Repository, @Controller, @RestController,
 * @ControllerAdvice, @RestControllerAdvice, @Configuration) and @Bean methods. A stereotype
 * without a name gives Spring's default name: the simple class name with its first letter in
 * lower case (`FooBar` -> `fooBar`; `URLThing` stays `URLThing`, as java.beans.Introspector does).
 */

const fs = require('node:fs');
const path = require('node:path');

const STEREOTYPES = new Set([
  'Component', 'Service', 'Repository', 'Controller', 'RestController',
  'ControllerAdvice', 'RestControllerAdvice', 'Configuration'
]);

const MODIFIERS = '(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*';
const ANNOTATION = '@[\\w.]+(?:\\s*\\((?:[^()"]|"(?:[^"\\\\]|\\\\.)*"|\\([^()]*\\))*\\))?';

/** Replaces comments by spaces, keeping string literals and line numbers. */
function stripComments(src) {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '"' || c === '\'') {
      const textBlock = c === '"' && src.startsWith('"""', i);
      const close = textBlock ? '"""' : c;
      let j = i + close.length;
      while (j < src.length && !src.startsWith(close, j)) {
        j += src[j] === '\\' ? 2 : 1;
      }
      const stop = Math.min(src.length, j + close.length);
      out += src.slice(i, stop);
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function decapitalize(name) {
  if (name.length > 1 && name[0] === name[0].toUpperCase() && name[1] === name[1].toUpperCase()
      && name[1] !== name[1].toLowerCase()) {
    return name;
  }
  return name[0].toLowerCase() + name.slice(1);
}

/** The bean name an annotation's arguments give: ("x"), (value = "x"), (name = "x") or ({"x", ...}). */
function explicitName(args) {
  if (!args) {
    return null;
  }
  const inner = args.trim().replace(/^\(/, '').replace(/\)$/, '').trim();
  let match = /^\{?\s*"([^"]*)"/.exec(inner);
  if (match) {
    return match[1] || null;
  }
  match = /\b(?:value|name)\s*=\s*\{?\s*"([^"]*)"/.exec(inner);
  return match ? match[1] || null : null;
}

function parseAnnotations(text) {
  const result = [];
  const re = new RegExp(ANNOTATION, 'g');
  let m;
  while ((m = re.exec(text))) {
    const full = m[0];
    const name = /^@([\w.]+)/.exec(full)[1].split('.').pop();
    const args = full.slice(full.indexOf(name) + name.length).trim() || null;
    result.push({ name, args });
  }
  return result;
}

function listJavaFiles(dir) {
  const files = [];
  if (!fs.existsSync(dir)) {
    return files;
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...listJavaFiles(full));
    } else if (entry.name.endsWith('.java')) {
      files.push(full);
    }
  }
  return files.sort();
}

/**
 * Scans a source folder. Returns Map<beanName, Bean> where Bean is
 * { name, file, kind: 'class' | 'bean-method', className?, isPublic?, implementsText?, members? }.
 */
function scanBeans(sourceDir) {
  const beans = new Map();

  for (const file of listJavaFiles(sourceDir)) {
    const src = stripComments(fs.readFileSync(file, 'utf8'));

    const typeRe = new RegExp(
      `((?:${ANNOTATION}\\s*)+)(${MODIFIERS})(class|record|interface|enum)\\s+(\\w+)([^{]*)\\{`, 'g');
    let m;
    while ((m = typeRe.exec(src))) {
      const annotations = parseAnnotations(m[1]);
      const stereotype = annotations.find(a => STEREOTYPES.has(a.name));
      if (!stereotype || m[3] === 'interface' || m[3] === 'enum') {
        continue;
      }
      const className = m[4];
      const header = m[5];
      const name = explicitName(stereotype.args) || decapitalize(className);
      beans.set(name, {
        name,
        file,
        kind: 'class',
        className,
        isPublic: /\bpublic\b/.test(m[2]),
        extendsOther: /\bextends\b/.test(header),
        implementsText: (/\bimplements\s+([^{]*)/.exec(header) || [])[1] || '',
        recordComponents: m[3] === 'record' ? recordComponents(header) : [],
        source: src
      });
    }

    const beanRe = new RegExp(
      `@(?:org\\.springframework\\.context\\.annotation\\.)?Bean\\b(\\s*\\((?:[^()"]|"[^"]*")*\\))?\\s+` +
      `(?:${ANNOTATION}\\s+)*${MODIFIERS}([\\w.<>\\[\\], ?]+?)\\s+(\\w+)\\s*\\(`, 'g');
    while ((m = beanRe.exec(src))) {
      const name = explicitName(m[1]) || m[3];
      beans.set(name, { name, file, kind: 'bean-method', returnType: m[2].trim() });
    }
  }

  return beans;
}

function recordComponents(header) {
  const match = /^\s*\(([^)]*)\)/.exec(header);
  if (!match) {
    return [];
  }
  return match[1].split(',').map(part => part.trim().split(/\s+/).pop()).filter(Boolean);
}

const NOT_TYPES = new Set([ 'return', 'new', 'throw', 'else', 'case', 'yield', 'await' ]);

/**
 * How `bean.member` (a call when isCall, else a property) resolves in the bean's class source:
 * 'public', 'not-public', 'missing' or 'unknown' (no source, or inherited members possible).
 */
function memberAccess(bean, member, isCall) {
  if (!bean || bean.kind !== 'class') {
    return 'unknown';
  }
  const names = isCall
    ? [ member ]
    : [ 'get' + member[0].toUpperCase() + member.slice(1), 'is' + member[0].toUpperCase() + member.slice(1) ];
  if (isCall && bean.recordComponents.includes(member)) {
    return 'public';
  }
  let found = null;
  for (const name of names) {
    const re = new RegExp(`([\\w>\\]]+)\\s+${name}\\s*\\(`, 'g');
    let m;
    while ((m = re.exec(bean.source))) {
      if (NOT_TYPES.has(m[1])) {
        continue;
      }
      const lineStart = bean.source.lastIndexOf('\n', m.index) + 1;
      const declaration = bean.source.slice(lineStart, m.index + m[0].length);
      if (/\bpublic\b/.test(declaration)) {
        return 'public';
      }
      found = 'not-public';
    }
  }
  if (found) {
    return found;
  }
  return bean.extendsOther ? 'unknown' : 'missing';
}

/** Whether the bean's class declares that it implements the interface (by simple name); null if unknown. */
function implementsInterface(bean, iface) {
  if (!bean || bean.kind !== 'class') {
    return null;
  }
  if (bean.extendsOther && !bean.implementsText) {
    return null;
  }
  return new RegExp(`(^|[\\s,.])${iface}\\b`).test(bean.implementsText);
}

module.exports = {
  scanBeans,
  memberAccess,
  implementsInterface,
  stripComments,
  decapitalize
};
